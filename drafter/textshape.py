"""What a plain text as a whole says about how to split it into paragraphs (``normalize.paragraphs``).

Before a text is cut into paragraphs, four things are decided from all of its lines: the width
it was hard-wrapped at (PDF extraction; None when it was not), whether an indent starts a
paragraph there, whether it was pasted double-spaced, and where a web page's tail (END, 往期推荐
and the links after it) begins. ``Layout`` holds them; ``LayoutCounter`` gathers them line by
line, so a file too large to hold (``readers/stream.py``) is split with its whole layout, exactly
as if it were read whole, and a small text gets the same from the same code in one call.
The line classes these statistics look at (page furniture, a heading start, the space characters)
live here too, below ``normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.markers import RAW_HEADING_START

#: what counts as a space in a line: a run of them is one space
_SPACE_CHARS = " \t\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_SPACES = re.compile(f"[{_SPACE_CHARS}]+")
_SPACE_RUN = re.compile("  +")

#: whole lines that are page furniture or web-page chrome, not speech: page numbers a PDF
#: extraction leaves mid-paragraph (they are skipped without breaking it), source/author/
#: editor lines, font-size widgets, print/close links
NOISE_LINE = re.compile(
    r"^(?:[-—–－\s]*\d{1,3}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}|"
    r"(?:来源|稿源|作者|发布时间|发布日期|发表时间|更新时间|责任编辑|审核|校对|浏览次数|阅读次数|点击数|"
    r"点击量|阅读量|字号|分享到)\s*[：:].{0,60}|【?\s*字体\s*[：:].{0,12}】?|"
    r"(?:[【\[]?\s*(?:打印本页|打印本文|打印|关闭窗口|关闭|返回顶部|收藏本页|加入收藏)\s*[】\]]?\s*)+|"
    r"(?:上一篇|下一篇)\s*[：:].{0,60}|扫一扫.{0,20}|相关阅读|相关文章|点击(?:上方)?蓝字.{0,12}|长按.{0,6}关注.{0,12}|"
    r"[【\[][^】\]]{0,20}(?:付费|购买|会员|VIP|vip|下载|阅读全文)[^】\]]{0,20}[】\]])$"
)

#: paragraph starts that open a new paragraph even inside hard-wrapped text
HEADING_START = re.compile(f"{RAW_HEADING_START.pattern}|^同志们[：:，,!！]")
_TERMINAL = tuple("。！？；：”…")

#: where a web page's own text ends and its recommendations begin (WeChat: END / 往期推荐)
_PAGE_TAIL = re.compile(r"^(?:END|-+\s*END\s*-+|往期推荐|推荐阅读|往期回顾|精彩推荐|相关推荐)$")


def _one_space(text: str) -> str:
    """``_SPACES.sub(" ", text)``, faster on a whole document: each space character that occurs is
    replaced by a plain one (str.replace), then runs of plain spaces collapse (a literal search)."""
    for ch in _SPACE_CHARS[1:]:
        if ch in text:
            text = text.replace(ch, " ")
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def text_line(raw: str) -> tuple[str, bool]:
    """A raw line as ``paragraphs`` sees it: stripped, and whether it was indented."""
    line = _one_space(raw)
    stripped = line.strip()
    return stripped, bool(stripped) and line[:1] == " "


def page_tail(lines: list[str], start: int) -> int | None:
    """The index of the first line from ``start`` on (stripped lines) that opens a web page's tail."""
    for i in range(start, len(lines)):
        if lines[i] and _PAGE_TAIL.match(lines[i]):
            return i
    return None


@dataclass(frozen=True)
class Layout:
    """What splitting a text into paragraphs takes from the whole text (see the module doc)."""

    #: the width the text was hard-wrapped at, None when it was not
    width: int | None = None
    #: (hard-wrapped text) an indented line starts a paragraph
    indent_starts: bool = False
    #: (hard-wrapped text) a blank line follows nearly every line
    double: bool = False
    #: index of the line a web page's tail starts at (from there on every line is blank); None: no tail
    tail: int | None = None

    def shifted(self, lines: int) -> "Layout":
        """The layout of a part of the text that ``lines`` lines come before (the tail's index moves)."""
        return self if self.tail is None or not lines else replace(self, tail=self.tail - lines)


