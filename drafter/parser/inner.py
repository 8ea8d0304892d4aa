"""Inner leads: a short sentence frame recurring inside a section's text (要干在……。要干在……。).
Returns cut candidates (paragraph, offset, marker)."""

from __future__ import annotations

import re

from drafter import markers as mk
from drafter.parser.state import _Para

#: a sentence ends at 。！？ (an empty one between two marks counts); a short sentence of a frame has
#: no comma, LEAD_MIN_CHARS to INNER_LEAD_MAX_CHARS characters and ends with 。: one split of a
#: paragraph at its marks (kept) gives its sentences, numbered, and what ends each
_MARK = re.compile("([。！？])")
_SHORT_MIN, _SHORT_MAX = mk.LEAD_MIN_CHARS, mk.INNER_LEAD_MAX_CHARS


def _short_sentences(p: _Para) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """(how many sentences the paragraph holds, (sentence number, offset, sentence) of its short ones)."""
    if p.inner is None:
        text = p.text
        marks = text.count("。") + text.count("！") + text.count("？")
        count = marks + (0 if text and text[-1] in "。！？" else 1) if text else 0
        short: list[tuple[int, int, str]] = []
        # sentence k is parts[2k], the mark ending it parts[2k + 1] (a split is cheaper than a lookahead
        # regex at every mark, and its pieces are the sentences)
        parts = _MARK.split(text)
        offset = 0
        for k in range(0, len(parts) - 1, 2):
            s = parts[k]
            if _SHORT_MIN <= len(s) <= _SHORT_MAX and parts[k + 1] == "。" and "，" not in s \
                    and s[0] not in "“‘" and not mk.NOT_LEAD.search(s):
                # (这是……。 / 我们……。 point back or speak in the first person: body text, as for leads)
                short.append((k // 2, offset, s + "。"))
            offset += len(s) + 1
        p.inner = (count, tuple(short))
    return p.inner


def _inner_lead_cuts(paras: list[_Para]) -> list[tuple[int, int, str]] | None:
    """A short sentence frame recurring inside a section's text (要干在……。要干在……。)."""
    short = []
    base = 0
    for i, p in enumerate(paras):
        count, found = _short_sentences(p)
        for k, off, s in found:
            if base + k > 0:
                short.append((base + k, i, off, s))
        base += count
    if len(short) < 3:
        return None
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
