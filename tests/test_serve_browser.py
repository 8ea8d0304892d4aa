"""The ``drafter serve`` page in a real browser (headless Chromium): what a writer does with it.

For two example outlines: fill the form, draft, replace one sentence from the alternatives,
lock one, redraw with another seed, download the .docx and check it has the chosen sentences
and passes ``drafter check``; save the outline and redraft it from the CLI to the same text.
And: edit a phrase in the bank page and see the CLI read it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

pytest.importorskip("starlette")

from browser_support import browser, need_browser  # noqa: E402
from serve_support import EXAMPLES, ROOT, config, live_server, outline_folder, writable_bank  # noqa: E402

#: generous: on a busy machine a draft (and each alternatives list, which redrafts) takes seconds
TIMEOUT = 90000


@pytest.fixture(autouse=True)
def _chinese_page(monkeypatch):
    """The page as the Chinese writer it is for sees it (the suite runs in English elsewhere)."""
    monkeypatch.setenv("DRAFTER_LANG", "zh")


@pytest.fixture(autouse=True)
def _browser_available():
    need_browser()


def run_cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def drafted(page) -> int:
    return int(page.get_attribute("#paper", "data-drafted") or 0)


def wait_drafted(page, after: int) -> None:
    page.wait_for_function("(n) => Number(document.querySelector('#paper').dataset.drafted || 0) > n",
                           arg=after, timeout=TIMEOUT)


def wait_idle_yaml(page, needle: str) -> str:
    page.wait_for_function("(t) => document.querySelector('#yaml-text').value.includes(t)", arg=needle,
                           timeout=TIMEOUT)
    return page.input_value("#yaml-text")


def fill_form(page, outline: dict) -> None:
    """Type the outline into the form as a writer would, starting from ``drafter new`` for its type."""
    page.select_option("#new-type", outline["type"])
    page.click("#new-outline")
    page.wait_for_function("(t) => document.querySelector('[data-key=type]').value === t", arg=outline["type"],
                           timeout=TIMEOUT)
    page.select_option("[data-key=numbering]", outline.get("numbering") or "")
    page.fill("[data-key=title]", outline["title"])
    for key in ("speaker", "date", "theme"):
        page.fill(f"[data-key={key}]", str(outline.get(key) or ""))
    if "minutes" in outline:
        page.select_option("[aria-label=篇幅单位]", "minutes")
        page.fill("[data-key=minutes]", str(outline["minutes"]))
    else:
        page.select_option("[aria-label=篇幅单位]", "length")
        page.fill("[data-key=length]", str(outline["length"]))
    for name, value in (outline.get("vars") or {}).items():
        page.click("text=＋ 槽位")
        page.locator("[aria-label=槽位名]").last.fill(name)
        page.locator("[aria-label=槽位值]").last.fill(value)
    for key in ("opening", "closing"):
        if outline.get(key):
            page.fill(f"[data-key={key}]", outline[key])
    while page.locator("#outline-form .node[data-key^='sections['] >> nth=0").count():
        page.locator("#outline-form .node >> nth=0").locator("button[title^='删除']").first.click()
    for i, section in enumerate(outline["sections"], 1):
        section = section if isinstance(section, dict) else {"heading": section}
        page.click("#add-section")
        page.fill(f"[data-key='sections[{i}].heading']", section["heading"])
        for j, point in enumerate(section.get("points") or [], 1):
            page.locator(f".node[data-key='sections[{i}]'] > .points > .add-point").click()
            page.fill(f"[data-key='sections[{i}].points[{j}].heading']", point)


def choosable_texts(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all("#paper .s.choosable", "els => els.map(e => [e.dataset.key, e.textContent])")


@pytest.mark.parametrize("name", ["研讨发言.yaml", "交流发言.yaml"])
def test_a_writer_drafts_chooses_and_downloads(tmp_path, name):
    from drafter.compose import load_outline
    example = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    root = outline_folder(tmp_path / "outlines", name)
    with live_server(config(root)) as url, browser() as context:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=TIMEOUT)

        # the form, and a validation message next to the field at fault
        fill_form(page, example)
        page.fill("[data-key='sections[1].heading']", "")
        page.wait_for_selector(".field-error[data-for='sections[1].heading']", timeout=TIMEOUT)
        assert "各部分 · 第1项 · 标题" in page.inner_text("#outline-form .field-error")
        first = example["sections"][0]
        page.fill("[data-key='sections[1].heading']", first["heading"] if isinstance(first, dict) else first)
        page.wait_for_selector("#outline-form .field-error", state="detached", timeout=TIMEOUT)
        last = example["sections"][-1]
        text = wait_idle_yaml(page, last["heading"] if isinstance(last, dict) else last)
        assert load_outline(yaml.safe_load(text)) == load_outline(example)

        # draft: the speech as it prints, with figures and sources on hover
        before = drafted(page)
        page.click("#draft")
        wait_drafted(page, before)
        assert page.inner_text("#paper .title") == example["title"]
        assert "字数" in page.inner_text("#figures") and "分" in page.inner_text("#fig-time")
        assert page.locator("#paper .s.borrowed[title^='来源：']").count() > 0

        about = page.evaluate("() => fetch('/api/about').then(r => r.json())")
        chosen = []
        if about["alternatives"]:
            chosen = choose_lock_and_redraw(page)
        else:  # the composer has no sentence choice yet: redraw still works
            before = drafted(page)
            page.click("#redraw")
            wait_drafted(page, before)
            assert page.input_value("#seed") == "1"

        # download the Word file: the chosen sentences, the official layout
        with page.expect_download() as info:
            page.click("#dl-docx")
        docx = tmp_path / "page.docx"
        info.value.save_as(docx)
        from docx import Document
        body = "".join(p.text.replace("\n", "") for p in Document(docx).paragraphs)
        assert all(text in body for text in chosen)
        assert example["title"] in body
        check = run_cli("check", str(docx))
        assert check.returncode == 0, check.stdout + check.stderr

        # save the outline; the CLI drafts the same speech from it
        page.fill("#save-name", "我的提纲")
        page.click("#save-outline")
        page.wait_for_function("() => document.querySelector('#open-file').textContent.includes('我的提纲.yaml')",
                               timeout=TIMEOUT)
        saved = root / "我的提纲.yaml"
        assert "\nseed: 1\n" in saved.read_text(encoding="utf-8")  # the seed the page drafted with
        with page.expect_download() as info:
            page.click("[data-download=txt]")
        page_txt = tmp_path / "page.txt"
        info.value.save_as(page_txt)
        cli = run_cli("draft", str(saved))  # no --seed: the outline's seed
        assert cli.returncode == 0, cli.stderr
        assert cli.stdout == page_txt.read_text(encoding="utf-8")
        shown = page.evaluate("() => window.drafterState.view.blocks.map(b => b.text !== undefined ? b.text : "
                              "(b.lead || '') + b.segments.map(s => s.text).join(''))")
        assert [line for line in cli.stdout.splitlines() if line.strip()] == shown
        assert not errors, errors
    if not chosen:
        pytest.xfail("the composer has no Draft.placements / compose.alternatives yet (issue 10): "
                     "choosing, locking and redrawing around choices were not exercised")


def choose_lock_and_redraw(page) -> list[str]:
    """Replace one sentence from its alternatives, lock another, redraw: both stay. Their texts."""
    sentences = choosable_texts(page)
    assert sentences, "body sentences are choosable"
    order = sentences[len(sentences) // 2:] + sentences[:len(sentences) // 2]
    for key, _old in order[:8]:  # as a writer would: a sentence the bank has other lines for
        page.click(f"#paper .s[data-key='{key}']")
        page.wait_for_selector("#alternatives li:not(.loading)", timeout=TIMEOUT)
        usable = page.locator("#alternatives li").filter(has=page.locator(".use-alternative:not([disabled])"))
        if usable.count():
            break
    else:
        raise AssertionError(f"no alternatives for any of {[k for k, _ in order[:8]]}: "
                             + page.inner_text("#alternatives"))
    alternative = usable.first
    chosen_text = alternative.locator(".alt-text").inner_text()
    chosen_id = alternative.get_attribute("data-phrase")
    before = drafted(page)
    alternative.locator(".use-alternative").click()
    wait_drafted(page, before)
    assert chosen_text in page.locator(f"#paper .s[data-key='{key}']").inner_text()

    other_key, other_text = next((k, t) for k, t in choosable_texts(page) if k != key)
    page.click(f"#paper .s[data-key='{other_key}']")
    before = drafted(page)
    page.click("#lock-sentence")
    wait_drafted(page, before)
    assert "locked" in page.get_attribute(f"#paper .s[data-key='{other_key}']", "class")

    before = drafted(page)
    page.click("#redraw")
    wait_drafted(page, before)
    assert page.input_value("#seed") == "1"
    paper = page.inner_text("#paper")
    assert chosen_text in paper and other_text in paper
    pins = yaml.safe_load(wait_idle_yaml(page, "pins"))["pins"]
    assert pins[key] == chosen_id and other_key in pins
    return [chosen_text, other_text]


def test_a_phrase_edited_in_the_bank_page_is_what_the_cli_reads(tmp_path):
    root = outline_folder(tmp_path / "outlines", "研讨发言.yaml")
    bank = writable_bank(tmp_path / "bank")
    with live_server(config(root, bank)) as url, browser() as context:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=TIMEOUT)
        page.click("#tab-bank")
        page.wait_for_selector("#bank-table tbody tr[data-id]", timeout=TIMEOUT)
        searched = int(page.get_attribute("#bank-table", "data-searched") or 0)
        page.fill("#bank-q", "以学促干")
        page.click("#bank-search")
        page.wait_for_function("(n) => Number(document.querySelector('#bank-table').dataset.searched) > n",
                               arg=searched, timeout=TIMEOUT)
        row = page.locator("#bank-table tbody tr[data-id]").filter(has_text="以学促干").first
        pid = row.get_attribute("data-id")
        row.locator("button.edit").click()
        row = page.locator(f"#bank-table tbody tr[data-id='{pid}']")
        row.locator("textarea").fill("以学促干要落到实处，见到实效。")
        row.locator("input[aria-label=标签]").fill("以学促干 网页改的")
        row.locator("button.save").click()
        page.wait_for_selector(f"#bank-table tr[data-id='{pid}'] td.text:text('以学促干要落到实处，见到实效。')",
                               timeout=TIMEOUT)
        shown = run_cli("phrases", "show", pid, "--json", "--bank", str(bank))
        assert shown.returncode == 0, shown.stderr
        entry = json.loads(shown.stdout)
        assert entry["text"] == "以学促干要落到实处，见到实效。" and "网页改的" in entry["tags"]

        # and a phrase added on the command line shows in the page
        added = run_cli("phrases", "add", "命令行加的一句。", "-c", "金句", "--bank", str(bank))
        assert added.returncode == 0, added.stderr
        page.fill("#bank-q", "命令行加的一句")
        page.click("#bank-search")
        page.wait_for_selector("#bank-table td.text:text('命令行加的一句。')", timeout=TIMEOUT)