class LayoutCounter:
    """The statistics ``Layout`` is decided from, gathered line by line.

    ``total``: how many lines the whole text has (a web page's tail is looked for only in its
    last third). ``feed`` takes chunks of whole lines (normalised line ends, each chunk ending
    with one) and says False once the tail is met (nothing after it counts); ``layout`` decides.
    Without ``total`` (a file read once, its length unknown) every line is counted and the last
    line that could open a tail is remembered: ``tail_possible`` says whether it lies in the last
    third, so that the lines must be counted again knowing where that third starts.
    Memory: a count per line length, never the lines.
    """

    def __init__(self, total: int | None = None):
        self.tail_from = None if total is None else total * 2 // 3
        self.line = 0
        self.newlines = 0
        self.tail: int | None = None
        #: (no ``total``) the last line that could open a web page's tail
        self.last_tail: int | None = None
        self.wrapped: dict[int, int] = {}        # length -> lines of ≥ 10 characters, not headings
        self.near: dict[int, list[int]] = {}     # length -> [text lines, of them not ending a sentence]
        self.text_lines = 0
        self.indented = 0
        self.gaps = self.single = 0
        self.run: int | None = None

    def feed(self, text: str) -> bool:
        if self.tail is not None:
            return False
        self.newlines += text.count("\n")
        raw = _one_space(text).split("\n")
        if text.endswith("\n"):
            raw.pop()                           # the chunk's last line end: no line after it
        stripped = [s.strip() for s in raw]
        if self.tail_from is None:
            for i in range(len(stripped) - 1, -1, -1):
                if stripped[i] and _PAGE_TAIL.match(stripped[i]):
                    self.last_tail = self.line + i
                    break
        else:
            tail = page_tail(stripped, max(0, self.tail_from - self.line))
            if tail is not None:
                self.tail = self.line + tail
                raw, stripped = raw[:tail], stripped[:tail]
        self.add(raw, stripped, [bool(s) and NOISE_LINE.match(s) is not None for s in stripped])
        self.line += len(raw)
        return self.tail is None

    def tail_possible(self) -> bool:
        """(No ``total`` given) whether a line that opens a web page's tail lies in the last third
        of the lines fed (``newlines + 1`` of them, as ``str.split`` counts the whole text's)."""
        return self.last_tail is not None and self.last_tail >= (self.newlines + 1) * 2 // 3

    def add(self, raw: list[str], stripped: list[str], furniture: list[bool]) -> None:
        """Count lines: as ``_one_space`` left them, stripped, and which are page furniture."""
        wrapped, near = self.wrapped, self.near
        heading = HEADING_START.match
        for s, f in zip(stripped, furniture):
            if s and not f:
                n = len(s)
                entry = near.get(n)
                if entry is None:
                    entry = near[n] = [0, 0]
                entry[0] += 1
                if not s.endswith(_TERMINAL):
                    entry[1] += 1
                if n >= 10 and not heading(s):
                    wrapped[n] = wrapped.get(n, 0) + 1
                self.text_lines += 1
        self.indented += sum(1 for r, s in zip(raw, stripped) if s and r[:1] == " ")
        run, gaps, single = self.run, self.gaps, self.single
        for s in stripped:
            if s:
                if run is not None:
                    gaps += 1
                    single += run == 1
                run = 0
            elif run is not None:
                run += 1
        self.run, self.gaps, self.single = run, gaps, single

    def layout(self) -> Layout:
        width = self._width()
        if not width:
            return Layout(tail=self.tail)
        return Layout(width=width, tail=self.tail,
                      # an indent marks where a paragraph starts when only some lines have one
                      indent_starts=0 < self.indented < 0.5 * self.text_lines,
                      double=self.gaps >= 5 and self.single >= 0.8 * self.gaps)

    def _width(self) -> int | None:
        """The width a hard-wrapped text was cut at, or None if it does not look hard-wrapped.

        Hard-wrapped text has most of its lines within a few characters of one width, and
        most of those lines end mid-sentence (a numbered heading on its own line is short
        because it is a heading, not because it was cut: it is not weighed).
        """
        counts = self.wrapped
        lines = sum(counts.values())
        if lines < 5:
            return None
        best_w, best = 0, 0
        get = counts.get
        for w in counts:
            c = get(w - 3, 0) + get(w - 2, 0) + get(w - 1, 0) + counts[w]  # lines within 3 below w
            if c > best or (c == best and w > best_w):
                best_w, best = w, c
        if best_w < 12 or best < 4 or best < 0.4 * lines:
            return None
        if sum(c for n, c in counts.items() if n > best_w + 3) > 0.2 * lines:
            return None  # many lines run past the width: their short ones are not cut at it
        near = [self.near[n] for n in range(best_w - 3, best_w + 1) if n in self.near]
        return best_w if sum(e[1] for e in near) >= 0.5 * sum(e[0] for e in near) else None
