"""First-person directive frames: 我们要…。 leads, three or more of one frame each heading text (none side by
side), and the shared pieces of a lead sentence's shape (its first sentence, the words that keep a first-person
sentence from leading). Returns paragraph indices of the leads (parser/leads.py makes them cut candidates)."""

from __future__ import annotations

import re

from drafter import markers as mk
from drafter.parser.closing import CLOSING_FORMULA
from drafter.parser.front import SALUTATION
from drafter.parser.state import _Para

_ATTRIBUTION = re.compile(r"(指出|强调|认为|要求|提出|说|讲)[，：:]|：")

_SENTENCE_END = re.compile("[。！？]")


def _first_sentence(text: str) -> str | None:
    """The first sentence of ``text`` if it is short enough to be a lead (None otherwise): only the
    first LEAD_MAX_CHARS + 1 characters are looked at (DASH_LEAD_MAX_CHARS + 1 after a dash)."""
    limit = mk.DASH_LEAD_MAX_CHARS if text.startswith(mk.LEAD_DASHES) else mk.LEAD_MAX_CHARS
    m = _SENTENCE_END.search(text, 0, limit + 1)
    if m:
        return text[:m.end()]
    return text if len(text) <= limit else None


#: the words that keep a first-person sentence from leading even in a frame (this, address, thanks)
_NOT_LEAD_BUT_I = re.compile("|".join(f"(?:{r.pattern})" for r in (
    re.compile(r"这(?![个条一项把根篇场件道])|同志们|大家|谢谢"), _ATTRIBUTION, CLOSING_FORMULA, SALUTATION)))


def _we_must_run(paras: list[_Para]) -> list[int]:
    """Paragraphs opening with a short 我们要…。 (我们将/我们必须) that heads the text after it in its paragraph,
    three or more of them opening alike and no two in a row (我们要坚定维护国际公平正义，维护世界和平稳定。…… / 我们要深化互利
    合作、谋求互利共赢。……): they divide the text. Such sentences side by side, or standing alone, are a
    list of what is to be done — content — and so is a long one; [] if no run."""
    by_frame: dict[str, list[int]] = {}
    for i, p in enumerate(paras):
        frame = next((f for f in _WE_MUST if p.text.startswith(f)), None)
        if frame is None:
            continue
        s = _first_sentence(p.text)
        if s is None or len(s) > mk.DIRECTIVE_LEAD_MAX_CHARS + 1 or len(p.text) == len(s) or not s.endswith("。") \
                or _NOT_LEAD_BUT_I.search(s[2:]) or s.count("“") != s.count("”"):
            continue
        by_frame.setdefault(frame, []).append(i)
    # (one frame for all of them: 我们要…… then 我们必须……, 我们必须…… are a report's sentences of what to do)
    found = max(by_frame.values(), key=len, default=[])
    if len(found) < 3 or any(b - a < 2 for a, b in zip(found, found[1:])):
        return []
    if len({_first_sentence(paras[i].text) for i in found}) < len(found):
        return []  # (a sentence said again is a refrain)
    return found


#: the first-person directive frames a run of leads may open with
_WE_MUST = ("我们要", "我们将", "我们必须")
