"""Sentence by sentence: the alternatives a writer may pick for one slot of a draft.

A draft's ``placements`` name each body sentence's slot (``2.1#3``). ``alternatives`` drafts
the outline as ``draft`` would (same bank, seed and pins), then ranks, for the chosen slot, the
units of the roles its plan asks for, exactly as the composer ranks them for that place (the
relevance floor included), leaving out what the draft already says elsewhere. Pinning one
(outline ``pins: {2.1#3: 举措-1a2b3c4d}``) makes ``drafter draft`` print it there.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.compose.draft import Draft, draft
from drafter.errors import OutlineError
from drafter.i18n import _


@dataclass
class Alternative:
    phrase_id: str
    text: str
    role: str
    score: float
    source: dict | None

    def to_dict(self) -> dict:
        return {"phrase": self.phrase_id, "text": self.text, "role": self.role,
                "score": round(self.score, 3), "source": self.source}


def alternatives(outline, key: str, bank=None, seed: int | None = 0, templates=None, limit: int = 8,
                 drafted: Draft | None = None) -> list[Alternative]:
    """The best ``limit`` other units for slot ``key`` of the outline's draft, best first."""
    d = drafted if drafted is not None else draft(outline, bank=bank, seed=seed, templates=templates)
    placed = {p.key: p for p in d.placements}
    if key not in placed:
        known = ", ".join(list(placed)[:12])
        raise OutlineError(_("no sentence in slot {key} of this draft (slots: {known} …)").format(key=repr(key), known=known), key="pins")
    here = placed[key]
    state = d.state
    assert state is not None  # draft() always keeps it
    about = state.abouts.get(here.place)
    if about is None:
        return []
    used = {p.phrase_id for p in d.placements if p.phrase_id and p.key != key}
    out = []
    for score, unit in state.view.scored(about):
        if unit.id in used or unit.id == here.phrase_id or unit.role not in here.wanted:
            continue
        if unit.role != here.wanted[0]:
            score *= 0.8
        source = dict(unit.sources[0]) if unit.sources else None
        out.append(Alternative(unit.id, state.printed(unit), unit.role, score, source))
    out.sort(key=lambda a: (-a.score, a.phrase_id))
    return out[:limit]
