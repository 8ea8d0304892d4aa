"""Clean the text of a speech into paragraphs: the mess real files are in, undone.

* lines hard-wrapped by PDF extraction are joined back into paragraphs;
* half-width ``, : ; ( ) ? !`` in Chinese text become full-width (digits, percentages,
  times and Latin text stay as they are);
* scraping markers such as ``##paidbegin##`` disappear;
* indentation and stray spaces go (a single space between words of a short line, such
  as a speaker line ``XX区委副书记 张三``, stays).

``paragraphs(text)`` is what everything else numbers paragraphs by: "paragraph N" in
drafter means the N-th (1-based) element of that list. ``normalize`` is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.markers import HALF_BRACKET_MARKER, ITEM_LINE_START, STANDALONE_ITEM_MAX_CHARS, item_at
from drafter.textshape import (
    _SPACES,
    _TERMINAL,
    HEADING_START,
    NOISE_LINE,
    Layout,
    LayoutCounter,
    _one_space,
    page_tail,
)

# Han ideographs plus CJK and full-width punctuation and the curly quotes Chinese text uses.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e\u2018\u2019\u201c\u201d\u2014\u2026"
_CJK_RE = re.compile(f"[{_CJK}]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")

NOISE = re.compile(r"##\s*[A-Za-z_]+\s*##|\[/?(?:paid|vip)[a-z]*\]", re.I)
_SENTENCE_PUNCT = re.compile("[，。；！？,;!?]")
_SPACE_NEAR_CJK = re.compile(f"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_HALF = re.compile(r"[,:;?!().]")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{0,200}?)"')
_PAIR = re.compile(r"\(([^()\n]{0,40})\)")
_LIST_PAREN = HALF_BRACKET_MARKER


FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
#: an inline item (一是/二要/第一，) opening a line right after a sentence end starts a paragraph
_ITEM_START = ITEM_LINE_START
_SENTENCE_END = tuple("。！？；.!?;")


@dataclass
class Para:
    """A cleaned paragraph, the same paragraph before punctuation/space fixes, and its first line."""

    text: str
    raw: str
    line: int


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_RE.match(ch) is not None


def _fix_punctuation(s: str) -> str:
    """Half-width , : ; ? ! ( ) . and straight quotes in Chinese text become full-width."""
    if '"' in s:
        s = _STRAIGHT_QUOTES.sub(_fix_quotes, s)
    if not _HALF.search(s):
        return s
    s = _LIST_PAREN.sub(lambda m: f"（{m.group(1)}）", s)
    s = _PAIR.sub(_fix_pair, s)
    return _HALF.sub(_widen_one, s)


def _widen_one(m: re.Match) -> str:
    s, i, ch = m.string, m.start(), m.group(0)
    prev = s[i - 1] if i else ""
    nxt = s[i + 1] if i + 1 < len(s) else ""
    return FULL[ch] if _should_widen(ch, prev, nxt) else ch


def _fix_pair(m: re.Match) -> str:
    inner = m.group(1)
    s, start, end = m.string, m.start(), m.end()
    prev = s[start - 1] if start else ""
    nxt = s[end] if end < len(s) else ""
    if _HAN.search(inner) or (_is_cjk(prev) and _is_cjk(nxt)):
        return f"（{inner}）"
    return m.group(0)


def _fix_quotes(m: re.Match) -> str:
    inner = m.group(1)
    return f"“{inner}”" if _HAN.search(inner) else m.group(0)


def _should_widen(ch: str, prev: str, nxt: str) -> bool:
    if ch == ".":  # a full stop after a Han character (1.5, 1.标题 and example.org stay)
        return bool(_HAN.match(prev)) and (not nxt or _is_cjk(nxt))
    if ch == "(":
        return _is_cjk(nxt)
    if ch == ")":
        return _is_cjk(prev)
    if ch in "?!":
        return _is_cjk(prev)
    if prev.isdigit() and nxt.isdigit():  # 3,000 and 10:30 stay
        return False
    return _is_cjk(prev) or _is_cjk(nxt)


def _clean_spaces(s: str) -> str:
    return _spaces_in_prose(_SPACES.sub(" ", s).strip())


def _spaces_in_prose(s: str) -> str:
    """Drop the spaces of prose from a line whose space runs are single spaces already."""
    if " " not in s:
        return s
    if not _SENTENCE_PUNCT.search(s):
        return s  # not prose: a title (甲 乙——在……), speaker and name, date keep one space
    return _SPACE_NEAR_CJK.sub("", s)


def _joins(prev: str, nxt: str, width: int) -> bool:
    if HEADING_START.match(nxt) or (prev.endswith(_SENTENCE_END) and _ITEM_START.match(nxt)):
        return False
    return len(prev) >= width - 4


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def paragraphs(text: str, rejoin: bool = True, layout: Layout | None = None) -> list[Para]:
    """The non-empty cleaned paragraphs of ``text``, with raw text and first line number.

    ``rejoin=False`` keeps every line a paragraph (for .docx, whose paragraphs are real).
    ``layout``: what the whole text decides (``textshape.Layout``), given for a part of a text
    read part by part (its lines split as they would be in the whole text); else found here.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines, stripped, furniture, layout = _lines(text, rejoin, layout)
    width = layout.width if rejoin else None
    indent_starts = double = False
    if width:
        assert layout is not None
        indented = [s != "" and r[:1] == " " for r, s in zip(raw_lines, stripped)]
        indent_starts, double = layout.indent_starts, layout.double
    out: list[Para] = []
    cur_raw: list[str] = []
    cur_line = 0
    noisy = "#" in text or "[" in text  # what NOISE needs: without either, no paragraph holds any
    half = '"' in text or _HALF.search(text) is not None  # what _fix_punctuation widens
    for lineno, s in enumerate(stripped, 1):
        if furniture[lineno - 1]:
            continue  # page furniture: gone, and the paragraph around it goes on
        if not s and width and (double or _beside_furniture(stripped, furniture, lineno - 1)):
            continue  # a page break inside a paragraph, or a text pasted with a blank after every line
        if not s and rejoin and not width and cur_raw and _cut_mid_sentence(cur_raw[-1]):
            continue  # a site broke the paragraph mid-sentence: the blank line is not a paragraph end
        if not s:
            _flush(out, cur_raw, cur_line, noisy, half)
            cur_raw = []
            continue
        if cur_raw and rejoin and not width and _cut_mid_sentence(cur_raw[-1]) and not HEADING_START.match(s):
            cur_raw.append(s)
            continue
        if cur_raw and width and _joins(cur_raw[-1], s, width) and not (indent_starts and indented[lineno - 1]):
            cur_raw.append(s)
            continue
        _flush(out, cur_raw, cur_line, noisy, half)
        cur_raw, cur_line = [s], lineno
    _flush(out, cur_raw, cur_line, noisy, half)
    return out


