"""Office Open XML helpers that the .docx reader, the writers and the checker share.

Opening a package safely (``open_document``: size and zip-bomb limits first, every failure a
``ReadError``), the heading-style names Word and WPS use (``HEADING_STYLE``), and the effective
value of a run or paragraph property through run → character style → paragraph style →
``basedOn`` chain → document defaults (``StyleSheet`` and the ``*_of`` readers). Namespaces
are python-docx's (``qn("w:tag")``); nothing here spells a namespace URI.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.limits import MB, limit, stat_input

#: 'Heading 2', 'heading2', '标题 2': the built-in heading styles, group 1 the level
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def open_document(path: str | Path):
    """The python-docx Document at ``path``; anything that is not a readable .docx is a ReadError.

    "not a .docx file": not a zip at all (an old .doc or .wps renamed); "not a valid .docx
    file": a zip whose parts are missing or damaged (lxml's XMLSyntaxError is a SyntaxError).
    """

    path = Path(path)
    stat_input(path)
    if not zipfile.is_zipfile(path):
        raise ReadError(_("not a .docx file (an old .doc renamed? open and save it as .docx)"), path=str(path))
    check_zip(path)
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, SyntaxError) as err:
        raise ReadError(_("not a valid .docx file, it is damaged ({error}); open and re-save it in Word or "
                          "WPS").format(error=err), path=str(path)) from err
    except OSError as err:
        raise ReadError(_("cannot read: {error}").format(error=err.strerror or err), path=str(path)) from err


def check_zip(path: Path) -> None:
    """Refuse a zip bomb before anything is inflated, from the sizes its directory declares
    (zipfile refuses to inflate a member past its declared size, so they can be trusted)."""
    max_entries, ratio = limit("MAX_DOCX_ENTRIES", 2000), limit("MAX_DOCX_RATIO", 200)
    max_part, max_total = limit("MAX_DOCX_PART_MB", 64) * MB, limit("MAX_DOCX_TOTAL_MB", 256) * MB
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ReadError(_("not a valid .docx file, it is damaged ({error}); open and re-save it in Word or "
                          "WPS").format(error=err), path=str(path)) from None
    def how(name: str) -> str:
        return _("; a real document is far smaller — if this one is real, set DRAFTER_{name} to raise the "
                 "limit").format(name=name)
    if len(infos) > max_entries:
        raise ReadError(_("holds {entries} zip entries, more than {max_entries}").format(
            entries=len(infos), max_entries=max_entries) + how("MAX_DOCX_ENTRIES"), path=str(path))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > max_part:
            raise ReadError(_("part {part} would inflate to {size} MB, more than {max_size} MB").format(
                part=info.filename, size=info.file_size // MB, max_size=max_part // MB)
                + how("MAX_DOCX_PART_MB"), path=str(path))
        if info.file_size > MB and info.file_size > ratio * max(info.compress_size, 1):
            raise ReadError(_("part {part} is compressed {ratio} to 1 (a zip bomb?)").format(
                part=info.filename, ratio=info.file_size // max(info.compress_size, 1))
                + how("MAX_DOCX_RATIO"), path=str(path))
    if total > max_total:
        raise ReadError(_("would inflate to {size} MB in all, more than {max_size} MB").format(
            size=total // MB, max_size=max_total // MB) + how("MAX_DOCX_TOTAL_MB"), path=str(path))


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
