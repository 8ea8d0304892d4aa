"""``drafter serve``: the local web page (outline form, draft, sentence choice, bank)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

ORDER = 60


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    bank: Optional[Path] = typer.Option(None, "--bank", help="Phrase bank directory (default ./phrasebank, else the built-in one, read-only)."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Look for templates here first."),
    folder: Path = typer.Option(Path("."), "--dir", help="The outline folder: outlines are opened and saved here, speeches mined from here."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this computer only)."),
    port: int = typer.Option(8765, "--port", help="Port (0: any free port)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the browser."),
) -> None:
    """Start the local web page: fill an outline, draft, pick sentences, download the Word file."""
    from drafter.serve.run import run

    run(bank=bank, templates=templates, folder=folder, host=host, port=port, open_browser=open_browser)
