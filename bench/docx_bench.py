"""Word writing beside pandoc (issue 15): `drafter draft … -o x.docx` and `drafter export … -o x.docx`,
for the code at ``--before`` and for this checkout, with the anchors timed in the same rounds.

Rows (CPU time of each child process, user + system, median of ``--runs`` alternating rounds):

  drafter draft → .docx     the whole command on the example outline (target: ≤ 3× pandoc)
  drafter draft → .txt      the same draft without the Word writer (what the writer adds)
  draft, bank just changed  draft → .docx with nothing kept of the bank's prepared lines
                            (compose/prepared.py): the first draft after a bank edit; the other
                            rows draft from a bank prepared by an earlier command, as a user's
                            second draft does (templates and the Word package are kept in both)
  drafter export → .docx    a corpus speech read, parsed and written (target: ≤ 3× pandoc)
  anchors                   pandoc .md → .docx on the same text of each (skipped when pandoc is
                            absent), a bare python-docx script adding the same paragraphs, and
                            ``python -c pass``
  write_docx in-process     the writer alone, imports excluded, in each tree

Each tree runs with its own shipped bank (``--bank``) and byte-code compiled first (an installed
drafter has it); the Word writer's prepared package is cached as it is for a user after the
first .docx. ``--before`` is a git revision, unpacked with ``git archive``.

Usage: python bench/docx_bench.py [--before REV] [--runs N] [--outline FILE] [--speech FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from childtime import cpu as child_cpu
from childtime import env_for
from childtime import trees as bench_trees

ROOT = Path(__file__).resolve().parent.parent
OUTLINE = ROOT / "examples" / "研讨发言.yaml"
SPEECH = next(iter(sorted((ROOT / "corpus").glob("002_*.txt"))), None)
BARE = """\
import sys, docx
d = docx.Document()
for line in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
    if line.strip():
        d.add_paragraph(line)
d.save(sys.argv[2])
"""
INPROC = textwrap.dedent("""
    import json, statistics, sys, time
    from drafter.compose import draft
    from drafter.writers.docx import write_docx
    speech = draft(sys.argv[1], seed=0).speech
    write_docx(speech, sys.argv[2])
    runs = []
    for _ in range(int(sys.argv[3])):
        t = time.process_time(); write_docx(speech, sys.argv[2]); runs.append(time.process_time() - t)
    print(json.dumps({"median": statistics.median(runs), "chars": speech.text_length()}))
