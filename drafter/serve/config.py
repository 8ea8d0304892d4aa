"""What the server may touch: one bank, the templates, one outline folder, and paths inside them.

Every path that comes from the page is resolved (symbolic links followed) and must stay
inside the folder it is meant for; anything else is refused before a byte is read or
written. The served address decides which Host headers and Origins are the page's own.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from drafter.bank import packaged_bank_dir
from drafter.i18n import N_, _

#: outline files the page opens and saves
OUTLINE_SUFFIXES = (".yaml", ".yml")
#: speech files the page mines
SPEECH_SUFFIXES = (".txt", ".md", ".docx")
#: request bodies: outlines, drafts and bank edits are small; uploads for mining are bigger
MAX_BODY = 1 << 20
MAX_UPLOAD = 32 << 20
#: files listed in the outline folder (a folder of thousands is not an outline folder)
MAX_LISTED = 500


class Refused(Exception):
    """A request the server will not carry out (HTTP status and a message for the writer)."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class ServeConfig:
    bank: Path
    root: Path
    templates: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8765

    def __post_init__(self) -> None:
        self.bank = Path(self.bank).resolve()
        self.root = Path(self.root).resolve()
        if self.templates is not None:
            self.templates = Path(self.templates).resolve()

    # -- paths ---------------------------------------------------------------------------

    def in_root(self, name: str, suffixes: tuple[str, ...] | None = None) -> Path:
        """``name`` (relative to the outline folder, or absolute inside it) as a checked path."""
        return inside(self.root, name, suffixes, N_("the outline folder"))

    def bank_writable(self) -> bool:
        return self.bank != Path(packaged_bank_dir()).resolve()

    # -- the served address ----------------------------------------------------------------

    def host_ok(self, header: str | None) -> bool:
        """Is ``header`` (the Host header, ``name:port``) an address this server is served at?"""
        if not header:
            return False
        name, port = split_host(header)
        if port != self.port:
            return False
        return name in self.names() or (self.wildcard() and _is_ip(name))

    def origin_ok(self, origin: str) -> bool:
        return origin.startswith("http://") and self.host_ok(origin[len("http://"):])

    def names(self) -> set[str]:
        served = self.host.strip("[]").lower()
        names = {served}
        if self.loopback() or self.wildcard():
            names |= {"127.0.0.1", "localhost", "::1"}
        if self.wildcard():
            names.add(socket.gethostname().lower())
        return names

    def loopback(self) -> bool:
        host = self.host.strip("[]")
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def wildcard(self) -> bool:
        return self.host.strip("[]") in ("0.0.0.0", "::", "")

    def url(self) -> str:
        host = "127.0.0.1" if self.wildcard() else self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"


def split_host(header: str) -> tuple[str, int | None]:
    """``"127.0.0.1:8765"`` → ("127.0.0.1", 8765); ``"[::1]:80"`` → ("::1", 80); no port → 80."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif header.count(":") == 1:
        name, port = header.split(":")
    else:
        name, port = header, ""
    if not port:
        return name, 80
    return name, int(port) if port.isdigit() else None


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def inside(base: Path, name: str, suffixes: tuple[str, ...] | None, what: str) -> Path:
    """``base / name`` resolved; Refused unless it stays inside ``base`` and has a wanted suffix."""
    if not isinstance(name, str) or not name.strip() or "\0" in name:
        raise Refused(_("no file name in {what} was given").format(what=_(what)), 400)
    path = (base / name.strip()).resolve()
    if path != base and not path.is_relative_to(base):
        raise Refused(_("“{name}” is not inside {what} ({base}): it is neither read nor written").format(
            name=name, what=_(what), base=base))
    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise Refused(_("“{name}” is not a {suffixes} file").format(name=name, suffixes=" ".join(suffixes)), 400)
    return path
