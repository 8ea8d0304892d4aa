"""Helpers for tests about speech text: which characters a tree holds."""

from __future__ import annotations

import re
from collections import Counter

from drafter.model import Speech

# A short district speech with every part a speech tree has (title, speaker, date, salutation, opening,
# two levels of headings, closing), written for these tests.
SPEECH = """在全区推进高质量发展大会上的讲话
区委书记 张三
2026年11月21日
同志们：
今天召开这次会议，主要任务是总结2025年工作，部署下一步任务。
一、提高政治站位
（一）深化理论学习
我们要“学深悟透”，坚持读原著学原文悟原理。
二、强化责任担当
各级领导干部要以身作则，真抓实干，推动各项工作取得新成效。
同志们，让我们团结一心，奋力开创新局面！
"""

_IGNORED = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                      r"\u2010-\u2027\u2030-\u205e!-/:-@\[-`{-~]")


def content_chars(texts) -> Counter:
    """Characters that carry content: everything but whitespace and punctuation."""
    return Counter(_IGNORED.sub("", "".join(texts)))


def tree_texts(speech: Speech) -> list[str]:
    texts = [speech.title, speech.speaker or "", speech.date or "", speech.salutation or ""]
    texts += speech.opening + speech.closing
    for _, s in speech.walk():
        texts += [s.marker, s.heading] + s.body
    return texts


#: a body paragraph for synthetic reports (tests of report structure)
REPORT_BODY = "这方面的工作做了很多，取得了明显成效，也积累了宝贵经验，需要继续坚持、不断完善、久久为功。"


def report_paragraphs(review: str, announce: str, after_last: list[str]) -> list[str]:
    """A short work report: a review part (heading ``review``, the line ``announce``, three （N） tasks,
    then ``after_last``) and a second part — the frame the report-shape tests fill in."""
    b = REPORT_BODY
    return ["政府工作报告", "各位代表：", b, f"一、{review}", b, announce,
            "（一）加强和改善宏观调控。" + b, b, "（二）大力推进改革开放。" + b, b,
            "（三）切实保障和改善民生。" + b, b, *after_last, "二、今年主要任务", b]
