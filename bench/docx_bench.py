"""The .docx writer beside pandoc: whole `drafter draft … -o x.docx` against pandoc on the same text.

Prints, from one run of alternating measurements (CPU time of each child process, user +
system, median of --runs):

  drafter draft → .docx     the whole command (issue 15 target: ≤ 3× pandoc)
  drafter draft → .txt      the same draft without the Word writer (what the writer adds)
  pandoc .md → .docx        the anchor, same text (skipped with a note when pandoc is absent)
  python-docx script        a bare script adding the same paragraphs with python-docx
  write_docx in-process     drafter's writer alone, imports excluded

Usage: python bench/docx_bench.py [--runs N] [--outline FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLINE = ROOT / "examples" / "研讨发言.yaml"
BARE = """\
import sys, docx
d = docx.Document()
for line in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    if line.strip():
        d.add_paragraph(line)
d.save(sys.argv[2])
"""


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) the child process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--outline", type=Path, default=OUTLINE)
    args = parser.parse_args()
    drafter = [sys.executable, "-m", "drafter", "draft", str(args.outline)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        md, txt = tmp / "same.md", tmp / "same.txt"
        cpu(drafter + ["-o", str(md)])
        cpu(drafter + ["-o", str(txt)])
        (tmp / "bare.py").write_text(BARE, encoding="utf-8")
        rows = {
            "drafter draft → .docx": drafter + ["-o", str(tmp / "d.docx"), "--force"],
            "drafter draft → .txt": drafter + ["-o", str(tmp / "d.txt"), "--force"],
            "python-docx script": [sys.executable, str(tmp / "bare.py"), str(txt), str(tmp / "b.docx")],
        }
        pandoc = shutil.which("pandoc")
        if pandoc:
            rows["pandoc .md → .docx"] = [pandoc, str(md), "-o", str(tmp / "p.docx")]
        times: dict[str, list[float]] = {name: [] for name in rows}
        for cmd in rows.values():
            cpu(cmd)  # warm caches and .pyc files
        for _ in range(args.runs):  # alternate, so load on the machine hits every row alike
            for name, cmd in rows.items():
                times[name].append(cpu(cmd))
        sys.path.insert(0, str(ROOT))
        from drafter.compose import draft
        from drafter.writers.docx import write_docx

        speech = draft(args.outline).speech
        write_docx(speech, tmp / "warm.docx")
        inproc = []
        for _ in range(args.runs):
            start = time.process_time()
            write_docx(speech, tmp / "w.docx")
            inproc.append(time.process_time() - start)
    chars = speech.text_length()
    print(f"{args.outline.name}: {chars} 字, CPU seconds, median of {args.runs} alternating runs "
          f"({os.cpu_count()} cores)")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    anchor = med.get("pandoc .md → .docx")
    for name, value in med.items():
        ratio = f"{value / anchor:5.1f}× pandoc" if anchor else ""
        print(f"  {name:24} {value:6.3f} s  {ratio}")
    print(f"  {'write_docx in-process':24} {statistics.median(inproc):6.3f} s")
    if anchor:
        ratio = med["drafter draft → .docx"] / anchor
        verdict = "ok" if ratio <= 3 else "over the 3× target"
        print(f"drafter draft → .docx is {ratio:.1f}× pandoc on the same text (target ≤ 3×): {verdict}")
    else:
        print("pandoc not installed (apt-get install pandoc): the anchor row is skipped")


if __name__ == "__main__":
    main()
