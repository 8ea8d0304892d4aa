"""Heading patterns from parallel sibling headings: what stays is the frame, what varies a slot.

坚持以学促干，在学思践悟中把牢方向 / 坚持埋头苦干，在履职尽责中展现作为 /
坚持真抓实干，在转变作风中锤炼党性 → ``坚持{…}，在{…}中{…}``.

The frame is the longest common subsequence of the headings, fitted back onto every heading
with a regex: runs that are always adjacent merge into one literal, gaps that are always
filled become slots. Stray single characters that happen to coincide (the 干 of 促干/苦干/实干)
are not a frame unless they are function words (在 中 上 以 把 …), so they go into the slot;
a literal that is sometimes adjacent and sometimes not is dropped.
"""

from __future__ import annotations

import re

FREE = "{…}"
#: single characters that may stand alone in a frame
FRAME_CHARS = set("在中上下以为把于和与对向从让使将及之的而是要更再促抓强")
_PUNCT = set("，、；：“”‘’《》（）")


def lcs(a: str, b: str) -> str:
    """Longest common subsequence (deterministic tie-break: prefer advancing in ``a``)."""
    # Parallel headings reduced to their shared characters are mostly one the other's
    # subsequence (often equal): then that one is the only common subsequence of full length.
    if _subsequence(b, a):
        return b
    if _subsequence(a, b):
        return a
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt, ai = table[i], table[i + 1], a[i]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = nxt[j + 1] + 1
            else:
                down, right = nxt[j], row[j + 1]
                row[j] = down if down >= right else right
    out, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return "".join(out)


def _subsequence(short: str, long: str) -> bool:
    if len(short) > len(long):
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def _gaps(tokens: list[str], headings: list[str]) -> list[list[bool]] | None:
    """For each heading, whether each gap around the tokens is filled (None: no fit).

    The fit is the one of the regex ``(.*)t1(.*)t2…(.*)`` (greedy gaps, the first as long as
    it can be): each token at its last place that leaves room for the tokens after it, found
    with ``rfind`` from the right instead of compiling and backtracking a regex per step.
    """
    out = []
    for h in headings:
        end = len(h)
        starts = []
        for t in reversed(tokens):
            end = h.rfind(t, 0, end)
            if end < 0:
                return None
            starts.append(end)
        starts.reverse()
        filled = [starts[0] > 0]
        for k in range(1, len(tokens)):
            filled.append(starts[k] > starts[k - 1] + len(tokens[k - 1]))
        filled.append(len(h) > starts[-1] + len(tokens[-1]))
        out.append(filled)
    return out


def _merge(tokens: list[str], gaps: list[list[bool]]) -> list[str]:
    merged = [tokens[0]]
    for i in range(1, len(tokens)):
        if not any(g[i] for g in gaps):
            merged[-1] += tokens[i]
        else:
            merged.append(tokens[i])
    return merged


def _trim_edges(token: str, left_slot: bool, right_slot: bool) -> str:
    """Give a lone non-frame character at a slot edge back to the slot (促干 → 促{…})."""
    if left_slot and len(token) > 1 and token[0] not in FRAME_CHARS and token[0] not in _PUNCT \
            and (token[1] in _PUNCT):
        token = token[1:]
    if right_slot and len(token) > 1 and token[-1] not in FRAME_CHARS and token[-1] not in _PUNCT \
            and (token[-2] in _PUNCT):
        token = token[:-1]
    return token


def _weak(token: str) -> bool:
    return len(token) == 1 and token not in FRAME_CHARS and token not in _PUNCT


def _step(tokens: list[str], gaps: list[list[bool]]) -> list[str] | None:
    """One simplification of the frame, or None when it is stable."""
    mixed = [len({g[i] for g in gaps}) > 1 for i in range(len(tokens) + 1)]
    filled = [all(g[i] for g in gaps) for i in range(len(tokens) + 1)]
    for i, t in enumerate(tokens):
        trimmed = _trim_edges(t, filled[i], filled[i + 1])
        if trimmed != t:
            return tokens[:i] + [trimmed] + tokens[i + 1:]
    bad = [i for i, t in enumerate(tokens) if _weak(t) or mixed[i] or mixed[i + 1]]
    if not bad:
        return None
    worst = min(bad, key=lambda i: (len(tokens[i]), i))
    return tokens[:worst] + tokens[worst + 1:]


def heading_pattern(headings: list[str]) -> str | None:
    """The shared frame of parallel headings with ``{…}`` slots, or None if they share none."""
    headings = [h for h in headings if h]
    if len(headings) < 2 or len(set(headings)) < len(headings):
        return None
    shared = set(headings[0]).intersection(*headings[1:])
    if len(shared - _PUNCT) < 2:
        return None
    # characters not in every heading cannot be in the frame: dropping them first makes LCS cheap
    kept = ["".join(ch for ch in h if ch in shared) for h in headings]
    common = kept[0]
    for h in kept[1:]:
        common = lcs(common, h)
    tokens = list(common)
    for _ in range(4 * len(tokens) + 4):
        if not tokens:
            return None
        gaps = _gaps(tokens, headings)
        if gaps is None:
            return None
        merged = _merge(tokens, gaps)
        if merged != tokens:
            tokens = merged
            continue
        nxt = _step(tokens, gaps)
        if nxt is None:
            return _render(tokens, gaps, headings)
        tokens = nxt
    return None


def _render(tokens: list[str], gaps: list[list[bool]], headings: list[str]) -> str | None:
    filled = [all(g[i] for g in gaps) for i in range(len(tokens) + 1)]
    literal = sum(1 for t in tokens for ch in t if ch not in _PUNCT)
    if not any(filled) or literal < 2:
        return None
    if len(headings) == 2 and (filled[0] or literal < 0.4 * min(len(h) for h in headings)):
        return None
    if len(headings) >= 3 and not (tokens[0] and not filled[0]) and literal < 3:
        return None
    out = []
    for i, t in enumerate(tokens):
        if filled[i]:
            out.append(FREE)
        out.append(t)
    if filled[-1]:
        out.append(FREE)
    return "".join(out)


def fill(pattern: str, heading: str) -> list[str] | None:
    """What a heading puts in each slot of a pattern (None if it does not fit)."""
    parts = pattern.split(FREE)
    rx = "(.+?)".join(map(re.escape, parts))
    m = re.fullmatch(rx, heading)
    return list(m.groups()) if m else None
