"""Enumeration items: 一是/一要/一抓/一看/一讲…, 第一，…, runs counted up from 一 at sentence starts, and
1. 2. points run into a paragraph. Returns cut candidates (paragraph, offset, marker, number)."""

from __future__ import annotations

from drafter import markers as mk
from drafter.markers import HEAD_END as _HEAD_END
from drafter.parser.state import _Para

_POINT_HINT = mk.POINT_HINT
_POINT_INSIDE = mk.POINT_INSIDE


def _item_matches(paras: list[_Para]) -> list[tuple[int, int, str, int]]:
    """Accepted inline items as (paragraph index, offset, marker, number), in order from 一."""
    cands: list[tuple[int, int, str, int, str]] = []
    for i, p in enumerate(paras):
        found = p.item_cands
        if found is None:
            found = p.item_cands = _item_candidates(p.text)
        if found:
            cands.extend((i, *c) for c in found)
    if not cands:
        return []
    accepted: list[tuple[int, int, str, int]] = []
    k = 0
    while k < len(cands):
        i, off, marker, n, kind = cands[k]
        if n != 1:
            k += 1
            continue
        run = [cands[k]]
        for c in cands[k + 1:]:
            if c[4] == kind and c[3] == run[-1][3] + 1:
                run.append(c)
        if len(run) >= 2:
            accepted.extend((c[0], c[1], c[2], c[3]) for c in run)
            last = run[-1]
            k = cands.index(last) + 1
        else:
            k += 1
    return accepted


def _item_cands(p: _Para):
    found = p.item_cands
    if found is None:
        found = p.item_cands = _item_candidates(p.text)
    return found


def _prime_items(paras: list[_Para]) -> None:
    """Work out the item candidates of all of a document's paragraphs at once (one scan of the text)."""
    texts = [p.text for p in paras]
    starts = mk.item_starts_by_paragraph(texts)
    points = _POINT_HINT.search("\n".join(texts)) is not None
    for i, p in enumerate(paras):
        found = starts.get(i)
        p.item_cands = _item_candidates(p.text, found or (), points) if found or points else ()


def _item_candidates(text: str, starts=None, points: bool = True) -> tuple[tuple[int, str, int, str], ...]:
    """(offset, marker, number, family) of every possible inline item in one paragraph (``starts``:
    its item_starts when known; ``points=False``: no 1. point can run into it)."""
    out = []
    for start, m in (mk.item_starts(text) if starts is None else starts):
        if not _HEAD_END.search(text, m.end) and not (start == 0 and m.end < len(text) and (
                m.family.rank == mk.PART_RANK or len(text) <= mk.STANDALONE_ITEM_MAX_CHARS)):
            # a dangling 三是 with no sentence after it is not an item (第三个问题：… on its line is, and so is
            # a short item heading alone on its line: 第一，进一步稳定和加强农业)
            continue
        out.append((start, m.written, m.number, m.family.name))
    if points and _POINT_HINT.search(text):
        # 1. 2. 3. points run into a paragraph after a sentence end (a scraped page lost the breaks)
        for m in _POINT_INSIDE.finditer(text):
            if _HEAD_END.search(text, m.end()):
                out.append((m.start(), f"{m.group(1)}.", int(m.group(1)), "."))
        out.sort()
    return tuple(out)
