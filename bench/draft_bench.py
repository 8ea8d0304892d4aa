"""Median wall time of the whole `drafter draft` command (process start to exit) for a
3,000-character speech, written to .txt and to .docx. Target: under 0.5 s each.

Usage: python bench/draft_bench.py [--runs N] [--bank DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLINE = """\
type: 研讨发言
numbering: numbered
title: 在理论学习中心组“以学促干”专题研讨会上的发言
speaker: XX区委副书记 张三
theme: 以学促干
length: 3000
vars: {地名: 滨江区}
sections:
  - heading: 坚持以学促干，在学思践悟中把牢方向
    points: [强化理论武装, 深入调查研究]
  - heading: 坚持埋头苦干，在履职尽责中展现作为
    points: [干在发展的关键处, 干在民生的第一线]
  - heading: 坚持真抓实干，在转变作风中锤炼党性
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bank", default=None, help="bank directory (default: the shipped one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outline = Path(tmp) / "outline.yaml"
        outline.write_text(OUTLINE, encoding="utf-8")
        base = [sys.executable, "-m", "drafter", "draft", str(outline)]
        if args.bank:
            base += ["--bank", args.bank]
        for suffix in (".txt", ".docx"):
            out = Path(tmp) / f"draft{suffix}"
            cmd = base + ["-o", str(out)]
            timed(cmd)  # warm the file cache and .pyc files
            times = [timed(cmd) for _ in range(args.runs)]
            med = statistics.median(times)
            verdict = "ok" if med < 0.5 else "SLOW (target 0.5 s)"
            print(f"drafter draft → {suffix:5}  median {med:.3f} s  min {min(times):.3f} s  "
                  f"over {args.runs} runs  [{verdict}]")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True)
    print(f"drafter --help          {time.perf_counter() - start:.3f} s (import cost floor)")


if __name__ == "__main__":
    main()
