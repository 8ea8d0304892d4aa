#!/usr/bin/env python3
"""Re-make the README's picture of the ``drafter serve`` page.

    python docs/update_serve_picture.py

Serves a folder holding the README's example outline (on 127.0.0.1, a free port), opens
it in headless Chromium, drafts it, clicks a body sentence to show its alternatives and
takes a screenshot: ``docs/serve-page.png``. Writes ``docs/serve-page.txt`` beside it: a
fingerprint of the page's files and the drafted paragraphs the picture shows. The tests
compare both with what drafter serves today, so a change to the page or to drafting that
changes the picture fails until this is run again.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
OUTLINE = ROOT / "examples" / "研讨发言.yaml"
STATIC = ROOT / "drafter" / "serve" / "static"
BANK = ROOT / "drafter" / "data" / "phrasebank"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def static_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def page_paragraphs(view: dict) -> list[str]:
    """The paragraphs of a /api/draft view, as the page prints them."""
    return [b["text"] if "text" in b else b["lead"] + "".join(s["text"] for s in b["segments"])
            for b in view["blocks"]]


def shown_text(paragraphs: list[str]) -> str:
    return f"static {static_fingerprint()}\n" + "\n".join(paragraphs) + "\n"


def main() -> None:
    import os
    os.environ["DRAFTER_LANG"] = "zh"  # the page as the Chinese writer it is for sees it
    from browser_support import browser
    from serve_support import config, live_server
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(OUTLINE, folder / OUTLINE.name)
        with live_server(config(folder, BANK)) as url, browser(viewport=(1440, 900)) as context:
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']", timeout=60000)
            page.select_option("#open-file", OUTLINE.name)
            page.click("#open-outline")
            page.wait_for_function("() => document.querySelector('[data-key=title]').value.includes('以学促干')")
            page.click("#draft")
            page.wait_for_function("() => document.querySelector('#paper').dataset.linted")
            view = page.evaluate("() => fetch('/api/draft', {method: 'POST', headers: {'Content-Type': "
                                 "'application/json', 'X-Drafter': '1'}, body: JSON.stringify({outline: "
                                 "window.drafterState.outline, seed: 0})}).then(r => r.json())")
            sentences = page.locator("#paper .s.choosable")
            if sentences.count():
                sentences.nth(min(6, sentences.count() - 1)).click()
                page.wait_for_selector("#alternatives li:not(.loading)", timeout=60000)
            page.mouse.move(0, 0)
            page.screenshot(path=str(DOCS / "serve-page.png"))
    (DOCS / "serve-page.txt").write_text(shown_text(page_paragraphs(view)), encoding="utf-8")
    print(f"wrote {DOCS / 'serve-page.png'} and {DOCS / 'serve-page.txt'}")


if __name__ == "__main__":
    main()
