"""Inner leads: a short sentence frame recurring inside a section's text (要干在……。要干在……。).
Returns cut candidates (paragraph, offset, marker)."""

from __future__ import annotations

import re

from drafter import markers as mk
from drafter.parser.state import _Para

_SENTENCE = re.compile("[^。！？]*[。！？]|[^。！？]+$")


def _inner_lead_cuts(paras: list[_Para]) -> list[tuple[int, int, str]] | None:
    """A short sentence frame recurring inside a section's text (要干在……。要干在……。)."""
    sents = [(i, m.start(), m.group(0)) for i, p in enumerate(paras)
             for m in _SENTENCE.finditer(p.text) if m.group(0)]
    short = [(k, i, off, s) for k, (i, off, s) in enumerate(sents)
             if mk.LEAD_MIN_CHARS <= len(s.rstrip("。！？")) <= mk.INNER_LEAD_MAX_CHARS and "，" not in s and s.endswith("。")
             and not s.startswith(("“", "‘")) and k > 0]
    by_frame: dict[str, list] = {}
    for entry in short:
        s = entry[3]
        for n in (4, 3, 2):
            by_frame.setdefault(s[:n], []).append(entry)
    best = None
    for frame, members in by_frame.items():
        ks = [m[0] for m in members]
        spread = all(b - a >= 2 for a, b in zip(ks, ks[1:]))
        if len(members) >= 3 and spread and len({m[3] for m in members}) == len(members):
            key = (len(members), len(frame))
            if best is None or key > best[0]:
                best = (key, members)
    if best is None:
        return None
    return [(i, off, "") for _, i, off, _ in best[1]]
