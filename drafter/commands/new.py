"""``drafter new TYPE``: a starting outline for a speech type, from the mined skeletons."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from drafter.atomic import write_text_atomic
from drafter.bank.locate import announce, resolve_bank
from drafter.i18n import N_, _

ORDER = 29

HELP = N_("""Write a starting outline (headings from the heading patterns of speeches of that type).

Edit the title, theme and headings it leaves, then draft it.

Examples:

    drafter new 党课 --theme 以学促干 -o 党课.yaml
    drafter new 研讨发言 > 提纲.yaml""")


def register(app: typer.Typer) -> None:
    app.command("new", help=HELP)(new)


def new(
    kind: str = typer.Argument(..., metavar="TYPE", help=N_("Speech type, e.g. 研讨发言, 辅导报告, 党课.")),
    theme: Optional[str] = typer.Option(None, "--theme", metavar="TEXT", help=N_("The theme, e.g. 以学促干.")),
    out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="FILE", help=N_("Write the outline here (default: stdout).")),
    bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR",
                                        help=N_("Phrase bank whose skeletons to use (default: the bank "
                                                "drafter would use, see docs/bank-format.md).")),
    templates: Optional[Path] = typer.Option(None, "--templates", metavar="DIR", help=N_("Look for templates here first.")),
    force: bool = typer.Option(False, "--force", help=N_("Replace an output file that already exists.")),
) -> None:
    """Write a starting outline (headings from the heading patterns of speeches of that type)."""
    from drafter.compose.starter import new_outline  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    if out is not None:
        from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        check_output(out, force=force)

    choice = resolve_bank(bank)
    announce(choice)
    text = new_outline(kind, theme=theme, bank=choice.path, templates=templates)
    if out is None:
        typer.echo(text, nl=False)
        return

    write_text_atomic(out, text)
    typer.echo("drafter: " + _("wrote {out}; edit it, then: drafter draft {out}").format(out=out), err=True)
