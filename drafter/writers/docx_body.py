"""The body of a .docx as WordprocessingML text: one ``w:p`` per block, written as strings.

The prepared package (``docx_package``) holds every part but the text; this module writes
the paragraphs that go into its ``w:body``, exactly as python-docx would serialise the same
calls (``add_paragraph`` / ``add_run`` / ``add_break``, the fonts of ``docx_xml.set_fonts``),
byte for byte: the same elements in schema order, the same attribute order, lxml's escaping,
``xml:space="preserve"`` where python-docx sets it, tabs as ``w:tab`` and line ends as
``w:br``. tests/test_docx_body.py holds it to python-docx on tricky text. No lxml and no
python-docx here: building a tree of a few hundred paragraphs only to serialise it again
cost more than the rest of the writer.

A paragraph's look comes from its named style (``pStyle``); each run still names its fonts
(``w:eastAsia`` + Latin, ``w:hint``) because WPS and old Word fall back to theme fonts
otherwise (docs/layout.md).
"""

from __future__ import annotations

from dataclasses import dataclass

#: the roles of the title block (the last of them gets the space after the block)
TITLE_BLOCK = ("title", "speaker", "date")


def text(value: str) -> str:
    """Character data escaped as lxml does."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(value: str) -> str:
    """An attribute value escaped as lxml does (for double quotes)."""
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;"))


def fonts(east_asia: str | None, latin: str | None) -> str:
    """``w:rFonts`` as ``docx_xml.set_fonts`` writes it on a new run."""
    out = "<w:rFonts"
    if latin:
        a = attr(latin)
        out += f' w:ascii="{a}" w:hAnsi="{a}" w:cs="{a}"'
    if east_asia:
        out += f' w:eastAsia="{attr(east_asia)}" w:hint="eastAsia"'
    return out + "/>"


def _content(value: str) -> str:
    """A run's text as python-docx's ``Run.text`` writes it: ``w:t`` pieces, ``w:tab``, ``w:br``."""
    if "\t" not in value and "\n" not in value and "\r" not in value:
        return _t(value) if value else ""
    out: list[str] = []
    piece: list[str] = []
    for ch in value:
        if ch == "\t" or ch in "\r\n":
            if piece:
                out.append(_t("".join(piece)))
                piece.clear()
            out.append("<w:tab/>" if ch == "\t" else "<w:br/>")
        else:
            piece.append(ch)
    if piece:
        out.append(_t("".join(piece)))
    return "".join(out)


def _t(value: str) -> str:
    if len(value.strip()) < len(value):
        return f'<w:t xml:space="preserve">{text(value)}</w:t>'
    return f"<w:t>{text(value)}</w:t>"


def run(value: str, east_asia: str | None, latin: str | None, bold: bool | None = None,
        line_break: bool = False) -> str:
    """One run with its fonts (and bold when given); ``line_break`` adds a ``w:br`` after the text."""
    rpr = fonts(east_asia, latin)
    if bold is not None:
        v = "1" if bold else "0"
        rpr += f'<w:b w:val="{v}"/><w:bCs w:val="{v}"/>'
    return f"<w:r><w:rPr>{rpr}</w:rPr>{_content(value)}{'<w:br/>' if line_break else ''}</w:r>"


def paragraph(runs: str, style_id: str | None = None, space_after: int | None = None,
              outline_level: int | None = None) -> str:
    """A paragraph; its pPr children in schema order (pStyle, spacing, outlineLvl)."""
    ppr = ""
    if style_id:
        ppr += f'<w:pStyle w:val="{attr(style_id)}"/>'
    if space_after is not None:
        ppr += f'<w:spacing w:after="{space_after}"/>'
    if outline_level is not None:
        ppr += f'<w:outlineLvl w:val="{outline_level}"/>'
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else '<w:pPr/>'}{runs}</w:p>"


@dataclass(frozen=True)
class RoleStyle:
    """How the paragraphs of one layout role are written in a given package."""

    #: the ``pStyle`` to write (None: the package's default paragraph style, written as no pStyle)
    style_id: str | None
    #: East Asian font of the paragraph's text runs (the style's own, or the layout's)
    font: str | None
