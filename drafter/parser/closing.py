"""The closing: closing formulas (发言完毕，谢谢大家！) and summing-up paragraphs (同志们，…/总之…/让我们…)
at the end; where sibling sections are one paragraph each, the paragraphs after the last one's."""

from __future__ import annotations

import re

from drafter.parser.numbered import _numbered_para
from drafter.parser.state import _Node, _Para

_BARE_ADDRESS = re.compile(r"^(?:同志们|同事们|朋友们)[！!]$")

CLOSING_FORMULA = re.compile(
    r"^(以上|我的发言|发言完毕|我就讲这些|我就谈这些|讲到这里|谢谢|不当之处|以上发言|汇报完毕|报告完毕)"
)


CLOSING_CUE = re.compile(
    r"^(同志们[，,！!]|今后[，,]|总之|总而言之|综上所述|综上|最后[，,]|让我们|新征程上|奋进新征程|征途漫漫|征程万里|使命呼唤|"
    r"雄关漫道|行而不辍|功崇惟志)"
)


#: a summing-up that says so inside its paragraph: 我将以这次研讨为新的起点 / 以此次学习为契机
CLOSING_CUE_INSIDE = re.compile(r"[以借](?:这次|此次|本次)[^。！？]{0,14}?为(?:契机|新的起点|新起点|起点)")


def _split_closing(paras: list[_Para]) -> tuple[list[_Para], list[_Para]]:
    """Closing formulas and summing-up paragraphs at the very end."""
    end = len(paras)
    while end > 0:
        p = paras[end - 1]
        if _numbered_para(p) or p.level:
            break
        if CLOSING_FORMULA.match(p.text) and len(p.text) <= 60:
            end -= 1
        elif (CLOSING_CUE.match(p.text) or CLOSING_CUE_INSIDE.search(p.text)) and end - 1 > 0:
            end -= 1
        else:
            break
    for k in range(end - 1, max(end - 3, 0), -1):  # 最后，我用一句话……： announces what closes the speech
        if paras[k - 1].text.endswith(("：", ":")) and CLOSING_CUE.match(paras[k - 1].text) and k - 1 > 0:
            return paras[:k - 1], paras[k - 1:]
    for k in range(end - 1, 0, -1):  # a bare 同志们！ on its own line opens the closing
        if _BARE_ADDRESS.match(paras[k].text):
            return paras[:k], paras[k:]
        if _numbered_para(paras[k]) or paras[k].level:
            break
    return paras[:end], paras[end:]


#: a closing wish or toast (最后，预祝会议圆满成功！), a formula more than a summing-up
_WISH = re.compile(r"^最后[，,](?:我)?(?:预祝|祝|衷心祝)")


def _sums_up(closing: list[_Para]) -> bool:
    """Whether the closing found by its words holds a summing-up paragraph (今后，我们将… / 让我们…), not
    only formulas and wishes: the speaker's own words say where the closing begins, and a body paragraph
    before it stays in the last section, however the sections are shaped (drafter's own drafts split a
    long last section into paragraphs; its second paragraph is no closing)."""
    return any(not CLOSING_FORMULA.match(p.text) and not _WISH.match(p.text) for p in closing)


def _closing_by_shape(nodes: list[_Node], descend: bool = True) -> list[_Para]:
    """Where sibling sections have one body paragraph each (their heading inline or on a line of its
    own), paragraphs after the last one's close the speech.

    Looked for at the top level and, when no closing was found by its words, down the chain
    of last sections (a 辅导报告 whose （一）（二）（三） are one paragraph each, items and all,
    closes after the （三） paragraph).
    """
    if len(nodes) >= 3 and all(n.body_paras == 1 for n in nodes[:-1]) and nodes[-1].body_paras > 1:
        return _take_trailing(nodes[-1], nodes[-1].body_paras - 1)
    if descend and nodes and nodes[-1].children and nodes[-1].children[-1].section.kind == "numbered":
        # （一）（二）（三） of one paragraph each; below that, items and leads run on in their section
        return _closing_by_shape(nodes[-1].children)
    return []


def _take_trailing(node: _Node, extra: int) -> list[_Para]:
    """Remove up to ``extra`` whole trailing paragraphs from the end of ``node``'s subtree."""
    chain = [node]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    s = chain[-1].section
    moved: list[_Para] = []
    while s.body and len(moved) < extra and s.body_paras[-1] != s.para:
        moved.insert(0, _Para(s.body_paras.pop(), s.body.pop()))
    if len(moved) < extra:  # the surplus is not whole paragraphs at the end: leave it
        s.body.extend(p.text for p in moved)
        s.body_paras.extend(p.idx for p in moved)
        return []
    for n in chain:
        n.paras -= len(moved)
    return moved
