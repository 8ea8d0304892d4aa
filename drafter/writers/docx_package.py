"""The prepared package: every part of a .docx but its text, made once per layout and cached.

What a layout puts in a .docx (page set-up, the styles, footers with the page number,
settings, the theme-free fonts) does not depend on the speech, and making it through
python-docx costs several times what writing the text does. So ``docx_prepare`` makes it
once, for a speech with no paragraphs, and this module keeps the result: the package's
parts in their order, ``word/document.xml`` cut where the paragraphs go, ``docProps/core.xml``
with placeholders for the title, author and times, and how each role's paragraphs are
styled in it (``docx_body.RoleStyle``). The parts are deflated once, there; writing a .docx
is then filling in those strings and laying the compressed parts out as a zip
(``write_package``).

The cache (``drafter.diskcache``, kind ``docx``: ``$XDG_CACHE_HOME/drafter/docx/``) keys each
package by the layout as loaded, the code that prepares it (size and mtime of this module,
``docx_prepare``, ``docx_xml``) and the installed python-docx template, so an edited profile,
a new drafter or a new python-docx each make a new one; one that is missing or damaged is
made again, and a cache folder that cannot be written only costs the time of preparing the
package each run. At most ``KEEP`` files stay.
"""

from __future__ import annotations

import importlib.util
import io
import os
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from drafter import __version__, diskcache
from drafter.writers.docx_body import RoleStyle, text

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
#: placeholders the prepared core.xml carries (plain ASCII: lxml writes them as they are)
TITLE, AUTHOR = "DRAFTER-TITLE-PLACEHOLDER", "DRAFTER-AUTHOR-PLACEHOLDER"
#: the creation and modification time the package is prepared with (docx_prepare), replaced
STAMP = "2000-01-01T00:00:00Z"
BODY_OPEN, SECTION = "<w:body>", "<w:sectPr"
#: cache files kept (several layouts, a version or two of drafter)
KEEP = 16
#: what the cache file format is; part of the digest
FORMAT = 2


@dataclass(frozen=True)
class Member:
    """One part of the package, compressed once: its zip entry's CRC, size and deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> "Member":
        return cls(name, zlib.crc32(data), len(data), deflate(data))


@dataclass(frozen=True)
class Package:
    """A .docx without its text."""

    #: the parts in the order python-docx wrote them; document.xml and core.xml are written
    #: from ``head``/``tail`` and ``core`` instead
    members: tuple[Member, ...]
    head: str
    tail: str
    core: str
    styles: dict[str, RoleStyle]

    def document_xml(self, body: str) -> bytes:
        return (self.head + body + self.tail).encode("utf-8")

    def core_xml(self, title: str, author: str, stamp: str) -> bytes:
        """core.xml with the title, author and the time ``stamp`` (W3CDTF, UTC) filled in."""
        return (self.core.replace(TITLE, text(title)).replace(AUTHOR, text(author))
                .replace(STAMP, stamp).encode("utf-8"))


class NotPreparable(ValueError):
    """The saved package is not shaped as the fast path needs (the caller writes it the slow way)."""


def from_saved(data: bytes, styles: dict[str, RoleStyle]) -> Package:
    """The Package of a .docx saved (by ``docx_prepare``) with an empty body and the placeholders."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    members = tuple(Member.of(name, part) for name, part in parts.items())
    if DOCUMENT not in parts or CORE not in parts:
        raise NotPreparable("no document or core part")
    document = parts[DOCUMENT].decode("utf-8")
    opened, section = document.find(BODY_OPEN), document.find(SECTION)
    if opened < 0 or section != opened + len(BODY_OPEN) or document.count(SECTION) != 1:
        raise NotPreparable("the body is not <w:body><w:sectPr …/></w:body>")
    core = parts[CORE].decode("utf-8")
    if core.count(TITLE) != 1 or core.count(AUTHOR) != 2 or core.count(STAMP) != 2:
        raise NotPreparable("core properties not where expected")
    return Package(members, document[:section], document[section:], core, dict(styles))


