"""``drafter templates list|show``: the speech types drafter can draft, and where their templates are."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

ORDER = 32

templates_app = typer.Typer(help="List and show the drafting templates (one per speech type).",
                            no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def list_(
    templates: Optional[Path] = typer.Option(None, "--templates", help="Also look here first."),
) -> None:
    """Every template on the search path: name, default numbering, what it is for, its file."""
    from drafter.compose.env import list_templates

    for info in list_templates(templates):
        note = f"（同 {info.extends}）" if info.extends else ""
        typer.echo(f"{info.name}\t{info.numbering}\t{info.description}{note}\t{info.path}")


@templates_app.command("show")
def show(
    name: str = typer.Argument(..., help="Template name, e.g. 研讨发言."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Also look here first."),
) -> None:
    """Print a template's source (copy it into ./templates to make your own)."""
    from drafter.compose.env import find_template, list_templates
    from drafter.errors import TemplateError

    info = find_template(name, templates)
    if info is None:
        names = ", ".join(t.name for t in list_templates(templates))
        raise TemplateError(f"no template named {name!r} (have: {names})")
    typer.echo(info.path.read_text(encoding="utf-8"), nl=False)
