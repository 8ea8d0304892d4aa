"""``drafter serve``: the local web page (outline form, draft, sentence choice, bank)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from drafter.i18n import N_

ORDER = 60

HELP = N_("""Start the local web page: fill an outline, draft, pick sentences, download the Word file.

The page is on this computer only (127.0.0.1) unless --host says otherwise; it speaks the
language drafter speaks (--lang, DRAFTER_LANG, the locale).

Examples:

    drafter serve --open
    drafter serve --dir 我的提纲 --bank 我的词库 --port 8800""")


def register(app: typer.Typer) -> None:
    app.command("serve", help=HELP)(serve)


def serve(
    bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR",
                                        help=N_("Phrase bank folder (default: DRAFTER_BANK, else the project's bank "
                                                "found from the current folder, else the built-in one, read-only).")),
    templates: Optional[Path] = typer.Option(None, "--templates", metavar="DIR",
                                             help=N_("Look for templates here first.")),
    folder: Path = typer.Option(Path("."), "--dir", metavar="FOLDER",
                                help=N_("The outline folder: outlines are opened and saved here, speeches "
                                        "mined from here.")),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help=N_("Address to listen on (default: this computer only).")),
    port: int = typer.Option(8765, "--port", metavar="N", help=N_("Port (0: any free port).")),
    open_browser: bool = typer.Option(False, "--open", help=N_("Open the page in the browser.")),
) -> None:
    """Start the local web page: fill an outline, draft, pick sentences, download the Word file."""
    from drafter.serve.run import run  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    run(bank=bank, templates=templates, folder=folder, host=host, port=port, open_browser=open_browser)
