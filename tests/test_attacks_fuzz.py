"""Fuzz (issue 16): random text built from the genre's markers, punctuation and words through
the normaliser, the parser and lint. None may raise; the normaliser is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.lint.runner import lint_text
from drafter.normalize import normalize, paragraphs
from drafter.parser import parse_text

PIECES = ["一、", "二、", "十一、", "（一）", "（二）", "(三)", "1.", "2．", "10.", "（1）", "(2)", "一是", "二要",
          "第一，", "首先，", "同志们：", "各位领导：", "谢谢大家！", "发言完毕。", "——", "……", "...",
          "。", "，", "；", "：", "？", "！", ",", ".", ";", ":", "?", "!", "“", "”", '"', "'", "《", "》",
          "（", "）", "(", ")", "【", "】", "、", " ", "　", "\t", "\n", "\n\n", "\r\n",
          "坚持以学促干", "在学思践悟中把牢方向", "高质量发展", "要", "把", "抓落实", "2026年", "3000", "A", "abc",
          "#", "**", "- ", "> ", "〔待补充〕", "{地名}", "\u3000\u3000"]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_normaliser_parser_and_lint_never_raise(text):
    once = normalize(text)
    assert normalize(once) == once
    paragraphs(text)
    try:
        parse_text(text, "fuzz.txt")
    except DrafterError:
        pass                               # an empty or unusable text may be refused, in one line
    lint_text(text, "fuzz.txt")
