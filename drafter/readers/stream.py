"""A text file too large to hold whole (a corpus dump of hundreds of MB), read part by part.

``parts(path)`` yields ``Part``s of about ``DRAFTER_STREAM_PART_MB`` (default 2) MB of text
each, each with how many lines came before it and the whole file's ``Layout`` (hard-wrap width,
indents, double spacing, a web page's tail: ``drafter/textshape.py``, gathered in a cheap first
pass over the file, two for a file with a web page's tail near its end), so that ``normalize.paragraphs(part.text, layout=part.layout)`` gives the
paragraphs the whole file has there. A part is cut only where the whole file's paragraphs break
(``normalize.breaks_between``): at a blank line that ends a paragraph where one comes soon
enough, else after a line that ends a sentence and a paragraph, else after any paragraph's last
line (only a single paragraph of more than half a part is cut inside). What is found in a part (a
phrase's source paragraph, a lint finding) is then numbered as in the whole file.
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
from drafter.normalize import breaks_between
from drafter.readers.text import _BREAKS, _checked, _mostly_utf8, best_fallback, strip_markdown
from drafter.textshape import NOISE_LINE, Layout, LayoutCounter, text_line

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
    #: the part's text, line ends as ``\n`` (a \r\n, \r, form feed or Unicode line separator is one)
    text: str
    #: lines of the file before this part (its line 1 is the file's line ``lines_before + 1``)
    lines_before: int
    #: the whole file's layout, as seen from this part (``paragraphs(text, layout=layout)``)
    layout: Layout = Layout()


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
                cut = len(text) - (text[-1] == "\r")   # (not between the two characters of a \r\n)
            if cut:
                yield text[:cut], line
                line += text.count("\n", 0, cut)
            pending = text[cut:]
            if final:
                return
            offset += len(data)
            data = handle.read(_READ)


def _chunks(path: Path) -> Iterator[str]:
    """The file's decoded text in chunks of whole lines, every line end a ``\n`` (as
    ``readers/text.py`` and ``normalize.paragraphs`` take them in a whole file)."""
    for chunk, _line in _lines(path):
        if "\r" in chunk:
            chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
        yield _BREAKS.sub("\n", chunk)


def _markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def file_layout(path: str | Path) -> Layout:
    """The whole file's ``Layout`` in one pass that holds no more than a read (its lines'
    statistics), two when a line that opens a web page's tail lies in its last third (the lines
    after the tail do not count: they are counted again, knowing where that third starts)."""
    path = Path(path)
    markdown = _markdown(path)
    counter = LayoutCounter()
    for chunk in _chunks(path):
        counter.feed(strip_markdown(chunk) if markdown else chunk)
    if not counter.tail_possible():
        return counter.layout()
    counter = LayoutCounter(counter.newlines + 1)
    for chunk in _chunks(path):
        if not counter.feed(strip_markdown(chunk) if markdown else chunk):
            break
    return counter.layout()


def parts(path: str | Path) -> Iterator[Part]:
    """The file's text in parts (see the module doc); ReadError as soon as a fault is met."""
    path = Path(path)
    layout = file_layout(path)
    size = part_chars()
    prepare = strip_markdown if _markdown(path) else None
    buf: list[str] = []
    held = 0
    start_line = 1
    for chunk in _chunks(path):
        buf.append(chunk)
        held += len(chunk)
        if held < size:
            continue
        text = "".join(buf)
        here = layout.shifted(start_line - 1)
        # no paragraph ends in the text held: more is read, up to twice a part, then it is cut anyway
        cut = _cut(text, size, here, prepare, must=held >= 2 * size)
        if cut:
            yield _part(text[:cut], start_line, path, here)
            start_line += text.count("\n", 0, cut)
            text = text[cut:]
        buf, held = [text], len(text)
    text = "".join(buf)
    if text.strip():
        yield _part(text, start_line, path, layout.shifted(start_line - 1))
    elif start_line == 1:
        raise ReadError(_("file is empty"), path=str(path))


