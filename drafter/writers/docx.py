"""The speech as a .docx in the official layout (GB/T 9704 by default).

One Word paragraph per ``blocks(speech)`` block with exactly the block's text, so a .docx
written here parses back to the same tree as the .txt. Every paragraph has a named style
the user can restyle in Word or WPS:

=============  =================================================================
Title          the title (Word's built-in Title, 方正小标宋简体 二号, centred), broken into
               lines by ``docx_title.title_lines`` (line breaks inside the one paragraph)
讲话人, 日期   speaker line and （2026年11月21日）, 楷体_GB2312 centred
称谓           同志们：, flush left
Normal (正文)  opening and body paragraphs, 仿宋_GB2312, two-character indent (Word's
               built-in Normal, shown as 正文 by Chinese Word and WPS)
Heading 1–4    一、 （一） 1. （1） headings (黑体, 楷体, bold 仿宋, bold 仿宋), with
               outline levels so the navigation pane shows the structure
结尾           closing paragraphs
=============  =================================================================

A paragraph that opens with an inline item (一是……。) or a lead sentence carries the outline
level of that section (``outline_levels``), so Word's navigation pane and a TOC field list it
beside the numbered headings (the paragraph's own ``w:outlineLvl``: LibreOffice 7.4 splits a
paragraph at Word's hidden "style separator", so a separate heading paragraph is no option). It
gets that opening as its own run: lead sentences look like the heading of their depth (黑体 at
depth 1, 楷体 at depth 2, bold 仿宋 below), 一是/一要 items are bold 仿宋; the profile's
``leads`` key decides. Runs also carry their fonts (``w:eastAsia`` + Latin) because WPS
and old Word versions otherwise fall back to the document's theme fonts.

With ``reference_doc`` the styles, page setup, headers and footers come from the user's
document (as pandoc's --reference-doc); styles it lacks are added from the layout.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.styles import BabelFish

from drafter.atomic import write_bytes_atomic
from drafter.blocks import FAMILY_LEVEL, Block, blocks
from drafter.errors import LayoutError
from drafter.i18n import _
from drafter.layouts import Layout, TextStyle, load_layout
from drafter.model import Speech
from drafter.writers import docx_xml as x
from drafter.writers.docx_title import title_lines

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
TITLE_BLOCK = ("title", "speaker", "date")


def block_role(block: Block) -> str:
    """The layout role (and so the style) of a block."""
    if block.role == "heading":
        return f"heading{min(max(block.level, 1), 4)}"
    if block.role == "opening":
        return "body"
    return block.role


def write_docx(speech: Speech, path: str | Path, layout: Layout | str | Path | None = None,
               reference_doc: str | Path | None = None) -> Path:
    """Write ``speech`` to ``path`` (atomically) in ``layout`` or the reference doc's styles."""
    layout = load_layout(layout)
    document = build_document(speech, layout, reference_doc)
    buffer = io.BytesIO()
    document.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
    return Path(path)


def build_document(speech: Speech, layout: Layout, reference_doc: str | Path | None = None):
    """The python-docx Document for ``speech`` (exposed for tests and other writers)."""
    if reference_doc is None:
        document = docx.Document()
        setup_page(document, layout)
        setup_defaults(document, layout)
        for role in STYLE_NAMES:
            define_style(document, layout, role)
        add_page_numbers(document, layout)
    else:
        document = open_reference(reference_doc)
        for role in STYLE_NAMES:
            if _find_style(document, STYLE_NAMES[role]) is None:
                define_style(document, layout, role)
        if not _has_footer(document):
            add_page_numbers(document, layout)
    sheet = x.StyleSheet(document)
    bs = [b for b in blocks(speech) if b.text]
    levels = outline_levels(speech)
    for i, block in enumerate(bs):
        paragraph = add_block(document, sheet, layout, block)
        if block.lead and block.section is not None:
            x.set_outline_level(paragraph._p.get_or_add_pPr(), levels[id(block.section)] - 1)
        last_of_title = block.role in TITLE_BLOCK and (i + 1 == len(bs) or bs[i + 1].role not in TITLE_BLOCK)
        if last_of_title and layout.title_space_after_lines:
            paragraph.paragraph_format.space_after = Pt(layout.title_space_after_lines * layout.line_spacing_pt)
    set_properties(document, speech, layout)
    drop_thumbnail(document)
    return document


def outline_levels(speech: Speech) -> dict[int, int]:
    """Navigation-pane level (1-based) of every section, by ``id``: a numbered heading's by its
    family (一、 1, （一） 2, 1. 3, （1） 4), a lead sentence or 一是 item one below its parent's."""
    out: dict[int, int] = {}

    def walk(sections, parent: int) -> None:
        for section in sections:
            level = min(FAMILY_LEVEL.get(section.family, parent + 1), 9)
            out[id(section)] = level
            walk(section.sections, level)

    walk(speech.sections, 0)
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
    from drafter.limits import stat_input
    from drafter.ooxml import check_zip
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


def set_properties(document, speech: Speech, layout: Layout) -> None:
    props = document.core_properties
    props.title = (speech.title or "").replace("\n", "")
    props.author = speech.speaker or ""
    props.last_modified_by = speech.speaker or ""
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.language = layout.language
    props.revision = 1
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now


# ---------------------------------------------------------------- paragraphs

def add_block(document, sheet: x.StyleSheet, layout: Layout, block: Block):
    """One paragraph in the block's style; a lead becomes its own run."""
    # what python-docx's add_paragraph(style=…) writes (an empty pPr for Normal), without its
    # search through every style for each paragraph
    paragraph = document.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    style_id = sheet.ids.get(BabelFish.ui2internal(STYLE_NAMES[block_role(block)]))  # 'heading 1' in XML
    if style_id and style_id != sheet.default_para:
        ppr.get_or_add_pStyle().val = style_id
    latin = layout.latin_font
    if block.role == "title":
        look = layout.styles["title"]
        lines = title_lines(block.text, int(layout.line_width_pt / look.size + 1e-6))
        font = _style_font(sheet, paragraph, layout, block)
        for i, line in enumerate(lines):
            run = _add_run(paragraph, line, font, latin)
            if i + 1 < len(lines):
                run.add_break()  # one Title paragraph: the reader and the TOC see one title
        return paragraph
    if block.lead and block.text.startswith(block.lead):
        item = block.section is not None and block.section.kind == "inline"
        look = layout.lead_style(block.level, inline_item=item)
        _add_run(paragraph, block.lead, look.font, latin, bold=look.bold)
        rest = block.text[len(block.lead):]
    else:
        rest = block.text
    if rest:
        _add_run(paragraph, rest, _style_font(sheet, paragraph, layout, block), latin)
    return paragraph


def _style_font(sheet: x.StyleSheet, paragraph, layout: Layout, block: Block) -> str | None:
    """The paragraph style's own East Asian font (a reference doc's, or the layout's)."""
    font = x.font_of(sheet.run_layers(paragraph._p), "eastAsia")
    if font and not font.startswith("theme:"):
        return font
    return layout.styles[block_role(block)].font


def _add_run(paragraph, text: str, east_asia: str | None, latin: str, bold: bool | None = None):
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    x.set_fonts(rpr, east_asia, latin)
    if bold is not None:
        x.set_bold(rpr, bold)
    return run
