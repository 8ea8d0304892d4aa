"""The README's picture of the ``drafter serve`` page is current (docs/update_serve_picture.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_the_page():
    assert "docs/serve-page.png" in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert (DOCS / "serve-page.png").stat().st_size > 10_000


def test_the_page_picture_shows_what_drafter_serves_today():
    """serve-page.txt holds a fingerprint of the page's files and the drafted paragraphs the picture
    shows: a change to either means the picture is stale (run python docs/update_serve_picture.py)."""
    sys.path.insert(0, str(DOCS))
    from serve_support import WRITE, client, config
    from update_serve_picture import BANK, OUTLINE, page_paragraphs, shown_text
    with client(config(OUTLINE.parent, BANK)) as page:
        outline = page.get("/api/outline/open", params={"name": OUTLINE.name}).json()["outline"]
        view = page.post("/api/draft", json={"outline": outline, "seed": 0}, headers=WRITE).json()
    shown = (DOCS / "serve-page.txt").read_text(encoding="utf-8")
    assert shown_text(page_paragraphs(view)) == shown, \
        "README picture of the page is stale: run python docs/update_serve_picture.py"
