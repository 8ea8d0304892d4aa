"""Unnumbered part titles: a report divided into parts by short title lines of their own (1982's
第六个五年计划的基本任务 / 六五计划前两年的执行情况 / 结束语), its 一、 headings inside the first part. Returns
cut candidates (paragraph, offset, marker) of the speech's top level."""

from __future__ import annotations

from drafter import markers as mk
from drafter.markers import item_at, marker_number
from drafter.parser.front import DATE_LINE, SALUTATION, SPEAKER_LINE
from drafter.parser.numbered import _numbered_para
from drafter.parser.state import _Para

#: a part title is a line of at most this many characters (最后，着重讲一讲农业和农村工作问题 is 17)
PART_TITLE_MAX_CHARS = 24
#: ... and at least this many (结束语)
PART_TITLE_MIN_CHARS = 3
#: a part title never holds these (a sentence, an address, a label) nor opens with the others
_NOT_IN_TITLE = frozenset("。！？；：!?;:")
_NOT_FIRST = frozenset("“‘《（(〔【")


def _title_line(p: _Para) -> bool:
    """Whether the paragraph has the shape of a part title: a short line that is no sentence, no
    numbered heading, item, dash run, address, speaker or date line."""
    t = p.text
    if not PART_TITLE_MIN_CHARS <= len(t) <= PART_TITLE_MAX_CHARS or t[0] in _NOT_FIRST \
            or any(c in _NOT_IN_TITLE for c in t) or t.endswith(("，", "、")) or t.startswith(mk.LEAD_DASHES):
        return False
    return not (_numbered_para(p) or item_at(t, 0) or SALUTATION.match(t) or SPEAKER_LINE.match(t)
                or DATE_LINE.match(t))


def _part_cuts(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """The part titles of a speech's top level ([] if none): two or more title lines, each followed by
    text (not by another such line), the first of them before the first 一、, and a 一、 after any of them
    counting from 一 (a title line between 一、 and 二、 is a point's own subheading, not a part)."""
    lines = [i for i in range(len(paras) - 1) if _title_line(paras[i]) and not _title_line(paras[i + 1])]
    if len(lines) < 2:
        return []
    tops = [(i, marker_number(n[1])) for i, p in enumerate(paras) if (n := _numbered_para(p)) and n[0] == 0]
    if not tops or lines[0] > tops[0][0]:
        return []
    for k, i in enumerate(lines):
        end = lines[k + 1] if k + 1 < len(lines) else len(paras)
        inside = [n for j, n in tops if i < j < end]
        if inside and inside[0] != 1:
            return []
    return [(i, 0, "") for i in lines]
