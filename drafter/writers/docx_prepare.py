"""The prepared package made through python-docx: page, styles, footers, settings of a layout.

``prepare(layout)`` makes the .docx of a speech with no paragraphs in the layout (or
``prepare_reference`` in the styles of the user's document, as pandoc's --reference-doc,
adding the styles and page numbers it lacks) and ``role_styles`` says how each role's
paragraphs are styled in it. ``docx_package`` caches the result, so this module, and
python-docx with it, runs once per layout, not once per .docx (docs/layout.md has the rules
these functions follow).
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Twips
from docx.styles import BabelFish

from drafter.errors import LayoutError
from drafter.i18n import _
from drafter.layouts import Layout, TextStyle
from drafter.limits import stat_input
from drafter.ooxml import StyleSheet, check_zip, font_of
from drafter.writers import docx_package as pkg
from drafter.writers import docx_xml as x
from drafter.writers.docx_body import TITLE_BLOCK, RoleStyle

#: layout role → Word style name. Body text is Word's built-in Normal, which Chinese Word and
#: WPS show as 正文 (a style of our own named 正文 would clash with that reserved name); Title
#: and Heading 1–4 are built-ins too, so the navigation pane and TOC work in every language of
#: Word; the rest are named in Chinese for the style pane of a Chinese office.
STYLE_NAMES = {
    "title": "Title", "speaker": "讲话人", "date": "日期", "salutation": "称谓",
    "body": "Normal", "closing": "结尾",
    "heading1": "Heading 1", "heading2": "Heading 2", "heading3": "Heading 3", "heading4": "Heading 4",
}
#: ASCII style ids for the Chinese-named styles (what the XML refers to; Word does the same)
STYLE_IDS = {"speaker": "Speaker", "date": "Date", "salutation": "Salutation", "closing": "Closing"}


def prepare(layout: Layout) -> pkg.Package:
    """The package of ``layout`` with an empty body and placeholder properties."""
    document = docx.Document()
    setup_page(document, layout)
    setup_defaults(document, layout)
    for role in STYLE_NAMES:
        define_style(document, layout, role)
    add_page_numbers(document, layout)
    set_properties(document, pkg.TITLE, pkg.AUTHOR, layout, _dt.datetime(2000, 1, 1))  # pkg.STAMP
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return pkg.from_saved(buffer.getvalue(), role_styles(document, layout))


def prepare_reference(path: str | Path, layout: Layout):
    """The user's document emptied, with what the layout needs and it lacks (python-docx Document)."""
    document = open_reference(path)
    for role in STYLE_NAMES:
        if _find_style(document, STYLE_NAMES[role]) is None:
            define_style(document, layout, role)
    if not _has_footer(document):
        add_page_numbers(document, layout)
    return document


def fill_reference(document, body: str, title: str, author: str, layout: Layout) -> bytes:
    """The reference-doc .docx with ``body`` (docx_body paragraphs) in it, saved by python-docx
    (the user's package may name the WordprocessingML namespace with another prefix)."""
    wrapper = parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>")
    body_element = document.element.body
    section = body_element.find(qn("w:sectPr"))
    for paragraph in list(wrapper):
        if section is not None:
            section.addprevious(paragraph)
        else:
            body_element.append(paragraph)
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    set_properties(document, title, author, layout, now)
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def role_styles(document, layout: Layout) -> dict[str, RoleStyle]:
    """Per layout role: the pStyle its paragraphs name (none for the default paragraph style) and
    the East Asian font of their text runs: the style's own effective one (a reference doc's),
    else the layout's."""
    sheet = StyleSheet(document)
    out = {}
    for role, name in STYLE_NAMES.items():
        style_id = sheet.ids.get(BabelFish.ui2internal(name))  # 'heading 1' in the XML
        written = style_id if style_id and style_id != sheet.default_para else None
        layers = [s.find(qn("w:rPr")) for s in sheet.chain(style_id or sheet.default_para)]
        layers = [r for r in layers + [sheet.default_rpr] if r is not None]
        font = font_of(layers, "eastAsia")
        if not font or font.startswith("theme:"):
            font = layout.styles[role].font
        out[role] = RoleStyle(written, font)
    return out


