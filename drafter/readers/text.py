"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

Government offices still save GBK; we detect it rather than ask: UTF-8 is tried first
(it is strict, so GBK bytes fail it), then GB18030, a superset of GBK and GB2312.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from drafter.errors import ReadError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Markdown the md writer produces (and people commonly write): heading hashes, a bold lead.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_BOLD_LEAD = re.compile(r"^\*\*(.+?[。；：！？])\*\*", re.M)


def decode(data: bytes, path: str = "") -> str:
    """Bytes to text, detecting the encoding; ReadError for binary or undecodable data."""
    if not data.strip():
        raise ReadError("file is empty", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:].decode("utf-8", errors="replace"), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data.decode("utf-16"), path)
    if b"\x00" in data:
        raise ReadError("looks like a binary file, not text (convert it to .txt or .docx)", path=path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise ReadError("cannot decode the text as UTF-8, UTF-16 or GB18030 (save it as UTF-8)", path=path)


def _checked(text: str, path: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise ReadError("looks like a binary file, not text (convert it to .txt or .docx)", path=path)
    if not text.strip():
        raise ReadError("file is empty", path=path)
    return text


def strip_markdown(text: str) -> str:
    """Remove the markup the md writer adds, so .md parses like .txt."""
    text = _MD_HEADING.sub("", text)
    return _MD_BOLD_LEAD.sub(r"\1", text)


def read_text(path: Path):
    from drafter.readers import RawDoc

    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}", path=str(path)) from err
    text = decode(data, str(path))
    if path.suffix.lower() in (".md", ".markdown"):
        text = strip_markdown(text)
    return RawDoc(path=path, text=text)
