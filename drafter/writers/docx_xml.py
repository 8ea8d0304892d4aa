"""The WordprocessingML that python-docx has no API for, in small functions.

Writing: East Asian fonts (``w:eastAsia`` + ``w:hint``), theme-font removal, language,
character condensing, two-unit first-line indents, outline levels, the PAGE field.
Reading: the effective value of a run or paragraph property through run → character
style → paragraph style → ``basedOn`` chain → document defaults, which the writer's
reference-doc mode and ``drafter check`` both need. Nothing outside the docx writer and
the checker touches XML.
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


# ---------------------------------------------------------------- reading effective values

class StyleSheet:
    """Effective run and paragraph properties of a document, Word's inheritance order."""

    def __init__(self, document):
        self.root = document.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in self.root.findall(qn("w:style"))}
        #: style name → id (python-docx looks a name up by scanning every style)
        self.ids = {_style_name(s): i for i, s in self.by_id.items() if _style_name(s)}
        defaults = self.root.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        self.default_ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        self.default_para = next((s.get(qn("w:styleId")) for s in self.by_id.values()
                                  if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")),
                                 None)

    def chain(self, style_id: str | None) -> list:
        """The style and its basedOn ancestors (loops cut)."""
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return out

    def style_name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or self.default_para or "")
        name = style.find(qn("w:name")) if style is not None else None
        return name.get(qn("w:val")) if name is not None else (style_id or "")

    def run_layers(self, p, r=None) -> list:
        """rPr elements from most to least specific for run ``r`` in paragraph ``p``."""
        layers = []
        if r is not None and r.rPr is not None:
            layers.append(r.rPr)
            rstyle = r.rPr.find(qn("w:rStyle"))
            if rstyle is not None:
                layers += [s.find(qn("w:rPr")) for s in self.chain(rstyle.get(qn("w:val")))]
        layers += [s.find(qn("w:rPr")) for s in self.chain(paragraph_style_id(p) or self.default_para)]
        layers.append(self.default_rpr)
        return [x for x in layers if x is not None]

    def para_layers(self, p) -> list:
        layers = [p.pPr] if p.pPr is not None else []
        layers += [s.find(qn("w:pPr")) for s in self.chain(paragraph_style_id(p) or self.default_para)]
        layers.append(self.default_ppr)
        return [x for x in layers if x is not None]


def _style_name(style) -> str | None:
    name = style.find(qn("w:name"))
    return name.get(qn("w:val")) if name is not None else None


def paragraph_style_id(p) -> str | None:
    if p.pPr is None:
        return None
    style = p.pPr.find(qn("w:pStyle"))
    return style.get(qn("w:val")) if style is not None else None


def first_attr(layers: list, tag: str, attr: str) -> str | None:
    """The first layer's value of ``tag/@attr``."""
    for layer in layers:
        el = layer.find(qn(tag))
        if el is not None and el.get(qn(attr)) is not None:
            return el.get(qn(attr))
    return None


def font_of(layers: list, slot: str) -> str | None:
    """Effective font of a slot ('eastAsia', 'ascii'); a theme reference shows as 'theme:<name>'."""
    theme = {"eastAsia": "w:eastAsiaTheme", "ascii": "w:asciiTheme", "hAnsi": "w:hAnsiTheme"}[slot]
    for layer in layers:
        fonts = layer.find(qn("w:rFonts"))
        if fonts is None:
            continue
        if fonts.get(qn(theme)) is not None:
            return f"theme:{fonts.get(qn(theme))}"
        if fonts.get(qn(f"w:{slot}")) is not None:
            return fonts.get(qn(f"w:{slot}"))
    return None


def bold_of(layers: list) -> bool:
    for layer in layers:
        el = layer.find(qn("w:b"))
        if el is not None:
            return el.get(qn("w:val"), "1") not in ("0", "false", "off")
    return False


def size_of(layers: list) -> float | None:
    value = first_attr(layers, "w:sz", "w:val")
    return int(value) / 2 if value else None
