"""Half-width punctuation in Chinese text, and the one mechanical fix lint makes.

A mark counts as "in Chinese text" when the nearest non-space character on either
side is Chinese (a Han character or full-width punctuation). Marks between digits
(1.5, 10,000, 9:30), a 1. numbering marker at the start of a line and marks inside
runs of Latin text are left alone. Brackets and quotes are decided in pairs, so
``(1)体制`` becomes ``（1）体制`` and not ``(1）体制``.

The same function feeds the rule (on ``Para.raw``) and ``fix_text`` (on the whole
file), so whatever the rule reports, the fix removes.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, Finding
from drafter.lint.text import excerpt, is_cjk

RULES = {"halfwidth-punct": (ERROR, "half-width punctuation in Chinese text (, . : ; ! ? ( ) \" ')")}

SIMPLE = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
QUOTES = {'"': "“”", "'": "‘’"}
DIGIT_SEPARATORS = ".,:"


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t\r\n\u3000":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _line_prefix(text: str, i: int) -> str:
    start = text.rfind("\n", 0, i) + 1
    return text[start:i]


def _candidate(text: str, i: int) -> bool:
    """Is the mark at ``i`` in Chinese context (before pairing)?"""
    c = text[i]
    prev, nxt = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if c in DIGIT_SEPARATORS and prev.isdigit() and nxt.isdigit() and text[i - 1].isdigit():
        return False
    if c == "." and _line_prefix(text, i).strip().isdigit() and len(_line_prefix(text, i).strip()) <= 2:
        return False            # "1." numbering: the half-width point is the standard form
    if c == "." and (text[i + 1:i + 2] == "." or text[i - 1:i] == "."):
        return False            # "..." is handled as an ellipsis
    return is_cjk(prev) or is_cjk(nxt)


def _ellipses(text: str) -> Iterator[tuple[int, int]]:
    i = 0
    while i < len(text):
        if text.startswith("...", i):
            j = i
            while j < len(text) and text[j] == ".":
                j += 1
            if is_cjk(_neighbour(text, i, -1)) or is_cjk(_neighbour(text, j - 1, 1)):
                yield i, j
            i = j
        else:
            i += 1


def replacements(text: str) -> list[tuple[int, int, str]]:
    """``[(start, end, full-width form)]`` for every half-width mark in Chinese context."""
    out: dict[int, tuple[int, int, str]] = {}
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    quotes: dict[str, list[int]] = {'"': [], "'": []}
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            pairs.append((stack.pop(), i))
        elif c in QUOTES and not (c == "'" and text[i - 1:i].isalpha() and text[i + 1:i + 2].isalpha()):
            quotes[c].append(i)
    paired: set[int] = set()
    for a, b in pairs:
        paired |= {a, b}
        if _candidate(text, a) or _candidate(text, b) or any(is_cjk(ch) for ch in text[a + 1:b]):
            out[a], out[b] = (a, a + 1, "（"), (b, b + 1, "）")
    for mark, places in quotes.items():
        for k in range(0, len(places) - 1, 2):
            a, b = places[k], places[k + 1]
            if _candidate(text, a) or _candidate(text, b) or any(is_cjk(ch) for ch in text[a + 1:b]):
                out[a], out[b] = (a, a + 1, QUOTES[mark][0]), (b, b + 1, QUOTES[mark][1])
        if len(places) % 2 and _candidate(text, places[-1]):
            a = places[-1]
            out[a] = (a, a + 1, QUOTES[mark][0])
    for i, c in enumerate(text):
        if c in SIMPLE and i not in paired and i not in out and _candidate(text, i):
            out[i] = (i, i + 1, SIMPLE[c])
    for a, b in _ellipses(text):
        out[a] = (a, b, "……")
    return sorted(out.values())


def fix_text(text: str) -> str:
    """``text`` with every reported half-width mark made full-width; nothing else changes."""
    parts: list[str] = []
    pos = 0
    for a, b, new in replacements(text):
        parts.append(text[pos:a])
        parts.append(new)
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def check(doc: Doc) -> Iterator[Finding]:
    for i, para in enumerate(doc.paras):
        raw = para.raw
        reps = replacements(raw)
        if not reps:
            continue
        counts = Counter((raw[a:b], new) for a, b, new in reps)
        listed = "  ".join(f"{mark} → {new}" + (f" ×{n}" if n > 1 else "")
                           for (mark, new), n in counts.items())
        a, b, _ = reps[0]
        yield doc.finding(i, ERROR, "halfwidth-punct",
                          f"half-width punctuation in Chinese text: {listed} "
                          f"({excerpt(raw, a, b)}; --fix rewrites them)", raw[a:b])
