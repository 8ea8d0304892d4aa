"""The OOXML helpers the reader, writers and checker share (drafter/ooxml.py)."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter import ooxml
from drafter.errors import ReadError


@pytest.mark.parametrize("name, level", [
    ("Heading 1", 1), ("heading 3", 3), ("Heading2", 2), ("标题 2", 2), ("标题1", 1), ("HEADING 9", 9),
    ("Heading 10", None), ("Heading", None), ("Title", None), ("Normal", None), ("副标题 1", None),
])
def test_heading_style_names(name, level):
    m = ooxml.HEADING_STYLE.match(name)
    assert (int(m.group(1)) if m else None) == level


def _docx(path, build=None):
    document = docx.Document()
    if build:
        build(document)
    document.save(str(path))
    return path


def test_open_document_reads_a_docx(tmp_path):
    path = _docx(tmp_path / "a.docx", lambda d: d.add_paragraph("正文"))
    assert [p.text for p in ooxml.open_document(path).paragraphs] == ["正文"]


def test_not_a_zip_is_not_a_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)     # an old .doc renamed
    with pytest.raises(ReadError, match="not a .docx file") as err:
        ooxml.open_document(path)
    assert err.value.path == str(path)


def test_a_zip_without_the_parts_is_a_damaged_docx(tmp_path):
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a document")
    with pytest.raises(ReadError, match="not a valid .docx file"):
        ooxml.open_document(path)


def test_missing_file_is_a_read_error_naming_it(tmp_path):
    with pytest.raises(ReadError) as err:
        ooxml.open_document(tmp_path / "nowhere.docx")
    assert "nowhere.docx" in str(err.value)


def test_too_many_zip_entries_are_refused_before_inflating(tmp_path, monkeypatch):
    path = _docx(tmp_path / "a.docx")
    entries = len(zipfile.ZipFile(path).infolist())
    monkeypatch.setenv("DRAFTER_MAX_DOCX_ENTRIES", str(entries - 1))
    with pytest.raises(ReadError, match="zip entries, more than"):
        ooxml.check_zip(path)
    monkeypatch.setenv("DRAFTER_MAX_DOCX_ENTRIES", str(entries))
    ooxml.check_zip(path)


def test_a_highly_compressed_part_is_refused_as_a_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"0" * (3 * 1024 * 1024))
    with pytest.raises(ReadError, match="zip bomb"):
        ooxml.check_zip(path)


def _styled(tmp_path):
    """A document whose paragraph style 'Lead' is based on 'Base', which sets font, size, bold."""
    def build(d):
        base = d.styles.add_style("Base", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        base.font.size = Pt(16)
        base.font.bold = True
        base.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        base.paragraph_format.first_line_indent = Pt(32)
        lead = d.styles.add_style("Lead", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        lead.base_style = base
        lead.font.bold = False
        d.add_paragraph("一段", style="Lead")
        plain = d.add_paragraph("")
        plain.add_run("直接").font.size = Pt(12)
    return ooxml.open_document(_docx(tmp_path / "styled.docx", build))


def test_stylesheet_follows_based_on_chain_most_specific_first(tmp_path):
    document = _styled(tmp_path)
    sheet = ooxml.StyleSheet(document)
    p = document.paragraphs[0]._p
    lead_id = ooxml.paragraph_style_id(p)
    assert sheet.style_name(lead_id) == "Lead"
    assert [sheet.style_name(s.get(qn("w:styleId"))) for s in sheet.chain(lead_id)][:2] == ["Lead", "Base"]
    layers = sheet.run_layers(p)
    assert ooxml.size_of(layers) == 16
    assert ooxml.bold_of(layers) is False            # Lead's b w:val=0 wins over Base's bold
    assert ooxml.font_of(layers, "eastAsia") == "仿宋_GB2312"
    assert ooxml.first_attr(sheet.para_layers(p), "w:ind", "w:firstLine") == "640"


def test_run_properties_win_over_the_style(tmp_path):
    document = _styled(tmp_path)
    sheet = ooxml.StyleSheet(document)
    p = document.paragraphs[1]._p
    r = p.findall(qn("w:r"))[0]
    assert ooxml.size_of(sheet.run_layers(p, r)) == 12
    assert ooxml.paragraph_style_id(p) is None      # default paragraph style applies
    assert sheet.style_name(None) == "Normal"


def test_based_on_loop_is_cut(tmp_path):
    document = _styled(tmp_path)
    sheet = ooxml.StyleSheet(document)
    base = sheet.by_id["Base"]
    based = base.find(qn("w:basedOn"))
    if based is None:
        based = base.makeelement(qn("w:basedOn"), {})
        base.append(based)
    based.set(qn("w:val"), "Lead")                   # Lead → Base → Lead → …
    assert [s.get(qn("w:styleId")) for s in sheet.chain("Lead")] == ["Lead", "Base"]


def test_theme_font_shows_as_theme_reference():
    from docx.oxml import parse_xml
    layer = parse_xml('<w:rPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                      '<w:rFonts w:eastAsiaTheme="minorEastAsia" w:eastAsia="宋体"/><w:sz w:val="32"/></w:rPr>')
    assert ooxml.font_of([layer], "eastAsia") == "theme:minorEastAsia"
    assert ooxml.font_of([layer], "ascii") is None
    assert ooxml.size_of([layer]) == 16
    assert ooxml.bold_of([layer]) is False
