"""``drafter fonts``: the fonts a layout needs, which are installed, what replaces a missing one."""

from __future__ import annotations

import json
from typing import Optional

import typer

from drafter.i18n import N_, _

ORDER = 55

HELP = N_("""Which fonts the layout needs, which are installed (fontconfig), and what stands in for a missing one.

Exit status: 0 every font is installed (or fontconfig cannot tell), 1 some font is missing.

Examples:

    drafter fonts
    drafter fonts --layout windows""")


def register(app: typer.Typer) -> None:
    app.command("fonts", help=HELP)(fonts)


def fonts(
    layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                         help=N_("Layout profile (default gbt9704; 'windows' uses stock Windows fonts).")),
    as_json: bool = typer.Option(False, "--json", help=N_("One JSON object: layout, fontconfig and every font.")),
) -> None:
    """Which fonts the layout needs, which are installed (fontconfig), and what stands in for a missing one.

    Exit status: 0 every font is installed (or fontconfig cannot tell), 1 some font is missing.
    """
    from drafter.fonts import font_report, has_fontconfig  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.layouts import load_layout  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    profile = load_layout(layout)
    needs = font_report(profile)
    missing = [n for n in needs if n.installed is False]
    if as_json:

        typer.echo(json.dumps({"layout": profile.name, "fontconfig": has_fontconfig(),
                               "fonts": [n.to_dict() for n in needs]}, ensure_ascii=False))
    else:
        for n in needs:
            if n.installed is None:
                state = "?"
            else:
                state = _("ok") if n.installed else _("MISSING")
            shown = f"{state:8} {n.font}: {_(', ').join(_(use) for use in n.uses)}"
            if n.installed is False:
                shown += (_(" → shown as {font}").format(font=n.replaced_by) if n.replaced_by
                          else _(" → no stand-in found"))
            typer.echo(shown)
        if not has_fontconfig():
            typer.echo("drafter: " + _("fontconfig (fc-list) not found, so installed fonts cannot be listed; "
                                       "the fonts above are what the layout needs"))
        elif missing:
            advice = (_("install them, or draft with --layout windows (仿宋/楷体/黑体/宋体, stock on Windows); "
                        "a file in the official fonts still prints right on a machine that has them")
                      if profile.name != "windows" else _("install them"))
            typer.echo(_("{missing} of {n} fonts missing ({layout} layout): {advice}").format(
                missing=len(missing), n=len(needs), layout=profile.name, advice=advice))
        else:
            typer.echo(_("all {n} fonts installed ({layout} layout)").format(n=len(needs), layout=profile.name))
    if missing:
        raise typer.Exit(1)
