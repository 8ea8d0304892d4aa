"""Long drafts (issue 15): `drafter draft` on a 2,500-字 and a 20,000-字 outline, before and after.

For the code at ``--before`` (a git revision, unpacked with ``git archive``) and this checkout,
alternating rounds, CPU seconds (user + system), medians:

  draft 2,500 字 → .txt     the whole command on examples/研讨发言.yaml
  draft 20,000 字 → .txt    the whole command on a 辅导报告 outline of eight parts (below)
  compose alone             ``draft()`` in-process, imports and the first call excluded
  per 1,000 字 drafted      compose time over the length it reached: a composer whose cost grows
                            linearly with the length shows the same figure at both sizes
  anchor                    ``python -c pass`` (the interpreter's own start-up)

Each tree drafts with its own shipped bank unless ``--bank`` names one (the shipped bank holds
too little to reach 20,000 字; the figure per 1,000 字 is over what was drafted). Seed 0.

Usage: python bench/draft_bench.py [--before REV] [--runs N] [--bank DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from childtime import cpu, env_for
from childtime import trees as bench_trees

ROOT = Path(__file__).resolve().parent.parent
SHORT = ROOT / "examples" / "研讨发言.yaml"
LONG = """\
type: 辅导报告
title: 在全区领导干部专题学习班上的辅导报告
theme: 高质量发展
vars: {地名: 滨江区}
length: 20000
sections:
  - heading: 牢固树立安全发展理念
    points: [坚持人民至上生命至上, 统筹发展和安全]
  - heading: 压紧压实安全生产责任
    points: [落实企业主体责任, 强化部门监管责任]
  - heading: 深刻认识加强机关作风建设的重要性
    points: [作风就是形象, 作风就是效能]
  - heading: 以务实举措推动机关作风持续好转
    points: [在提高效率上下功夫, 在服务群众上求实效, 在严守纪律上作表率]
  - heading: 提高政治站位，牢牢掌握意识形态工作领导权
    points: [落实意识形态工作责任制, 加强阵地建设和管理]
  - heading: 坚持守正创新，不断提升舆论引导能力
    points: [做强正面宣传, 加强网络舆论引导]
  - heading: 着力在强化理论武装上下功夫
    points: [坚持读原著学原文悟原理, 把学习成果转化为推动工作的思路举措]
  - heading: 着力在深化调查研究上求实效
    points: [深入基层一线摸清实情, 推动调研成果转化]
"""
INPROC = textwrap.dedent("""
    import json, statistics, sys, time
    from drafter.compose import draft
    outline, bank, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    first = draft(outline, bank=bank, seed=0)
    times = []
    for _ in range(runs):
        t = time.process_time(); draft(outline, bank=bank, seed=0); times.append(time.process_time() - t)
    print(json.dumps({"median": statistics.median(times), "chars": first.speech.text_length()}))
""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=None, help="git revision to compare with (default: none)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bank", type=Path, default=None, help="bank directory (default: each tree's shipped one)")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="drafter-draft-bench-") as tmp:
        tmp = Path(tmp)
        long_outline = tmp / "long.yaml"
        long_outline.write_text(LONG, encoding="utf-8")
        outlines = {"2,500 字": SHORT, "20,000 字": long_outline}
        trees = bench_trees(args.before, tmp)
        banks = {name: str(args.bank or tree / "drafter" / "data" / "phrasebank") for name, tree in trees.items()}
        rows: dict[tuple[str, str], list[str]] = {}
        for name in trees:
            for size, outline in outlines.items():
                rows[(size, name)] = [py, "-m", "drafter", "draft", str(outline), "--bank", banks[name], "--seed",
                                      "0", "-o", str(tmp / f"{name}-{size[:2]}.txt"), "--force"]
        times: dict[object, list[float]] = {key: [] for key in rows}
        times["pass"] = []
        for key, cmd in rows.items():
            cpu(cmd, trees[key[1]], env_for(trees[key[1]]))  # warm: .pyc, the bank's index and caches
        for _ in range(args.runs):
            times["pass"].append(cpu([py, "-c", "pass"], ROOT))
            for key, cmd in rows.items():
                times[key].append(cpu(cmd, trees[key[1]], env_for(trees[key[1]])))
        compose = {}
        for name, tree in trees.items():
            for size, outline in outlines.items():
                done = subprocess.run([py, "-c", INPROC, str(outline), banks[name], str(args.runs)], cwd=tree,
                                      env=env_for(tree), capture_output=True, text=True)
                if done.returncode:
                    sys.exit(done.stderr)
                compose[(size, name)] = json.loads(done.stdout.strip().splitlines()[-1])
    med = {key: statistics.median(v) for key, v in times.items()}
    print(f"`drafter draft` (seed 0, bank: {args.bank or 'shipped'}), CPU seconds, median of {args.runs} "
          f"alternating runs ({os.cpu_count()} cores); before = {args.before or '—'}; "
          f"anchor `python -c pass` {med['pass']:.3f} s")
    print()
    print("| work | " + " | ".join(trees) + " |")
    print("|---|" + "---|" * len(trees))
    for size in outlines:
        print(f"| draft {size} → .txt (whole command) | "
              + " | ".join(f"{med[(size, n)]:.3f} s ({med[(size, n)] / med['pass']:.0f}× pass)" for n in trees) + " |")
        print(f"| compose alone, {size} outline | "
              + " | ".join(f"{compose[(size, n)]['median']:.3f} s, {compose[(size, n)]['chars']} 字" for n in trees)
              + " |")
    for size in outlines:
        print(f"| compose per 1,000 字 drafted, {size} outline | "
              + " | ".join(f"{1000 * compose[(size, n)]['median'] / max(compose[(size, n)]['chars'], 1):.3f} s"
                           for n in trees) + " |")


if __name__ == "__main__":
    main()
