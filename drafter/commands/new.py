"""``drafter new TYPE``: a starting outline for a speech type, from the mined skeletons."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

ORDER = 29


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    kind: str = typer.Argument(..., metavar="TYPE", help="Speech type, e.g. 研讨发言, 辅导报告, 党课."),
    theme: Optional[str] = typer.Option(None, "--theme", help="The theme, e.g. 以学促干."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write the outline here (default: stdout)."),
    bank: Optional[Path] = typer.Option(None, "--bank", help="Phrase bank whose skeletons to use."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Look for templates here first."),
    force: bool = typer.Option(False, "--force", help="Replace an output file that already exists."),
) -> None:
    """Write a starting outline (headings from the heading patterns of speeches of that type)."""
    from drafter.compose.starter import new_outline

    if out is not None:
        from drafter.writers.guard import check_output
        check_output(out, force=force)
    from drafter.bank.locate import announce, resolve_bank

    choice = resolve_bank(bank)
    announce(choice)
    text = new_outline(kind, theme=theme, bank=choice.path, templates=templates)
    if out is None:
        typer.echo(text, nl=False)
        return
    from drafter.writers.atomic import write_text_atomic

    write_text_atomic(out, text)
    typer.echo(f"drafter: wrote {out}; edit it, then: drafter draft {out}", err=True)
