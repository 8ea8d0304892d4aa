"""The small text helpers mining and lint cut Chinese text with (mining/sentences.py, lint/text.py,
suggest.py): each is the one definition its callers share, so what they promise is tested here."""

from __future__ import annotations

import pytest

from drafter.i18n import set_language
from drafter.lint import text as lt
from drafter.mining import sentences as ms
from drafter.suggest import closest, unknown

# ---------------------------------------------------------------- mining/sentences.py

@pytest.mark.parametrize("text, cut", [
    ("要学习。要实践！对吗？", ["要学习。", "要实践！", "对吗？"]),
    ("没有句号的尾巴", ["没有句号的尾巴"]),
    ("他说：“要干。要实干。”然后走了。", ["他说：“要干。要实干。”", "然后走了。"]),
    ("（一次。两次。）之后。", ["（一次。两次。）", "之后。"]),
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ("", []),
])
def test_sentences_cut_outside_quotes_and_keep_closers(text, cut):
    assert ms.sentences(text) == cut
    assert "".join(ms.sentences(text)) == text


@pytest.mark.parametrize("sentence, cut", [
    ("坚持学习，注重实效；抓好落实。", [("坚持学习", "，"), ("注重实效", "；"), ("抓好落实", "")]),
    ("他强调：“干字当头，实字为先”，要落实。", [("他强调", "："), ("“干字当头，实字为先”", "，"), ("要落实", "")]),
    ("（一是学，二是干），再说。", [("（一是学，二是干）", "，"), ("再说", "")]),
])
def test_clauses_cut_at_separators_outside_quotes(sentence, cut):
    assert ms.clauses(sentence) == cut


def test_split_outside_tracks_nesting_and_never_loses_text():
    text = "甲，“乙，（丙，丁）”，戊"
    pieces = ms.split_outside(text, ms._CLAUSE_MARKS)
    assert pieces == [("甲", "，"), ("“乙，（丙，丁）”", "，"), ("戊", "")]
    assert "".join(p + s for p, s in pieces) == text


def test_body_clauses_fast_and_slow_paths_agree():
    for body in ("甲，乙；丙：丁", "“甲，乙”，丙", "（甲；乙）：丙，丁"):
        slow = ms.split_outside(body, ms._CLAUSE_MARKS)
        assert ms.body_clauses(body) == slow


@pytest.mark.parametrize("clause, members", [
    ("学习、实践、总结", ["学习", "实践", "总结"]),
    ("“学习、实践”、总结", ["“学习、实践”", "总结"]),
    ("一个词", ["一个词"]),
])
def test_items_of_a_series(clause, members):
    assert ms.items(clause) == members


def test_strip_end_quoted_and_han_len():
    assert ms.strip_end("要落实。") == "要落实"
    assert ms.strip_end("真的吗？！") == "真的吗"
    assert ms.strip_end("他说“好”。") == "他说“好”"
    assert ms.quoted("要“学深悟透”，做到‘知行合一’。") == ["学深悟透", "知行合一"]
    assert ms.quoted("没有引号") == []
    assert ms.han_len("在{地名}，“学”！") == 4       # braces and punctuation go, the slot name counts


# ---------------------------------------------------------------- lint/text.py

def test_han_and_cjk_characters():
    assert lt.is_han("学") and lt.is_han("㐀") and not lt.is_han("a") and not lt.is_han("，")
    assert all(lt.is_cjk(c) for c in "学，。“”‘’…—·（")
    assert not lt.is_cjk("a") and not lt.is_cjk(",") and not lt.is_cjk("")


def test_lint_sentences_keep_offsets_and_closers():
    text = "他说：“好。”我们走！最后一句"
    got = lt.sentences(text)
    assert [(s.start, s.text) for s in got] == [(0, "他说：“好。”"), (7, "我们走！"), (11, "最后一句")]
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in got)
    assert lt.sentences("一句。   ") == [lt.Sentence(0, "一句。")]


def test_starts_are_after_sentence_and_clause_ends():
    assert list(lt.starts("一是学；二是干：三是想。”完")) == [0, 4, 8, 13]
    assert list(lt.starts("只有一句。")) == [0]


def test_excerpt_marks_what_was_cut():
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
    assert lt.excerpt(text, 10, 12, width=3) == "…八九十甲乙丙丁戊…"
    assert lt.excerpt(text, 0, 2, width=3) == "一二三四五…"
    assert lt.excerpt("短句", 0, 2) == "短句"


def test_content_chars_ignore_whitespace():
    assert lt.content_chars("  一 二\n三\t") == 3


# ---------------------------------------------------------------- suggest.py

@pytest.mark.parametrize("word, known, best", [
    ("section", ["sections", "title"], "sections"),
    ("lenght", ["length", "title"], "length"),
    ("TITLE", ["title"], "title"),
    ("党科", ["党课", "研讨发言"], "党课"),
    ("研讨发言稿", ["研讨发言", "党课"], "研讨发言"),
    ("zzz", ["title", "length"], None),
    ("", ["title"], None),
    ("x", [], None),
])
def test_closest_known_name(word, known, best):
    assert closest(word, known) == best


def test_unknown_names_the_suggestion_and_the_known_names():
    set_language("en")
    try:
        assert unknown("key", "section", ["sections", "title"]) == \
            "unknown key 'section': did you mean 'sections'? (known: sections, title)"
        assert unknown("key", "zzz", ["title"]) == "unknown key 'zzz' (known: title)"
    finally:
        set_language(None)
