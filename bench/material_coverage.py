"""What the public reports say on the bench outlines' places, and what of it the bank holds:

    python bench/material_coverage.py [--public DIR] [--bank DIR] [--since 2003] [--show N] [OUTLINES...]

For every place (section heading or point) of each outline (default: bench/outlines, panel,
panel2, panel3, panel4), the sentences of the national reports (``--public``: the gwr and cpc
folders of ../shared/corpus-public, files dated ``--since`` or later) that speak of it: a
sentence holds a compound of the place written together (安全生产, 审计监督), or two of its
content words one of which is rare (held by at most 2 % of the sentences). Each such sentence
is put in one bucket, the first that applies:

  not shipped   its file is not in the corpus the shipped bank is mined from (corpus-public/)
  whole         the bank holds the sentence itself as a phrase
  clause        the bank holds a clause of it (a measure or a directive standing alone)
  series        the bank holds only a series or a pair cut from it (排比/对仗)
  dropped:WHY   mining takes nothing of it; WHY is the frame test that refused it (long:
                over 90 characters with no directive frame; report: it says what was done
                (了/取得); first person; no frame: no directive, measure, statement or quote)

and, for the sentences the bank holds, whether the outline's draft (seed 0) may use the phrase
at that place (``units``: it is a unit of the draft's bank view) or which filter of the composer
keeps it out (the reasons of bench/place_filters.py). A bucket that holds most of a place's
sentences is the one to work on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import PUBLIC  # noqa: E402
from drafter import roles  # noqa: E402
from drafter.bank import load_bank  # noqa: E402
from drafter.compose import draft  # noqa: E402
from drafter.compose.admission import STALE_YEARS, TIMELESS  # noqa: E402
from drafter.compose.analysis import AnalysisCache  # noqa: E402
from drafter.compose.shape import local  # noqa: E402
from drafter.compose.units import MAX_CHARS, MIN_CHARS, _newest, as_sentence  # noqa: E402
from drafter.mining.extract import FIRST_PERSON, _category, _shapes  # noqa: E402
from drafter.mining.pieces import speech_pieces  # noqa: E402
from drafter.mining.sentences import body_clauses, han_len, sentences, strip_end  # noqa: E402
from drafter.mining.slots import Slotter  # noqa: E402
from drafter.parser import parse_file  # noqa: E402
from drafter.roles import MEASURE_START  # noqa: E402
from drafter.words import content_words, strong_compounds  # noqa: E402

SHIPPED = ROOT / "corpus-public"
BANK = ROOT / "drafter" / "data" / "phrasebank"
SETS = ("outlines", "panel", "panel2", "panel3", "panel4")
SERIES = ("排比", "对仗")


def corpus_sentences(public: Path, since: int) -> list[tuple[str, str, str]]:
    """(folder/file, role of its piece, sentence) of every dated report from ``since`` on."""
    slot = Slotter()
    out = []
    for folder in ("gwr", "cpc"):
        for path in sorted((public / folder).glob("*.txt")):
            year = roles.source_year(path.name)
            if year is None or year < since:
                continue
            speech = parse_file(path)
            for piece in speech_pieces(speech, slot):
                if piece.role in ("title",):
                    continue
                for s in sentences(piece.text):
                    s = s.strip()
                    if han_len(s) >= 6:
                        out.append((f"{folder}/{path.name}", piece.role, s))
    return out


def refusal(sentence: str, role: str) -> str:
    """Why mining takes nothing from a sentence (its frame tests, in extract's order)."""
    body = strip_end(sentence)
    h = han_len(body)
    if "了" in body or "取得" in body:
        return "report"
    if FIRST_PERSON.search(body):
        return "first person"
    if h > 90:
        return "long"
    if MEASURE_START.match(body) or body.startswith(("要", "必须")):
        return "measure"
    return "no frame"


def mined_from(sentence: str, role: str, texts: dict[str, str]) -> tuple[str, list[str]]:
    """The bucket of a sentence the shipped corpus holds, and the bank texts it gave."""
    body = strip_end(sentence)
    key = body.rstrip("。！？；")
    if key in texts:
        return "whole", [key]
    clauses = [c for c, _ in body_clauses(body)]
    got = [c for c in clauses if c in texts and texts[c] not in SERIES]
    if got:
        return "clause", got
    found = _category(sentence, body, han_len(body), role)
    if found and strip_end(found[1]) in texts:
        return "whole", [strip_end(found[1])]
    series = [strip_end(t) for _, t in _shapes(sentence, body) if strip_end(t) in texts]
    if series:
        return "series", series
    return "dropped:" + refusal(sentence, role), []


def why_not(view, p, about, cache) -> str:
    """Where the composer keeps a bank phrase (or every measure cut from it) out of a place."""
    units = [u for u in view.units if u.phrase == p.id]
    if units:
        if any(view.relevance(u, about) is not None for u in units):
            scored = {id(u) for _, u in view.scored(about)}
            return "usable" if any(id(u) in scored for u in units) else "relative floor"
        return "not relevant"
    text = as_sentence(p.text, p.category)
    if not text:
        return "not a sentence"
    if local(text) or not MIN_CHARS <= len(text) <= MAX_CHARS:
        return "size/local"
    a = cache.get(text, p.category)
    sp = view.speech
    if not roles.level_fits(a.level, sp.level):
        return "voice"
    if not sp.admits(a):
        return "tied"
    if p.slots:
        return "slot"
    newest = _newest(p.sources, {})
    if a.role not in TIMELESS and newest is not None and newest < sp.year - STALE_YEARS:
        return "stale"
    return "other"


def place_words(heading: str) -> tuple[frozenset[str], frozenset[str]]:
    return content_words(heading), strong_compounds(heading)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outlines", nargs="*", type=Path)
    ap.add_argument("--public", type=Path, default=PUBLIC)
    ap.add_argument("--bank", type=Path, default=BANK)
    ap.add_argument("--since", type=int, default=2003)
    ap.add_argument("--show", type=int, default=0, help="print up to N dropped sentences per place")
    ap.add_argument("--no-drafts", action="store_true", help="skip the composer's filters (faster)")
    args = ap.parse_args()
    outlines = args.outlines or [p for s in SETS for p in sorted((HERE / s).glob("*.yaml"))]
    shipped = {f"{d.name}/{p.name}" for d in (SHIPPED / "gwr", SHIPPED / "cpc") for p in d.glob("*.txt")}
    corpus = corpus_sentences(args.public, args.since)
    words_of = [content_words(s) for _, _, s in corpus]
    df: Counter = Counter(w for ws in words_of for w in ws)
    rare_cap = max(len(corpus) * 0.02, 3)
    bank = load_bank(args.bank)
    texts = {p.text.rstrip("。！？；"): p.category for p in bank.phrases}
    by_text: dict[str, list] = {}
    for p in bank.phrases:
        by_text.setdefault(p.text.rstrip("。！？；"), []).append(p)
    cache = AnalysisCache(None)
    total: Counter = Counter()
    filters: Counter = Counter()
    print(f"{len(corpus)} sentences in dated reports since {args.since}; bank {args.bank} ({len(bank.phrases)} phrases)")
    import yaml
    for path in outlines:
        data = yaml.safe_load(path.read_text("utf-8"))
        d = None if args.no_drafts else draft(path, bank=args.bank, seed=0)
        abouts = {} if d is None else d.state.abouts
        places = {}
        for pl in (d.placements if d is not None else []):
            places.setdefault(pl.section, pl.place)
        heads = []
        for sec in data.get("sections") or []:
            if isinstance(sec, str):
                sec = {"heading": sec}
            heads.append(sec["heading"])
            heads.extend(p if isinstance(p, str) else p.get("heading", "") for p in sec.get("points") or [])
        print(f"== {path.parent.name}/{path.stem}")
        for heading in heads:
            words, comps = place_words(heading)
            rare = {w for w in words if df.get(w, 0) <= rare_cap}
            hits = []
            for (file, role, s), ws in zip(corpus, words_of):
                if (comps and any(c in s for c in comps)) or (rare and len(ws & words) >= 2 and ws & rare):
                    hits.append((file, role, s))
            c: Counter = Counter()
            f: Counter = Counter()
            dropped = []
            about = abouts.get(places.get(heading, ""))
            for file, role, s in hits:
                if file not in shipped:
                    c["not shipped"] += 1
                    continue
                bucket, got = mined_from(s, role, texts)
                c[bucket] += 1
                if bucket.startswith("dropped"):
                    dropped.append(s)
                elif d is not None and about is not None:
                    for t in got:
                        for p in by_text.get(t, []):
                            f[why_not(d.state.view, p, about, cache)] += 1
            total.update(c)
            filters.update(f)
            print(f"  {heading[:20]:<22}{len(hits):>4}  " + " ".join(f"{k}:{n}" for k, n in c.most_common())
                  + ("  | " + " ".join(f"{k}:{n}" for k, n in f.most_common()) if f else ""))
            for s in dropped[:args.show]:
                print("      -", s[:90])
    print("all sentences:", " ".join(f"{k}:{n}" for k, n in total.most_common()))
    if filters:
        print("bank phrases from them, at their place:", " ".join(f"{k}:{n}" for k, n in filters.most_common()))


if __name__ == "__main__":
    main()
