"""Start-up, cold bank, warm search (issue 15): drafter before and after, with anchors, one run.

Each row is measured for the code at ``--before`` (a git revision, unpacked to a temporary
directory with ``git archive``) and for this checkout, alternating, with the anchor timed in
the same rounds; figures are cpu seconds (user + system of the process, or of the work
in-process for searches), medians.

    python bench/speed_bench.py [--before REV] [--phrases 100000] [--rounds 5]

Rows:
- ``drafter --help`` and ``drafter phrases search 坚定`` (shipped bank): anchor ``python -c pass``.
- first ``phrases search`` and first ``drafter draft`` (bench/serve_bench.py's outline, to .txt) on a
  bank with no index (100,000 phrases, bench/phrases_bench.py's generator), and opening that bank
  (building its index) in-process: anchor ``grep -r`` over the YAML.
- warm search (index present), in-process: anchor an FTS5 query on the same index (all the
  rows holding 改革).
Python byte-code is compiled first for both trees (an installed drafter has it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from childtime import env_for  # noqa: E402  (bench/ on the path first)
from childtime import trees as bench_trees  # noqa: E402

WARM_QUERIES = ("深化改革", "落实 发展", "发展")


def child_cpu(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    """cpu seconds (user + system) of one child process."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({status})")
    return usage.ru_utime + usage.ru_stime


def write_bank(directory: Path, n: int) -> float:
    """The benchmark bank as YAML only (no index); MB written."""
    from phrases_bench import build_bank

    from drafter.bank.store import render_bank
    files, _ = render_bank(build_bank(n))
    for rel, text in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in directory.rglob("*.yaml")) / 1e6


def drop_index(bank: Path) -> None:
    for p in bank.glob(".index.sqlite*"):
        p.unlink()


OPEN = "from drafter.bank.index import open_index; open_index({bank!r}).close()"

WARM = textwrap.dedent("""
    import json, sqlite3, statistics, sys, time
    from drafter.bank.search import Query, search
    from drafter.bank.index import index_path, open_index
    bank = {bank!r}
    search(bank, Query(text="预热", limit=50))
    out = {{}}
    for q in {queries!r}:
        runs = []
        for _ in range(5):
            t = time.process_time(); search(bank, Query(text=q, limit=50)); runs.append(time.process_time() - t)
        out[q] = statistics.median(runs)
    conn = sqlite3.connect(index_path(bank))
    runs = []
    for _ in range(5):
        t = time.process_time()
        conn.execute("SELECT rowid FROM grams WHERE grams MATCH ?", ('"改革"',)).fetchall()
        runs.append(time.process_time() - t)
    out["fts5"] = statistics.median(runs)
    print(json.dumps(out))
""")


def warm(tree: Path, bank: Path, python: str) -> dict:
    code = WARM.format(bank=str(bank), queries=WARM_QUERIES)
    run = subprocess.run([python, "-c", code], cwd=tree, env=env_for(tree), check=True,
                         capture_output=True, text=True)
    import json
    return json.loads(run.stdout.strip().splitlines()[-1])


def med(values: list[float]) -> float:
    return statistics.median(values)


