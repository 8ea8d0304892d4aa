"""``drafter fonts``: the fonts a layout needs, which are installed, what replaces a missing one."""

from __future__ import annotations

from typing import Optional

import typer

ORDER = 55


def register(app: typer.Typer) -> None:
    app.command("fonts")(fonts)


def fonts(
    layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                         help="Layout profile (default gbt9704; 'windows' uses stock Windows fonts)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object: layout, fontconfig and every font."),
) -> None:
    """Which fonts the layout needs, which are installed (fontconfig), and what stands in for a missing one.

    Exit status: 0 every font is installed (or fontconfig cannot tell), 1 some font is missing.
    """
    from drafter.fonts import font_report, has_fontconfig
    from drafter.layouts import load_layout

    profile = load_layout(layout)
    needs = font_report(profile)
    missing = [n for n in needs if n.installed is False]
    if as_json:
        import json

        typer.echo(json.dumps({"layout": profile.name, "fontconfig": has_fontconfig(),
                               "fonts": [n.to_dict() for n in needs]}, ensure_ascii=False))
    else:
        for n in needs:
            if n.installed is None:
                state = "?"
            else:
                state = "ok" if n.installed else "MISSING"
            shown = f"{state:8} {n.font}: {', '.join(n.uses)}"
            if n.installed is False:
                shown += f" → shown as {n.replaced_by}" if n.replaced_by else " → no stand-in found"
            typer.echo(shown)
        if not has_fontconfig():
            typer.echo("drafter: fontconfig (fc-list) not found, so installed fonts cannot be listed; "
                       "the fonts above are what the layout needs")
        elif missing:
            advice = ("install them, or draft with --layout windows (仿宋/楷体/黑体/宋体, stock on Windows); "
                      "a file in the official fonts still prints right on a machine that has them"
                      if profile.name != "windows" else "install them")
            typer.echo(f"{len(missing)} of {len(needs)} fonts missing ({profile.name} layout): {advice}")
        else:
            typer.echo(f"all {len(needs)} fonts installed ({profile.name} layout)")
    if missing:
        raise typer.Exit(1)
