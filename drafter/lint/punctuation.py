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

from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, Finding
from drafter.lint.text import excerpt, is_cjk

RULES = {"halfwidth-punct": (ERROR, N_("half-width punctuation in Chinese text (, . : ; ! ? ( ) \" ')"))}

SIMPLE = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
QUOTES = {'"': "“”", "'": "‘’"}
DIGIT_SEPARATORS = ".,:"


def _neighbour(text: str, i: int, step: int) -> int:
    """Index of the nearest non-space character before (step -1) or after (+1) ``i``, or -1."""
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t\r\n\u3000":
        j += step
    return j if 0 <= j < len(text) else -1


def _line_prefix(text: str, i: int) -> str:
    start = text.rfind("\n", 0, i) + 1
    return text[start:i]


class _Context:
    """The text plus the marks already judged Chinese, which count as Chinese neighbours
    (so a run like ``我,,`` or ``学习, (1)体制`` is judged as a whole, not one mark at a time)."""

    def __init__(self, text: str):
        self.text = text
        self.decided: set[int] = set()

    def cjk_at(self, j: int) -> bool:
        return j >= 0 and (j in self.decided or is_cjk(self.text[j]))

    def candidate(self, i: int) -> bool:
        """Is the mark at ``i`` in Chinese context (before pairing)?"""
        text, c = self.text, self.text[i]
        prev, nxt = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if c in DIGIT_SEPARATORS and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit():
            return False            # 1.5, 10,000, 9:30
        prefix = _line_prefix(text, i).strip()
        if c == "." and prefix.isdigit() and len(prefix) <= 2:
            return False            # "1." numbering: the half-width point is the standard form
        if c == "." and (text[i + 1:i + 2] == "." or text[i - 1:i] == "."):
            return False            # "..." is handled as an ellipsis
        return self.cjk_at(prev) or self.cjk_at(nxt)

    def pair(self, a: int, b: int) -> bool:
        return (self.candidate(a) or self.candidate(b)
                or any(is_cjk(ch) for ch in self.text[a + 1:b]))


def _ellipses(ctx: _Context) -> Iterator[tuple[int, int]]:
    text = ctx.text
    i = 0
    while i < len(text):
        if text.startswith("...", i):
            j = i
            while j < len(text) and text[j] == ".":
                j += 1
            if ctx.cjk_at(_neighbour(text, i, -1)) or ctx.cjk_at(_neighbour(text, j - 1, 1)):
                yield i, j
            i = j
        else:
            i += 1


def _marks(text: str) -> tuple[list[tuple[int, int]], dict[str, list[int]], set[int]]:
    """Bracket pairs, quote positions by kind, and every position that is in a pair."""
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
    paired = {k for ab in pairs for k in ab}
    return pairs, quotes, paired


def _one_pass(ctx: _Context, pairs, quotes, paired) -> dict[int, tuple[int, int, str]]:
    text = ctx.text
    out: dict[int, tuple[int, int, str]] = {}
    for a, b in pairs:
        if ctx.pair(a, b):
            out[a], out[b] = (a, a + 1, "（"), (b, b + 1, "）")
    for mark, places in quotes.items():
        for k in range(0, len(places) - 1, 2):
            a, b = places[k], places[k + 1]
            if ctx.pair(a, b):
                out[a], out[b] = (a, a + 1, QUOTES[mark][0]), (b, b + 1, QUOTES[mark][1])
        if len(places) % 2 and ctx.candidate(places[-1]):
            out[places[-1]] = (places[-1], places[-1] + 1, QUOTES[mark][0])
    for i, c in enumerate(text):
        if c in SIMPLE and i not in paired and i not in out and ctx.candidate(i):
            out[i] = (i, i + 1, SIMPLE[c])
    for a, b in _ellipses(ctx):
        out[a] = (a, b, "……")
    return out


def replacements(text: str) -> list[tuple[int, int, str]]:
    """``[(start, end, full-width form)]`` for every half-width mark in Chinese context.

    Judged until nothing changes, so fixing the reported marks leaves nothing to report.
    """
    ctx = _Context(text)
    marks = _marks(text)
    while True:
        out = _one_pass(ctx, *marks)
        decided = {k for a, b, _ in out.values() for k in range(a, b)}
        if decided == ctx.decided:
            return sorted(out.values())
        ctx.decided = decided


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
                          M_("half-width punctuation in Chinese text: {listed} ({where}; --fix rewrites them)",
                             listed=listed, where=excerpt(raw, a, b)), raw[a:b])
