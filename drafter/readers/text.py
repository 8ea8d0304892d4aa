"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK, Big5.

Government offices still save GBK, Taiwan and Hong Kong sources Big5, some Windows tools UTF-16
without a BOM; we detect it rather than ask. UTF-8 is tried first (it is strict, so other bytes
fail it). Otherwise the text is decoded as each of GB18030, Big5 and UTF-16 LE/BE that takes the
bytes without error, and the reading with the most of the commonest Chinese characters wins: Big5
bytes are nearly always valid GBK too, but read as GBK they are rare characters.

No detector library: the choice is among four known encodings, and charset-normalizer's guesses
on short GBK texts vary (a few hundred bytes come out as cp1252 or shift_jis), where counting
common characters is deterministic and cheap.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.limits import read_input_bytes
from drafter.readers.raw import Hint, RawDoc

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
        raise ReadError(_("file is empty"), path=path)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_utf8(data[3:], path, offset=3), path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError as err:
            raise ReadError(_("invalid UTF-16 at byte {byte}; re-save the file as UTF-8").format(byte=err.start),
                            path=path) from None
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), path)
        except UnicodeDecodeError:
            if _mostly_utf8(data):
                _utf8(data, path)          # raises, naming the first bad byte
    encoding = best_fallback(data, path, lambda enc: data.decode(enc))
    return _checked(data.decode(encoding), path)


def best_fallback(data: bytes, path, decode) -> str:
    """The fallback encoding (GB18030, Big5, UTF-16 without BOM) that reads ``data`` with the most
    common Chinese characters, ``decode(encoding)`` giving the text (a whole file, or the first MB
    of a streamed one); refused in one line when none reads as Chinese text."""
    best, best_score = None, 0.0
    for encoding in _FALLBACKS:
        try:
            text = decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _common_share(text)
        if score > best_score:
            best, best_score = encoding, score
    if best is None or best_score < 0.08:
        if b"\x00" in data:
            raise ReadError(_("looks like a binary file, not text (convert it to .txt or .docx)"), path=str(path))
        raise ReadError(_("cannot decode the text as UTF-8, UTF-16, GB18030 or Big5 (save it as UTF-8)"),
                        path=str(path))
    return best


_FALLBACKS = ("gb18030", "big5", "utf-16-le", "utf-16-be")
#: the commonest characters of Chinese prose, simplified and traditional forms
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命"
    "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果员革位入常文总次品式活设及管特件长求基"
    "資這個為們來時國會說對發動經過後學進還與關開現實點產種從業當應體與"
    "，。、；：“”！？")


def _common_share(text: str) -> float:
    sample = text[:4000]
    if not sample:
        return 0.0
    return sum(1 for c in sample if c in _COMMON) / len(sample)


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
        raise ReadError(_("invalid UTF-8 byte 0x{value:02x} at line {line}, column {column} (byte {byte}): the "
                          "file is damaged or mixes encodings; fix or re-save it as UTF-8").format(
            value=data[err.start], line=line, column=column, byte=err.start + offset), path=path) from None


def _checked(text: str, path: str) -> str:
    sample = text[:20000]
    controls = _CONTROL.findall(sample)
    if sample and len(controls) > max(2, len(sample) // 200):
        raise ReadError(_("looks like a binary file, not text (convert it to .txt or .docx)"), path=path)
    text = _BREAKS.sub("\n", text)
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise ReadError(_("control character U+{code:04X} at line {line}, column {column}: no text means it; "
                          "delete it").format(code=ord(found.group()), line=line, column=column), path=path)
    if not text.strip():
        raise ReadError(_("file is empty"), path=path)
    return text


def strip_markdown(text: str) -> str:
    """Remove the markup the md writer adds, so .md parses like .txt."""
    text = _MD_HEADING.sub("", text)
    return _MD_BOLD_LEAD.sub(r"\1", text)


def read_text(path: Path):
    data = read_input_bytes(path)
    text = decode(data, str(path))
    if path.suffix.lower() in (".md", ".markdown"):
        return RawDoc(path=path, text=strip_markdown(text), hints=markdown_hints(text))
    return RawDoc(path=path, text=text)


def markdown_hints(text: str) -> dict:
    """A bold lead (**一是……。** / **强化理论武装。**) says what a .docx's bold run says: by line number."""
    hints = {}
    for no, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        m = _MD_BOLD_LEAD.match(line)
        if m:
            hints[no] = Hint(lead=m.group(1).strip())
    return hints
