"""``drafter mine CORPUS...``: section skeletons and a phrase bank out of past speeches."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from drafter.i18n import N_

ORDER = 20


def register(app: typer.Typer) -> None:
    app.command("mine")(mine)


def mine(
    corpus: List[Path] = typer.Argument(..., help="Speech files or directories (.txt .md .docx), searched recursively."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="DIR",
                                       help=N_("Bank folder to write or merge into (default: the bank "
                                               "drafter would use, see docs/bank-format.md; never the "
                                               "built-in one: then ./phrasebank).")),
    jobs: int = typer.Option(1, "-j", "--jobs", help="Mine in N processes (0: one per CPU); same output for any N."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary."),
) -> None:
    """Mine skeletons and phrases into a bank; re-mining merges and keeps hand edits."""
    from drafter.cli import fail
    from drafter.mining import mine as run
    from drafter.mining.run import cpu_jobs

    if jobs < 0:
        fail("--jobs must be 0 (one per CPU) or more")
    from drafter.bank.locate import announce, resolve_output_bank

    choice = resolve_output_bank(out)
    out = choice.path
    if not quiet:
        announce(choice)
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
