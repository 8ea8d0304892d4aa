"""The WordprocessingML that python-docx has no API for, in small functions.

Writing: East Asian fonts (``w:eastAsia`` + ``w:hint``), theme-font removal, language,
character condensing, two-unit first-line indents, outline levels, the PAGE field.
Reading effective values (run → character style → paragraph style → ``basedOn`` chain →
document defaults) lives in ``drafter.ooxml``, shared with the reader and the checker.
"""

from __future__ import annotations

from typing import Callable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def child(parent, tag: str, before: tuple[str, ...] = ()):
    """The first ``tag`` child of ``parent``, created (in front of any ``before`` tag) if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    for name in before:
        anchor = parent.find(qn(name))
        if anchor is not None:
            anchor.addprevious(element)
            return element
    parent.append(element)
    return element


def clear(element) -> None:
    for c in list(element):
        element.remove(c)


# ---------------------------------------------------------------- run properties

# rPr children in schema order (Word rejects out-of-order elements)
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
             "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
             "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
             "w:sectPr", "w:pPrChange")


_LATER: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}


def ordered_child(parent, tag: str, order: tuple[str, ...]):
    """``child`` that keeps the schema order given by ``order``.

    The new element goes in front of the first child that the schema puts after ``tag``
    (one pass over the few children there are, not one search per later tag).
    """
    name = qn(tag)
    for c in parent:
        if c.tag == name:
            return c
    key = (tag, order)
    later = _LATER.get(key)
    if later is None:
        later = _LATER[key] = frozenset(qn(t) for t in order[order.index(tag) + 1:]) if tag in order \
            else frozenset()
    element = OxmlElement(tag)
    for c in parent:
        if c.tag in later:
            c.addprevious(element)
            return element
    parent.append(element)
    return element


def set_fonts(rPr, east_asia: str | None, latin: str | None) -> None:
    """Chinese font in w:eastAsia, Latin in ascii/hAnsi/cs, hint so “”—… take the Chinese font.

    Theme attributes go: Word prefers them over an explicit name.
    """
    fonts = ordered_child(rPr, "w:rFonts", RPR_ORDER)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    if latin:
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
        fonts.set(qn("w:hint"), "eastAsia")


def set_bold(rPr, bold: bool) -> None:
    for tag in ("w:b", "w:bCs"):
        el = ordered_child(rPr, tag, RPR_ORDER)
        el.set(qn("w:val"), "1" if bold else "0")


def set_size(rPr, pt: float) -> None:
    for tag in ("w:sz", "w:szCs"):
        ordered_child(rPr, tag, RPR_ORDER).set(qn("w:val"), str(round(pt * 2)))


def set_condense(rPr, pt: float) -> None:
    """Character spacing in twentieths of a point; -0.25 pt lets 28 三号 characters fit 156 mm."""
    if pt:
        ordered_child(rPr, "w:spacing", RPR_ORDER).set(qn("w:val"), str(-round(pt * 20)))


def set_lang(rPr, east_asia: str) -> None:
    lang = ordered_child(rPr, "w:lang", RPR_ORDER)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)


def strip_theme_fonts(root) -> None:
    """Remove every theme-font attribute under ``root`` (styles part, docDefaults, runs)."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


# ---------------------------------------------------------------- paragraph properties

def set_line_exact(pPr, pt: float, before_pt: float = 0, after_pt: float = 0) -> None:
    spacing = ordered_child(pPr, "w:spacing", PPR_ORDER)
    spacing.attrib.clear()
    spacing.set(qn("w:before"), str(round(before_pt * 20)))
    spacing.set(qn("w:after"), str(round(after_pt * 20)))
    spacing.set(qn("w:line"), str(round(pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")


def set_first_line(pPr, chars: float, size_pt: float) -> None:
    """Both ``firstLineChars`` (Word, WPS) and ``firstLine`` twips (LibreOffice ignores chars)."""
    ind = ordered_child(pPr, "w:ind", PPR_ORDER)
    for attr in ("w:firstLine", "w:firstLineChars", "w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
    ind.set(qn("w:firstLine"), str(round(chars * size_pt * 20)))


def set_overhang(pPr, pt: float) -> None:
    """Negative left and right indents: lines reach ``pt`` into both margins (0: none written)."""
    ind = ordered_child(pPr, "w:ind", PPR_ORDER)
    for side in ("left", "right"):
        if pt:
            ind.set(qn(f"w:{side}"), str(-round(pt * 20)))
        else:
            ind.attrib.pop(qn(f"w:{side}"), None)


def set_side_indent(pPr, side: str, twips: int) -> None:
    ordered_child(pPr, "w:ind", PPR_ORDER).set(qn(f"w:{side}"), str(twips))


def set_align(pPr, align: str) -> None:
    ordered_child(pPr, "w:jc", PPR_ORDER).set(qn("w:val"), JC[align])


def set_outline_level(pPr, level: int) -> None:
    """0-based outline level: what the navigation pane shows."""
    ordered_child(pPr, "w:outlineLvl", PPR_ORDER).set(qn("w:val"), str(level))


def set_widow_control(pPr, on: bool) -> None:
    """Off: every page holds the full grid of lines (a paragraph's last line may stand alone)."""
    ordered_child(pPr, "w:widowControl", PPR_ORDER).set(qn("w:val"), "1" if on else "0")


def set_keep_next(pPr) -> None:
    ordered_child(pPr, "w:keepNext", PPR_ORDER)


# ---------------------------------------------------------------- fields and settings

def _field_char(kind: str):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def add_page_field(paragraph, style_run: Callable) -> None:
    """A PAGE field as Word writes it: begin / instrText / separate / '1' / end runs."""
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    pieces = [_field_char("begin"), instr, _field_char("separate"), None, _field_char("end")]
    for piece in pieces:
        run = paragraph.add_run("1" if piece is None else None)
        style_run(run)
        if piece is not None:
            run._r.append(piece)


def set_theme_font_lang(settings_element, east_asia: str) -> None:
    el = settings_element.find(qn("w:themeFontLang"))
    if el is None:
        el = OxmlElement("w:themeFontLang")
        settings_element.append(el)
    el.set(qn("w:val"), "en-US")
    el.set(qn("w:eastAsia"), east_asia)
