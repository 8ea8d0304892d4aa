"""Parse throughput on real text that does not repeat, beside an anchor measured in the same run.

    python bench/parse_bench.py [--corpus DIR | --megabytes N] [--rounds 3]

The corpus is ../shared/corpus-public (real government work reports, congress reports and
speeches; a few MB, no document twice) unless --corpus says otherwise; ``--megabytes N`` takes N MB
of it from bench/corpus.py's build_public_corpus instead (past its 5 MB, further rounds of distinct
content of the same shape). Every .txt file is read once into memory; then, best of --rounds:

* drafter: ``parse_text`` on each document (normalising, title block, sections, closing);
* anchor: one ``re.split`` on 。！？； of the same texts — the cost of touching every sentence once.

Times are CPU time of this process (time.process_time), so other load on the machine counts less.

Target: >= 10 MB/s on one core (the speed issue asks >= 30 MB/s per core). The bench runs in one
process, so MB/s is per core. Peak traced memory while streaming parse_file over the corpus is
printed too (documents are read, parsed and dropped one at a time).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import build_public_corpus  # noqa: E402
from drafter.parser import parse_file, parse_text  # noqa: E402
from drafter.readers import read  # noqa: E402

_ANCHOR = re.compile("[。！？；]")


def default_corpus() -> Path | None:
    """../shared/corpus-public from the checkout (or from a worktree two levels down)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "corpus-public"
        if candidate.is_dir():
            return candidate
    return None


def load(corpus: Path) -> list[tuple[Path, str]]:
    return [(p, read(p).text) for p in sorted(corpus.rglob("*.txt"))]


def best_of(rounds: int, fn) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="directory of .txt files (default ../shared/corpus-public)")
    parser.add_argument("--megabytes", type=float, default=None,
                        help="N MB of public-corpus text that does not repeat (bench/corpus.py)")
    parser.add_argument("--rounds", type=int, default=3, help="best of N timed rounds (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or default_corpus()
        if corpus is None or not corpus.is_dir():
            sys.exit("no corpus: pass --corpus DIR (../shared/corpus-public is not here)")
        if args.megabytes:
            build_public_corpus(Path(tmp), args.megabytes, corpus)
            corpus = Path(tmp)
        run(corpus, args.rounds)


def run(corpus: Path, rounds: int) -> None:
    docs = load(corpus)
    mb = sum(len(text.encode("utf-8")) for _, text in docs) / 1024 / 1024

    def drafter_pass():
        for path, text in docs:
            parse_text(text, source=str(path))

    def anchor_pass():
        for _, text in docs:
            _ANCHOR.split(text)

    t_drafter = best_of(rounds, drafter_pass)
    t_anchor = best_of(rounds, anchor_pass)
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB (UTF-8), {corpus}")
    print(f"drafter parse: {mb / t_drafter:6.1f} MB per cpu-second ({t_drafter:.2f} cpu-s; target >= 10, issue 15: >= 30)")
    print(f"anchor re.split on 。！？；: {mb / t_anchor:6.1f} MB per cpu-second ({t_anchor:.3f} cpu-s); "
          f"drafter takes {t_drafter / t_anchor:.0f}x the anchor's time")
    tracemalloc.start()
    for path, _ in docs:
        parse_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory streaming parse_file over the corpus: {peak / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
