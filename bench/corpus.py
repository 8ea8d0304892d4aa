"""Corpora for the benches.

* :func:`build_corpus`: corpus/ repeated into a directory until it holds N MB (text that repeats:
  fine for start-up figures, misleading for mining, whose bank stops growing after one copy);
* :func:`build_public_corpus`: text that does not repeat, from ``../shared/corpus-public``
  (government work reports, Party congress reports, speeches: about 5.6 MB). Past its size, further
  rounds are distinct content of the same shape: each round maps the Han characters outside the
  corpus's 700 commonest (those hold the markers, numerals, function words and most words rules
  look for, and 85 % of the text) to others of similar frequency, by a permutation drawn for that
  round. Sentences, clauses and structure stay where they were; the words differ, so the mined
  bank grows as it does on real text. The corpus depends only on the public texts, not on
  drafter's version, so benches of two versions mine the same text.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``$DRAFTER_PUBLIC_CORPUS``, else ``../shared/corpus-public`` beside the checkout (or beside the
#: directory of worktrees holding it)
PUBLIC = next((p for p in (Path(os.environ.get("DRAFTER_PUBLIC_CORPUS", "/nonexistent")),
                           ROOT.parent / "shared" / "corpus-public",
                           ROOT.parent.parent / "shared" / "corpus-public") if p.is_dir()),
              ROOT.parent / "shared" / "corpus-public")
_HAN = re.compile("[\u3400-\u9fff]")


def build_corpus(directory: Path, megabytes: float) -> int:
    """Copy corpus/*.txt into ``directory`` (numbered copies) until it holds ``megabytes``; bytes written."""
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    total, n = 0, 0
    while total < megabytes * 1024 * 1024:
        for src in sources:
            dst = directory / f"{n:06d}_{src.name}"
            shutil.copyfile(src, dst)
            total += dst.stat().st_size
            n += 1
    return total


def public_sources(public: Path = PUBLIC) -> list[Path]:
    """The .txt files of the public corpus, in a stable order (none when it is not there)."""
    return sorted(public.rglob("*.txt")) if public.is_dir() else []


#: the commonest Han characters of the public corpus, kept in every round
KEPT = 700


def _round_table(counts: Counter, protected: set[str], round_no: int) -> dict[int, str]:
    """``str.translate`` table of one round: free characters shuffled within bands of similar frequency."""
    free = [ch for ch, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if ch not in protected]
    rng = random.Random(round_no)
    table: dict[int, str] = {}
    band = 32
    for i in range(0, len(free), band):
        group = free[i:i + band]
        shuffled = group[:]
        while len(group) > 1 and any(a == b for a, b in zip(group, shuffled)):
            rng.shuffle(shuffled)  # a derangement: every free character changes
        table.update((ord(a), b) for a, b in zip(group, shuffled))
    return table


def build_public_corpus(directory: Path, megabytes: float, public: Path = PUBLIC) -> int:
    """Fill ``directory`` with ``megabytes`` of public-corpus text that does not repeat; bytes written.

    Round 0 is the public corpus as it is; round k > 0 is it again under round k's character
    permutation (see the module's docstring). Raises FileNotFoundError without the public corpus.
    """
    sources = public_sources(public)
    if not sources:
        raise FileNotFoundError(f"no public corpus at {public}")
    texts = [(src, src.read_text(encoding="utf-8")) for src in sources]
    counts: Counter = Counter()
    for _, text in texts:
        counts.update(_HAN.findall(text))
    protected = {ch for ch, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:KEPT]}
    total, round_no, limit = 0, 0, megabytes * 1024 * 1024
    while total < limit:
        table = _round_table(counts, protected, round_no) if round_no else {}
        for src, text in texts:
            if total >= limit:
                break
            dst = directory / f"r{round_no:02d}_{src.parent.name}_{src.name}"
            data = (text.translate(table) if table else text).encode("utf-8")
            dst.write_bytes(data)
            total += len(data)
        round_no += 1
    return total
