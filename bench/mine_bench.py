"""Mining throughput and peak memory on a corpus of ≥ 50 MB built by repeating corpus/.

    python bench/mine_bench.py [--mb 50] [--jobs 1 2]

Each run is ``drafter.mining.mine`` (read, parse, mine, merge, write the bank) in a fresh
process, so its peak RSS is its own. Prints, per ``--jobs``: wall-clock MB/s; MB per CPU
second (``os.times()`` of the run and of its worker processes: what one core does, unaffected
by other load on the machine); the gain over ``--jobs 1`` by wall clock and the CPU time the
extra processes cost; the load average before the run (other processes on the machine slow
the wall clock, not the CPU figures); and peak RSS of the main process and of the largest
worker. A run on a fifth of the corpus is printed too: memory is bounded by the bank, so the
peak must not grow with the corpus.
Target: ≥ 5 MB/s on one core; near-linear gain with jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build_corpus  # noqa: E402


def child(corpus: str, out: str, jobs: int) -> None:
    """One measured run (in its own process); prints a JSON line."""
    from drafter.mining import mine

    load = os.getloadavg()[0]
    wall, before = time.perf_counter(), os.times()
    result = mine([corpus], out, jobs=jobs, progress=False)
    wall, after = time.perf_counter() - wall, os.times()
    cpu_self = (after.user - before.user) + (after.system - before.system)
    cpu_workers = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    print(json.dumps({
        "mb": result.bytes / 1024 / 1024, "files": result.files, "phrases": result.phrases,
        "wall": wall, "cpu": cpu_self + cpu_workers, "cpu_main": cpu_self, "load": load,
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run(corpus: Path, jobs: int, tmp: Path) -> dict:
    out = tmp / f"bank-{corpus.name}-{jobs}"
    proc = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(out), str(jobs)],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(label: str, jobs: int, r: dict, base: dict | None) -> None:
    speed = r["mb"] / r["wall"]
    line = (f"{label:12s} --jobs {jobs}: {r['mb']:.1f} MB, {r['files']} files, {r['phrases']} phrases "
            f"in {r['wall']:.2f} s wall / {r['cpu']:.2f} s CPU = {speed:.2f} MB/s wall, "
            f"{r['mb'] / r['cpu']:.2f} MB per CPU second")
    if jobs == 1:
        line += " (target >= 5)"
    if base:
        line += (f"; x{speed / (base['mb'] / base['wall']):.2f} vs --jobs 1 by wall clock "
                 f"(ideal x{jobs}), CPU cost x{(r['cpu'] / r['mb']) / (base['cpu'] / base['mb']):.2f}, "
                 f"main process {r['cpu_main']:.2f} s CPU")
    line += f"; load before {r['load']:.2f}; peak RSS main {r['rss_self']:.0f} MB"
    if jobs > 1:
        line += f", largest worker {r['rss_children']:.0f} MB"
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run (default 1 2)")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "small", tmp / "large"
        small.mkdir()
        large.mkdir()
        build_corpus(small, args.mb / 5)
        build_corpus(large, args.mb)
        print(f"{os.cpu_count()} CPUs", flush=True)
        base = None
        for jobs in args.jobs:
            r = run(large, jobs, tmp)
            report("full corpus", jobs, r, base)
            if jobs == 1:
                base = r
        report("1/5 corpus", args.jobs[0], run(small, args.jobs[0], tmp), None)


if __name__ == "__main__":
    main()
