"""Word .docx: paragraph text, with heading styles and bold leading runs kept as hints."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from docx.oxml.ns import qn

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.markers import chinese_number
from drafter.ooxml import HEADING_STYLE, open_document
from drafter.readers.raw import Hint, RawDoc


def read_docx(path: Path):
    document = open_document(path)
    lines: list[str] = []
    hints: dict[int, Hint] = {}
    numbers = ListNumbers(document)
    for paragraph in document.paragraphs:
        number = numbers.marker(paragraph) if paragraph.text.strip() else None
        for k, text in enumerate(_lines(paragraph.text)):
            if k == 0 and number:
                text = number + text.lstrip()
            lines.append(text)
            hint = _hint(paragraph) if k == 0 else None
            if hint is not None and text.strip():
                hints[len(lines)] = hint
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError(_("document has no text"), path=str(path))
    return RawDoc(path=path, text=text, hints=hints, rejoin=False)


_PROSE = re.compile("[，。；！？]")


def _lines(text: str) -> list[str]:
    """A paragraph's lines. A manual line break (Shift+Enter) in prose only wraps it, but in a
    title block it separates lines: 主标题 / ——副标题, or 职务 姓名 / （日期） in one centred paragraph."""
    text = text.replace("\r", "")
    if "\n" not in text:
        return [text]
    if _PROSE.search(text):
        return [text.replace("\n", "")]
    return text.split("\n")


def _heading_level(paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        m = HEADING_STYLE.match(style.name or "")
        if m:
            return int(m.group(1))
        ppr = style.element.pPr
        if ppr is not None:
            outline = ppr.find(qn("w:outlineLvl"))
            if outline is not None:
                value = int(outline.get(qn("w:val")))
                return value + 1 if value < 9 else None
        style = style.base_style
    return None


def _hint(paragraph):
    level = _heading_level(paragraph)
    runs = [r for r in paragraph.runs if r.text]
    last_font = _east_asian_font(runs[-1]) if runs else None
    lead = []
    for run in runs:
        # a lead is set off by bold or by a heading font (黑体/楷体 against a 仿宋 body)
        if run.bold or _east_asian_font(run) != last_font:
            lead.append(run.text)
        else:
            break
    lead_text = "".join(lead).strip()
    if lead_text == paragraph.text.strip():
        lead_text = ""  # a wholly bold paragraph is emphasis, not a lead
    if level is None and not lead_text:
        return None
    return Hint(level=level, lead=lead_text, style=paragraph.style.name if paragraph.style else "")


def _east_asian_font(run) -> str | None:
    rpr = run._element.rPr
    fonts = rpr.rFonts if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


class ListNumbers:
    """The numbers Word's automatic numbering shows before paragraphs (一、 （一） 1. …).

    They live in numbering.xml, not in the text, so a .docx numbered by Word would otherwise
    lose its markers. Counters run per list (numId) and level; a level restarts when a level
    above it moves on. Bullets and formats that are not numbers give no marker.
    """

    FORMATS: dict[str, Callable[[int], str] | None] = {
        "decimal": str, "decimalZero": lambda n: f"{n:02d}",
        "chineseCounting": chinese_number, "chineseCountingThousand": chinese_number,
        "ideographTraditional": None, "japaneseCounting": chinese_number,
        "taiwaneseCounting": chinese_number, "taiwaneseCountingThousand": chinese_number,
        "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
        "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for a in root.findall(qn("w:abstractNum")):
            lvls = {}
            for lvl in a.findall(qn("w:lvl")):
                fmt, text, start = _val(lvl, "w:numFmt"), _val(lvl, "w:lvlText"), _val(lvl, "w:start")
                level, first = _int(lvl.get(qn("w:ilvl")), 0), _int(start, 1)
                if level is not None and first is not None:      # damaged numbering: ignore the level
                    lvls[level] = (fmt or "decimal", text or "", first)
            abstract[a.get(qn("w:abstractNumId"))] = lvls
        for num in root.findall(qn("w:num")):
            self.levels[num.get(qn("w:numId"))] = abstract.get(_val(num, "w:abstractNumId"), {})

    def marker(self, paragraph) -> str | None:
        found = _num_pr(paragraph)
        if found is None or found[0] not in self.levels:
            return None
        num_id, ilvl = found
        levels = self.levels[num_id]
        if ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet" or not re.search(r"%[1-9]", text):
            return None  # a bullet (•, a Wingdings glyph) or fixed text: no number, not a marker

        def number(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            lfmt, _, start = levels.get(level, ("decimal", "", 1))
            convert = self.FORMATS.get(lfmt)
            n = max(counts[level], 1) + start - 1
            if convert is None or n >= 100:
                raise ValueError(lfmt)
            return convert(n)

        try:
            return re.sub(r"%([1-9])", number, text) or None
        except ValueError:
            return None  # bullets, letters, roman numerals: not the genre's markers


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's list numbering, from the paragraph or its style chain."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    num_id = ilvl = None
    for ppr in sources:
        if ppr is None:
            continue
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        num_id = num_id if num_id is not None else _val(num_pr, "w:numId")
        ilvl = ilvl if ilvl is not None else _val(num_pr, "w:ilvl")
    if num_id is None or num_id == "0":
        return None
    level = _int(ilvl, 0)
    return None if level is None else (num_id, level)


def _int(value, default: int) -> int | None:
    """A w:val number; None when it is not one (a damaged or hand-edited document)."""
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if -10_000 < number < 10_000 else None
