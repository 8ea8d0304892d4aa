"""Speech length against an optional target (characters, or minutes at the speaking rate)."""

from __future__ import annotations

import re
from typing import Iterator

from drafter.errors import DrafterError
from drafter.i18n import M_, N_, _
from drafter.lint.context import Doc
from drafter.lint.findings import WARNING, Finding, format_minutes
from drafter.lint.text import content_chars

RULES = {"length-target": (WARNING, N_("speech length outside the target given with --target"))}

#: a bare target ("3000", "10min") allows this much either way
TOLERANCE = 0.10

_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:[-–~～至到]\s*(\d+(?:\.\d+)?))?\s*"
                     r"(字|chars?|min|mins|minutes?|分钟|分)?\s*$")


def parse_target(spec: str, rate: int = 220) -> tuple[int | None, int | None]:
    """'3000' → 2700–3300 chars; '2500-3500' → as given; '10min'/'8-10分钟' → chars at ``rate``.

    Why a tolerance for a bare number: a 3,000-字 slot is never met to the character.
    """
    m = _TARGET.match(spec or "")
    if not m:
        raise DrafterError(_("cannot read length target {spec!r}: write e.g. 3000, 2500-3500, "
                             "10min or 8-10min").format(spec=spec), key="--target")
    low, high, unit = float(m.group(1)), m.group(2), m.group(3) or "字"
    if low <= 0 or (high is not None and float(high) <= 0):
        raise DrafterError(_("length target {spec} must be more than 0").format(spec=repr(spec)), key="--target")
    if high is not None and float(high) < low:
        raise DrafterError(_("length target {spec} runs backwards: write the smaller number first ({value}-{value2})").format(spec=repr(spec), value=m.group(2), value2=m.group(1)), key="--target")
    factor = rate if unit.startswith(("min", "分")) else 1
    if high is None:
        return round(low * factor * (1 - TOLERANCE)), round(low * factor * (1 + TOLERANCE))
    lo, hi = sorted((low * factor, float(high) * factor))
    return round(lo), round(hi)


def check(doc: Doc) -> Iterator[Finding]:
    if not doc.options.target or not doc.paras:
        return
    yield from verdict(doc, sum(content_chars(p.text) for p in doc.paras))


def verdict(doc: Doc, chars: int) -> Iterator[Finding]:
    """The length-target finding for a speech of ``chars`` characters (reported at paragraph 1)."""
    target = doc.options.target
    if not target:
        return
    low, high = target
    rate = doc.options.rate
    said = M_("{chars} 字 ({minutes} at {rate} 字/分)", chars=chars, minutes=format_minutes(chars / rate), rate=rate)
    if low is not None and chars < low:
        yield doc.finding(0, WARNING, "length-target",
                          M_("speech is {said}, short of the target {span} by {by} 字", said=said,
                             span=_span(low, high), by=low - chars))
    elif high is not None and chars > high:
        yield doc.finding(0, WARNING, "length-target",
                          M_("speech is {said}, over the target {span} by {by} 字", said=said,
                             span=_span(low, high), by=chars - high))


def _span(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high} 字"
    return f"≥{low} 字" if low is not None else f"≤{high} 字"
