"""Titles break at sensible places: a ——subtitle on its own line, never inside a word."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from drafter.model import Speech
from drafter.writers import write
from drafter.writers.docx_title import title_lines

PER_LINE = 20  # 二号 characters in a GB/T 9704 line

CASES = {
    # the breaks the issue saw: …专题研讨会上 / 的发言, …机关党支 / 部专题党课上的讲稿
    "在理论学习中心组“以学促干”专题研讨会上的发言": ["在理论学习中心组“以学促干”", "专题研讨会上的发言"],
    "锤炼过硬作风 担当时代使命——在机关党支部专题党课上的讲稿":
        ["锤炼过硬作风 担当时代使命", "——在机关党支部专题党课上的讲稿"],
    "滨江区委书记在区委理论学习中心组专题学习研讨交流会上的辅导报告":
        ["滨江区委书记在区委理论学习中心组", "专题学习研讨交流会上的辅导报告"],
    "在全市优化营商环境工作交流会上的发言": ["在全市优化营商环境工作交流会上的发言"],
    "在党组理论学习中心组“实干担当促进发展”专题研讨交流会上的发言材料":
        ["在党组理论学习中心组“实干担当促进发展”", "专题研讨交流会上的发言材料"],
    "在市直机关党支部书记培训班上关于加强基层组织建设的专题党课讲稿":
        ["在市直机关党支部书记培训班上", "关于加强基层组织建设的专题党课讲稿"],
}


@pytest.mark.parametrize("title", CASES)
def test_titles_break_where_a_typesetter_would(title):
    assert title_lines(title, PER_LINE) == CASES[title]


@pytest.mark.parametrize("title", CASES)
def test_lines_fit_and_lose_nothing(title):
    lines = title_lines(title, PER_LINE)
    assert "".join(lines) == title
    assert all(len(line) <= PER_LINE for line in lines)
    for word in ("党支部", "研讨会", "中心组", "的发言", "讲稿"):
        assert not any(line.endswith(word[:i]) and lines[k + 1].startswith(word[i:])
                       for k, line in enumerate(lines[:-1]) for i in range(1, len(word))), (word, lines)


def test_a_subtitle_gets_its_own_line_even_when_short():
    assert title_lines("以学促干——在研讨会上的发言", PER_LINE) == ["以学促干", "——在研讨会上的发言"]


def test_line_breaks_the_author_chose_are_kept():
    assert title_lines("在理论学习中心组\n“以学促干”专题研讨会上的发言", PER_LINE) == \
        ["在理论学习中心组", "“以学促干”专题研讨会上的发言"]


def test_the_title_is_one_paragraph_with_line_breaks(tmp_path):
    title = "锤炼过硬作风 担当时代使命——在机关党支部专题党课上的讲稿"
    path = write(Speech(title=title, salutation="同志们：", opening=["今天，我们开会。"]), tmp_path / "t.docx")
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    assert first.style.name == "Title"
    assert len(first._p.findall(f".//{qn('w:br')}")) == 1
    assert first.text.split("\n") == ["锤炼过硬作风 担当时代使命", "——在机关党支部专题党课上的讲稿"]
