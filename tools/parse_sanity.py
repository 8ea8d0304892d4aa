"""Parse every document of a corpus and report what is not sane in its tree.

    PYTHONPATH=. python tools/parse_sanity.py [DIR ...] [--show N]

Default: ../shared/corpus-public. Every .txt/.md/.docx file is read and parsed; a document is
reported when parsing raises, when it has no title, when a heading is over 200 characters, or when a
section has a heading but nothing under it (no body, no subsections) and the heading does not end
with its sentence (an item of one sentence, 一是……。, is how the source has it) — those are printed
with the paragraph after the heading, since a source may really have an empty section (a heading
before a table, a cut-off text). Exit status 1 if any error or
untitled document or over-long heading was found.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_HEADING = 200


def _default_dirs() -> list[Path]:
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "corpus-public"
        if candidate.is_dir():
            return [candidate]
    return []


def check(path: Path) -> dict:
    """What is wrong in the tree of one file: {'error', 'untitled', 'long', 'empty'}."""
    from drafter.normalize import paragraphs
    from drafter.parser import parse_doc
    from drafter.readers import read

    found: dict = {"error": None, "untitled": False, "long": [], "empty": []}
    try:
        doc = read(path)
        speech = parse_doc(doc)
    except Exception:  # noqa: BLE001 - the point is to report any
        found["error"] = traceback.format_exc(limit=3)
        return found
    found["untitled"] = not speech.title
    texts = [p.text for p in paragraphs(doc.text, rejoin=doc.rejoin)]
    for depth, section in speech.walk():
        if len(section.heading) > MAX_HEADING:
            found["long"].append((depth, section.marker, section.heading[:60] + "…"))
        if not section.body and not section.sections and not section.punct:
            # (a heading that ends with its sentence, 一是……。 / 一、……；, is an item of one sentence
            # as the source has it; one that does not end is worth a look)
            after = texts[section.para] if section.para is not None and section.para < len(texts) else ""
            found["empty"].append((depth, section.marker, section.heading, after[:40]))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", type=Path, nargs="*")
    ap.add_argument("--show", type=int, default=5, help="empty sections printed per document")
    args = ap.parse_args()
    dirs = args.dirs or _default_dirs()
    if not dirs:
        sys.exit("no corpus: pass DIR (../shared/corpus-public is not here)")
    files = sorted(p for d in dirs for p in d.rglob("*") if p.suffix in (".txt", ".md", ".docx"))
    errors = untitled = long_ = empty_docs = empty = 0
    for path in files:
        f = check(path)
        if f["error"]:
            errors += 1
            print(f"ERROR {path}\n{f['error']}")
            continue
        if f["untitled"]:
            untitled += 1
            print(f"no title: {path}")
        for h in f["long"]:
            long_ += 1
            print(f"heading over {MAX_HEADING}: {path}: {h}")
        if f["empty"]:
            empty_docs += 1
            empty += len(f["empty"])
            for depth, marker, heading, after in f["empty"][:args.show]:
                print(f"empty section: {path.name}: [{depth}, {marker!r}, {heading[:40]!r}] then {after!r}")
    print(f"{len(files)} files: {errors} errors, {untitled} without a title, {long_} headings over "
          f"{MAX_HEADING} characters, {empty} sections with nothing under them in {empty_docs} files")
    sys.exit(1 if errors or untitled or long_ else 0)


if __name__ == "__main__":
    main()
