"""What one sentence of a body says, as the writer of a body checks it before printing it.

Plain functions of the text, no bank and no draft: the items of its series (A、B、C, see
compose/state.py ``DraftState.echoes``), the subject it defines (文化是…: one definition of a
subject per body), whether it only says a heading again, and the two characters that would
make it one of a run of short lead-like sentences (compose/section.py ``SectionWriter._fill``).
"""

from __future__ import annotations

import re

from drafter.markers import INNER_LEAD_MAX_CHARS

#: a line repeating this many items of a series (A、B、C) already printed says it again
SERIES_ECHO = 2
_CLAUSE = re.compile(r"[^，。；：！？“”‘’（）]+")


def series_items(text: str) -> frozenset[str]:
    """The items of the series (A、B、C) in ``text``: 科学治污 and 依法治污 of
    坚持精准治污、科学治污、依法治污 (the first item keeps its verb; items under two
    characters are left out)."""
    out: set[str] = set()
    for clause in _CLAUSE.findall(text):
        if "、" in clause:
            out.update(i for i in clause.split("、") if len(i) >= 2)
    return frozenset(out)


#: the roles whose lines may define their subject (X是Y), and what a definition's subject may not start with
DEFINING_ROLES = ("论述", "引语", "金句")
_NOT_SUBJECT = ("这", "那", "此", "它", "其", "但", "而", "只有", "如果", "正是", "总书记", "习近平")
_QUOTE_LEAD = re.compile(r"^[^，。“”]{0,16}(?:指出|强调|说|讲)[：:，,]?“?")
_DEFINES = re.compile(r"^([^，。；：、“”]{2,12}?)(?:就|正|乃|也|才|都)?是(?!否)")
_DEFINES_APART = re.compile(r"^([^，。；：、“”]{2,16})，(?:这)?(?:就|正|乃|也|都)?是")


def defined_subject(sentence: str) -> str:
    """The subject ``sentence`` defines (文化 of 文化是民族的血脉，是人民的精神家园; 建设生态文明 of
    建设生态文明，是关系人民福祉…的长远大计; inside a quotation too), or ''."""
    text = _QUOTE_LEAD.sub("", sentence, count=1)
    for pattern in (_DEFINES, _DEFINES_APART):
        m = pattern.match(text)
        if m and not m.group(1).startswith(_NOT_SUBJECT):
            return m.group(1)
    return ""


def same_subject(a: str, b: str) -> bool:
    """One subject, said with or without its qualifier (良好生态环境, 生态环境)."""
    return a == b or a.endswith(b) or b.endswith(a)


def restates(sentence: str, heading: str) -> bool:
    """Is ``sentence`` no more than a clause of ``heading`` (with 要/必须 before it)?"""
    core = re.sub(r"^(?:要|必须|我们要|始终)", "", sentence.rstrip("。！？"))
    return len(core) >= 4 and any(core in part or part in core and len(core) - len(part) <= 2
                                  for part in re.split("[，；]", heading) if len(part) >= 4)


def short_head(sentence: str) -> str:
    """The two characters that would make ``sentence`` one of a run of inner lead sentences, or ''."""
    if len(sentence) <= INNER_LEAD_MAX_CHARS + 1 and "，" not in sentence and sentence.endswith("。"):
        return sentence[:2]
    return ""
