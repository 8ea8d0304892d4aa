"""``drafter mine CORPUS...``: section skeletons and a phrase bank out of past speeches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from drafter.bank.locate import announce, resolve_output_bank
from drafter.errors import UsageError
from drafter.i18n import N_, _

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

ORDER = 20


HELP = N_("""Mine skeletons and phrases into a bank; re-mining merges and keeps hand edits.

Examples:

    drafter mine 历年讲话/ -o phrasebank
    drafter mine corpus/ 新稿.docx --jobs 0""")


def register(app: typer.Typer) -> None:
    app.command("mine", help=HELP)(mine)


def mine(
    corpus: List[Path] = typer.Argument(..., metavar="CORPUS...",
                                        help=N_("Speech files or directories (.txt .md .docx), searched recursively.")),
    out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="DIR",
                                       help=N_("Bank folder to write or merge into (default: the bank "
                                               "drafter would use, see docs/bank-format.md; never the "
                                               "built-in one: then ./phrasebank).")),
    jobs: int = typer.Option(1, "-j", "--jobs", metavar="N",
                             help=N_("Mine in N processes (0: one per CPU); same output for any N.")),
    quiet: bool = typer.Option(False, "-q", "--quiet", help=N_("No progress bar and no summary.")),
) -> None:
    """Mine skeletons and phrases into a bank; re-mining merges and keeps hand edits."""
    from drafter.mining import mine as run  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.mining.run import cpu_jobs  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    if jobs < 0:
        raise UsageError(_("--jobs must be 0 (one per CPU) or more"))

    choice = resolve_output_bank(out)
    out = choice.path
    if not quiet:
        announce(choice)
    with ProgressBar(enabled=not quiet) as bar:
        result = run(corpus, out, jobs=cpu_jobs(jobs), on_progress=bar.update)
    for error in result.errors:
        typer.echo("drafter: " + _("skipped {error}").format(error=error), err=True)
    if quiet:
        return
    for note in result.notes:
        typer.echo("drafter: " + note, err=True)
    report = result.report
    types = ", ".join(f"{kind} {n}" for kind, n in result.types.items())
    typer.echo("drafter: " + _("mined {files} files ({types}) into {out}: {phrases} phrases; {added} added, "
                               "{updated} updated, {kept} kept as edited, {dropped} dropped, {skipped} skipped "
                               "(deleted or a duplicate)").format(
        files=result.files, types=types, out=out, phrases=result.phrases, added=len(report.added),
        updated=len(report.updated), kept=len(report.kept), dropped=len(report.dropped),
        skipped=len(report.skipped)), err=True)


#: show a progress bar from this many files on
PROGRESS_FROM = 10


class ProgressBar:
    """Mining progress as a bar on stderr (rich), drawn from the miner's ``on_progress`` calls.

    Nothing is drawn when disabled (``--quiet``) or for fewer than ``PROGRESS_FROM`` files; the
    bar is transient: it is gone when mining ends, leaving the summary line.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        return self

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.enabled or total < PROGRESS_FROM:
                return
            # rich costs ~30 ms to import: only when a bar is drawn
            from rich.console import Console  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

            self.bar = Progress(TextColumn(_("mining")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("mining", total=total)
        if self.task is not None:
            self.bar.update(self.task, completed=done)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
