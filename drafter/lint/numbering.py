"""Numbering as written: 一、 → （一） → 1. → （1） at paragraph starts, 一是/一要/第一， at
sentence starts.

Checked on the text, not on the parsed tree, because the mistakes this catches
(a skipped （二）, a 二是 with no 一是) are exactly the ones a parser would smooth
over. Numbered headings are only looked for at the start of a paragraph; inline
items at the start of a paragraph, a sentence or a clause (after ；：). 第一要务,
唯一是 and 一是一、二是二 are not items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, WARNING, Finding
from drafter.lint.text import starts
from drafter.model import chinese_number, chinese_to_int

RULES = {
    "numbering-sequence": (ERROR, "numbered headings out of order (一、 then 三、, a repeated （二）)"),
    "numbering-skip": (ERROR, "a numbering level skipped (（一） not under 一、, 1. straight under 一、)"),
    "item-sequence": (ERROR, "inline items out of order (二是 without 一是, 一是 then 三是)"),
    "numbering-mixed": (WARNING, "two marker styles at one level (1. and 1、)"),
}

CN = "一二三四五六七八九十"
LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}

_NUMBERED = re.compile(
    rf"^(?:(?P<l1>[{CN}]{{1,3}})(?P<s1>[、．.])"
    rf"|（(?P<l2>[{CN}]{{1,3}})）"
    r"|(?P<l3>\d{1,2})(?P<s3>[.．、])(?!\d)"
    r"|（(?P<l4>\d{1,2})）)")

_ITEM = re.compile(rf"(?P<num>[{CN}]{{1,3}})(?P<kind>[是要])(?![务素件点])|第(?P<ord>[{CN}]{{1,3}})(?=[，、：])")


@dataclass(frozen=True)
class Marker:
    level: int      # 1..4
    number: int
    style: str      # "、" or "." (full-width ． counts as .)
    text: str       # as written
    end: int        # offset just after the marker


def paragraph_marker(text: str) -> Marker | None:
    """The numbered-heading marker a paragraph starts with, if any."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    for level in (1, 2, 3, 4):
        digits = m.group(f"l{level}")
        if digits is None:
            continue
        number = int(digits) if digits.isdigit() else chinese_to_int(digits)
        if number is None:
            return None
        sep = m.groupdict().get(f"s{level}") or ""
        style = "、" if sep == "、" else ("." if sep else "")
        return Marker(level, number, style, m.group(), m.end())
    return None


def marker_text(level: int, number: int, style: str = "") -> str:
    """How the marker for ``number`` at ``level`` is written (in the document's own style)."""
    if level == 1:
        return f"{chinese_number(number)}{style or '、'}"
    if level == 2:
        return f"（{chinese_number(number)}）"
    if level == 3:
        return f"{number}{style or '.'}"
    return f"（{number}）"


def check(doc: Doc) -> Iterator[Finding]:
    yield from _check_headings(doc)
    yield from _check_items(doc)


def _check_headings(doc: Doc) -> Iterator[Finding]:
    counters = {level: 0 for level in LEVEL_NAMES}
    styles: dict[int, tuple[str, int]] = {}      # level → (style, paragraph index first seen)
    skip_reported: set[int] = set()
    for i, para in enumerate(doc.paras):
        mk = paragraph_marker(para.text)
        if mk is None:
            continue
        yield from _skip(doc, i, mk, counters, skip_reported)
        yield from _sequence(doc, i, mk, counters)
        yield from _mixed(doc, i, mk, styles)
        counters[mk.level] = mk.number
        for deeper in range(mk.level + 1, 5):
            counters[deeper] = 0
            skip_reported.discard(deeper)


def _skip(doc, i, mk: Marker, counters, reported: set[int]) -> Iterator[Finding]:
    if mk.level == 1 or counters[mk.level - 1] or mk.level in reported:
        return
    reported.add(mk.level)
    outer = [lv for lv in range(mk.level - 1, 0, -1) if counters[lv]]
    if outer:
        missing = "、".join(LEVEL_NAMES[lv] for lv in range(outer[0] + 1, mk.level))
        msg = (f"{mk.text} comes straight under {marker_text(outer[0], counters[outer[0]])} "
               f"(level {missing} skipped)")
    else:
        msg = f"{mk.text} is not under a {LEVEL_NAMES[mk.level - 1]} heading (numbering starts below the top level)"
    yield doc.finding(i, ERROR, "numbering-skip", msg, mk.text)


def _sequence(doc, i, mk: Marker, counters) -> Iterator[Finding]:
    prev = counters[mk.level]
    if mk.number == prev + 1:
        return
    expected = marker_text(mk.level, prev + 1, mk.style)
    if prev == 0:
        msg = f"{mk.text} with no {marker_text(mk.level, 1, mk.style)} before it at this level"
    elif mk.number == prev:
        msg = f"{mk.text} repeated; expected {expected}"
    else:
        msg = f"{mk.text} follows {marker_text(mk.level, prev, mk.style)}; expected {expected}"
    yield doc.finding(i, ERROR, "numbering-sequence", msg, mk.text)


def _mixed(doc, i, mk: Marker, styles) -> Iterator[Finding]:
    if not mk.style:
        return
    first = styles.setdefault(mk.level, (mk.style, i))
    if first[0] != mk.style:
        other = marker_text(mk.level, 1, first[0])
        yield doc.finding(i, WARNING, "numbering-mixed",
                          f"{mk.text} here but {other} style in paragraph {first[1] + 1}; "
                          "use one style per level", mk.text)


def inline_items(text: str) -> Iterator[tuple[str, int, str, int]]:
    """``(family, number, as written, offset)`` for every 一是/一要/第一， at a sentence start."""
    for pos in starts(text):
        m = _ITEM.match(text, pos)
        if not m:
            continue
        if m.group("ord"):
            family, digits = "第一，", m.group("ord")
        else:
            family, digits = "一" + m.group("kind"), m.group("num")
            if text.startswith(digits, m.end()):       # 一是一、二是二
                continue
        number = chinese_to_int(digits)
        if number is not None:
            yield family, number, m.group(), pos


def _item_text(family: str, n: int) -> str:
    return f"第{chinese_number(n)}" if family == "第一，" else f"{chinese_number(n)}{family[1]}"


def _check_items(doc: Doc) -> Iterator[Finding]:
    counters: dict[str, int] = {}
    for i, para in enumerate(doc.paras):
        if paragraph_marker(para.text):
            counters.clear()             # a new numbered section starts new lists
        for family, n, written, _ in inline_items(para.text):
            prev = counters.get(family, 0)
            if n == 1 or n == prev + 1:
                counters[family] = n
                continue
            if prev == 0:
                msg = f"{written} without {_item_text(family, 1)} before it"
            else:
                msg = f"{written} follows {_item_text(family, prev)}; expected {_item_text(family, prev + 1)}"
            yield doc.finding(i, ERROR, "item-sequence", msg, written)
            counters[family] = n
