"""The cache a server keeps between drafts (drafter/compose/cache.py): the same drafts as without
it, and never a stale one after the bank, the templates or the outline's occasion change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from drafter.compose import cache, draft

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def warm():
    cache.enable()
    try:
        yield
    finally:
        cache.enable(False)


def text(d) -> str:
    return "\n".join(d.speech.paragraphs())


def both(outline, bank, seed=0, templates=None):
    """(cold draft, warm draft, warm again): the cache on only for the last two."""
    was = cache.enabled()
    cache.enable(False)
    cold = draft(outline, bank=bank, seed=seed, templates=templates)
    cache.enable(True)
    try:
        first = draft(outline, bank=bank, seed=seed, templates=templates)
        again = draft(outline, bank=bank, seed=seed, templates=templates)
    finally:
        cache.enable(was)
    return cold, first, again


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=lambda p: p.stem)
def test_warm_drafts_are_the_drafts_without_the_cache(path):
    outline = yaml.safe_load(path.read_text(encoding="utf-8"))
    for seed in (0, 4):
        cold, first, again = both(outline, FIXTURE_BANK, seed)
        assert text(cold) == text(first) == text(again)
        assert [p.key for p in cold.placements] == [p.key for p in again.placements]
        assert cold.sources_dict() == again.sources_dict()
        assert cold.warnings == again.warnings


def test_a_warm_bank_is_opened_once(warm, monkeypatch):
    import importlib
    draftmod = importlib.import_module("drafter.compose.draft")
    opened = []
    real = draftmod.open_bank
    monkeypatch.setattr(draftmod, "open_bank", lambda bank: opened.append(bank) or real(bank))
    outline = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    for seed in range(3):
        draft(outline, bank=FIXTURE_BANK, seed=seed)
    assert len(opened) == 1
    cache.enable(False)
    draft(outline, bank=FIXTURE_BANK)
    draft(outline, bank=FIXTURE_BANK)
    assert len(opened) == 3


def test_a_bank_edit_is_seen_by_the_next_warm_draft(tmp_path):
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    outline = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    cold, _, before = both(outline, bank)
    assert text(cold) == text(before)
    # take away the body lines the draft used (a bank write replaces the file)
    used = {b.phrase for b in before.sources}
    for path in sorted((bank / "phrases").glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        kept = [e for e in entries if e["id"] not in used]
        if len(kept) != len(entries):
            tmp = path.with_suffix(".tmp")
            tmp.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
            tmp.replace(path)
    cache.enable(True)
    try:
        after = draft(outline, bank=bank)
    finally:
        cache.enable(False)
    fresh = draft(outline, bank=bank)
    assert text(after) == text(fresh)
    assert text(after) != text(before)
    assert not used & {b.phrase for b in after.sources}


def test_a_template_edit_is_seen_by_the_next_warm_draft(tmp_path, warm):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", templates)
    outline = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    before = draft(outline, bank=FIXTURE_BANK, templates=templates)
    layout = templates / "_layout.j2"
    source = layout.read_text(encoding="utf-8")
    assert "同志们：" in source
    layout.write_text(source.replace("同志们：", "各位同志："), encoding="utf-8")
    after = draft(outline, bank=FIXTURE_BANK, templates=templates)
    assert before.speech.salutation == "同志们：" and after.speech.salutation == "各位同志："


def test_an_occasion_change_is_a_fresh_view(warm):
    outline = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    first = draft(outline, bank=FIXTURE_BANK)
    changed = {**outline, "vars": {**(outline.get("vars") or {}), "地名": "临江县"},
               "date": "2021-05-01"}
    warm_changed = draft(changed, bank=FIXTURE_BANK)
    cache.enable(False)
    assert text(warm_changed) == text(draft(changed, bank=FIXTURE_BANK))
    assert text(first) == text(draft(outline, bank=FIXTURE_BANK))
