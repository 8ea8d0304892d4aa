"""Section plans: the order of rhetorical moves a body follows, as speeches of the genre do.

A 研讨发言 section moves from its lead to why it matters (论述, a quotation), to what to do
(要求 and 举措, often several in a row), and may end on a commitment. A part that takes stock
of shortfalls (查摆: its heading speaks of 问题/差距/不足) is mostly self-criticism; one on 下一步
ends on commitments (表态); one that does both (找差距，抓好下一步) takes stock, then pledges. A
part on why its subject matters (重大意义) argues and quotes; one on the situation (形势) states
and takes stock before it directs. A 党课 or
辅导报告 argues more before it directs. A section that has points only introduces them.

A plan is a list of slots; each slot names the roles that may fill it, the first preferred.
The last slot (what to do) repeats until the body has its length.
"""

from __future__ import annotations

import re

WHY = ("论述", "金句", "引语")
QUOTE = ("引语", "论述")
DO = ("要求", "举措")
#: what a unit does and has done (a 交流发言's 做法): measures before directives
DONE = ("举措", "要求")
STOCK = ("查摆",)
PLEDGE = ("表态", "要求")
#: what a body may still take when its plan's roles have run out
ANY = ("要求", "举措", "论述", "金句", "引语")

_SHORTFALL_HEADING = re.compile(r"问题|差距|不足|短板|剖析|查摆|反思|对照")
_PLEDGE_HEADING = re.compile(r"下一步|今后|努力方向|整改|表态|打算")
#: a part on why its subject matters (深刻认识……的重大意义): it argues and quotes, it does not direct
_MEANING_HEADING = re.compile(r"意义|重要性|必要性|紧迫性|极端重要|(?:深刻|充分|准确)(?:认识|把握|理解|领会)")
#: a part on where things stand (当前安全生产形势): figures, problems, a judgement
_SITUATION_HEADING = re.compile(r"形势|态势|现状|面临的|挑战")

#: words of a heading that say which move its part makes, not what it is about
_MOVE_WORDS = re.compile(r"查找|查摆|找准|对照|要求|努力|方向|深刻|认识|把握|重大|意义|形势|面临|当前")


def move_word(word: str) -> bool:
    """Does ``word`` of a heading name the part's move (差距, 下一步, 意义) rather than its subject?"""
    return any(p.search(word) for p in (_SHORTFALL_HEADING, _PLEDGE_HEADING, _MOVE_WORDS))


#: characters a plan slot fills on average (the length of a bank sentence)
SLOT_CHARS = 60


def place_kind(heading: str, has_points: bool, is_point: bool) -> str:
    if has_points:
        return "intro"
    stock, pledge = bool(_SHORTFALL_HEADING.search(heading)), bool(_PLEDGE_HEADING.search(heading))
    if stock and pledge:
        return "review"  # 对照要求找差距，抓好下一步工作: the shortfalls, then what is to be done
    if stock:
        return "stock"
    if pledge:
        return "pledge"
    if _SITUATION_HEADING.search(heading):
        return "situation"
    if _MEANING_HEADING.search(heading):
        return "meaning"
    return "point" if is_point else "section"


def plan(kind: str, speech_type: str) -> list[tuple[str, ...]]:
    """The slots of a body of this kind in a speech of this type; the last repeats."""
    argues = speech_type in ("党课", "辅导报告")
    if kind == "intro":
        return [WHY, QUOTE] if argues else [WHY]
    if kind == "stock":
        # one line of what is to be done at most, then shortfalls again: the part takes stock,
        # it is not a list of measures (the panel cut 发展普惠托育…, 深化养老保险制度改革 piled
        # under 查找差距不足 once its few shortfalls were said)
        return [WHY, STOCK, STOCK, STOCK, DO, STOCK]
    if kind == "review":
        return [STOCK, STOCK, PLEDGE, PLEDGE, DO]
    if kind == "pledge":
        return [WHY, PLEDGE, DO, PLEDGE, DO]
    if kind == "meaning":
        return [WHY, QUOTE, WHY, WHY]
    if kind == "situation":
        return [("论述",), ("论述", "查摆"), DO]
    if argues:
        return [WHY, QUOTE, WHY, DO]
    if speech_type == "交流发言":
        return [WHY, DONE]  # a 交流发言 reports what the unit does (做法), then its results
    return [WHY, QUOTE, DO]


def repeats(kind: str) -> bool:
    """Does the last slot repeat to fill the length? (An introduction stays short.)"""
    return kind != "intro"


def tops_up(kind: str) -> bool:
    """When the repeating slot finds nothing more, may the body take any other move still
    relevant to it? Not a part that takes stock: it is short where the bank has no shortfalls
    of its subject, and the writer's note asks for the unit's own."""
    return repeats(kind) and kind != "stock"


#: the most sentences a body of a kind takes, however long its share: the genre's range (a point
#: of a 研讨发言 is a paragraph or two, not a pile of report sentences)
MAX_SENTENCES = {"intro": 3, "point": 6}
MAX_SENTENCES_DEFAULT = 8


def most_sentences(kind: str, share: int = 0) -> int:
    """The most sentences a body takes: the genre's range, or what its share of the outline
    holds in bank sentences of average length when that is more (a long 党课's sections)."""
    return max(MAX_SENTENCES.get(kind, MAX_SENTENCES_DEFAULT), round(share / SLOT_CHARS))