def row(label: str, before: float, after: float, anchor: float, anchor_label: str, unit: str = "s") -> None:
    scale, fmt = (1000, "{:.1f} ms") if unit == "ms" else (1, "{:.3f} s")
    print(f"| {label} | {fmt.format(before * scale)} ({before / anchor:.1f}×) | "
          f"{fmt.format(after * scale)} ({after / anchor:.1f}×) | {anchor_label} {fmt.format(anchor * scale)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="7b173e6", help="git revision to compare with")
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold-rounds", type=int, default=3, help="0: skip the cold-bank rows")
    parser.add_argument("--python-before", help="interpreter for the old tree (default: this one)")
    parser.add_argument("--python-after", help="interpreter for this tree, e.g. one with the typer "
                        "pyproject.toml pins (default: this one)")
    args = parser.parse_args()
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="drafter-speed-"))
    try:
        trees = bench_trees(args.before, work, ("drafter", "bench"))
        pythons = {"before": args.python_before or py, "after": args.python_after or py}
        bank = work / "bank"
        mb = write_bank(bank, args.phrases)
        print(f"bank: {args.phrases} phrases, {mb:.1f} MB of YAML; before = {args.before}, "
              f"after = this checkout; cpu time, medians")
        print()
        print("| work | before | after | anchor (same run) |")
        print("|---|---|---|---|")

        times: dict[str, list[float]] = {k: [] for k in ("pass", "help-b", "help-a", "srch-b", "srch-a")}
        for _ in range(args.rounds):
            times["pass"].append(child_cpu([py, "-c", "pass"]))
            for key, name in (("b", "before"), ("a", "after")):
                tree, tpy = trees[name], pythons[name]
                times[f"help-{key}"].append(child_cpu([tpy, "-m", "drafter", "--help"], tree, env_for(tree)))
                times[f"srch-{key}"].append(child_cpu([tpy, "-m", "drafter", "phrases", "search", "坚定"],
                                                      tree, env_for(tree)))
        anchor = med(times["pass"])
        row("`drafter --help`", med(times["help-b"]), med(times["help-a"]), anchor, "`python -c pass`", "ms")
        row("`drafter phrases search 坚定` (shipped bank)", med(times["srch-b"]), med(times["srch-a"]),
            anchor, "`python -c pass`", "ms")

        from serve_bench import OUTLINE
        outline = work / "outline.yaml"
        outline.write_text(OUTLINE, encoding="utf-8")
        cold: dict[str, list[float]] = {k: [] for k in ("grep", "open-b", "open-a", "first-b", "first-a",
                                                       "draft-b", "draft-a")}
        for _ in range(args.cold_rounds):
            # -c: GNU grep stops at the first match when its output is /dev/null
            cold["grep"].append(child_cpu(["grep", "-r", "-c", "落实", str(bank / "phrases")]))
            for key, name in (("b", "before"), ("a", "after")):
                tree, tpy = trees[name], pythons[name]
                drop_index(bank)
                cold[f"open-{key}"].append(child_cpu([tpy, "-c", OPEN.format(bank=str(bank))], tree,
                                                     env_for(tree)))
                drop_index(bank)
                cold[f"first-{key}"].append(child_cpu([tpy, "-m", "drafter", "phrases", "search", "落实",
                                                       "--bank", str(bank)], tree, env_for(tree)))
                drop_index(bank)
                out = work / f"draft-{key}.txt"
                out.unlink(missing_ok=True)
                cold[f"draft-{key}"].append(child_cpu([tpy, "-m", "drafter", "draft", str(outline), "--bank",
                                                       str(bank), "-o", str(out)], tree, env_for(tree)))
        if not args.cold_rounds:
            cold = {k: [float("nan")] for k in cold}
        anchor = med(cold["grep"])
        row(f"open a {args.phrases:,}-phrase bank, no index (build it)", med(cold["open-b"]),
            med(cold["open-a"]), anchor, "`grep -r` over the YAML")
        row("first `phrases search` on it, no index", med(cold["first-b"]), med(cold["first-a"]),
            anchor, "`grep -r` over the YAML")
        row("first `drafter draft` (3,000-字 outline, .txt) on it, no index", med(cold["draft-b"]),
            med(cold["draft-a"]), anchor, "`grep -r` over the YAML")

        results = {}
        for key, name in (("b", "before"), ("a", "after")):
            tree, tpy = trees[name], pythons[name]
            drop_index(bank)
            subprocess.run([tpy, "-c", OPEN.format(bank=str(bank))], cwd=tree, env=env_for(tree), check=True)
            results[key] = warm(tree, bank, tpy)
        for q in WARM_QUERIES:
            row(f"warm search `{q}` (in-process, limit 50)", results["b"][q], results["a"][q],
                results["a"]["fts5"], "FTS5 query on the same index", "ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
