"""Dump the parse trees of a corpus, and compare two dumps: does a parser change alter any tree?

    PYTHONPATH=. python tools/parse_trees.py dump OUT.jsonl [--rounds N] [DIR ...]
    python tools/parse_trees.py diff OLD.jsonl NEW.jsonl

``dump`` parses every .txt under the directories (default: ../shared/corpus-public, corpus/ and
tests/fixtures/real) and, with ``--rounds N``, the N-1 permuted rounds of the public corpus that
bench/corpus.py builds (text that does not repeat: the bench's input), and writes one JSON line per
document: its whole tree with source positions (title, speaker, date, salutation, opening, sections,
closing). Run it with the old parser (e.g. from ``git archive OLD | tar -x -C /tmp/old``, with
PYTHONPATH pointing there) and with the new one, then ``diff`` prints the documents whose trees differ,
the first differing headings of each, and the count.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench_corpus():
    """This checkout's bench/corpus.py (by path: PYTHONPATH may name another checkout's drafter)."""
    spec = importlib.util.spec_from_file_location("_bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sources(dirs: list[Path]) -> list[tuple[str, Path]]:
    out = []
    for d in dirs:
        out.extend((f"{d.name}/{p.relative_to(d)}", p) for p in sorted(d.rglob("*.txt")))
    return out


def dump(out: Path, dirs: list[Path], rounds: int) -> int:
    from drafter.parser import parse_text
    from drafter.readers import read

    corpus = _bench_corpus()
    PUBLIC, build_public_corpus, public_sources = corpus.PUBLIC, corpus.build_public_corpus, corpus.public_sources

    n = 0
    with out.open("w", encoding="utf-8") as fh, tempfile.TemporaryDirectory() as tmp:
        docs = _sources(dirs)
        if rounds > 1 and public_sources():
            size = sum(p.stat().st_size for p in public_sources()) * rounds / 1024 / 1024
            build_public_corpus(Path(tmp), size, PUBLIC)
            docs += [(f"rounds/{p.name}", p) for p in sorted(Path(tmp).glob("r*.txt")) if not p.name.startswith("r00_")]
        for name, path in docs:
            speech = parse_text(read(path).text, source=name)
            fh.write(json.dumps({"doc": name, "tree": speech.to_dict(positions=True)}, ensure_ascii=False) + "\n")
            n += 1
    return n


def _load(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {row["doc"]: row["tree"] for row in map(json.loads, fh)}


def _headings(tree: dict) -> list[tuple[int, str, str]]:
    out = []

    def rec(sections, depth):
        for s in sections:
            out.append((depth, s["marker"], s["heading"]))
            rec(s["sections"], depth + 1)

    rec(tree.get("sections") or [], 1)
    return out


def diff(old: Path, new: Path) -> int:
    a, b = _load(old), _load(new)
    differ = 0
    for doc in sorted(set(a) | set(b)):
        if a.get(doc) == b.get(doc):
            continue
        differ += 1
        print(f"== {doc}")
        if doc not in a or doc not in b:
            print("   only in", "new" if doc not in a else "old")
            continue
        ha, hb = _headings(a[doc]), _headings(b[doc])
        if ha != hb:
            for x, y in zip(ha + [None] * len(hb), hb + [None] * len(ha)):
                if x != y:
                    print(f"   old {x}\n   new {y}")
                    break
        else:
            keys = [k for k in a[doc] if a[doc][k] != b[doc].get(k)]
            print(f"   same headings; differs in {', '.join(keys)}")
    print(f"{len(set(a) | set(b))} documents, {differ} trees differ")
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("dirs", type=Path, nargs="*")
    d.add_argument("--rounds", type=int, default=1, help="public corpus plus N-1 permuted rounds")
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        dirs = args.dirs or [_bench_corpus().PUBLIC, ROOT / "corpus", ROOT / "tests" / "fixtures" / "real"]
        print(f"{dump(args.out, dirs, args.rounds)} documents dumped to {args.out}")
    else:
        sys.exit(1 if diff(args.old, args.new) else 0)


if __name__ == "__main__":
    main()
