"""Drafts from big banks: a pool picked through the index keeps every promise of a draft,
and small banks draft exactly as before the pool existed."""

import hashlib
import importlib
import json
import random
from pathlib import Path

import pytest

import drafter.compose.pool as poolmod
from drafter.bank import Bank, Phrase, Source, make_id, save_bank
from drafter.bank.index import bigrams
from drafter.compose import draft
from drafter.compose.select import Ledger
from drafter.markers import chinese_number
from drafter.writers import render

ROOT = Path(__file__).resolve().parent.parent
draftmod = importlib.import_module("drafter.compose.draft")  # the package exports draft()
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

#: sha256 (first 32 hex) of the .txt draft and its sources, seed 0, on the fixture bank,
#: recorded before drafts could come from an index pool. A deliberate change to how drafts
#: are composed changes these: record them again (see digest()) and say so in the commit.
BEFORE = {
    "交流发言": "44e2ed6b462537c60d5a5b638a7f3593",
    "党课": "b5dbfbb725360d9633b4ba317d20c858",
    "研讨发言-编号": "3d8318a0f17ff4211332e4353afce97b",
    "研讨发言": "c79f99192753cae1eb0229e1cfcd8dd8",
    "辅导报告": "a6cf5813da81e4173ec969c5ec326124",
}

TOPICS = {
    "调研": ["调查研究", "深入基层", "摸清实情", "问计于民", "解剖麻雀"],
    "理论": ["理论武装", "读原著", "学原文", "悟原理", "学思践悟"],
    "发展": ["高质量发展", "产业升级", "科技创新", "营商环境", "项目建设"],
    "民生": ["民生实事", "急难愁盼", "就业增收", "养老托育", "看病就医"],
    "作风": ["转变作风", "真抓实干", "纪律规矩", "清正廉洁", "担当作为"],
}
VERBS = ["坚持", "推动", "聚焦", "深化", "着力", "持续", "切实", "不断"]
ENDS = ["推动各项工作取得新成效", "以实际行动践行初心使命", "把各项部署落到实处",
        "让群众有更多获得感", "在新征程上展现新作为"]
CATEGORIES = {"开篇": 0.08, "论述": 0.3, "要求": 0.3, "排比": 0.1, "金句": 0.05, "过渡": 0.07,
              "结尾": 0.07, "标题": 0.03}


def words_of(n: int) -> str:
    """A distinct tail for the n-th phrase, in characters, not digits (第三十二组第七项)."""
    return f"第{chinese_number(n // 90 + 1)}组第{chinese_number(n % 90 + 1)}项"


def fake_bank(n: int, seed: int = 3) -> Bank:
    """``n`` distinct sentence-shaped phrases on a few topics, tagged by topic."""
    rng = random.Random(seed)
    cats, weights = list(CATEGORIES), list(CATEGORIES.values())
    phrases, seen = [], set()
    while len(phrases) < n:
        topic = rng.choice(list(TOPICS))
        a, b = rng.sample(TOPICS[topic], 2)
        lead = rng.choice(["下面，我围绕", "借此机会，我就"]) if rng.random() < 0.05 else ""
        # numbered in words, not digits: a line with a figure is tied to its source (roles.ties)
        text = f"{lead}{rng.choice(VERBS)}{a}，{rng.choice(VERBS)}{b}，{rng.choice(ENDS)}{words_of(len(phrases))}。"
        category = rng.choices(cats, weights)[0]
        pid = make_id(category, text, 12)
        if pid in seen:
            continue
        seen.add(pid)
        sources = [Source(f"{rng.randrange(90):03d}.txt", rng.randint(1, 40))]
        phrases.append(Phrase(pid, text, category, [topic], [], 1, sources, "mined"))
    return Bank(phrases=phrases)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    bank = fake_bank(1500)
    path = tmp_path_factory.mktemp("bigbank")
    save_bank(bank, path)
    return path, {p.id: p for p in bank.phrases}


@pytest.fixture
def pooled(monkeypatch):
    """Banks of more than 1,000 phrases count as big (the real threshold needs 5,000)."""
    monkeypatch.setattr(poolmod, "BIG_BANK", 1000)


OUTLINE = {
    "type": "研讨发言", "title": "在理论学习中心组专题研讨会上的发言", "theme": "作风",
    "length": 3000,
    "sections": [
        {"heading": "深化调查研究，摸清实情", "points": ["深入基层一线", "问计于民"]},
        {"heading": "推动高质量发展", "points": ["科技创新", "营商环境"]},
        {"heading": "办好民生实事"},
    ],
}


