"""drafter/check/rules/, rule by rule: a drafter .docx passes, and breaking one thing in its XML fails
that rule (and names the paragraph or footer at fault) while the other rules still pass."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from speechtext import SPEECH as SHORT_SPEECH

from drafter.check import check_docx
from drafter.check.paragraphs import Para, lead_count, paragraphs, stands_alone, style_role, text_runs
from drafter.check.rules import RULES, RuleResult
from drafter.check.rules.base import SHOWN, result_of
from drafter.check.rules.footer import footer_text
from drafter.ooxml import StyleSheet
from drafter.parser import parse_text
from drafter.writers import write

SPEECH = SHORT_SPEECH.replace("我们要“学深悟透”，坚持读原著学原文悟原理。\n", """我们要“学深悟透”，坚持读原著学原文悟原理。一是要抓好集中学习。每月组织一次专题学习。二是要抓好个人自学。
（二）狠抓工作落实
要把学习成果转化为推动工作的思路举措，确保各项任务落地见效。
""")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    return write(parse_text(SPEECH, "speech.txt"), tmp_path_factory.mktemp("rules") / "speech.docx")


def _results(path) -> dict[str, RuleResult]:
    return {r.rule: r for r in check_docx(path)}


def _failed(path) -> dict[str, str]:
    return {name: r.found for name, r in _results(path).items() if not r.ok}


def _edit(written: Path, tmp_path: Path, change) -> Path:
    d = docx.Document(str(written))
    change(d)
    out = tmp_path / "edited.docx"
    d.save(out)
    return out


def _para(d, start: str):
    return next(p for p in d.paragraphs if p.text.startswith(start))


def _ppr_child(p, tag: str):
    ppr = p._p.get_or_add_pPr()
    el = ppr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        ppr.append(el)
    return el


def test_the_written_speech_passes_all_fifteen_rules(written):
    results = _results(written)
    assert len(results) == len(RULES) == 15
    assert all(r.ok for r in results.values()), {k: r.found for k, r in results.items() if not r.ok}
    assert results["heading levels"].found == "4 numbered headings at their outline levels"
    assert results["latin font"].found == "Times New Roman in 2 runs"


def test_a_gutter_fails_margins(written, tmp_path):
    def gutter(d):
        d.sections[0].gutter = Mm(10)
    failed = _failed(_edit(written, tmp_path, gutter))
    assert set(failed) == {"margins"}
    assert "gutter 10.0 mm (want 0)" in failed["margins"]


def test_a_negative_top_margin_of_the_right_size_passes(written, tmp_path):
    """Word writes a top margin the text may not push as a negative number: its size is what counts."""
    def negative(d):
        d.sections[0]._sectPr.find(qn("w:pgMar")).set(qn("w:top"), str(-round(37 * 1440 / 25.4)))
    assert _failed(_edit(written, tmp_path, negative)) == {}


def test_one_wrong_margin_is_named_with_its_side(written, tmp_path):
    def left(d):
        d.sections[0].left_margin = Mm(30)
    failed = _failed(_edit(written, tmp_path, left))
    assert "left 30.0 mm (want 28)" in failed["margins"]
    assert "top" not in failed["margins"]


def test_a_page_size_that_is_not_a_number_fails_that_rule_not_the_run(written, tmp_path):
    def damage(d):
        d.sections[0]._sectPr.find(qn("w:pgSz")).set(qn("w:w"), "wide")
    results = _results(_edit(written, tmp_path, damage))
    assert not results["page size"].ok
    assert results["page size"].found.startswith("cannot check: the document is damaged or unusual here (ValueError")
    assert results["bold"].ok and results["sizes"].ok


def test_wider_line_spacing_fails_grid_and_line_spacing_naming_the_paragraph(written, tmp_path):
    def spacing(d):
        p = _para(d, "今天召开")
        _ppr_child(p, "w:spacing").set(qn("w:line"), str(30 * 20))
        _ppr_child(p, "w:spacing").set(qn("w:lineRule"), "exact")
    failed = _failed(_edit(written, tmp_path, spacing))
    assert set(failed) == {"grid", "line spacing"}
    assert "(want 22 × 28)" in failed["grid"] and "line 30 pt" in failed["grid"]
    assert failed["line spacing"].startswith("1 of 15 paragraphs wrong: ¶5 “今天召开这次会议，主要任…” exactly 30 pt")


def test_spacing_that_is_not_exact_is_said_so(written, tmp_path):
    def auto(d):
        _ppr_child(_para(d, "要把学习成果"), "w:spacing").set(qn("w:lineRule"), "auto")
    failed = _failed(_edit(written, tmp_path, auto))
    assert "not exact" in failed["line spacing"] and "grid" not in failed


def test_a_style_in_another_font_fails_style_fonts(written, tmp_path):
    """Runs name their font themselves, so only the style is at fault."""
    def font(d):
        d.styles["Heading 2"].element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    failed = _failed(_edit(written, tmp_path, font))
    assert set(failed) == {"style fonts"}
    assert failed["style fonts"].startswith("1 of 9 styles wrong: heading 2 宋体 (want 楷体_GB2312)")


def test_a_run_in_another_east_asian_font_fails_run_fonts(written, tmp_path):
    def font(d):
        _para(d, "（一）深化").runs[0]._r.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    failed = _failed(_edit(written, tmp_path, font))
    assert failed == {"run fonts": "1 of 16 runs wrong: ¶7 “（一）深化理论学习” run 1: 宋体 (want 楷体_GB2312)"}


def test_a_digit_run_in_another_latin_font_fails_latin_font(written, tmp_path):
    def latin(d):
        run = _para(d, "今天召开").runs[0]
        run._r.rPr.rFonts.set(qn("w:ascii"), "Arial")
    failed = _failed(_edit(written, tmp_path, latin))
    assert set(failed) == {"latin font"}
    assert "1 of 2 runs with Latin letters or digits wrong" in failed["latin font"]
    assert "run 1: Arial (want Times New Roman)" in failed["latin font"]


def test_quotes_without_the_east_asian_hint_take_the_latin_font(written, tmp_path):
    def hint(d):
        run = _para(d, "我们要“学深悟透”").runs[0]
        rfonts = run._r.rPr.rFonts
        rfonts.set(qn("w:hint"), "default")
        rfonts.set(qn("w:ascii"), "Times New Roman")
    failed = _failed(_edit(written, tmp_path, hint))
    assert "punctuation font" in failed
    assert "no East Asian hint, “”—… take Times New Roman" in failed["punctuation font"]


def test_a_bold_body_run_fails_bold(written, tmp_path):
    def bold(d):
        _para(d, "要把学习成果").runs[0].bold = True
    failed = _failed(_edit(written, tmp_path, bold))
    assert "bold" in failed and failed["bold"].startswith("1 of 16 runs wrong")
    assert "¶12 “要把学习成果转化为推动工…” run 1: bold (want regular)" in failed["bold"]


def test_missing_document_language_fails_language(written, tmp_path):
    def lang(d):
        rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.remove(rpr.find(qn("w:lang")))
    failed = _failed(_edit(written, tmp_path, lang))
    assert set(failed) == {"language"}
    assert failed["language"] == "document defaults none (want East Asian language zh-CN)"


def test_a_foreign_theme_language_fails_language(written, tmp_path):
    def theme(d):
        el = d.settings.element.find(qn("w:themeFontLang"))
        if el is None:
            el = OxmlElement("w:themeFontLang")
            d.settings.element.append(el)
        el.set(qn("w:eastAsia"), "ja-JP")
    failed = _failed(_edit(written, tmp_path, theme))
    assert "theme fonts ja-JP (falls back to its fonts)" in failed["language"]


def test_a_lost_first_line_indent_fails_indent(written, tmp_path):
    def indent(d):
        ind = _ppr_child(_para(d, "各级领导干部"), "w:ind")
        ind.set(qn("w:firstLine"), "0")
        ind.set(qn("w:firstLineChars"), "0")
    failed = _failed(_edit(written, tmp_path, indent))
    assert set(failed) == {"indent"}
    assert "“各级领导干部要以身作则，…” 0 pt / 0 characters (want 2 characters)" in failed["indent"]


def test_a_centred_body_paragraph_fails_alignment(written, tmp_path):
    def centre(d):
        _ppr_child(_para(d, "各级领导干部"), "w:jc").set(qn("w:val"), "center")
    failed = _failed(_edit(written, tmp_path, centre))
    assert set(failed) == {"alignment"}
    assert "center (want justify)" in failed["alignment"]


def test_a_heading_at_the_wrong_outline_level_fails_heading_levels(written, tmp_path):
    def level(d):
        _ppr_child(_para(d, "（二）狠抓"), "w:outlineLvl").set(qn("w:val"), "0")
    failed = _failed(_edit(written, tmp_path, level))
    assert "heading levels" in failed
    assert "“（二）狠抓工作落实” at level 1 (want level 2)" in failed["heading levels"]


def test_a_numbered_heading_at_body_level_fails_heading_levels(written, tmp_path):
    def body(d):
        _ppr_child(_para(d, "二、强化"), "w:outlineLvl").set(qn("w:val"), "9")
    failed = _failed(_edit(written, tmp_path, body))
    assert "“二、强化责任担当” at body level (want level 1)" in failed["heading levels"]


def _footer_p(d, even=False):
    footer = d.sections[0].even_page_footer if even else d.sections[0].footer
    return next(footer._element.iter(qn("w:p")))


def test_footer_text_reads_the_page_field_as_a_placeholder(written):
    d = docx.Document(str(written))
    text, runs = footer_text(_footer_p(d))
    assert text == "— {page} —"
    assert [r.find(qn("w:t")).text for r in runs] == ["— ", " —"]


def test_a_simple_page_field_counts_as_a_page_number(written, tmp_path):
    def simple(d):
        p = _footer_p(d)
        for r in list(p.iter(qn("w:r"))):
            p.remove(r)
        for text in ("— ", None, " —"):
            if text is None:
                fld = OxmlElement("w:fldSimple")
                fld.set(qn("w:instr"), " PAGE ")
                r = OxmlElement("w:r")
                t = OxmlElement("w:t")
                t.text = "1"
                r.append(t)
                fld.append(r)
                p.append(fld)
            else:
                r = OxmlElement("w:r")
                t = OxmlElement("w:t")
                t.text = text
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
                p.append(r)
    text, _runs = footer_text(_footer_p(docx.Document(str(_edit(written, tmp_path, simple)))))
    assert text == "— {page} —"
    failed = _failed(tmp_path / "edited.docx")
    assert "page numbers" in failed  # the new runs have no font: named, not a crash
    assert "odd-page footer in" in failed["page numbers"] and "(want 宋体 14 pt (四号))" in failed["page numbers"]


def test_footer_text_with_plain_dashes_is_named(written, tmp_path):
    def dashes(d):
        for t in _footer_p(d).iter(qn("w:t")):
            t.text = t.text.replace("—", "-")
    failed = _failed(_edit(written, tmp_path, dashes))
    assert set(failed) == {"page numbers"}
    assert "odd-page footer reads “- 1 -” (want “— 1 —”)" in failed["page numbers"]


def test_a_centred_odd_footer_is_named(written, tmp_path):
    def centre(d):
        _footer_p(d).find(qn("w:pPr")).find(qn("w:jc")).set(qn("w:val"), "center")
    failed = _failed(_edit(written, tmp_path, centre))
    assert failed == {"page numbers": "odd-page footer center (want right)"}


def test_an_even_footer_without_its_inset_is_named(written, tmp_path):
    def inset(d):
        _footer_p(d, even=True).find(qn("w:pPr")).find(qn("w:ind")).set(qn("w:left"), "0")
    failed = _failed(_edit(written, tmp_path, inset))
    assert failed == {"page numbers": "even-page footer 0 pt from the left edge (want 1 character)"}


def test_one_footer_for_odd_and_even_pages_is_refused(written, tmp_path):
    def shared(d):
        d.settings.odd_and_even_pages_header_footer = False
    failed = _failed(_edit(written, tmp_path, shared))
    assert failed == {"page numbers": "odd and even pages share one footer (want even pages left, odd pages right)"}


def test_a_footer_without_a_page_field(written, tmp_path):
    def nofield(d):
        p = _footer_p(d)
        for r in list(p.iter(qn("w:r"))):
            if r.find(qn("w:fldChar")) is not None or r.find(qn("w:instrText")) is not None:
                p.remove(r)
    failed = _failed(_edit(written, tmp_path, nofield))
    assert failed["page numbers"].startswith("odd-page footer has no page number")


def test_no_footer_at_all(written, tmp_path):
    def unlink(d):
        d.sections[0].footer.is_linked_to_previous = True
    assert _failed(_edit(written, tmp_path, unlink)) == {"page numbers": "no footer (want page numbers “— 1 —”)"}


def test_result_lists_the_first_places_and_an_ellipsis():
    many = result_of("x", [f"p{i}" for i in range(SHOWN + 2)], 9, "runs", "good")
    assert not many.ok and many.found == "5 of 9 runs wrong: p0; p1; p2; …"
    assert result_of("x", [], 0, "runs", "good").found == "no runs to check"
    assert result_of("x", [], 3, "runs", "good") == RuleResult("x", True, "good")
    assert RuleResult("x", True, "g").to_dict() == {"rule": "x", "ok": True, "found": "g"}


# ---------------------------------------------------------------- paragraph roles (check/paragraphs.py)

def _roles(texts, styles=None):
    d = docx.Document()
    for i, text in enumerate(texts):
        d.add_paragraph(text, style=(styles or {}).get(i))
    return [(q.text, q.role) for q in paragraphs(d, StyleSheet(d))]


def test_a_plain_document_is_read_the_way_a_person_reads_it():
    roles = _roles(["关于加强作风建设的发言", "区委书记 张三", "2026年11月21日", "同志们：", "", "一、提高站位",
                    "（一）深化学习", "这是正文。要抓好落实。", "1.抓住重点", "（1）细化分工",
                    "一、这一段很长，有句号。后面还有正文，所以它不是单独成行的标题。"])
    assert roles == [("关于加强作风建设的发言", "title"), ("区委书记 张三", "speaker"),
                     ("2026年11月21日", "date"), ("同志们：", "salutation"), ("一、提高站位", "heading1"),
                     ("（一）深化学习", "heading2"), ("这是正文。要抓好落实。", "body"),
                     ("1.抓住重点", "heading3"), ("（1）细化分工", "heading4"),
                     ("一、这一段很长，有句号。后面还有正文，所以它不是单独成行的标题。", "body")]


def test_a_date_after_the_body_has_begun_is_body():
    roles = dict(_roles(["标题", "正文开始了。", "2026年11月21日"]))
    assert roles["2026年11月21日"] == "body"


def test_style_names_win_over_what_the_text_says():
    roles = _roles(["标题", "这是正文", "一、不是标题的样式"], styles={1: "Heading 2", 2: "Normal"})
    assert roles[1] == ("这是正文", "heading2")
    assert roles[2] == ("一、不是标题的样式", "heading1")  # Normal names no role: the marker decides


@pytest.mark.parametrize("name, role", [("Heading 1", "heading1"), ("heading 7", "heading4"), ("标题 2", "heading2"),
                                        ("Title", "title"), ("讲话人", "speaker"), ("结尾", "closing"),
                                        (" Body ", "body"), ("Normal", None), ("Quote", None)])
def test_style_role_from_names_in_either_language(name, role):
    assert style_role(name) == role


def test_stands_alone_means_short_without_an_inner_sentence_end():
    assert stands_alone("一、提高政治站位。")
    assert not stands_alone("一、提高站位。要抓好")
    assert not stands_alone("一、" + "字" * 60)


def test_leading_bold_runs_are_a_lead_and_all_bold_is_not():
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("一是要抓好学习。").bold = True
    p.add_run("每月一次。")
    q = d.add_paragraph()
    q.add_run("全是粗体。").bold = True
    q.add_run("还是粗体。").bold = True
    sheet = StyleSheet(d)
    assert lead_count(sheet, p._p, text_runs(p._p)) == 1
    assert lead_count(sheet, q._p, text_runs(q._p)) == 0
    paras = paragraphs(d, sheet)
    assert [x.lead_runs for x in paras] == [0, 0]  # the first paragraph is the title: no lead look


def test_para_label_shortens_long_text():
    assert Para(3, "短", "body", None, None, "Normal").label() == "¶3 “短”"
    assert Para(4, "一二三四五六七八九十甲乙丙", "body", None, None, "Normal").label() == "¶4 “一二三四五六七八九十甲乙…”"
