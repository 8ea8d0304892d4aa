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

How it is written: everything but the text (styles, page, footers, settings) is the layout's
prepared package (``docx_prepare`` through python-docx, cached by ``docx_package``); this
module writes the paragraphs as WordprocessingML text (``docx_body``) into it, so python-docx
is not even imported when the package is cached. A reference doc is prepared each time.
"""

from __future__ import annotations

from pathlib import Path

from drafter.atomic import write_bytes_atomic
from drafter.blocks import FAMILY_LEVEL, Block, blocks
from drafter.layouts import Layout, load_layout
from drafter.model import Speech
from drafter.writers import docx_body as xml
from drafter.writers import docx_package as pkg
from drafter.writers.docx_title import title_lines


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
    write_bytes_atomic(path, docx_bytes(speech, layout, reference_doc))
    return Path(path)


def docx_bytes(speech: Speech, layout: Layout | str | Path | None = None,
               reference_doc: str | Path | None = None) -> bytes:
    """The .docx of ``speech`` as bytes."""
    layout = load_layout(layout)
    title = (speech.title or "").replace("\n", "")
    author = speech.speaker or ""
    if reference_doc is not None:
        # python-docx only here and on a cache miss: importing it costs more than writing the text
        from drafter.writers import docx_prepare  # noqa: PLC0415 - python-docx: see above
        document = docx_prepare.prepare_reference(reference_doc, layout)
        styles = docx_prepare.role_styles(document, layout)
        return docx_prepare.fill_reference(document, body_xml(speech, layout, styles), title, author, layout)
    package = prepared(layout)
    return pkg.write_package(package, body_xml(speech, layout, package.styles), title, author)


def prepared(layout: Layout) -> pkg.Package:
    """The layout's prepared package, from the cache or made now (and cached)."""
    key = pkg.cache_key(layout)
    package = pkg.load_cached(key)
    if package is None:
        from drafter.writers import docx_prepare  # noqa: PLC0415 - python-docx: only when the cache lacks the layout
        package = docx_prepare.prepare(layout)
        pkg.store(key, package)
    return package


def body_xml(speech: Speech, layout: Layout, styles: dict[str, xml.RoleStyle]) -> str:
    """The paragraphs of ``speech``: one per non-empty block, in the role's style."""
    bs = [b for b in blocks(speech) if b.text]
    levels = outline_levels(speech)
    latin = layout.latin_font
    title_after = None
    if layout.title_space_after_lines:  # as python-docx writes Pt(…) in twips
        title_after = round(int(layout.title_space_after_lines * layout.line_spacing_pt * 12700) / 635)
    out = []
    for i, block in enumerate(bs):
        role = block_role(block)
        style = styles[role]
        outline = levels[id(block.section)] - 1 if block.lead and block.section is not None else None
        last_of_title = block.role in xml.TITLE_BLOCK and (i + 1 == len(bs) or bs[i + 1].role not in xml.TITLE_BLOCK)
        out.append(xml.paragraph(_runs(block, layout, style, latin), style.style_id,
                                 title_after if last_of_title else None, outline))
    return "".join(out)


def _runs(block: Block, layout: Layout, style: xml.RoleStyle, latin: str) -> str:
    """The runs of one block: a title's lines with breaks between, a lead as its own run."""
    if block.role == "title":
        look = layout.styles["title"]
        lines = title_lines(block.text, int(layout.line_width_pt / look.size + 1e-6))
        # one Title paragraph: the reader and the TOC see one title
        return "".join(xml.run(line, style.font, latin, line_break=i + 1 < len(lines))
                       for i, line in enumerate(lines))
    out = ""
    rest = block.text
    if block.lead and block.text.startswith(block.lead):
        item = block.section is not None and block.section.kind == "inline"
        look = layout.lead_style(block.level, inline_item=item)
        out = xml.run(block.lead, look.font, latin, bold=look.bold)
        rest = block.text[len(block.lead):]
    if rest:
        out += xml.run(rest, style.font, latin)
    return out


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