def drop_thumbnail(document) -> None:
    """python-docx's template carries a picture of an English page that file browsers show."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del rels[rid]


# ---------------------------------------------------------------- document set-up

def setup_page(document, layout: Layout) -> None:
    for section in document.sections:
        section.page_width, section.page_height = _mm(layout.width_mm), _mm(layout.height_mm)
        section.top_margin, section.bottom_margin = _mm(layout.margin_top_mm), _mm(layout.margin_bottom_mm)
        section.left_margin, section.right_margin = _mm(layout.margin_left_mm), _mm(layout.margin_right_mm)
        section.gutter = 0
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is not None:  # no character grid: LibreOffice then sets 14 characters a line
            grid.attrib.clear()
            grid.set(qn("w:linePitch"), str(round(layout.line_spacing_pt * 20)))


def _mm(mm: float) -> Twips:
    """Millimetres as whole twips, rounded (python-docx's Mm() truncates 28 mm to 1587)."""
    return Twips(round(mm * 1440 / 25.4))


def setup_defaults(document, layout: Layout) -> None:
    """docDefaults in the body font and zh-CN; theme fonts gone from every style."""
    root = document.styles.element
    x.strip_theme_fonts(root)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    body = layout.body
    x.set_fonts(rpr, body.font, layout.latin_font)
    x.set_size(rpr, body.size)
    x.set_lang(rpr, layout.language)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    x.set_line_exact(ppr, layout.line_spacing_pt)
    x.set_widow_control(ppr, False)
    x.set_theme_font_lang(document.settings.element, layout.language)
    normal = document.styles["Normal"]
    _style_look(normal._element, layout, TextStyle(body.font, body.size, False, body.align, 0))


def _find_style(document, name: str):
    try:
        return document.styles[name]
    except KeyError:
        return None


def _find_style_id(document, style_id: str):
    return document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


def define_style(document, layout: Layout, role: str):
    """Create or reset the paragraph style of ``role`` so it looks exactly as the layout says."""
    name = STYLE_NAMES[role]
    style = _find_style(document, name)
    if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if role in STYLE_IDS and _find_style_id(document, STYLE_IDS[role]) is None:
            style.style_id = STYLE_IDS[role]
    if name != "Normal":
        style.base_style = _find_style(document, "Normal")
    style.quick_style = True
    style.hidden = False
    style.unhide_when_used = False
    element = style._element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    _style_look(element, layout, layout.styles[role])
    ppr = element.get_or_add_pPr()
    if role.startswith("heading"):
        x.set_outline_level(ppr, int(role[-1]) - 1)
    if role.startswith("heading") or role in TITLE_BLOCK:
        x.set_keep_next(ppr)
    if role != "closing":
        body = _find_style(document, STYLE_NAMES["body"])
        if body is not None:
            style.next_paragraph_style = body
    return style


def _style_look(element, layout: Layout, look: TextStyle) -> None:
    ppr = element.get_or_add_pPr()
    x.set_line_exact(ppr, layout.line_spacing_pt)
    x.set_first_line(ppr, look.indent_chars, look.size)
    if layout.overhang_pt:
        x.set_overhang(ppr, layout.overhang_pt)
    x.set_align(ppr, look.align)
    rpr = element.get_or_add_rPr()
    x.set_fonts(rpr, look.font, layout.latin_font)
    x.set_bold(rpr, look.bold)
    x.set_condense(rpr, layout.condense_pt)
    x.set_size(rpr, look.size)
    x.set_lang(rpr, layout.language)


def open_reference(path: str | Path):
    """The user's document with its body emptied (its last section's page setup stays)."""
    path = Path(path)
    if not path.is_file():
        raise LayoutError(_("reference document not found"), path=str(path))
    if not zipfile.is_zipfile(path):
        raise LayoutError(_("reference document is not a .docx (save it as Word .docx first)"), path=str(path))
    stat_input(path, LayoutError, "reference document")
    check_zip(path)
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds for a broken package
        raise LayoutError(_("cannot open reference document: {error}").format(error=err), path=str(path)) from err
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    return document


def _has_footer(document) -> bool:
    return any(not s.footer.is_linked_to_previous for s in document.sections)


def add_page_numbers(document, layout: Layout) -> None:
    """'— 1 —' in 宋体 四号, odd pages right and even pages left, one character in."""
    pn = layout.page_number
    document.settings.odd_and_even_pages_header_footer = True
    inset = round(pn.inset_chars * pn.size * 20)
    for section in document.sections:
        footer_mm = layout.margin_bottom_mm - pn.below_text_mm - pn.size * 25.4 / 72
        section.footer_distance = Mm(max(footer_mm, 0))
        for footer, align in ((section.footer, pn.odd), (section.even_page_footer, pn.even)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            _page_number_paragraph(paragraph, layout, align, inset)


def _page_number_paragraph(paragraph, layout: Layout, align: str, inset: int) -> None:
    pn = layout.page_number
    ppr = paragraph._p.get_or_add_pPr()
    x.set_align(ppr, align)
    x.set_first_line(ppr, 0, pn.size)  # the footer is Normal, whose first line is indented
    for side in ("left", "right"):
        x.set_side_indent(ppr, side, inset if side == align else 0)

    def style_run(run):
        rpr = run._r.get_or_add_rPr()
        x.set_fonts(rpr, pn.font, pn.font)  # 半角宋体 digits too
        x.set_size(rpr, pn.size)
        x.set_bold(rpr, False)

    before, after = pn.parts()
    if before:
        style_run(paragraph.add_run(before))
    x.add_page_field(paragraph, style_run)
    if after:
        style_run(paragraph.add_run(after))


def set_properties(document, title: str, author: str, layout: Layout, now) -> None:
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.language = layout.language
    props.revision = 1
    props.created = now
    props.modified = now