def write_package(package: Package, body: str, title: str, author: str) -> bytes:
    """The .docx bytes: the package's parts with ``body`` in the document and the properties set."""
    now = time.time()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
    members = []
    for member in package.members:
        if member.name == DOCUMENT:
            member = Member.of(DOCUMENT, package.document_xml(body))
        elif member.name == CORE:
            member = Member.of(CORE, package.core_xml(title, author, stamp))
        members.append(member)
    return zip_bytes(members, time.localtime(now)[:6])


def deflate(data: bytes) -> bytes:
    """Raw deflate at zlib's default level, as ``zipfile.ZIP_DEFLATED`` writes it."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def zip_bytes(members, date_time: tuple[int, ...]) -> bytes:
    """The zip archive of already deflated members, byte for byte what ``zipfile.ZipFile.writestr``
    writes for them (tests/test_docx_body.py compares): the parts are compressed once, when the
    package is prepared, not for every .docx."""
    year, month, day, hour, minute, second = date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | second // 2
    system = 0 if os.name == "nt" else 3  # zipfile's create_system
    out, central = bytearray(), bytearray()
    for m in members:
        name, flags = (m.name.encode("ascii"), 0) if m.name.isascii() else (m.name.encode("utf-8"), 0x800)
        offset = len(out)
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate,
                           m.crc, len(m.deflated), m.size, len(name), 0)
        out += name
        out += m.deflated
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, system, 20, 0, flags, zipfile.ZIP_DEFLATED,
                               dostime, dosdate, m.crc, len(m.deflated), m.size, len(name), 0, 0, 0, 0,
                               0o600 << 16, offset)
        central += name
    start = len(out)
    out += central
    out += struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


# ---------------------------------------------------------------- the cache

_MEMORY: dict[str, Package] = {}
_CODE = ("docx_package.py", "docx_prepare.py", "docx_xml.py")
KIND = "docx"


def cache_key(layout) -> str:
    """What the prepared package depends on: the layout as loaded, the preparing code (size and
    mtime of its modules), the installed python-docx template."""
    parts = [f"docx-package {FORMAT}", repr(layout)]
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:  # no sources installed: the package version stands in for them
            parts.append(f"{name}:{__version__}")
    parts.append(_python_docx_identity())
    return "\n".join(parts)


def _python_docx_identity() -> str:
    """python-docx's version and default template, found without importing it (90 ms)."""
    spec = importlib.util.find_spec("docx")
    if spec is None or not spec.submodule_search_locations:
        return "no python-docx"
    folder = Path(list(spec.submodule_search_locations)[0])
    out = []
    for rel in ("__init__.py", "templates/default.docx", "templates/default-styles.xml"):
        try:
            st = (folder / rel).stat()
            out.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            out.append(f"{rel}:-")
    return ";".join(out)


def load_cached(key: str) -> Package | None:
    if key in _MEMORY:
        return _MEMORY[key]
    raw = diskcache.load(KIND, key)
    if raw is None:
        return None
    try:
        head, tail, core, members, styles = raw
        package = Package(tuple(Member(*m) for m in members), head, tail, core,
                          {role: RoleStyle(*style) for role, style in styles.items()})
    except (ValueError, TypeError, AttributeError):
        return None  # another shape: the caller prepares it again
    _MEMORY[key] = package
    return package


def store(key: str, package: Package) -> None:
    """Keep ``package`` in memory and, when the cache folder is writable, on disk."""
    _MEMORY[key] = package
    members = [(m.name, m.crc, m.size, m.deflated) for m in package.members]
    styles = {role: (s.style_id, s.font) for role, s in package.styles.items()}
    diskcache.store(KIND, key, (package.head, package.tail, package.core, members, styles), keep=KEEP)
