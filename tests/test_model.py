"""Marker numerals: 一 … 九十九 both ways, and anything else is not a numeral (never an error)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafter.markers import chinese_number, chinese_to_int, make_marker, marker_family, marker_number
from drafter.parser import parse_text


def test_numerals_both_ways():
    for n in range(1, 100):
        assert chinese_to_int(chinese_number(n)) == n


@given(st.text(alphabet="零一二三四五六七八九十", max_size=4))
def test_any_string_of_numeral_characters_is_a_number_or_none(text):
    n = chinese_to_int(text)
    assert n is None or 1 <= n <= 99


def test_not_numerals():
    for text in ("十十", "一一", "二十十", "", "零", "十二三"):
        assert chinese_to_int(text) is None


def test_a_paragraph_with_a_doubled_ten_parses():
    parse_text("题\n同志们：\n开头。十十是。一是学习。二是落实。\n")


def test_markers():
    assert make_marker("（一）", 3) == "（三）" and make_marker("1.", 12) == "12."
    assert marker_family("（十二）") == "（一）" and marker_family("（3）") == "（1）"
    assert marker_number("四要") == 4 and marker_number("") is None
