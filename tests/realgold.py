"""Real speeches annotated by ../shared/structure-conventions.md (tests/fixtures/real): scores of the parser.

    python tests/realgold.py [-v]     # per-document misses with -v

Headings F1 counts (marker, text) pairs; depth F1 counts (depth, marker, text); titles are exact
(after the normaliser's own cleaning of the gold string: spaces and half-width punctuation).
The excerpts' sources are named in each .yaml (corpus-public; xi2013 excerpts are short, for tests).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.normalize import normalize  # noqa: E402
from drafter.parser import parse_file  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"


def cases():
    for gold_path in sorted(REAL.glob("*.yaml")):
        yield gold_path.stem, yaml.safe_load(gold_path.read_text(encoding="utf-8")), gold_path.with_suffix(".txt")


def _f1(tp: int, n_gold: int, n_got: int) -> float:
    if n_gold == 0 and n_got == 0:
        return 1.0
    p = tp / n_got if n_got else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(verbose: bool = False) -> dict:
    tp = tp_depth = n_gold = n_got = 0
    titles = docs = 0
    for name, gold, path in cases():
        speech = parse_file(path)
        want = [(d, m, normalize(h)) for d, m, h in gold["headings"]]
        got = speech.headings()
        flat_w, flat_g = Counter((m, h) for _, m, h in want), Counter((m, h) for _, m, h in got)
        tp += sum((flat_w & flat_g).values())
        tp_depth += sum((Counter(want) & Counter(got)).values())
        n_gold += len(want)
        n_got += len(got)
        title_ok = speech.title == normalize(gold["title"] or "")
        titles += title_ok
        docs += 1
        if verbose and (not title_ok or Counter(want) != Counter(got)):
            print(f"--- {name}")
            if not title_ok:
                print(f"  title want {normalize(gold['title'] or '')!r}\n        got  {speech.title!r}")
            for h in want:
                if h not in got:
                    print(f"  missed {h}")
            for h in got:
                if h not in want:
                    print(f"  extra  {h}")
    return {"documents": docs, "headings_f1": _f1(tp, n_gold, n_got), "depth_f1": _f1(tp_depth, n_gold, n_got),
            "title_exact": titles / docs if docs else 0.0, "gold_headings": n_gold, "found_headings": n_got}


if __name__ == "__main__":
    result = score(verbose="-v" in sys.argv)
    print(f"{result['documents']} documents, {result['gold_headings']} gold headings, {result['found_headings']} found: "
          f"headings F1 {result['headings_f1']:.3f}, depth F1 {result['depth_f1']:.3f}, "
          f"titles exact {result['title_exact']:.0%}")