""")


def cpu(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> float:
    """CPU seconds of one child process, run in this checkout unless told otherwise."""
    return child_cpu(cmd, cwd, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=None, help="git revision to compare with (default: none)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--outline", type=Path, default=OUTLINE)
    parser.add_argument("--speech", type=Path, default=SPEECH, help="the speech `drafter export` writes")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="drafter-docx-bench-") as tmp:
        tmp = Path(tmp)
        trees = bench_trees(args.before, tmp)
        out = tmp / "out"
        out.mkdir()
        rows: dict[str, tuple[list[str], Path, dict | None]] = {}
        for name, tree in trees.items():
            env = env_for(tree)
            bank = ["--bank", str(tree / "drafter" / "data" / "phrasebank")]
            draft = [py, "-m", "drafter", "draft", str(args.outline.resolve()), *bank, "--seed", "0"]
            rows[f"draft → .docx ({name})"] = (draft + ["-o", str(out / f"{name}.docx"), "--force"], tree, env)
            rows[f"draft → .txt ({name})"] = (draft + ["-o", str(out / f"{name}.txt"), "--force"], tree, env)
            cold = dict(env, XDG_CACHE_HOME=str(tmp / f"cache-{name}"))
            rows[f"draft, bank just changed ({name})"] = (draft + ["-o", str(out / f"c-{name}.docx"), "--force"],
                                                          tree, cold)
            rows[f"export → .docx ({name})"] = ([py, "-m", "drafter", "export", str(args.speech.resolve()),
                                                 "-o", str(out / f"e-{name}.docx"), "--force"], tree, env)
        # the anchors' inputs: the same text as the draft and the export, from this checkout
        md, txt, emd = out / "same.md", out / "same.txt", out / "export.md"
        after = env_for(ROOT)
        base = [py, "-m", "drafter", "draft", str(args.outline.resolve()), "--bank",
                str(ROOT / "drafter" / "data" / "phrasebank"), "--seed", "0", "--force"]
        cpu(base + ["-o", str(md)], env=after)
        cpu(base + ["-o", str(txt)], env=after)
        cpu([py, "-m", "drafter", "export", str(args.speech.resolve()), "-o", str(emd), "--force"], env=after)
        (out / "bare.py").write_text(BARE, encoding="utf-8")
        rows["python-docx script (draft text)"] = ([py, str(out / "bare.py"), str(txt), str(out / "b.docx")],
                                                   ROOT, None)
        rows["python -c pass"] = ([py, "-c", "pass"], ROOT, None)
        pandoc = shutil.which("pandoc")
        if pandoc:
            rows["pandoc draft .md → .docx"] = ([pandoc, str(md), "-o", str(out / "p.docx")], ROOT, None)
            rows["pandoc export .md → .docx"] = ([pandoc, str(emd), "-o", str(out / "pe.docx")], ROOT, None)
        times: dict[str, list[float]] = {name: [] for name in rows}
        for cmd, cwd, env in rows.values():
            cpu(cmd, cwd, env)  # warm: file cache, the bank's index, the writer's prepared package
        for _ in range(args.runs):  # alternate, so load on the machine hits every row alike
            for name, (cmd, cwd, env) in rows.items():
                if name.startswith("draft, bank just changed"):  # forget the prepared bank, keep the rest
                    shutil.rmtree(Path(env["XDG_CACHE_HOME"]) / "drafter" / "drafting", ignore_errors=True)
                times[name].append(cpu(cmd, cwd, env))
        inproc = {}
        for name, tree in trees.items():
            done = subprocess.run([py, "-c", INPROC, str(args.outline.resolve()), str(out / f"w-{name}.docx"),
                                   str(args.runs)], cwd=tree, env=env_for(tree), capture_output=True, text=True)
            if done.returncode:
                sys.exit(done.stderr)
            inproc[name] = json.loads(done.stdout.strip().splitlines()[-1])
    med = {name: statistics.median(ts) for name, ts in times.items()}
    chars = inproc["after"]["chars"]
    print(f"{args.outline.name} ({chars} 字 drafted, seed 0) and export of {args.speech.name}; CPU seconds, "
          f"median of {args.runs} alternating runs ({os.cpu_count()} cores); before = {args.before or '—'}")
    print()
    print("| work | " + " | ".join(trees) + " | anchor (same run) |")
    print("|---|" + "---|" * len(trees) + "---|")
    for work, anchor_name in (("draft → .docx", "pandoc draft .md → .docx"), ("draft → .txt", "pandoc draft .md → .docx"),
                              ("draft, bank just changed", "pandoc draft .md → .docx"),
                              ("export → .docx", "pandoc export .md → .docx")):
        anchor = med.get(anchor_name)
        cells = []
        for name in trees:
            value = med[f"{work} ({name})"]
            cells.append(f"{value:.3f} s" + (f" ({value / anchor:.1f}×)" if anchor else ""))
        shown = f"{anchor_name.split(' ', 1)[0]} {anchor:.3f} s" if anchor else "pandoc not installed"
        print(f"| `drafter {work}` | " + " | ".join(cells) + f" | {shown} |")
    print("| write_docx in-process | " + " | ".join(f"{inproc[n]['median']:.3f} s" for n in trees) + " | — |")
    print(f"| other anchors | python-docx script (draft text) {med['python-docx script (draft text)']:.3f} s, "
          f"`python -c pass` {med['python -c pass']:.3f} s |" + " |" * len(trees))
    if not pandoc:
        print("pandoc not installed (apt-get install pandoc): the ratios are missing")
        return
    for work, anchor_name in (("draft → .docx", "pandoc draft .md → .docx"),
                              ("export → .docx", "pandoc export .md → .docx")):
        ratio = med[f"{work} (after)"] / med[anchor_name]
        print(f"drafter {work}: {ratio:.1f}× pandoc on the same text (target ≤ 3×): "
              f"{'ok' if ratio <= 3 else 'over the target'}")


if __name__ == "__main__":
    main()