def _part(text: str, start_line: int, path: Path, layout: Layout) -> Part:
    try:
        return Part(_checked(text, str(path)) if text.strip() else text, start_line - 1, layout)
    except ReadError as err:
        if start_line > 1 and "line " in err.message:     # number the line as in the whole file
            err.message = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + start_line - 1}", err.message,
                                 count=1)
        raise


def _cut(text: str, size: int, layout: Layout = Layout(), prepare=None, must: bool = False) -> int:
    """Where to end a part of ``text`` (at least ``size`` characters held), at a place where the
    whole file's paragraphs break (``layout``; ``prepare``: what is done to a line before it is
    split, strip_markdown for .md), past ``size // 2``: after a blank line, else after a line
    ending a sentence, else after any line. 0 when there is none; with ``must``, then after the
    last line ending a sentence, else the last line end, else the end of the text (a line of MBs)."""
    lo = size // 2
    lines = _Lines(text, layout, prepare)
    blank = text.find("\n\n", lo)
    for _tries in range(64):                         # a few blank lines that end no paragraph are passed
        if blank == -1:
            break
        if lines.breaks(blank + 2):
            return blank + 2
        blank = text.find("\n\n", blank + 2)
    fallback = 0
    for sentence in (True, False):
        at = len(text) - 1
        while True:
            nl = text.rfind("\n", lo, at)
            if nl <= lo:
                break
            at = nl
            if sentence and text[nl - 1] not in _SENTENCE_END:
                continue
            fallback = fallback or nl + 1
            if lines.breaks(nl + 1):
                return nl + 1
    if not must:
        return 0
    nl = text.rfind("\n", lo)
    return fallback or (nl + 1 if nl != -1 else len(text))


class _Lines:
    """The lines of a buffer of text around a place it may be cut, as ``paragraphs`` sees them."""

    def __init__(self, text: str, layout: Layout, prepare):
        self.text, self.layout, self.prepare = text, layout, prepare
        #: where a web page's tail starts in the buffer (every line blank from there on), if it does
        self.tail: int | None = None
        if layout.tail is not None and layout.tail <= text.count("\n"):
            at = 0
            for _line in range(max(0, layout.tail)):
                at = text.index("\n", at) + 1
            self.tail = at

    def _line(self, start: int, end: int) -> tuple[str, bool]:
        raw = self.text[start:end]
        return text_line(self.prepare(raw) if self.prepare else raw)

    def breaks(self, at: int) -> bool:
        """Whether the paragraphs of the whole file break before the line starting at ``at``:
        the text lines on either side found over blank lines and page furniture (which
        ``paragraphs`` skips), then ``normalize.breaks_between``."""
        text, layout = self.text, self.layout
        if self.tail is not None and at >= self.tail:
            return True                                  # within a web page's tail: all blank
        blanks = passed = 0
        furniture = False
        before, end = "", at - 1                         # back to the text line before
        while end > 0 and passed < 1000:
            start = text.rfind("\n", 0, end) + 1
            line, _indented = self._line(start, end)
            if line and not NOISE_LINE.match(line):
                before = line
                break
            blanks += not line
            furniture = furniture or bool(line)
            passed += 1
            end = start - 1
        if not before:
            return passed < 1000                         # nothing before it in the buffer: a clean start
        start, after, indented = at, None, False         # on to the text line after
        while passed < 2000:
            if self.tail is not None and start >= self.tail:
                return True                              # only blank lines (a tail) follow: it ends here
            end = text.find("\n", start)
            if end == -1:
                break                                    # not in the buffer (yet)
            line, indented = self._line(start, end)
            if line and not NOISE_LINE.match(line):
                after = line
                break
            blanks += not line
            furniture = furniture or bool(line)
            passed += 1
            start = end + 1
        return breaks_between(before, after, blanks, layout, indented, furniture)
