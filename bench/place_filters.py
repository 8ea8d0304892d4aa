"""Which filter keeps bank lines out of each place of a draft: python bench/place_filters.py OUTLINE...

For every place (section or point) of each outline's draft (shipped bank, seed 0): how many bank
lines hold one of the place's rare words at all (a word of its heading held by at most 2 % of
the lines), and how many of those each filter drops, in the order the composer applies them:
not a sentence, voice (another level's), tied (year, meeting, campaign, place), size, slot,
stale (source too old), off-field, named field, own words (points), coverage, rare, floor,
relative floor; then how many were usable and how many printed there. A filter that drops
most of a place's lines where the bank has them is the one to look at.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.bank import load_bank  # noqa: E402
from drafter.compose import draft  # noqa: E402
from drafter.compose.admission import STALE_YEARS, TIMELESS  # noqa: E402
from drafter.compose.analysis import AnalysisCache  # noqa: E402
from drafter.compose.relevance import judge  # noqa: E402
from drafter.compose.select import candidates  # noqa: E402
from drafter.compose.shape import local  # noqa: E402
from drafter.compose.units import MAX_CHARS, MIN_CHARS, PLACED, _newest, as_sentence  # noqa: E402

BANK = ROOT / "drafter" / "data" / "phrasebank"


def why_not(view, p, about, cache) -> str:
    text = as_sentence(p.text, p.category)
    if not text:
        return "not a sentence"
    a = cache.get(text, p.category)
    sp = view.speech
    from drafter import roles
    if not roles.level_fits(a.level, sp.level):
        return "voice"
    if not sp.admits(a) or local(text):
        return "tied"
    if not MIN_CHARS <= len(text) <= MAX_CHARS:
        return "size"
    if any(s not in sp.vars for s in p.slots if "{" + s + "}" in text):
        return "slot"
    newest = _newest(p.sources, {})
    if a.role not in TIMELESS and newest is not None and newest < sp.year - STALE_YEARS:
        return "stale"
    unit = next((u for u in view.units if u.id == p.id), None)
    if unit is None:
        return "other"
    score, why = judge(view, unit, about)
    if score is None:
        return why
    if all(u is not unit for _, u in view.scored(about)):
        return "relative floor"
    return "usable"


def main() -> None:
    bank = load_bank(BANK)
    phrases = [p for p in candidates(bank) if p.category not in PLACED]
    cache = AnalysisCache(None)
    total: Counter = Counter()
    for path in sys.argv[1:]:
        d = draft(path, bank=BANK, seed=0)
        view = d.state.view
        printed = Counter(b.place for b in d.sources)
        print(f"== {Path(path).stem}  {d.length}/{d.target}")
        for key, about in d.state.abouts.items():
            if key in ("opening", "closing"):
                continue
            heading = next((pl.section for pl in d.placements if pl.place == key), key)
            rare = {w for w in about.words if view.df.get(w, 0) <= max(view.n * 0.02, 3)}
            hold = [p for p in phrases if any(w in p.text for w in rare)]
            c = Counter(why_not(view, p, about, cache) for p in hold)
            total.update(c)
            print(f"  {heading[:18]:<20} rare {','.join(sorted(rare))[:40]:<40} lines {len(hold):>3} "
                  f"printed {printed.get(key, 0):>2}  " + " ".join(f"{k}:{n}" for k, n in c.most_common()))
    print("all:", " ".join(f"{k}:{n}" for k, n in total.most_common()))


if __name__ == "__main__":
    main()
