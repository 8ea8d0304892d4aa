"""A starting outline for ``drafter new TYPE``: the writer edits it rather than starting from nothing.

Headings come from the mined skeleton of that type: the examples of its heading patterns
(parallel headings seen in real speeches), as many as such speeches typically have, with
the pattern in a comment so the writer can fill it with their own words.
"""

from __future__ import annotations

import json

from drafter.bank.index import bigrams
from drafter.compose import env as envmod
from drafter.compose.draft import bank_skeletons, skeleton_for
from drafter.compose.length import DEFAULT_LENGTH, FALLBACK_LENGTH
from drafter.compose.outline import LENGTH_RANGE
from drafter.errors import OutlineError
from drafter.i18n import N_
from drafter.suggest import unknown

#: what the starter leaves where the writer must write: lint's placeholder rule flags 〔待填…〕
#: (drafter/lint/placeholders.py), and ``drafter draft`` warns while an outline still holds one.
PLACEHOLDER = "〔待填：{what}〕"

TITLES = {
    "研讨发言": "在理论学习中心组“{t}”专题研讨会上的发言",
    "交流发言": "在“{t}”专题交流会上的发言",
    "辅导报告": "关于“{t}”的辅导报告",
    "党课": "“{t}”专题党课",
}


def new_outline(kind: str, theme: str | None = None, bank=None, templates=None) -> str:
    info = envmod.find_template(kind, templates)
    if info is None:
        names = [t.name for t in envmod.list_templates(templates)]
        raise OutlineError(unknown(N_("type"), kind, names), key="TYPE")
    skeleton = skeleton_for(bank_skeletons(bank), kind)
    count = int(((skeleton.get("top_sections") or {}).get("typical")) or 3)
    headings, pattern = _headings(skeleton, count, theme)
    theme_text = theme or PLACEHOLDER.format(what="主题")
    lines = [
        f"# 起草提纲（{kind}）：改写标题和各部分标题，再运行 drafter draft 本文件。格式见 docs/outline.md。",
        f"type: {kind}",
        f"numbering: {info.numbering}        # lead：不编号的段首句；numbered：一、（一）一是",
        f"title: {_q(_title(kind, theme_text))}",
        "speaker: XX单位 XXX           # 可删",
        f"theme: {_q(theme_text)}",
        f"length: {_length(skeleton, count, kind)}                 # 目标字数；也可改用 minutes: 10",
        "vars: {}                      # 槽位的值，如 {地名: 滨江区}",
        "sections:",
    ]
    if pattern:
        lines.insert(-1, f"# 各部分标题取自语料中同类讲话的并列标题，句式：{pattern}")
    for heading in headings:
        lines.append(f"  - heading: {_q(heading)}")
        lines.append("    points: []                # 可选：要点，每条成为（一）/一是")
    return "\n".join(lines) + "\n"


def _headings(skeleton: dict, count: int, theme: str | None = None) -> tuple[list[str], str]:
    """The examples of the best heading pattern (and that pattern), else placeholders.

    Best: a pattern of top-level headings first (a starting outline lists top-level
    sections), then one whose headings share words with the theme, then the richest.
    """
    theme_words = set(bigrams(theme or ""))
    patterns = [p for p in skeleton.get("heading_patterns") or [] if isinstance(p, dict)]

    def rank(p: dict) -> tuple:
        examples = [str(e) for e in p.get("examples") or []]
        shared = len(theme_words & set(bigrams("".join(examples)))) if theme_words else 0
        return (p.get("level", 1) != 1, -shared, -len(examples))

    patterns.sort(key=rank)
    for p in patterns:
        examples = [str(e) for e in p.get("examples") or []]
        if len(examples) >= min(count, 2):
            return examples[:max(count, len(examples[:count]))], str(p.get("pattern", ""))
    numerals = "一二三四五六七八九"
    return [PLACEHOLDER.format(what=f"第{numerals[i]}部分标题") for i in range(min(count, 9))], ""


def _title(kind: str, theme: str) -> str:
    title = TITLES.get(kind, TITLES["研讨发言"]).format(t=theme)
    return title.replace("“〔", "〔").replace("〕”", "〕")  # a placeholder needs no quotes


def _length(skeleton: dict, count: int, kind: str) -> int:
    typical = (skeleton.get("section_chars") or {}).get("typical")
    length = int(typical) * count + 400 if typical else DEFAULT_LENGTH.get(kind, FALLBACK_LENGTH)
    low, high = LENGTH_RANGE
    return max(low, min(high, round(length, -2)))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
