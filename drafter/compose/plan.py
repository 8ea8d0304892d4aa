"""Section plans: the order of rhetorical moves a body follows, as speeches of the genre do.

A 研讨发言 section moves from its lead to why it matters (论述, a quotation), to what to do
(要求 and 举措, often several in a row), and may end on a commitment. A part that takes stock
of shortfalls (查摆: its heading speaks of 问题/差距/不足) is mostly self-criticism. A 党课 or
辅导报告 argues more before it directs. A section that has points only introduces them.

A plan is a list of slots; each slot names the roles that may fill it, the first preferred.
The last slot (what to do) repeats until the body has its length.
"""

from __future__ import annotations

import re

WHY = ("论述", "金句", "引语")
QUOTE = ("引语", "论述")
DO = ("要求", "举措")
STOCK = ("查摆",)
PLEDGE = ("表态", "要求")
#: what a body may still take when its plan's roles have run out
ANY = ("要求", "举措", "论述", "金句", "引语")

_SHORTFALL_HEADING = re.compile(r"问题|差距|不足|短板|剖析|查摆|反思|对照")
_PLEDGE_HEADING = re.compile(r"下一步|今后|努力方向|整改|表态|打算")

#: characters a plan slot fills on average (the length of a bank sentence)
SLOT_CHARS = 60


def place_kind(heading: str, has_points: bool, is_point: bool) -> str:
    if has_points:
        return "intro"
    if _SHORTFALL_HEADING.search(heading):
        return "stock"
    if _PLEDGE_HEADING.search(heading):
        return "pledge"
    return "point" if is_point else "section"


def plan(kind: str, speech_type: str) -> list[tuple[str, ...]]:
    """The slots of a body of this kind in a speech of this type; the last repeats."""
    argues = speech_type in ("党课", "辅导报告")
    if kind == "intro":
        return [WHY, QUOTE] if argues else [WHY]
    if kind == "stock":
        return [WHY, STOCK, STOCK, STOCK, DO]
    if kind == "pledge":
        return [WHY, PLEDGE, DO, PLEDGE, DO]
    if argues:
        return [WHY, QUOTE, WHY, DO]
    return [WHY, QUOTE, DO]


def repeats(kind: str) -> bool:
    """Does the last slot repeat to fill the length? (An introduction stays short.)"""
    return kind != "intro"
