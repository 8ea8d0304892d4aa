"""drafter/markers.py as properties: every family writes markers that read back to the same family and
number, and the one-scan item finder over many paragraphs finds what the per-paragraph finder finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.markers import (
    ITEM_VERBS,
    NUMBERED_FAMILIES,
    RAW_HEADING_START,
    heading_level,
    item_starts,
    item_starts_by_paragraph,
    make_marker,
    marker_family,
    marker_kind,
    marker_number,
    marker_rank,
    numbered_at,
    parse_marker,
)

FAMILIES = [f.name for f in NUMBERED_FAMILIES] + ["一" + v for v in ITEM_VERBS[:8]] + ["第一，", "第一、"]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_marker_a_family_writes_reads_back(family):
    for n in (1, 2, 9, 10, 11, 20, 21, 99):
        marker = make_marker(family, n)
        mk = parse_marker(marker)
        assert mk is not None, marker
        assert (marker_family(marker), marker_number(marker)) == (family, n)
        assert mk.canonical == marker


def test_kinds_and_ranks_follow_the_usual_nesting():
    assert [marker_kind(m) for m in ("一、", "（二）", "3.", "（4）", "五是", "第六，", "")] == \
        ["numbered"] * 4 + ["inline", "inline", "lead"]
    ranks = [marker_rank(m) for m in ("一、", "（一）", "一是", "1.", "（1）", "")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 6


def test_written_variants_read_as_their_canonical_marker():
    for text, canonical in (("一．要点", "一、"), ("1、要点", "1."), ("1．要点", "1."), ("（十二）要点", "（十二）")):
        assert numbered_at(text).canonical == canonical
    assert numbered_at("1.5倍") is None and heading_level("12.要点") == 3 and heading_level("正文") is None


def test_raw_heading_start_accepts_half_width_brackets():
    assert RAW_HEADING_START.match("(一)要点") and RAW_HEADING_START.match("(1)要点")
    assert not RAW_HEADING_START.match("（一要点")


def test_make_marker_of_no_family_and_an_unknown_one():
    assert make_marker("", 3) == ""
    with pytest.raises(KeyError):
        make_marker("甲、", 1)


pieces = st.sampled_from(["一是", "二是", "三要", "第一，", "第二、", "统一要求", "进一步", "一要务", "一是一、二是二",
                          "抓落实", "。", "；", "，", "：", "！", "学习", "十一是", "第十，"])
paragraphs = st.lists(st.lists(pieces, max_size=8).map("".join), max_size=6)


@settings(max_examples=150, deadline=None)
@given(paragraphs)
def test_one_scan_over_paragraphs_finds_what_each_paragraph_gives(texts):
    expected = {i: list(item_starts(t)) for i, t in enumerate(texts) if list(item_starts(t))}
    got = item_starts_by_paragraph(texts)
    assert {i: [(at, mk.written, mk.number) for at, mk in found] for i, found in got.items()} == \
        {i: [(at, mk.written, mk.number) for at, mk in found] for i, found in expected.items()}


def test_items_are_found_at_sentence_and_clause_starts_only():
    found = [(at, mk.written) for at, mk in item_starts("一是学习；二是落实。统一要求，第三，抓作风")]
    assert found == [(0, "一是"), (5, "二是"), (15, "第三，")]
