"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

Government offices still save GBK; we detect it rather than ask: UTF-8 is tried first
(it is strict, so GBK bytes fail it), then GB18030, a superset of GBK and GB2312.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from drafter.errors import ReadError

# control characters no text means: C0 except tab/newline/CR (form feed and vertical tab
# are breaks, see _BREAKS), DEL, and C1 (what cp1252 bytes become when misread)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# page breaks (pdftotext writes \f), vertical tabs (Word's manual line break pasted), and the
# Unicode line and paragraph separators: each ends a line
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029\x85]")
# Markdown the md writer produces (and people commonly write): heading hashes, a bold lead.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)  # never across a line end: line numbers stay
_MD_BOLD_LEAD = re.compile(r"^\*\*(.+?[。；：！？])\*\*", re.M)


def decode(data: bytes, path: str = "") -> str:
    """Bytes to text, detecting the encoding; ReadError for binary or undecodable data.

    Honest: bytes are never silently replaced. A file that is UTF-8 but for a few bad bytes
    is refused naming the line and column of the first; a control character (other than
    tab, line and page breaks) is refused naming where it is.
    """
    if not data.strip():
        raise ReadError("file is empty", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_utf8(data[3:], path, offset=3), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError as err:
            raise ReadError(f"invalid UTF-16 at byte {err.start}; re-save the file as UTF-8",
                            path=path) from None
    if b"\x00" in data:
        raise ReadError("looks like a binary file, not text (convert it to .txt or .docx)", path=path)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            _utf8(data, path)          # raises, naming the first bad byte
    try:
        return _checked(data.decode("gb18030"), path)
    except UnicodeDecodeError:
        pass
    raise ReadError("cannot decode the text as UTF-8, UTF-16 or GB18030 (save it as UTF-8)", path=path)


def _mostly_utf8(data: bytes) -> bool:
    """Whether undecodable data is UTF-8 with a few bad bytes (not GBK, which fails UTF-8 everywhere)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    return wide >= 4 * bad


def _utf8(data: bytes, path: str, offset: int = 0) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[start:err.start].decode("utf-8", errors="replace")) + 1
        raise ReadError(f"invalid UTF-8 byte 0x{data[err.start]:02x} at line {line}, column {column} "
                        f"(byte {err.start + offset}): the file is damaged or mixes encodings; "
                        "fix or re-save it as UTF-8", path=path) from None


def _checked(text: str, path: str) -> str:
    sample = text[:20000]
    controls = _CONTROL.findall(sample)
    if sample and len(controls) > max(2, len(sample) // 200):
        raise ReadError("looks like a binary file, not text (convert it to .txt or .docx)", path=path)
    text = _BREAKS.sub("\n", text)
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise ReadError(f"control character U+{ord(found.group()):04X} at line {line}, column {column}: "
                        "no text means it; delete it", path=path)
    if not text.strip():
        raise ReadError("file is empty", path=path)
    return text


def strip_markdown(text: str) -> str:
    """Remove the markup the md writer adds, so .md parses like .txt."""
    text = _MD_HEADING.sub("", text)
    return _MD_BOLD_LEAD.sub(r"\1", text)


def read_text(path: Path):
    from drafter.readers import RawDoc

    from drafter.limits import read_input_bytes

    data = read_input_bytes(path)
    text = decode(data, str(path))
    if path.suffix.lower() in (".md", ".markdown"):
        return RawDoc(path=path, text=strip_markdown(text), hints=markdown_hints(text))
    return RawDoc(path=path, text=text)


def markdown_hints(text: str) -> dict:
    """A bold lead (**一是……。** / **强化理论武装。**) says what a .docx's bold run says: by line number."""
    from drafter.readers import Hint

    hints = {}
    for no, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        m = _MD_BOLD_LEAD.match(line)
        if m:
            hints[no] = Hint(lead=m.group(1).strip())
    return hints
