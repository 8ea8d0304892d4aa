"""Numbered headings at the start of a paragraph: 一、 → （一） → 1. → （1） (drafter/markers.py), and a
.docx heading style without a written number as a heading of its level. Returns cut candidates."""

from __future__ import annotations

from drafter.markers import numbered_at
from drafter.parser.state import _UNSET, _Para


def _numbered(text: str):
    """(rank, marker, rest) if ``text`` starts with a numbered heading marker."""
    m = numbered_at(text)
    if m is None:
        return None
    return m.family.level - 1, m.canonical, text[m.end:]


def _numbered_para(p: _Para):
    """``_numbered(p.text)``, worked out once per paragraph."""
    found = p.numbered
    if found is _UNSET:
        found = p.numbered = _numbered(p.text)
    return found


def _numbered_heads(paras: list[_Para]) -> list[tuple[int, int, str, str]]:
    """(index, rank, marker, rest) of the outermost numbered headings in ``paras``.

    A .docx heading style without a written number counts as a heading of its level.
    """
    heads = []
    for i, p in enumerate(paras):
        found = p.numbered
        if found is _UNSET:
            found = p.numbered = _numbered(p.text)
        if found:
            heads.append((i, found[0], found[1], found[2]))
        elif p.level and not p.lead:
            heads.append((i, p.level - 1, "", p.text))
    if not heads:
        return []
    rank = min(h[1] for h in heads)
    return [h for h in heads if h[1] == rank]
