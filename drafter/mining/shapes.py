"""Shapes below the sentence: three or more parallel members (、 or ，) are 排比, two 对仗, and a
quoted pair (“功成不必在我、功成必定有我”) 金句; each cut at punctuation (mining/extract.py
finds the sentences and clauses)."""

from __future__ import annotations

import re

from drafter.mining.core import LEAD_FIRST, head_cut, series_core, strip_lead
from drafter.mining.parallel import is_clause_series, is_pair, is_series
from drafter.mining.sentences import body_clauses, han_len, items, quoted, strip_end

_QUOTE_CUT = re.compile("[、，]")


def shapes(sentence: str) -> list[tuple[str, str]]:
    """排比, 对仗 and quoted 金句 below the sentence: ``[(category, text)]``."""
    return _shapes(sentence, strip_end(sentence))


def _shapes(sentence: str, body: str, parts: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    # _clause_runs may cut a lead-in off a clause of ``parts`` in place
    if parts is None:
        parts = body_clauses(body)
    out: list[tuple[str, str]] = []
    if "、" in sentence:
        for clause, _ in parts:
            if "、" not in clause:
                continue
            members = items(clause)
            # han_len never exceeds len: measure the Han length only of a long clause
            if len(members) >= 3 and (len(clause) <= 80 or han_len(clause) <= 80) and is_series(members):
                out.append(("排比", "、".join(series_core(members))))
            elif len(members) == 2 and is_pair(members[0], members[1], lead_in=4) and clause != body:
                out.append(("对仗", "、".join(series_core(members))))
    if len(parts) > 1:
        _clause_runs(parts, body, out)
    if "“" in sentence or "‘" in sentence:
        for q in quoted(sentence):
            _quoted_shape(q, out)
    return out


def _clause_runs(parts: list[tuple[str, str]], body: str, out: list[tuple[str, str]]) -> None:
    """Append the 排比 runs and 对仗 pairs of whole clauses to ``out``."""
    if len(parts) == 2:
        # two clauses can only be a pair: ，-joined halves of one length once a lead-in is cut
        (a, sep), (b, _) = parts
        if sep != "，" or len(a) < len(b) or (len(a) > len(b) and a[0] not in LEAD_FIRST):
            return
    texts = [c for c, _ in parts]
    lens = list(map(len, texts))
    n, i = len(texts), 0
    while i < n - 1:
        t = texts[i]
        if lens[i] > 5 and (t[0] in LEAD_FIRST or (i + 2 < n and texts[i + 1][:1] == texts[i + 2][:1] != t[:1])):
            _cut_lead(texts, lens, parts, i)
        j = i + 3
        if j <= n and _candidate(texts, lens, i) and _joinable(parts, i, j) and is_clause_series(texts[i:j]):
            while j < n and _similar(lens[i:j + 1]) and _joinable(parts, i, j + 1) \
                    and is_clause_series(texts[i:j + 1]):
                j += 1
            run = _join(parts, i, j)
            if han_len(run) <= 150:
                out.append(("排比", run))
            i = j
            continue
        if lens[i] == lens[i + 1] and parts[i][1] == "，" and "、" not in texts[i] + texts[i + 1] \
                and is_pair(texts[i], texts[i + 1], framed=lens[i] != 4):
            pair = _join(parts, i, i + 2)
            if pair != body:
                out.append(("对仗", pair))
            i += 2
            continue
        i += 1


def _cut_lead(texts: list[str], lens: list[int], parts: list[tuple[str, str]], i: int) -> None:
    """Let clause ``i`` start a run or pair without its lead-in (我们要… / 班子成员带头…).

    Done in place when the scan reaches ``i``: from then on clause ``i`` can only be the
    first of a run, never a later member, so the cut never shows inside a run.
    """
    t = texts[i]
    frame = i + 2 < len(texts) and texts[i + 1][:1] == texts[i + 2][:1] != t[:1]
    cut = strip_lead(t)
    if frame:
        cut = head_cut(cut, texts[i + 1:i + 3])
    if cut != t:
        texts[i], lens[i], parts[i] = cut, len(cut), (cut, parts[i][1])


def _candidate(texts: list[str], lens: list[int], i: int) -> bool:
    """Cheap first test of three clauses from ``i``: similar lengths, and a shared edge or one length."""
    a, b, c = lens[i], lens[i + 1], lens[i + 2]
    # plain comparisons, not min()/max(): this runs for nearly every clause of the corpus
    low = a if a < b else b
    if c < low:
        low = c
    if low < 4:
        return False
    high = a if a > b else b
    if c > high:
        high = c
    if high > 40 or high > 2 * low:
        return False
    if low == high:
        return True
    x, y, z = texts[i], texts[i + 1], texts[i + 2]
    return (x[0] == y[0] == z[0] or x[1] == y[1] == z[1] or x[-1] == y[-1] == z[-1]
            or x[-2] == y[-2] == z[-2])


def _similar(lengths: list[int]) -> bool:
    """Clause lengths of the same order (a run stops growing where they are not)."""
    low, high = min(lengths), max(lengths)
    return low >= 4 and high <= 40 and high <= 2 * low


def _joinable(parts: list[tuple[str, str]], i: int, j: int) -> bool:
    for k in range(i, j - 1):  # a plain loop: all() over a generator costs more for two or three
        if parts[k][1] not in "，；":
            return False
    return True


def _join(parts: list[tuple[str, str]], i: int, j: int) -> str:
    return "".join(c + sep for c, sep in parts[i:j - 1]) + parts[j - 1][0]


def _quoted_shape(q: str, out: list[tuple[str, str]]) -> None:
    if any(ch in q for ch in "。！？“‘"):
        return
    members = _QUOTE_CUT.split(q)
    if len(members) == 2 and len(members[1]) <= 8 and is_pair(members[0], members[1]):
        out.append(("金句", q))
    elif len(members) >= 3 and "，" not in q and is_series(members):
        out.append(("排比", q))
