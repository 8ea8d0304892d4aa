"""The one marker grammar (drafter/markers.py): families, numbers both ways, items, and no copy elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter import markers
from drafter.markers import item_at, item_starts, make_marker, marker_family, marker_kind, numbered_at

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text,family,n,canonical", [
    ("一、总体要求", "一、", 1, "一、"), ("十二、其他", "一、", 12, "十二、"), ("二．要求", "一、", 2, "二、"),
    ("（三）抓落实", "（一）", 3, "（三）"), ("1.学习", "1.", 1, "1."), ("12、落实", "1.", 12, "12."),
    ("3．调研", "1.", 3, "3."), ("（4）细则", "（1）", 4, "（4）"),
])
def test_numbered_families(text, family, n, canonical):
    m = numbered_at(text)
    assert (m.family.name, m.number, m.canonical) == (family, n, canonical)
    assert m.family.level == markers.NUMBERED_FAMILIES.index(m.family) + 1


@pytest.mark.parametrize("text", ["1.5倍", "2024年", "十十、", "（一是）", "一是"])
def test_not_numbered(text):
    assert numbered_at(text) is None


@pytest.mark.parametrize("text,family,n", [
    ("一是加强学习", "一是", 1), ("三要强化担当", "一要", 3), ("五抓作风", "一抓", 5), ("二看成效", "一看", 2),
    ("一讲政治", "一讲", 1), ("第一，坚持", "第一，", 1), ("第十二，落实", "第一，", 12),
])
def test_item_families(text, family, n):
    m = item_at(text, 0)
    assert (m.family.name, m.number) == (family, n)
    assert make_marker(family, n) == m.written


@pytest.mark.parametrize("text", ["一要务", "一要素", "一是一、二是二", "一些同志", "一定要", "第一要务", "一方面"])
def test_words_that_are_not_items(text):
    assert item_at(text, 0) is None


def test_items_only_at_sentence_starts():
    text = "唯一是它。要做到两点：一是学习；二是落实。第一，看。"
    assert [m.written for _, m in item_starts(text)] == ["一是", "二是", "第一，"]


def test_families_write_and_read_back():
    for name in ("一、", "（一）", "1.", "（1）", "一是", "一要", "一抓", "第一，"):
        for n in (1, 2, 10, 11, 23):
            marker = make_marker(name, n)
            assert marker_family(marker) == name and markers.marker_number(marker) == n
    assert marker_kind("三要") == "inline" and marker_kind("第二，") == "inline"
    assert marker_kind("（二）") == "numbered" and marker_kind("") == "lead"


#: a character class of Chinese numerals, a 是/要 item class, or a numbered-marker shape, written out
_MARKER_REGEX = re.compile(r"\[[一二三四五六七八九十]{5,}|\[是要\]|\(\?!务\)|\[0-9\]\{1,2\}\[\.．|\\d\{1,2\}\)?\[\.．、]")


def test_no_marker_regex_outside_the_marker_module():
    """Every reader, writer, lint rule and check takes the grammar from drafter/markers.py.

    (compose/ is being rewritten to use it and is left out until then.)"""
    offenders = []
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "drafter/markers.py" or rel.startswith("drafter/compose/"):
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _MARKER_REGEX.search(line):
                offenders.append(f"{rel}:{no}: {line.strip()}")
    assert offenders == []