def digest(d) -> str:
    blob = render(d.speech, "txt") + json.dumps(d.sources_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_small_bank_drafts_unchanged(path):
    assert digest(draft(path, bank=FIXTURE_BANK, seed=0)) == BEFORE[path.stem]


def test_small_bank_is_not_pooled(big, monkeypatch):
    """Under the threshold the whole bank is read and scored, as before."""
    path, _ = big
    called = []
    monkeypatch.setattr(poolmod, "indexed_pool", lambda *a, **k: called.append(1) or [])
    draft(OUTLINE, bank=path, seed=0)
    assert not called


def test_big_bank_draft_keeps_every_promise(big, pooled, monkeypatch):
    path, by_id = big
    monkeypatch.setattr(draftmod, "candidates", lambda bank: pytest.fail("whole bank scored"))
    d = draft(OUTLINE, bank=path, seed=0)
    text = "\n".join(d.speech.paragraphs())
    assert d.length <= 3300 and (d.length >= 2700 or d.shortfalls)
    sentences = Ledger.split(text)
    assert len(sentences) == len(set(sentences))
    ids = [b.phrase for b in d.sources]
    assert ids and len(ids) == len(set(ids))
    for b in d.sources:  # 溯源: every borrowed line names a real phrase and its real sources
        assert b.sources == [s.to_dict() for s in by_id[b.phrase].sources]
    assert [h for _, _, h in d.speech.headings()] == [
        "深化调查研究，摸清实情", "深入基层一线", "问计于民", "推动高质量发展", "科技创新", "营商环境",
        "办好民生实事"]


def test_big_bank_sections_are_about_their_headings(big, pooled):
    path, by_id = big
    d = draft(OUTLINE, bank=path, seed=1)
    topic_of = {p.id: p.tags[0] for p in by_id.values()}
    by_place: dict[str, list[str]] = {}
    for b in d.sources:
        by_place.setdefault(b.place, []).append(topic_of[b.phrase])
    expect = {"sections[1]": "调研", "sections[2]": "发展", "sections[3]": "民生"}
    checked = 0
    for place, topics in by_place.items():
        section = place.split(".")[0]
        if section in expect:  # lines borrowed for a body are about its section's topic
            assert topics.count(expect[section]) > len(topics) / 2, (place, topics)
            checked += 1
    assert checked >= 2


def test_big_bank_seed_reproducible_and_seeds_differ(big, pooled):
    path, _ = big
    a, b, c = (digest(draft(OUTLINE, bank=path, seed=s)) for s in (4, 4, 5))
    assert a == b != c


def test_big_bank_lengths(big, pooled):
    path, _ = big
    for target in (1000, 6000):
        d = draft({**OUTLINE, "length": target}, bank=path, seed=2)
        assert d.length <= target * 1.1, (target, d.length)
        assert d.length >= target * 0.9 or d.shortfalls, (target, d.length)


def test_pool_is_a_small_part_of_the_bank(big, pooled, monkeypatch):
    path, _ = big
    sizes = []
    real = poolmod.indexed_pool
    monkeypatch.setattr(poolmod, "indexed_pool", lambda *a, **k: sizes.append(len(r := real(*a, **k))) or r)
    draft({**OUTLINE, "length": 1500}, bank=path, seed=0)
    assert sizes and sizes[0] < 1500


def test_pool_words_match_python_bigrams(big):
    from drafter.bank.search import Finder
    path, by_id = big
    with Finder(path) as finder:
        rows = finder.with_word("调查")
        found = {p.id for p in finder.phrases(rows)}
    assert found == {pid for pid, p in by_id.items() if "调查" in bigrams(p.text)}


def test_a_line_added_to_the_bank_does_not_reshuffle_a_draft(tmp_path):
    """The seed's tie-breaker is drawn per line from the seed and the line's id, not in bank
    order: a writer who adds one line on other work to the bank gets the same draft for the same
    seed (drawn in bank order, every line after the new one got another chance)."""
    import shutil  # noqa: PLC0415 - only this test copies a bank

    from drafter.bank import load_bank  # noqa: PLC0415 - as above
    bank_dir = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, bank_dir)
    outline = EXAMPLES[0]
    before = [digest(draft(outline, bank=bank_dir, seed=s)) for s in (0, 1, 2)]
    bank = load_bank(bank_dir)
    text = "加强远洋渔业船舶安全管理。"
    bank.phrases.insert(0, Phrase(id=make_id("举措", text), text=text, category="举措", tags=[], origin="manual",
                                  sources=[]))
    save_bank(bank, bank_dir)
    assert [digest(draft(outline, bank=bank_dir, seed=s)) for s in (0, 1, 2)] == before
