"""Write what drafter does on a checkout into a folder, so two checkouts can be compared by `diff -r`.

For "no behaviour change" refactors: run it on the commit you started from and on your branch, then
`diff -r OLD NEW`. It runs the checkout's own code (`python -m drafter` with cwd and PYTHONPATH set to
the checkout) and records:

    bank/            a bank mined from corpus/ (`drafter mine corpus -o …`, one job)
    drafts/          each example outline drafted with the shipped bank for seeds 0 and 1:
                     .txt, .md, the 溯源 file, and every XML part of the .docx (unzipped)
    export/          each corpus speech exported to .docx (XML parts) and .md
    lint/, check/    `drafter lint` and `drafter check` on the drafts, text and --json
    parse/           `drafter parse --json` of corpus/
    *.rc             exit codes; stderr is kept beside stdout

Paths of the checkout and of the output folder are replaced by <checkout> and <out>, the .docx
creation and modification times (docProps/core.xml) by <time>, and the bank's derived SQLite index is
left out, so the two runs differ only where drafter's behaviour does.

    python tools/behaviour_snapshot.py CHECKOUT OUTDIR
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

SEEDS = (0, 1)
#: the one part of a .docx that depends on the clock
TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


class Snapshot:
    def __init__(self, checkout: Path, out: Path) -> None:
        self.checkout = checkout.resolve()
        self.out = out.resolve()
        self.env = dict(os.environ, PYTHONPATH=str(self.checkout), DRAFTER_LANG="zh", LANG="C.UTF-8")
        self.env.pop("DRAFTER_BANK", None)

    def clean(self, text: str) -> str:
        return text.replace(str(self.out), "<out>").replace(str(self.checkout), "<checkout>")

    def run(self, name: str, *args: str) -> None:
        """Run `drafter ARGS` in the checkout; keep stdout, stderr and the exit code under NAME."""
        proc = subprocess.run(
            [sys.executable, "-m", "drafter", *args],
            cwd=self.checkout, env=self.env, capture_output=True, text=True, timeout=600,
        )
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        Path(f"{target}.out").write_text(self.clean(proc.stdout), encoding="utf-8")
        Path(f"{target}.err").write_text(self.clean(proc.stderr), encoding="utf-8")
        Path(f"{target}.rc").write_text(f"{proc.returncode}\n", encoding="utf-8")

    def unzip(self, docx: Path) -> None:
        """Replace DOCX by a folder of its parts (XML as written, so byte differences show)."""
        if not docx.exists():
            return
        folder = docx.with_suffix(".docx.d")
        with zipfile.ZipFile(docx) as zf:
            for info in zf.infolist():
                part = folder / info.filename
                part.parent.mkdir(parents=True, exist_ok=True)
                data = zf.read(info)
                if info.filename == "docProps/core.xml":
                    data = TIMES.sub(rb"\1<time>\2", data)
                part.write_bytes(data)
        docx.unlink()

    def mine(self) -> None:
        self.run("bank/mine", "mine", "corpus", "-o", str(self.out / "bank" / "phrasebank"), "--jobs", "1")
        for derived in (self.out / "bank" / "phrasebank").glob(".index.sqlite*"):
            derived.unlink()

    def drafts(self) -> None:
        bank = str(self.checkout / "phrasebank")
        for outline in sorted((self.checkout / "examples").glob("*.yaml")):
            for seed in SEEDS:
                stem = f"{outline.stem}.seed{seed}"
                base = self.out / "drafts" / stem
                base.parent.mkdir(parents=True, exist_ok=True)
                for suffix in (".txt", ".md", ".docx"):
                    extra = ["--sources", f"{base}.sources.yaml"] if suffix == ".docx" else []
                    self.run(f"drafts/{stem}{suffix}", "draft", str(outline), "--seed", str(seed),
                             "--bank", bank, "-o", f"{base}{suffix}", *extra)
                for suffix in (".txt", ".docx"):
                    self.run(f"lint/{stem}{suffix}", "lint", f"{base}{suffix}")
                    self.run(f"lint/{stem}{suffix}.json", "lint", "--json", f"{base}{suffix}")
                self.run(f"check/{stem}", "check", f"{base}.docx")
                self.run(f"check/{stem}.json", "check", "--json", f"{base}.docx")
                self.unzip(Path(f"{base}.docx"))

    def exports(self) -> None:
        for speech in sorted((self.checkout / "corpus").glob("*.txt")):
            base = self.out / "export" / speech.stem
            base.parent.mkdir(parents=True, exist_ok=True)
            for suffix in (".docx", ".md"):
                self.run(f"export/{speech.stem}{suffix}", "export", str(speech), "-o", f"{base}{suffix}")
            self.run(f"check/export-{speech.stem}.json", "check", "--json", f"{base}.docx")
            self.run(f"lint/corpus-{speech.stem}", "lint", str(speech))
            self.run(f"lint/corpus-{speech.stem}.json", "lint", "--json", str(speech))
            self.unzip(Path(f"{base}.docx"))

    def parse(self) -> None:
        self.run("parse/corpus.json", "parse", "--json", "corpus")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    snap = Snapshot(Path(argv[0]), Path(argv[1]))
    if snap.out.exists():
        shutil.rmtree(snap.out)
    snap.out.mkdir(parents=True)
    snap.mine()
    snap.drafts()
    snap.exports()
    snap.parse()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