def text_layout(text: str) -> Layout:
    """The layout ``paragraphs`` finds in a whole text (``textshape.Layout``)."""
    return _lines(text.replace("\r\n", "\n").replace("\r", "\n"), True, None)[3]


def _lines(text: str, rejoin: bool, layout: Layout | None) -> tuple[list[str], list[str], list[bool], Layout]:
    """The text's lines (spaces made one), stripped (a web page's tail blanked, not removed, so
    line numbers stay the file's), which are page furniture, and the layout (found unless given)."""
    # space runs never hold a newline: one pass over the text does what one per line would
    raw_lines = _one_space(text).split("\n")
    stripped = [s.strip() for s in raw_lines]
    tail = page_tail(stripped, len(stripped) * 2 // 3) if layout is None else layout.tail
    if tail is not None:
        start = max(0, tail)
        stripped = stripped[:start] + [""] * (len(stripped) - start)
    furniture = [bool(s) and NOISE_LINE.match(s) is not None for s in stripped]
    if layout is None:
        if rejoin:
            counter = LayoutCounter(len(stripped))
            counter.tail = tail
            counter.add(raw_lines, stripped, furniture)
            layout = counter.layout()
        else:
            layout = Layout(tail=tail)
    return raw_lines, stripped, furniture, layout


def breaks_between(before: str, after: str | None, blanks: int, layout: Layout, indented: bool,
                   furniture: bool = False) -> bool:
    """Whether ``paragraphs`` ends a paragraph between two lines of text (stripped, neither page
    furniture) with ``blanks`` blank lines between them (and page ``furniture`` lines, skipped),
    in a text of this ``layout`` (``indented``: the second line is; ``after`` None: not known yet,
    only blank lines so far): where a text read part by part can be cut, so that each part splits
    into the paragraphs the whole text has (readers/stream.py)."""
    width = layout.width
    if blanks and not width and not _cut_mid_sentence(before):
        return True             # the blank line ends the paragraph
    if after is None:
        return False            # in hard-wrapped text it depends on what follows (page furniture?)
    if blanks and width and not layout.double and not furniture:
        return True             # (a blank line beside page furniture is a page break inside a paragraph)
    if not width:
        return not (_cut_mid_sentence(before) and not HEADING_START.match(after))
    return not _joins(before, after, width) or (layout.indent_starts and indented)


#: how a title ends (……上的发言 / 讲话 / 辅导报告): the parser's title block uses it too
TITLE_END = re.compile(r"(发言|讲话|报告|讲稿|党课|材料|致辞|提纲|体会|汇报|总结)$")


def _cut_mid_sentence(line: str) -> bool:
    """A long line of prose that stops in the middle of a sentence (a word, or after ，、):
    in text that is not hard-wrapped, a web page broke the paragraph there."""
    return (len(line) >= 30 and line[-1] not in _TERMINAL and line[-1] not in "）)】》—电摄"
            and not HEADING_START.match(line) and not TITLE_END.search(line)
            and _SENTENCE_PUNCT.search(line) is not None  # a line with no punctuation is a title, not prose
            # (nor is a short item heading on its line: 第三、正确地确定基本建设的总规模，……，大力提高投资效果)
            and not (len(line) <= STANDALONE_ITEM_MAX_CHARS and item_at(line, 0) is not None))


def _beside_furniture(lines: list[str], furniture: list[bool], i: int) -> bool:
    """Whether blank line ``i`` belongs to a page break: the nearest non-blank line on either side is furniture."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j]:
            j += step
        if 0 <= j < len(lines) and furniture[j]:
            return True
    return False


def _flush(out: list[Para], raw_lines: list[str], line: int, noisy: bool = True, half: bool = True) -> None:
    """Append the paragraph of ``raw_lines``; ``noisy=False`` when the text holds neither # nor [,
    so no NOISE can be in it; ``half=False`` when it holds no half-width punctuation or straight
    quote, so there is none to widen."""
    if not raw_lines:
        return
    raw = raw_lines[0]
    for s in raw_lines[1:]:
        raw = _join(raw, s)
    # the lines are stripped with single spaces and joined with at most one space: unless
    # the noise taken out leaves spaces behind, the space runs need no second pass
    text, noise = NOISE.subn("", raw) if noisy else (raw, 0)
    text = _clean_spaces(text) if noise else _spaces_in_prose(text)
    if half:
        text = _fix_punctuation(text)
    if text:
        out.append(Para(text=text, raw=raw, line=line))


def normalize(text: str) -> str:
    """Cleaned text, one paragraph per line. ``normalize(normalize(t)) == normalize(t)``."""
    result = "\n".join(p.text for p in paragraphs(text))
    for _ in range(5):  # a join or a widening can expose another; stop at the fixed point
        again = "\n".join(p.text for p in paragraphs(result))
        if again == result:
            break
        result = again
    return result
