#!/usr/bin/env python3
"""Re-make the README's picture: draft the README's example outline, render its first page.

    python docs/update_readme_picture.py

Writes ``docs/first-page.png`` and ``docs/first-page.txt`` (the draft as text). The tests
draft the same outline and compare with ``first-page.txt``, so a change to drafting, the
templates or the bank that changes what the README shows fails until this is run again.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
OUTLINE = ROOT / "examples" / "研讨发言.yaml"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DOCS))

from render_first_page import render_first_page  # noqa: E402

from drafter.writers import render, write  # noqa: E402


def readme_draft():
    """The speech the README shows: its example outline, default seed, the shipped bank."""
    from drafter.compose.draft import draft as compose
    return compose(OUTLINE, bank=ROOT / "drafter" / "data" / "phrasebank").speech


def main() -> None:
    speech = readme_draft()
    with tempfile.TemporaryDirectory() as tmp:
        docx = write(speech, Path(tmp) / "发言.docx")
        render_first_page(docx, DOCS / "first-page.png")
    (DOCS / "first-page.txt").write_text(render(speech, "txt"), encoding="utf-8")
    print(f"wrote {DOCS / 'first-page.png'} and {DOCS / 'first-page.txt'}")


if __name__ == "__main__":
    main()
