"""``drafter mine CORPUS...``: section skeletons and a phrase bank out of past speeches."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

ORDER = 20


def register(app: typer.Typer) -> None:
    app.command("mine")(mine)


def mine(
    corpus: List[Path] = typer.Argument(..., help="Speech files or directories (.txt .md .docx), searched recursively."),
    out: Path = typer.Option(Path("phrasebank"), "-o", "--out", help="Bank directory to write or merge into."),
    jobs: int = typer.Option(1, "-j", "--jobs", help="Mine in N processes (0: one per CPU); same output for any N."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary."),
) -> None:
    """Mine skeletons and phrases into a bank; re-mining merges and keeps hand edits."""
    from drafter.cli import fail
    from drafter.mining import mine as run
    from drafter.mining.run import cpu_jobs

    if jobs < 0:
        fail("--jobs must be 0 (one per CPU) or more")
    result = run(corpus, out, jobs=cpu_jobs(jobs), progress=not quiet)
    for error in result.errors:
        typer.echo(f"drafter: skipped {error}", err=True)
    if quiet:
        return
    report = result.report
    types = ", ".join(f"{kind} {n}" for kind, n in result.types.items())
    typer.echo(f"drafter: mined {result.files} files ({types}) into {out}: {result.phrases} phrases; "
               f"{len(report.added)} added, {len(report.updated)} updated, {len(report.kept)} kept as edited, "
               f"{len(report.dropped)} dropped, {len(report.skipped)} skipped (deleted or a duplicate)", err=True)
