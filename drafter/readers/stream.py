"""A text file too large to hold whole (a corpus dump of hundreds of MB), read part by part.

``parts(path)`` yields ``Part``s of about ``DRAFTER_STREAM_PART_MB`` (default 2) MB of text
each, cut at a blank line where one comes soon enough, else at a line that ends a sentence,
else at a line end; each knows how many lines and paragraphs came before it, so what is found
in a part (a phrase's source paragraph, a lint finding's line) is numbered as in the whole file.
Memory holds one part, never the file. Decoding is as honest as for a small file
(``readers/text.py``): UTF-8 (with or without BOM) or GB18030, invalid bytes refused with
their line and byte offset, a control character refused with its line.

Which files stream: .txt/.md files larger than ``DRAFTER_STREAM_MB`` (default 16) in the
commands that can use parts (``mine``, ``lint``); no single speech is that long.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.limits import MB, _os_reason, limit, stat_input
from drafter.readers.text import _checked, _mostly_utf8, best_fallback

_SENTENCE_END = tuple("。！？”…；")
_READ = 1 << 20


def stream_bytes() -> int:
    """Files over this many bytes are read part by part where a command can."""
    return limit("STREAM_MB", 16) * MB


def part_chars() -> int:
    return limit("STREAM_PART_MB", 2) * MB // 3          # ~3 bytes of UTF-8 per Chinese character


def streams(path: str | Path) -> bool:
    """Whether ``path`` is a text file to read part by part (over the stream size)."""
    path = Path(path)
    if path.suffix.lower() not in (".txt", ".text", ".md", ".markdown"):
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > stream_bytes()


@dataclass
class Part:
    text: str
    #: lines of the file before this part (its line 1 is the file's line ``lines_before + 1``)
    lines_before: int


def _encoding(head: bytes, path: Path) -> tuple[str, int]:
    """The encoding and how many bytes of BOM to skip, from the file's first MB: the choice
    ``readers/text.py:decode`` makes for a whole file (UTF-8 first, else the fallback that reads
    with the most common Chinese characters: GB18030, Big5, UTF-16 without BOM)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    if b"\x00" not in head:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            return "utf-8", 0
        except UnicodeDecodeError:
            if _mostly_utf8(head):
                return "utf-8", 0      # UTF-8 with bad bytes: the decode below names the first
    return best_fallback(head, path, lambda enc: codecs.getincrementaldecoder(enc)().decode(head, final=False)), 0


def _lines(path: Path) -> Iterator[tuple[str, int]]:
    """Decoded text in chunks ending at a line end, with the byte offset each chunk starts at."""
    stat_input(path, max_bytes=None)
    try:
        handle = open(path, "rb")
    except OSError as err:
        raise ReadError(_os_reason(err, "file"), path=str(path)) from None
    with handle:
        head = handle.read(_READ)
        encoding, skip = _encoding(head, path)
        decoder = codecs.getincrementaldecoder(encoding)()
        offset, line = skip, 1
        data = head[skip:]
        pending = ""
        while True:
            final = not data
            carried = decoder.getstate()[0]       # bytes of a character the last chunk cut in two
            held = len(carried)
            try:
                text = decoder.decode(data, final=final)
            except UnicodeDecodeError as err:
                start = max(0, min(err.start - held, len(data) - 1))
                before = data[:start]
                nl = before.rfind(b"\n")
                # on the line the last chunk began: its characters so far, the one cut in two counted once
                column = (len(before[nl + 1:].decode(encoding, "replace")) if nl != -1 else
                          len(pending) + len((carried + before).decode(encoding, "replace"))) + 1
                raise ReadError(_("invalid UTF-8 byte 0x{value:02x} at line {line}, column {column} (byte {byte}): the "
                                  "file is damaged or mixes encodings; fix or re-save it as UTF-8").format(
                    value=data[start], line=line + before.count(b"\n"), column=column, byte=offset + start),
                    path=str(path)) from None
            text = pending + text
            cut = len(text) if final else text.rfind("\n") + 1
            if not cut and len(text) > 4 * _READ:      # no line end in MBs: cut anyway (memory stays bounded)
                cut = len(text)
            if cut:
                yield text[:cut], line
                line += text.count("\n", 0, cut)
            pending = text[cut:]
            if final:
                return
            offset += len(data)
            data = handle.read(_READ)


def parts(path: str | Path) -> Iterator[Part]:
    """The file's text in parts (see the module doc); ReadError as soon as a fault is met."""
    path = Path(path)
    size = part_chars()
    buf: list[str] = []
    held = 0
    start_line = 1
    for chunk, _line in _lines(path):
        buf.append(chunk)
        held += len(chunk)
        if held < size:
            continue
        text = "".join(buf)
        cut = _cut(text, size) or (len(text) if held >= 2 * size else 0)     # (a line of MBs: cut in it)
        if cut:
            yield _part(text[:cut], start_line, path, _checked)
            start_line += text.count("\n", 0, cut)
            text = text[cut:]
        buf, held = [text], len(text)
    text = "".join(buf)
    if text.strip():
        yield _part(text, start_line, path, _checked)
    elif start_line == 1:
        raise ReadError(_("file is empty"), path=str(path))


def _part(text: str, start_line: int, path: Path, checked) -> Part:
    try:
        return Part(checked(text, str(path)) if text.strip() else text, start_line - 1)
    except ReadError as err:
        if start_line > 1 and "line " in err.message:     # number the line as in the whole file
            err.message = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + start_line - 1}", err.message,
                                 count=1)
        raise


def _cut(text: str, size: int) -> int:
    """Where to end a part of ``text`` (at least ``size`` characters held): after a blank line
    within the next ``size // 2`` characters, else after a line ending a sentence, else after
    the last line end; 0 when the text holds no line end past ``size // 2``."""
    lo = size // 2
    blank = text.find("\n\n", lo)
    if blank != -1:
        return blank + 2
    at = len(text) - 1
    while True:
        nl = text.rfind("\n", lo, at)
        if nl <= lo:
            break
        end = nl - 1 if text[nl - 1] == "\r" else nl
        if text[end - 1] in _SENTENCE_END:
            return nl + 1
        at = nl
    nl = text.rfind("\n", lo)
    return nl + 1 if nl != -1 else 0
