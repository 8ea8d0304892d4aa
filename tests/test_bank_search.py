"""Search through the full-text index: the same results as testing every phrase, before
and after edits; near matches after the exact ones (issue 14); fold as defined."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.bank import Bank, Phrase, Source, load_bank, make_id, save_bank
from drafter.bank.index import bigrams, rebuild
from drafter.bank.phrase import fold
from drafter.bank.search import Finder, Query, search, search_near

WORDS = ("坚持 推动 深化 落实 发展 改革 创新 担当 作为 群众 民生 基层 实干 学习 思想 "
         "高质量 治理 服务 初心 使命 责任 5G AI 2035").split()


def make_bank(n: int, seed: int) -> Bank:
    rng = random.Random(seed)
    phrases, seen = [], set()
    while len(phrases) < n:
        parts = [rng.choice(WORDS) + rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
        text = rng.choice(["，", "、", " ", "；", ""]).join(parts) + rng.choice(["", "。", "！"])
        if rng.random() < 0.1:
            text = text.replace("，", " ， ").upper()          # spaces and case fold away
        category = rng.choice(["金句", "排比", "论述"])
        pid = make_id(category, text)
        if pid in seen:
            continue
        seen.add(pid)
        phrases.append(Phrase(pid, text, category, rng.sample(WORDS, rng.randint(0, 2)), [],
                              rng.randint(1, 9), [Source(f"{rng.randrange(30):02d}.txt", rng.randint(1, 9))
                                                  for _ in range(rng.randint(1, 3))], "mined"))
    return Bank(phrases=phrases)


QUERIES = ["发展", "深化改革", "推动高质量发展", "落实 发展", "民", "5G", "ai", "AI创新",
           "高质量", "实干，担当", "初心使命", "不存在的话", "改", "2035", "学习 思想 作为", "，"]


def scan_search(bank_dir, query):
    """The same search with the full-text narrowing turned off (every phrase tested)."""
    import drafter.bank.search as s
    saved = s.candidates
    s.candidates = lambda whole, words: None
    try:
        return search(bank_dir, query)
    finally:
        s.candidates = saved


def ids(phrases):
    return [p.id for p in phrases]


def check_equal(bank_dir):
    for text in QUERIES:
        for extra in ({}, {"categories": ["金句"]}, {"tags": ["发展"]}, {"source": "1"}, {"min_count": 5}):
            q = Query(text=text, **extra)
            assert ids(search(bank_dir, q)) == ids(scan_search(bank_dir, q)), (text, extra)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bank")
    save_bank(make_bank(3000, 5), directory)
    return directory


def test_indexed_search_equals_testing_every_phrase(big):
    check_equal(big)
    assert len(search(big, Query(text="发展"))) > 100       # the queries do find things


def test_two_character_and_one_character_queries_are_right(big):
    phrases = load_bank(big, use_index=False).phrases
    for word in ("发展", "民", "AI", "5g"):
        want = {p.id for p in phrases if fold(word) in p.key or any(fold(word) in fold(t) for t in p.tags)}
        assert {p.id for p in search(big, Query(text=word))} == want


def test_index_stays_right_after_edits_and_hand_edits(tmp_path):
    from drafter.bank.edit import add_phrase, edit_phrase, remove_phrases
    save_bank(make_bank(600, 9), tmp_path)
    bank = load_bank(tmp_path)
    victim = bank.phrases[10]
    edit_phrase(tmp_path, victim.id, text=victim.text + "深化改革", add_tags=["新标签"])
    remove_phrases(tmp_path, [bank.phrases[20].id])
    add_phrase(tmp_path, "推动高质量发展迈上新台阶", "金句", ["发展"])
    path = tmp_path / "phrases" / "排比.yaml"                 # a hand edit: the file is read again
    path.write_text(path.read_text(encoding="utf-8").replace("发展", "发达", 5), encoding="utf-8")
    check_equal(tmp_path)
    words = ("发展", "改革", "台阶", "发达")

    def word_ids():
        with Finder(tmp_path) as finder:
            rows = sorted(finder.categories())
            by_row = dict(zip(rows, finder.phrases(rows)))
            return {w: {by_row[r].id for r in finder.with_word(w)} for w in words}

    want = {w: {p.id for p in load_bank(tmp_path).phrases if w in bigrams(p.text)} for w in words}
    assert word_ids() == want and want["台阶"] and want["发达"]
    rebuild(tmp_path)                                          # from nothing: the same answers
    check_equal(tmp_path)
    assert word_ids() == want


def test_full_text_index_narrows_a_search():
    from drafter.bank.search import candidates
    assert candidates("深化改革", ["深化改革"]) == '("化改" AND "改革" AND "深化") OR ("化改" AND "改革" AND "深化")'
    assert candidates("民", ["民"]) is None and candidates("ai", ["ai"]) is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
       | st.text("发展，,；;！!（）() 　\t%％ＡＢａb１㊀⼀", max_size=12))
def test_fold_is_nfkc_lower_without_spaces(text):
    assert fold(text) == re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


# --- near matches (issue 14) ---------------------------------------------------------------

def near_bank(directory):
    texts = ["理想信念是共产党人精神上的“钙”", "坚定理想信念，补足精神之钙", "始终坚定理想信念",
             "精神之光照耀前路", "钙片", "理想远大", "坚持不懈推动发展"]
    texts += [f"第{n}项工作之要在于落实之效" for n in range(30)]   # 之 is common, 钙 is rare
    save_bank(Bank(phrases=[Phrase(make_id("金句", t), t, "金句", [], [], 1, [Source("a.txt", 1)], "mined")
                            for t in texts]), directory)


def test_near_matches_come_after_exact_ones(tmp_path):
    near_bank(tmp_path)
    exact, near = search_near(tmp_path, Query(text="坚定理想新念", limit=10))
    # one character wrong: 坚定理想信念; the others lack two of the six
    assert exact == [] and {p.text for p in near} == {"坚定理想信念，补足精神之钙", "始终坚定理想信念"}
    exact, near = search_near(tmp_path, Query(text="精神之钙", limit=10))
    assert [p.text for p in exact] == ["坚定理想信念，补足精神之钙"]
    assert near[0].text == "理想信念是共产党人精神上的“钙”"       # the rare 钙 counts most
    assert "精神之光照耀前路" in {p.text for p in near}               # one character wrong
    assert "钙片" not in {p.text for p in near}
    exact2, near2 = search_near(tmp_path, Query(text="精神之钙", limit=1))
    assert ids(exact2) == ids(exact) and near2 == []               # no room left: exact only


def test_exact_results_do_not_change_with_near_matches(big):
    for text in QUERIES:
        q = Query(text=text, limit=20)
        exact, near = search_near(big, q)
        assert ids(exact) == ids(search(big, q))
        assert not set(ids(exact)) & set(ids(near))


def test_cli_marks_near_matches(tmp_path):
    import json
    import subprocess
    import sys
    near_bank(tmp_path / "b")
    run = subprocess.run([sys.executable, "-m", "drafter", "phrases", "search", "精神之钙", "--bank",
                          str(tmp_path / "b"), "--json"], capture_output=True, text=True)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert run.returncode == 0 and "near" not in lines[0] and lines[1]["near"] is True
    run = subprocess.run([sys.executable, "-m", "drafter", "phrases", "search", "精神之钙", "--exact",
                          "--bank", str(tmp_path / "b")], capture_output=True, text=True)
    assert run.stdout.count("\n") == 1 and "≈" not in run.stdout
