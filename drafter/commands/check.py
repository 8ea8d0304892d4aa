"""``drafter check FILE.docx``: one line per layout rule, pass or fail with what was found."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Optional

import typer

from drafter.i18n import N_, _, ngettext, translate

ORDER = 50

HELP = N_("""Check a .docx against the official layout: page, margins, fonts, sizes, spacing, headings, page numbers.

Exit status: 0 every rule passes, 1 some rule fails, 2 the file or layout could not be used.

Examples:

    drafter check 发言.docx
    drafter check 发言.docx --layout large-print --json""")


def register(app: typer.Typer) -> None:
    app.command("check", help=HELP)(check)


def fix_command(path: Path, layout: str | None) -> str:
    """The command that writes a copy of ``path`` in the layout: ``drafter export`` re-lays it out."""
    out = path.with_name(f"{path.stem}-排版.docx")
    command = ["drafter", "export", str(path), "-o", str(out)]
    if layout:
        command += ["--layout", layout]
    return " ".join(shlex.quote(part) for part in command)


def check(
    path: Path = typer.Argument(..., metavar="FILE.docx", help=N_("A Word document (drafter's or anyone's).")),
    as_json: bool = typer.Option(False, "--json", help=N_("One JSON object: file, layout, ok and every rule.")),
    layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                         help=N_("Layout profile to check against (default gbt9704).")),
) -> None:
    """Check a .docx against the official layout: page, margins, fonts, sizes, spacing, headings, page numbers.

    Exit status: 0 every rule passes, 1 some rule fails, 2 the file or layout could not be used.
    """
    from drafter.check import check_docx  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.layouts import load_layout  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    profile = load_layout(layout)
    results = check_docx(path, profile)
    failed = [r for r in results if not r.ok]
    fix = fix_command(path, layout) if failed else None
    if as_json:

        data = {"file": str(path), "layout": profile.name, "ok": not failed,
                "rules": [r.to_dict() for r in results]}
        if fix:
            data["fix"] = fix
        typer.echo(json.dumps(data, ensure_ascii=False))
    else:
        for r in results:
            status = _("pass") if r.ok else _("FAIL")
            typer.echo(f"{status}  {r.rule}: {translate(r.found)}")
        if failed:
            summary = ngettext("{failed} of {n} rule failed", "{failed} of {n} rules failed",
                               len(results)).format(failed=len(failed), n=len(results))
        else:
            summary = ngettext("the {n} rule passes", "all {n} rules pass", len(results)).format(n=len(results))
        typer.echo(_("{path}: {summary} ({layout} layout)").format(path=path, summary=summary,
                                                                   layout=profile.name))
        if fix:
            typer.echo(_("to fix: {fix}  (re-lays the text out in the {layout} layout: page, fonts, sizes, "
                         "spacing, headings and page numbers; the text itself stays as it is)").format(
                fix=fix, layout=profile.name))
    if failed:
        raise typer.Exit(1)
