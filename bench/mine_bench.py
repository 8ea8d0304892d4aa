"""Mining throughput and memory on text that does not repeat, beside an anchor from the same run.

    python bench/mine_bench.py [--mb 10] [--jobs 1 2] [--repeat 3] [--public DIR] [--against DIR]

The corpus is ``bench/corpus.py:build_public_corpus``: the public corpus (../shared/corpus-public,
5.6 MB of reports and speeches), then rounds of distinct content of the same shape, so the bank
grows as it does on real text (repeating corpus/ made mining look 2.3x faster and flat in memory).

Each measured run is a fresh process: ``drafter.mining.mine`` (read, parse, mine, fold, merge,
write the bank and its index) for each ``--jobs``, and the anchor: a character 4-gram count over
the same files (read, decode, ``Counter.update``), the cheapest pass that looks at every character
in context. Runs alternate (anchor, jobs 1, jobs 2, anchor, ...) ``--repeat`` times and the
medians are printed, so load from other processes on the machine falls on all of them alike.
CPU time is ``os.times()`` of the run and of its workers (what the work costs, whatever the load);
wall clock is what ``--jobs`` changes. Printed as well: whether every ``--jobs`` wrote the same bank,
byte for byte, and peak RSS for the full corpus and for a fifth of it beside the number of phrases
each bank holds (memory follows the bank, not the corpus).
``--against DIR`` mines the same corpus with another checkout of drafter too (``git worktree add
/tmp/old main``; its ``drafter`` package imported in the child), alternating with the others, so
before and after come from one run under the same load: its line is printed beside, and its bank
must be the same bytes as well.
Target (issue 15): >= 3 MB per CPU second; --jobs 2 faster by wall clock than --jobs 1.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import PUBLIC, build_public_corpus  # noqa: E402


def _cpu(before: os.times_result, after: os.times_result) -> tuple[float, float]:
    own = (after.user - before.user) + (after.system - before.system)
    kids = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return own, own + kids


def _rss() -> tuple[float, float]:
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def child_mine(corpus: str, out: str, jobs: int, checkout: str | None = None) -> None:
    """One measured mining run (in its own process, of ``checkout``'s drafter if given); prints a JSON line."""
    if checkout:
        sys.path.insert(0, checkout)
        for name in [m for m in sys.modules if m == "drafter" or m.startswith("drafter.")]:
            del sys.modules[name]
    from drafter.mining import mine

    wall, before = time.perf_counter(), os.times()
    result = mine([corpus], out, jobs=jobs)
    wall, after = time.perf_counter() - wall, os.times()
    own, cpu = _cpu(before, after)
    rss_self, rss_children = _rss()
    print(json.dumps({"mb": result.bytes / 1024 / 1024, "files": result.files, "phrases": result.phrases,
                      "wall": wall, "cpu": cpu, "cpu_main": own, "rss": rss_self, "rss_workers": rss_children}))


def child_anchor(corpus: str) -> None:
    """The anchor: every character 4-gram of the same files counted (one Counter over the corpus)."""
    from collections import Counter

    wall, before = time.perf_counter(), os.times()
    grams: Counter = Counter()
    size = 0
    for path in sorted(Path(corpus).iterdir()):
        data = path.read_bytes()
        size += len(data)
        text = data.decode("utf-8")
        grams.update(text[i:i + 4] for i in range(len(text) - 3))
    wall, after = time.perf_counter() - wall, os.times()
    _, cpu = _cpu(before, after)
    print(json.dumps({"mb": size / 1024 / 1024, "wall": wall, "cpu": cpu, "rss": _rss()[0], "grams": len(grams)}))


def _run(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _same_banks(banks: list[Path]) -> bool:
    def files(d: Path) -> list[str]:
        return sorted(p.relative_to(d).as_posix() for p in d.rglob("*")
                      if p.is_file() and not p.name.startswith((".index", ".lock")))
    first = banks[0]
    names = files(first)
    return all(files(b) == names and all(filecmp.cmp(first / n, b / n, shallow=False) for n in names)
               for b in banks[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run (default 1 2)")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each (default 3)")
    parser.add_argument("--public", type=Path, default=PUBLIC, help="the public corpus directory")
    parser.add_argument("--against", type=Path, default=None,
                        help="another drafter checkout to mine the same corpus with, alternately (before/after)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "anchor":
            child_anchor(args.child[1])
        else:
            child_mine(args.child[1], args.child[2], int(args.child[3]), *args.child[4:5])
        return
    if args.against is not None and not (args.against / "drafter" / "mining").is_dir():
        parser.error(f"--against {args.against}: no drafter checkout there")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "small", tmp / "large"
        small.mkdir()
        large.mkdir()
        build_public_corpus(large, args.mb, args.public)
        build_public_corpus(small, args.mb / 5, args.public)
        print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; corpus {args.mb:g} MB of text that does not "
              f"repeat (from {args.public}); medians of {args.repeat} alternating runs", flush=True)
        anchors: list[dict] = []
        mined: dict[int, list[dict]] = {j: [] for j in args.jobs}
        against: list[dict] = []
        banks: list[Path] = []
        for n in range(args.repeat):
            anchors.append(_run("--child", "anchor", str(large)))
            if args.against is not None:
                out = tmp / f"bank-against-{n}"
                against.append(_run("--child", "mine", str(large), str(out), str(args.jobs[0]),
                                    str(args.against.resolve())))
                banks.append(out)
            for jobs in args.jobs:
                out = tmp / f"bank-{jobs}-{n}"
                mined[jobs].append(_run("--child", "mine", str(large), str(out), str(jobs)))
                banks.append(out)
        a_speed = _median(anchors, "mb") / _median(anchors, "cpu")
        print(f"anchor (char 4-gram count): {_median(anchors, 'mb'):.1f} MB in {_median(anchors, 'cpu'):.2f} s CPU "
              f"= {a_speed:.2f} MB per CPU second; peak RSS {_median(anchors, 'rss'):.0f} MiB")
        base_wall = None
        for jobs in args.jobs:
            runs = mined[jobs]
            mb, cpu, wall = _median(runs, "mb"), _median(runs, "cpu"), _median(runs, "wall")
            speed = mb / cpu
            line = (f"mine --jobs {jobs}: {mb:.1f} MB, {runs[0]['files']} files, {runs[0]['phrases']} phrases; "
                    f"{cpu:.2f} s CPU = {speed:.2f} MB per CPU second (target >= 3; anchor/drafter "
                    f"x{a_speed / speed:.1f}); {wall:.2f} s wall")
            if base_wall is None:
                base_wall = wall
            else:
                line += f" (x{base_wall / wall:.2f} vs --jobs {args.jobs[0]})"
            line += f"; peak RSS main {_median(runs, 'rss'):.0f} MiB"
            if jobs > 1:
                line += f", largest worker {_median(runs, 'rss_workers'):.0f} MiB"
            print(line, flush=True)
        if against:
            mb, cpu, wall = _median(against, "mb"), _median(against, "cpu"), _median(against, "wall")
            print(f"against {args.against} (--jobs {args.jobs[0]}): {cpu:.2f} s CPU = {mb / cpu:.2f} MB per CPU "
                  f"second (anchor/drafter x{a_speed / (mb / cpu):.1f}); {wall:.2f} s wall; this checkout takes "
                  f"x{_median(mined[args.jobs[0]], 'cpu') / cpu:.2f} its CPU; peak RSS {_median(against, 'rss'):.0f} MiB")
        print(f"same bank from every run and --jobs{' and the other checkout' if against else ''}: {_same_banks(banks)}")
        fifth = _run("--child", "mine", str(small), str(tmp / "bank-small"), str(args.jobs[0]))
        full = mined[args.jobs[0]]
        print(f"memory: 1/5 corpus ({fifth['mb']:.1f} MB) {fifth['rss']:.0f} MiB for {fifth['phrases']} phrases; "
              f"full ({_median(full, 'mb'):.1f} MB) {_median(full, 'rss'):.0f} MiB for {full[0]['phrases']} phrases")


if __name__ == "__main__":
    main()
