"""Start the server: check the folders, bind (port 0: any free one), say where, serve."""

from __future__ import annotations

import socket
import sys
import webbrowser
from pathlib import Path

import uvicorn

from drafter.bank import default_bank_dir
from drafter.compose import cache
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.serve.app import make_app
from drafter.serve.config import ServeConfig


def make_config(bank=None, templates=None, folder=".", host="127.0.0.1", port=8765) -> ServeConfig:
    folder = Path(folder)
    if not folder.is_dir():
        raise DrafterError(_("outline folder not found"), path=str(folder), key="--dir")
    if bank is not None and not Path(bank).is_dir():
        raise DrafterError(_("phrase bank directory not found"), path=str(bank), key="--bank")
    if templates is not None and not Path(templates).is_dir():
        raise DrafterError(_("templates directory not found"), path=str(templates), key="--templates")
    if not 0 <= port <= 65535:
        raise DrafterError(_("port {port} is not 0–65535").format(port=port), key="--port")
    return ServeConfig(bank=Path(bank) if bank is not None else Path(default_bank_dir()),
                       root=folder, templates=templates, host=host, port=port)


def bind(config: ServeConfig) -> socket.socket:
    """A listening socket on the configured address; port 0 becomes the port the OS gave."""
    family = socket.AF_INET6 if ":" in config.host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host.strip("[]"), config.port))
    except OSError as err:
        sock.close()
        raise DrafterError(_("cannot listen on {address}: {reason}").format(
            address=f"{config.host}:{config.port}", reason=err.strerror),
                           key="--port") from None
    sock.listen(128)
    sock.set_inheritable(True)
    config.port = sock.getsockname()[1]
    return sock


def startup_messages(config: ServeConfig) -> list[str]:
    """Where the page is (first line, so a script can read the address), and a warning when
    it can be reached from other computers."""
    bank = _("bank {path}").format(path=config.bank) if config.bank_writable() else \
        _("bank {path}, read-only").format(path=config.bank)
    lines = ["drafter: " + _("the page is at {url} (outline folder {root}, {bank}); Ctrl+C stops it").format(
        url=config.url(), root=config.root, bank=bank)]
    if not config.loopback():
        lines.append("drafter: " + _("warning: listening on {host}, other computers can open this page and read "
                                     "and write the outline folder and the bank; do this only on a network you "
                                     "trust").format(host=config.host))
    return lines


def run(bank=None, templates=None, folder=".", host="127.0.0.1", port=8765,
        open_browser=False) -> None:
    config = make_config(bank, templates, folder, host, port)
    cache.enable()  # a server drafts again and again: keep the bank view and templates warm
    sock = bind(config)
    for line in startup_messages(config):
        print(line, file=sys.stderr, flush=True)
    if open_browser:
        webbrowser.open(config.url())
    server = uvicorn.Server(uvicorn.Config(make_app(config), log_level="warning", access_log=False,
                                           lifespan="off"))
    server.run(sockets=[sock])
