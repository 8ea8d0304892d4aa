"""The paragraph layout of a speech (drafter/blocks.py) and the dates it prints (drafter/dates.py)."""

from __future__ import annotations

import datetime

import pytest

from drafter.blocks import FAMILY_LEVEL, blocks, format_date, to_paragraphs
from drafter.dates import canonical_date
from drafter.model import Section, Speech
from drafter.writers.text import to_text


def speech(**overrides) -> Speech:
    fields = dict(source="s", title="标题", speaker="某某", date="2026-11-21", salutation="同志们：",
                  opening=["开头一段。"], sections=[], closing=["结尾一段。"])
    fields.update(overrides)
    return Speech(**fields)


@pytest.mark.parametrize("given, printed", [
    ("2026-11-21", "2026年11月21日"),
    ("2026/1/5", "2026年1月5日"),
    ("2026.01.05", "2026年1月5日"),
    ("（2026-11-21）", "2026年11月21日"),
    (datetime.date(2026, 3, 9), "2026年3月9日"),
    ("2026年11月21日", "2026年11月21日"),
    ("十一月", "十一月"),
    ("", None),
    (None, None),
])
def test_canonical_date(given, printed):
    assert canonical_date(given) == printed


def test_format_date_wraps_in_full_width_brackets_or_gives_nothing():
    assert format_date("2026-11-21") == "（2026年11月21日）"
    assert format_date(None) is None


def test_numbered_families_have_heading_levels_one_to_four():
    assert FAMILY_LEVEL == {"一、": 1, "（一）": 2, "1.": 3, "（1）": 4}


def test_title_block_salutation_opening_closing_in_order():
    roles = [(b.role, b.text) for b in blocks(speech())]
    assert roles == [("title", "标题"), ("speaker", "某某"), ("date", "（2026年11月21日）"),
                     ("salutation", "同志们："), ("opening", "开头一段。"), ("closing", "结尾一段。")]


def test_missing_speaker_date_and_salutation_leave_no_block():
    roles = [b.role for b in blocks(speech(speaker=None, date=None, salutation=None))]
    assert roles == ["title", "opening", "closing"]


def test_numbered_heading_stands_alone_at_its_level_with_body_after():
    sub = Section(marker="（一）", heading="强化理论武装", body=["第二层正文。"])
    top = Section(marker="一、", heading="提高认识", body=["正文一。", "正文二。"], sections=[sub])
    out = [b for b in blocks(speech(sections=[top])) if b.section is not None]
    assert [(b.role, b.text, b.level) for b in out] == [
        ("heading", "一、提高认识", 1), ("body", "正文一。", 0), ("body", "正文二。", 0),
        ("heading", "（一）强化理论武装", 2), ("body", "第二层正文。", 0)]
    assert out[0].section is top and out[3].section is sub


def test_inline_item_starts_its_first_body_paragraph_with_its_punctuation():
    item = Section(marker="一是", heading="加强学习", body=["要坚持不懈。", "更进一步。"], punct="，")
    top = Section(marker="一、", heading="提高认识", body=[], sections=[item])
    out = [b for b in blocks(speech(sections=[top])) if b.section is item]
    assert [(b.text, b.lead, b.level) for b in out] == [
        ("一是加强学习，要坚持不懈。", "一是加强学习，", 2), ("更进一步。", "", 0)]


@pytest.mark.parametrize("heading, punct, lead", [
    ("坚持学思用贯通", "", "坚持学思用贯通。"),    # a lead sentence without its punctuation gets 。
    ("怎样才算学到位？", "", "怎样才算学到位？"),   # …but not when it is a question
    ("干在实处！", "", "干在实处！"),
    ("把握好三个关系", "：", "把握好三个关系："),   # its own punctuation is kept
])
def test_lead_sentence_ends_with_its_punctuation_or_a_full_stop(heading, punct, lead):
    section = Section(marker="", heading=heading, body=["后面的话。"], punct=punct)
    block = next(b for b in blocks(speech(sections=[section])) if b.section is section)
    assert (block.role, block.lead, block.text) == ("body", lead, lead + "后面的话。")


def test_inline_heading_without_body_is_a_paragraph_of_its_own():
    section = Section(marker="二要", heading="抓好落实", body=[])
    block = next(b for b in blocks(speech(sections=[section])) if b.section is section)
    assert block.text == block.lead == "二要抓好落实。"


def test_to_paragraphs_leaves_out_empty_blocks_and_matches_the_model():
    s = speech(speaker="", opening=["", "开头。"])
    assert to_paragraphs(s) == ["标题", "（2026年11月21日）", "同志们：", "开头。", "结尾一段。"]
    assert s.paragraphs() == to_paragraphs(s)


def test_text_writer_puts_a_blank_line_after_the_title_block_only():
    assert to_text(speech()) == "标题\n某某\n（2026年11月21日）\n\n同志们：\n开头一段。\n结尾一段。\n"
