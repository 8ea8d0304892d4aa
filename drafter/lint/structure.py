"""Shape of the speech: headings with nothing under them, paragraphs far longer than
their siblings.

A heading "stands alone" when its paragraph holds no more than the heading itself
(at most one sentence). Siblings are the paragraphs between two standalone
headings; where such a group is too small to compare, the whole document is.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, WARNING, Finding
from drafter.lint.numbering import Marker, paragraph_marker
from drafter.lint.text import content_chars, sentences

RULES = {
    "empty-section": (ERROR, N_("a heading with no text and no subsections under it")),
    "long-paragraph": (WARNING, N_("a paragraph far longer than its siblings")),
}

#: paragraphs shorter than this (title, salutation, 谢谢大家) do not count as siblings
MIN_SIBLING_CHARS = 30
MIN_GROUP = 3


def standalone(text: str, mk: Marker) -> bool:
    """Does this numbered paragraph hold only its heading?"""
    rest = text[mk.end:].strip()
    return len(sentences(rest)) <= 1


def check(doc: Doc) -> Iterator[Finding]:
    yield from _empty_sections(doc)
    yield from _long_paragraphs(doc)


def _empty(file: str, number: int, mk: Marker, why) -> Finding:
    return Finding(file, number, ERROR, "empty-section",
                   M_("section {marker} has no text and no subsections ({why})", marker=mk.text, why=why), mk.text)


def _empty_sections(doc: Doc) -> Iterator[Finding]:
    markers = [paragraph_marker(p.text) for p in doc.paras]
    # a heading that ended the part before: what follows it is here (a file read part by part)
    carry = doc.carry
    pending = carry.pop("empty-section", None) if carry is not None else None
    if carry is not None and pending is not None:  # (pending is None without a carry)
        if not markers:
            carry["empty-section"] = pending
        elif markers[0] is not None and markers[0].level <= pending[1].level:
            yield _empty(doc.file, pending[0], pending[1],
                         M_("{marker} follows right after it", marker=markers[0].text))
    for i, mk in enumerate(markers):
        if mk is None or not standalone(doc.paras[i].text, mk):
            continue
        nxt = markers[i + 1] if i + 1 < len(doc.paras) else None
        if i + 1 == len(doc.paras) and doc.carry is not None:
            doc.carry["empty-section"] = (doc.number(i), mk)     # decided by the next part, or at the end
            continue
        if i + 1 == len(doc.paras):
            why = M_("the document ends right after it")
        elif nxt is not None and nxt.level <= mk.level:
            why = M_("{marker} follows right after it", marker=nxt.text)
        else:
            continue
        yield doc.finding(i, ERROR, "empty-section",
                          M_("section {marker} has no text and no subsections ({why})", marker=mk.text, why=why),
                          mk.text)


def finish(file: str, carry: dict) -> Iterator[Finding]:
    """After the last part of a file read part by part: a heading that ended it is empty."""
    pending = carry.pop("empty-section", None)
    if pending is not None:
        yield _empty(file, pending[0], pending[1], M_("the document ends right after it"))


def _groups(doc: Doc) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    for i, para in enumerate(doc.paras):
        mk = paragraph_marker(para.text)
        if mk is not None and standalone(para.text, mk):
            groups.append([])
            continue
        if content_chars(para.text) >= MIN_SIBLING_CHARS:
            groups[-1].append(i)
    return [g for g in groups if g]


def _median_without(ordered: list[int], value: int) -> float:
    """``statistics.median`` of the sorted ``ordered`` with one ``value`` (one of them) left out: the
    median of a paragraph's siblings without a list per paragraph (a streamed part has thousands)."""
    k = bisect_left(ordered, value)
    n = len(ordered) - 1

    def at(index: int) -> int:
        return ordered[index] if index < k else ordered[index + 1]

    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def _long_paragraphs(doc: Doc) -> Iterator[Finding]:
    opts = doc.options
    sizes = {i: content_chars(p.text) for i, p in enumerate(doc.paras)}
    groups = _groups(doc)
    everyone = [i for g in groups for i in g]
    everyone_sizes = sorted(sizes[i] for i in everyone)
    for group in groups:
        pool = sorted(sizes[i] for i in group) if len(group) >= MIN_GROUP else everyone_sizes
        if len(pool) - 1 < MIN_GROUP - 1:
            continue
        for i in group:
            if sizes[i] < opts.long_min_chars:
                continue
            median = _median_without(pool, sizes[i])
            if sizes[i] >= opts.long_min_chars and sizes[i] > opts.long_factor * median:
                yield doc.finding(i, WARNING, "long-paragraph",
                                  M_("paragraph of {size} 字 is over {factor:g}× its siblings' median of "
                                     "{median:.0f} 字; consider splitting it", size=sizes[i],
                                     factor=opts.long_factor, median=median))
