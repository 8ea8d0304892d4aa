"""The .docx writer: named styles, East Asian fonts everywhere, GB/T 9704 page, page-number footers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.compose import draft
from drafter.errors import LayoutError
from drafter.layouts import load_layout
from drafter.writers import write

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
THEME = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    speech = draft(EXAMPLES / "研讨发言-编号.yaml", seed=0).speech
    return write(speech, tmp_path_factory.mktemp("docx") / "out.docx")


@pytest.fixture(scope="module")
def doc(written):
    return docx.Document(str(written))


def _style(doc, name):
    return doc.styles[name]._element


def _fonts(element):
    return element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")


def test_named_styles_with_fonts_sizes_and_outline_levels(doc):
    want = {"Title": ("方正小标宋简体", 44, "center"), "讲话人": ("楷体_GB2312", 32, "center"),
            "日期": ("楷体_GB2312", 32, "center"), "称谓": ("仿宋_GB2312", 32, "both"),
            "Normal": ("仿宋_GB2312", 32, "both"), "结尾": ("仿宋_GB2312", 32, "both"),
            "Heading 1": ("黑体", 32, "both"), "Heading 2": ("楷体_GB2312", 32, "both"),
            "Heading 3": ("仿宋_GB2312", 32, "both"), "Heading 4": ("仿宋_GB2312", 32, "both")}
    for name, (font, half_points, jc) in want.items():
        el = _style(doc, name)
        assert _fonts(el).get(qn("w:eastAsia")) == font, name
        assert _fonts(el).get(qn("w:ascii")) == "Times New Roman", name
        assert el.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == str(half_points), name
        assert el.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == jc, name
    for level in range(1, 5):
        outline = _style(doc, f"Heading {level}").find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        assert outline.get(qn("w:val")) == str(level - 1)
    assert doc.styles["Title"].font.bold is False
    assert doc.styles["Heading 3"].font.bold is True and doc.styles["Heading 1"].font.bold is False


def test_body_line_spacing_indent_and_overhang(doc):
    ppr = _style(doc, "Normal").find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    ind = ppr.find(qn("w:ind"))
    assert (ind.get(qn("w:firstLineChars")), ind.get(qn("w:firstLine"))) == ("200", "640")
    # 28 characters at full width: lines reach 3 pt into each margin, no condensed characters
    # (condensing made LibreOffice drop the punctuation hanging at line ends)
    assert (ind.get(qn("w:left")), ind.get(qn("w:right"))) == ("-60", "-60")
    assert _style(doc, "Normal").find(f"{qn('w:rPr')}/{qn('w:spacing')}") is None


def test_east_asian_font_and_hint_on_every_run(doc):
    runs = [r for p in doc.paragraphs for r in p.runs if r.text]
    assert len(runs) > 20
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")), run.text
        assert fonts.get(qn("w:hint")) == "eastAsia"
        assert fonts.get(qn("w:ascii")) == "Times New Roman"


def test_no_theme_fonts_and_chinese_language(written):
    with zipfile.ZipFile(written) as z:
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
        document = z.read("word/document.xml").decode()
    for attr in THEME:
        assert attr not in styles and attr not in document
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="zh-CN"' in settings
    assert "ja-JP" not in settings


def test_doc_defaults_carry_the_body_font(doc):
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_a4_page_and_margins(doc):
    for section in doc.sections:
        assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def _footer_xml(footer) -> str:
    return footer._element.xml


def test_page_number_footers_odd_right_even_left(doc):
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = _footer_xml(footer)
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert f'w:jc w:val="{side}"' in xml
        assert f'w:{side}="280"' in xml  # one 四号 character in from the edge
        assert 'w:eastAsia="宋体"' in xml and 'w:sz w:val="28"' in xml


def test_title_block_and_properties(doc):
    texts = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert texts[0][0] == "Title"
    assert ("日期", "（2026年11月21日）") in texts or all(name != "日期" for name, _ in texts)
    props = doc.core_properties
    assert props.title == texts[0][1].replace("\n", "")  # the title paragraph breaks into lines
    speaker = next((t for name, t in texts if name == "讲话人"), "")
    assert props.author == speaker


def test_headings_use_heading_styles(doc):
    from drafter.check.paragraphs import marker_level

    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert {name for name, _ in headings} >= {"Heading 1", "Heading 2"}
    for name, text in headings:
        assert name == f"Heading {marker_level(text)}", text


def test_lead_runs_are_set_off(tmp_path):
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    document = docx.Document(str(write(speech, tmp_path / "leads.docx")))
    leads = [p.runs for p in document.paragraphs if len(p.runs) >= 2 and p.runs[0].text.startswith("一是")]
    assert leads
    for runs in leads:
        assert runs[0].bold and not runs[-1].bold


def test_large_print_layout(tmp_path):
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    document = docx.Document(str(write(speech, tmp_path / "big.docx", layout="large-print")))
    assert document.styles["Normal"].font.size.pt == 18
    spacing = _style(document, "Normal").find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing.get(qn("w:line")) == "750"


def test_reference_doc_styles_are_kept(tmp_path):
    reference = docx.Document()
    reference.styles["Normal"].font.size = docx.shared.Pt(15)
    reference.sections[0].left_margin = docx.shared.Mm(30)
    reference.add_paragraph("旧内容，写出时应清掉")
    reference.save(tmp_path / "ref.docx")
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    out = docx.Document(str(write(speech, tmp_path / "out.docx", reference_doc=tmp_path / "ref.docx")))
    assert out.styles["Normal"].font.size.pt == 15
    assert round(out.sections[0].left_margin.mm) == 30
    assert "旧内容" not in "".join(p.text for p in out.paragraphs)
    assert out.styles["Heading 1"].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None


def test_reference_doc_that_is_not_a_docx(tmp_path):
    bad = tmp_path / "ref.docx"
    bad.write_text("not a zip")
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    with pytest.raises(LayoutError, match="ref.docx"):
        write(speech, tmp_path / "out.docx", reference_doc=bad)
    assert not (tmp_path / "out.docx").exists()


def test_bad_layout_name_is_a_layout_error(tmp_path):
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    with pytest.raises(LayoutError, match="no layout named"):
        write(speech, tmp_path / "out.docx", layout="nosuch")
    assert load_layout(None).name == "gbt9704"


def test_style_names_are_chinese_with_ascii_ids_and_builtin_headings(doc):
    """The style pane of a Chinese office: 正文 (Word's Normal, shown so), 讲话人, 日期, 称谓, 结尾;
    Title and Heading 1–4 stay Word's built-ins so the navigation pane and TOC work in any language."""
    names = {s.name: s.style_id for s in doc.styles}
    assert {"讲话人": "Speaker", "日期": "Date", "称谓": "Salutation", "结尾": "Closing"}.items() <= names.items()
    assert {"Title", "Heading 1", "Heading 2", "Normal"} <= names.keys()
    assert not {"Body", "Speaker", "Date", "Salutation", "Closing"} & names.keys()
    used = {p.style.name for p in doc.paragraphs if p.text}
    assert used <= {"Title", "讲话人", "日期", "称谓", "Normal", "结尾", "Heading 1", "Heading 2", "Heading 3",
                     "Heading 4"}, used
    assert "Normal" in used and "结尾" in used


def test_page_numbers_are_not_indented_like_body_text(doc):
    footer = doc.sections[0].footer.paragraphs[0]
    ind = footer._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLine")) == "0" and ind.get(qn("w:right")) == "280" and ind.get(qn("w:left")) == "0"


def test_windows_layout_uses_stock_windows_fonts(tmp_path):
    from drafter.check import check_docx

    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    path = write(speech, tmp_path / "win.docx", layout="windows")
    document = docx.Document(str(path))
    fonts = {_fonts(_style(document, name)).get(qn("w:eastAsia"))
             for name in ("Title", "讲话人", "Normal", "Heading 1")}
    assert fonts == {"宋体", "楷体", "仿宋", "黑体"}
    assert all(r.ok for r in check_docx(path, "windows")), [r for r in check_docx(path, "windows") if not r.ok]
