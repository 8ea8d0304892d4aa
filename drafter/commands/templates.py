"""``drafter templates list|show``: the speech types drafter can draft, and where their templates are."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from drafter.errors import TemplateError
from drafter.i18n import N_, _
from drafter.suggest import unknown

ORDER = 32

templates_app = typer.Typer(help=N_("""List and show the drafting templates (one per speech type).

Examples:

    drafter templates list
    drafter templates show 党课 > templates/党课.j2"""), no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")


@templates_app.command("list", help=N_("""Every template on the search path: name, default numbering, what it is for, its file.

Example:

    drafter templates list --templates 我的模板/"""))
def list_(
    templates: Optional[Path] = typer.Option(None, "--templates", metavar="DIR", help=N_("Also look here first.")),
) -> None:
    """Every template on the search path: name, default numbering, what it is for, its file."""
    from drafter.compose.env import list_templates  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    for info in list_templates(templates):
        note = _(" (as {name})").format(name=info.extends) if info.extends else ""
        typer.echo(f"{info.name}\t{info.numbering}\t{info.description}{note}\t{info.path}")


@templates_app.command("show", help=N_("""Print a template's source (copy it into ./templates to make your own).

Example:

    drafter templates show 研讨发言"""))
def show(
    name: str = typer.Argument(..., metavar="NAME", help=N_("Template name, e.g. 研讨发言.")),
    templates: Optional[Path] = typer.Option(None, "--templates", metavar="DIR", help=N_("Also look here first.")),
) -> None:
    """Print a template's source (copy it into ./templates to make your own)."""
    from drafter.compose.env import find_template, list_templates  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    info = find_template(name, templates)
    if info is None:
        raise TemplateError(unknown(N_("template"), name, [t.name for t in list_templates(templates)]))
    typer.echo(info.path.read_text(encoding="utf-8"), nl=False)
