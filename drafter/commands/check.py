"""``drafter check FILE.docx``: one line per layout rule, pass or fail with what was found."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from drafter.console import echo
from drafter.fastcli import Spec
from drafter.i18n import N_, _, ngettext, translate

if TYPE_CHECKING:
    import typer

ORDER = 50

HELP = N_("""Check a .docx against the official layout: page, margins, fonts, sizes, spacing, headings, page numbers.

Exit status: 0 every rule passes, 1 some rule fails, 2 the file or layout could not be used.

Examples:

    drafter check 发言.docx
    drafter check 发言.docx --layout large-print --json""")


#: the command line as the signature in ``register`` declares it (fastcli.py: read without typer)
FAST = Spec(arguments=("path",), options={"--layout": "layout"}, flags={"--json": "as_json"},
            strings=frozenset({"layout"}))


def register(app: typer.Typer) -> None:
    import typer  # noqa: PLC0415 - the CLI framework (+75 ms CPU, measured): `drafter check` runs without it (FAST)

    def check(
        path: Path = typer.Argument(..., metavar="FILE.docx", help=N_("A Word document (drafter's or anyone's).")),
        as_json: bool = typer.Option(False, "--json", help=N_("One JSON object: file, layout, ok and every rule.")),
        layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                             help=N_("Layout profile to check against (default gbt9704).")),
    ) -> None:
        """Check a .docx against the official layout: page, margins, fonts, sizes, spacing, headings, page numbers.

        Exit status: 0 every rule passes, 1 some rule fails, 2 the file or layout could not be used.
        """
        code = run(path=path, as_json=as_json, layout=layout)
        if code:
            raise typer.Exit(code)

    app.command("check", help=HELP)(check)


def fix_command(path: Path, layout: str | None) -> str:
    """The command that writes a copy of ``path`` in the layout: ``drafter export`` re-lays it out."""
    out = path.with_name(f"{path.stem}-排版.docx")
    command = ["drafter", "export", str(path), "-o", str(out)]
    if layout:
        command += ["--layout", layout]
    return " ".join(shlex.quote(part) for part in command)


def run(path: Path, as_json: bool, layout: Optional[str]) -> int:
    """The checks, printed; the exit code (1: some rule fails)."""
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
        echo(json.dumps(data, ensure_ascii=False))
    else:
        for r in results:
            status = _("pass") if r.ok else _("FAIL")
            echo(f"{status}  {r.rule}: {translate(r.found)}")
        if failed:
            summary = ngettext("{failed} of {n} rule failed", "{failed} of {n} rules failed",
                               len(results)).format(failed=len(failed), n=len(results))
        else:
            summary = ngettext("the {n} rule passes", "all {n} rules pass", len(results)).format(n=len(results))
        echo(_("{path}: {summary} ({layout} layout)").format(path=path, summary=summary, layout=profile.name))
        if fix:
            echo(_("to fix: {fix}  (re-lays the text out in the {layout} layout: page, fonts, sizes, "
                   "spacing, headings and page numbers; the text itself stays as it is)").format(
                fix=fix, layout=profile.name))
    return 1 if failed else 0
