"""Numbering as written: 一、 → （一） → 1. → （1） at paragraph starts, 一是/一要/一抓/第一， at
sentence starts (the grammar of markers is drafter/markers.py).

Checked on the text, not on the parsed tree, because the mistakes this catches
(a skipped （二）, a 二是 with no 一是) are exactly the ones a parser would smooth
over. Numbered headings are only looked for at the start of a paragraph; inline
items at the start of a paragraph, a sentence or a clause (after ；：). 第一要务,
唯一是 and 一是一、二是二 are not items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from drafter import markers
from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, WARNING, Finding
from drafter.lint.text import starts

RULES = {
    "numbering-sequence": (ERROR, N_("numbered headings out of order (一、 then 三、, a repeated （二）)")),
    "numbering-skip": (ERROR, N_("a numbering level skipped (（一） not under 一、, 1. straight under 一、)")),
    "item-sequence": (ERROR, N_("inline items out of order (二是 without 一是, 一是 then 三是)")),
    "numbering-mixed": (WARNING, N_("two marker styles at one level (1. and 1、)")),
}

LEVEL_NAMES = {f.level: f.name for f in markers.NUMBERED_FAMILIES}


@dataclass(frozen=True)
class Marker:
    level: int      # 1..4
    number: int
    style: str      # "、" or "." (full-width ． counts as .)
    text: str       # as written
    end: int        # offset just after the marker


def paragraph_marker(text: str) -> Marker | None:
    """The numbered-heading marker a paragraph starts with, if any."""
    m = markers.numbered_at(text)
    if m is None:
        return None
    return Marker(m.family.level, m.number, m.style, m.written, m.end)


def marker_text(level: int, number: int, style: str = "") -> str:
    """How the marker for ``number`` at ``level`` is written (in the document's own style)."""
    written = markers.level_family(level).write(number)
    if style and level in (1, 3):
        written = written[:-1] + style
    return written


def check(doc: Doc) -> Iterator[Finding]:
    yield from _check_headings(doc)
    yield from _check_items(doc)


def _check_headings(doc: Doc) -> Iterator[Finding]:
    # level → number; level → (style, paragraph number first seen); levels reported as skipped
    counters, styles, skip_reported = doc.state("headings",
                                                lambda: ({level: 0 for level in LEVEL_NAMES}, {}, set()))
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
        msg = M_("{marker} comes straight under {outer} (level {missing} skipped)", marker=mk.text,
                 outer=marker_text(outer[0], counters[outer[0]]), missing=missing)
    else:
        msg = M_("{marker} is not under a {level} heading (numbering starts below the top level)",
                 marker=mk.text, level=LEVEL_NAMES[mk.level - 1])
    yield doc.finding(i, ERROR, "numbering-skip", msg, mk.text)


def _sequence(doc, i, mk: Marker, counters) -> Iterator[Finding]:
    prev = counters[mk.level]
    if mk.number == prev + 1:
        return
    expected = marker_text(mk.level, prev + 1, mk.style)
    if prev == 0:
        msg = M_("{marker} with no {first} before it at this level", marker=mk.text,
                 first=marker_text(mk.level, 1, mk.style))
    elif mk.number == prev:
        msg = M_("{marker} repeated; expected {expected}", marker=mk.text, expected=expected)
    else:
        msg = M_("{marker} follows {previous}; expected {expected}", marker=mk.text,
                 previous=marker_text(mk.level, prev, mk.style), expected=expected)
    yield doc.finding(i, ERROR, "numbering-sequence", msg, mk.text)


def _mixed(doc, i, mk: Marker, styles) -> Iterator[Finding]:
    if not mk.style:
        return
    first = styles.setdefault(mk.level, (mk.style, doc.number(i)))
    if first[0] != mk.style:
        other = marker_text(mk.level, 1, first[0])
        yield doc.finding(i, WARNING, "numbering-mixed",
                          M_("{marker} here but {other} style in paragraph {para}; use one style per level",
                             marker=mk.text, other=other, para=first[1]), mk.text)


def inline_items(text: str) -> Iterator[tuple[str, int, str, int]]:
    """``(family, number, as written, offset)`` for every 一是/一要/一抓/第一， at a sentence start."""
    for pos in starts(text):
        m = markers.item_at(text, pos)
        if m is not None:
            yield m.family.name, m.number, m.written, pos


def _item_text(family: str, n: int) -> str:
    return markers.make_marker(family, n).rstrip("，、：")


def _check_items(doc: Doc) -> Iterator[Finding]:
    counters: dict[str, int] = doc.state("items", dict)
    for i, para in enumerate(doc.paras):
        if paragraph_marker(para.text):
            counters.clear()             # a new numbered section starts new lists
        for family, n, written, _ in inline_items(para.text):
            prev = counters.get(family, 0)
            if n == 1 or n == prev + 1:
                counters[family] = n
                continue
            if prev == 0:
                msg = M_("{item} without {first} before it", item=written, first=_item_text(family, 1))
            else:
                msg = M_("{item} follows {previous}; expected {expected}", item=written,
                         previous=_item_text(family, prev), expected=_item_text(family, prev + 1))
            yield doc.finding(i, ERROR, "item-sequence", msg, written)
            counters[family] = n
