"""How long each part of a draft should be, so the whole lands within ±10 % of the target.

The target is the outline's ``length`` or ``minutes`` × ``rate`` (220 字/分 by default),
counted like ``Speech.text_length()``: every character but whitespace. Fixed text
(title, headings, verbatim paragraphs) is taken off first; the rest is shared out:
a little to the opening and closing, the bulk to the sections, each point getting a
full share and a section with points a short introduction. After a first rendering
``rescale`` corrects the shares by how far the result missed.
"""

from __future__ import annotations

import re

from drafter.compose.outline import Node, Outline

#: a note to the writer where the bank had nothing for a place (helpers.Composer.note): it
#: is for the writer to replace, flagged by lint (placeholder), and never counted as length
NOTE = re.compile(r"〔待补充（写作提示）：[^〕]*〕。?")
NOTE_OPEN = "〔待补充（写作提示）："

#: length when the outline gives none, per template (characters)
DEFAULT_LENGTH = {"研讨发言": 2500, "交流发言": 2500, "辅导报告": 5000, "党课": 5000}
FALLBACK_LENGTH = 3000
TOLERANCE = 0.10

OPENING_SHARE = 0.09
CLOSING_SHARE = 0.05
#: a place with plenty of relevant material may take up to this many times its share of the
#: outline when the draft comes out short (a point never becomes a pile of report sentences)
GROWTH_CAP = 1.5
#: a place written to less than this share of its share of the outline is thin: it gets a note
THIN_SHARE = 0.5
#: a section's own introduction, relative to one point's share, when it has points
INTRO_WEIGHT = 0.35


def drafted_length(speech) -> int:
    """The speech's length as a draft counts it: ``text_length`` less the notes to the writer."""
    return speech.text_length() - sum(len("".join(m.group(0).split()))
                                      for p in speech.paragraphs() for m in NOTE.finditer(p))


def target_length(outline: Outline, skeleton: dict | None = None) -> int:
    target = outline.target_length()
    if target is not None:
        return int(target)
    return DEFAULT_LENGTH.get(outline.type, FALLBACK_LENGTH)


def chars(text: str) -> int:
    return len("".join(text.split()))


def fixed_length(outline: Outline) -> int:
    """Characters the outline fixes: title block, salutation, headings, verbatim text."""
    n = chars(outline.title) + chars(outline.speaker or "") + (12 if outline.date else 0) + 4
    n += sum(chars(p) for p in outline.opening + outline.closing)

    def rec(nodes: list[Node]) -> int:
        return sum(chars(x.heading) + 5 + sum(chars(p) for p in x.text) + rec(x.points) for x in nodes)
    return n + rec(outline.sections)


def budgets(outline: Outline, target: int) -> dict[str, int]:
    """Characters of composed text for each place: 'opening', 'closing' and node key paths."""
    free = max(target - fixed_length(outline), 0)
    out: dict[str, int] = {}
    share_open = 0 if outline.opening else OPENING_SHARE
    share_close = 0 if outline.closing else CLOSING_SHARE
    out["opening"] = round(free * share_open)
    out["closing"] = round(free * share_close)
    rest = free - out["opening"] - out["closing"]
    weights = _weights(outline.sections)
    total = sum(weights.values()) or 1.0
    for key, w in weights.items():
        out[key] = round(rest * w / total)
    return out


def _weights(nodes: list[Node]) -> dict[str, float]:
    """Every node whose body is composed gets a weight; verbatim text gets none."""
    out: dict[str, float] = {}
    for n in nodes:
        if not n.text:
            out[n.key] = INTRO_WEIGHT if n.points else 1.0
        out.update(_weights(n.points))
    return out


def rescale(shares: dict[str, int], fixed: int, target: int, actual: int) -> dict[str, int]:
    """Shares corrected by how far the last rendering missed the target."""
    composed = max(actual - fixed, 1)
    wanted = max(target - fixed, 0)
    factor = min(max(wanted / composed, 0.3), 3.0)
    return {k: round(v * factor) for k, v in shares.items()}


def within(actual: int, target: int, tolerance: float = TOLERANCE) -> bool:
    return abs(actual - target) <= target * tolerance
