"""drafter/readers/docx.py: Word's automatic numbering comes back as the genre's markers (一、 （一） 1.),
counted per list and level with deeper levels restarting; bullets give none; a manual line break splits a
title block but not prose; bold or another East Asian font sets a lead off, a wholly bold paragraph not."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from drafter.readers import read

NUMBERING = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3.%5"/></w:lvl>
</w:abstractNum>"""


def _numbered_doc(path, paragraphs):
    """paragraphs: (text, numId or None, ilvl)."""
    d = docx.Document()
    root = d.part.numbering_part.element
    root.insert(0, parse_xml(NUMBERING))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    for text, num_id, ilvl in paragraphs:
        p = d.add_paragraph(text)
        if num_id is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    d.save(path)
    return path


def _lines(path):
    return read(path).text.split("\n")


def test_automatic_numbers_become_markers_and_deeper_levels_restart(tmp_path):
    path = _numbered_doc(tmp_path / "n.docx", [
        ("讲话标题", None, 0), ("提高政治站位", 90, 0), ("深化理论学习", 90, 1), ("抓好集中学习", 90, 2),
        ("抓好个人自学", 90, 2), ("狠抓工作落实", 90, 1), ("强化责任担当", 90, 0), ("明确责任", 90, 1),
    ])
    assert _lines(path) == ["讲话标题", "一、提高政治站位", "（一）深化理论学习", "1.抓好集中学习", "2.抓好个人自学",
                            "（二）狠抓工作落实", "二、强化责任担当", "（一）明确责任"]


def test_each_list_counts_on_its_own(tmp_path):
    path = _numbered_doc(tmp_path / "n.docx", [("甲", 90, 0), ("乙", 91, 0), ("丙", 90, 0), ("丁", 91, 0)])
    assert _lines(path) == ["一、甲", "一、乙", "二、丙", "二、丁"]


def test_bullets_and_numbering_off_give_no_marker(tmp_path):
    path = _numbered_doc(tmp_path / "n.docx", [("标题", None, 0), ("要点", 90, 3), ("正文", "0", 0),
                                                ("未知列表", "77", 0)])
    assert _lines(path) == ["标题", "要点", "正文", "未知列表"]


def test_a_level_text_may_show_numbers_of_higher_levels_and_its_start(tmp_path):
    path = _numbered_doc(tmp_path / "n.docx", [("一级", 90, 0), ("二级", 90, 1), ("三级", 90, 2), ("五级", 90, 4)])
    assert _lines(path)[-1] == "1.3五级"


def test_numbering_through_the_paragraph_style(tmp_path):
    d = docx.Document()
    root = d.part.numbering_part.element
    root.insert(0, parse_xml(NUMBERING))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    style = d.styles.add_style("我的标题", 1)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    d.add_paragraph("标题")
    d.add_paragraph("第一部分", style="我的标题")
    d.add_paragraph("第二部分", style="我的标题")
    d.save(tmp_path / "s.docx")
    assert _lines(tmp_path / "s.docx") == ["标题", "一、第一部分", "二、第二部分"]


def test_a_manual_line_break_splits_a_title_block_but_only_wraps_prose(tmp_path):
    d = docx.Document()
    d.add_paragraph("主标题\n——副标题")
    d.add_paragraph("我们要学深悟透，\n坚持读原著学原文悟原理。")
    d.save(tmp_path / "b.docx")
    assert _lines(tmp_path / "b.docx") == ["主标题", "——副标题", "我们要学深悟透，坚持读原著学原文悟原理。"]


def test_leads_from_bold_or_a_heading_font_and_not_from_a_wholly_bold_paragraph(tmp_path):
    d = docx.Document()
    d.add_paragraph("标题")
    p = d.add_paragraph()
    p.add_run("一是抓学习。").bold = True
    p.add_run("每月一次。")
    q = d.add_paragraph()
    head = q.add_run("强化理论武装。")
    head._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "黑体")
    tail = q.add_run("要读原著。")
    tail._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    r = d.add_paragraph()
    r.add_run("全是粗体的强调。").bold = True
    d.save(tmp_path / "l.docx")
    hints = read(tmp_path / "l.docx").hints
    assert hints[2].lead == "一是抓学习。" and hints[3].lead == "强化理论武装。"
    assert 4 not in hints


@pytest.mark.parametrize("value", ["x", "99999", ""])
def test_a_damaged_start_value_drops_that_level_only(tmp_path, value):
    path = _numbered_doc(tmp_path / "n.docx", [("标题", None, 0), ("甲", 90, 0), ("乙", 90, 2)])
    import zipfile
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(
        b'<w:lvl w:ilvl="0"><w:start w:val="1"/>', f'<w:lvl w:ilvl="0"><w:start w:val="{value}"/>'.encode())
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    lines = _lines(path)
    assert lines[2] == "1.乙"
    assert lines[1] == ("一、甲" if value == "" else "甲")
