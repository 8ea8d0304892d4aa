"""What each paragraph of a .docx is meant to be (title, body, heading 2 …), and its runs.

The checker measures paragraphs against the layout role they play. Documents drafter
wrote say so by style name; documents from elsewhere are read the way a person reads
them: the first paragraph is the title, a date line is the date, 同志们： is the
salutation, 一、 / （一） / 1. / （1） paragraphs that stand alone are headings, the rest
is body. A paragraph's leading run set off by bold or by another East Asian font (as
the .docx reader sees it) is a lead sentence or 一是 item and gets the lead look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from drafter import ooxml as x
from drafter.markers import heading_level
from drafter.parser import DATE_LINE, SALUTATION, SPEAKER_LINE

_STYLE_ROLE = {
    "title": "title", "标题": "title", "speaker": "speaker", "date": "date",
    "salutation": "salutation", "body": "body", "closing": "closing",
    "讲话人": "speaker", "日期": "date", "称谓": "salutation", "结尾": "closing",
}
_SENTENCE_END = re.compile("[。！？]")


@dataclass
class Para:
    """One non-empty paragraph: its number (1-based), text, role and text runs."""

    number: int
    text: str
    role: str
    p: object
    style_id: str | None
    style_name: str
    runs: list = field(default_factory=list)
    lead_runs: int = 0

    def label(self) -> str:
        shown = self.text if len(self.text) <= 12 else self.text[:12] + "…"
        return f"¶{self.number} “{shown}”"


def marker_level(text: str) -> int | None:
    """1–4 when ``text`` opens with 一、 （一） 1. （1） (drafter/markers.py)."""
    return heading_level(text)


def stands_alone(text: str) -> bool:
    """A numbered heading on its own line: short, no sentence ending before its last character."""
    return len(text) <= 60 and not _SENTENCE_END.search(text[:-1])


def outline_level(sheet: x.StyleSheet, p) -> int | None:
    """1-based outline level through the paragraph and its style chain (9 = body text)."""
    value = x.first_attr(sheet.para_layers(p), "w:outlineLvl", "w:val")
    if value is None or not value.isdigit() or int(value) >= 9:
        return None
    return int(value) + 1


def style_role(name: str) -> str | None:
    """The role a style's name announces: 'Heading 2' → heading2, 'Body' → body."""
    m = x.HEADING_STYLE.match(name.strip())
    if m:
        return f"heading{min(int(m.group(1)), 4)}"
    return _STYLE_ROLE.get(name.strip().lower())


def text_runs(p) -> list:
    """Runs with visible text (field codes and empty runs left out)."""
    return [r for r in p.iter(qn("w:r")) if r.text and r.text.strip()]


def lead_count(sheet: x.StyleSheet, p, runs: list) -> int:
    """How many leading runs are set off (bold or another East Asian font than the last run)."""
    if len(runs) < 2:
        return 0
    last = x.font_of(sheet.run_layers(p, runs[-1]), "eastAsia")
    count = 0
    for r in runs:
        layers = sheet.run_layers(p, r)
        if x.bold_of(layers) or x.font_of(layers, "eastAsia") != last:
            count += 1
        else:
            break
    return 0 if count == len(runs) else count


def paragraphs(document, sheet: x.StyleSheet) -> list[Para]:
    """The body's non-empty paragraphs, each with its role."""
    out: list[Para] = []
    for p in document.element.body.iter(qn("w:p")):
        text = "".join(r.text or "" for r in p.iter(qn("w:r"))).strip()
        if not text:
            continue
        style_id = x.paragraph_style_id(p) or sheet.default_para
        name = sheet.style_name(style_id)
        role = _role(sheet, p, text, name, first=not out, before_body=_title_block(out))
        runs = text_runs(p)
        para = Para(len(out) + 1, text, role, p, style_id, name, runs)
        if role in ("body", "closing"):
            para.lead_runs = lead_count(sheet, p, runs)
        out.append(para)
    return out


def _title_block(previous: list[Para]) -> bool:
    return all(q.role in ("title", "speaker", "date") for q in previous)


def _role(sheet, p, text: str, style_name: str, first: bool, before_body: bool) -> str:
    by_style = style_role(style_name)
    if by_style:
        return by_style
    level = outline_level(sheet, p)
    if level and stands_alone(text):  # a lead sentence's paragraph has a level but goes on as body
        return f"heading{min(level, 4)}"
    marked = marker_level(text)
    if marked and stands_alone(text):
        return f"heading{marked}"
    if first:
        return "title"
    if before_body:
        if DATE_LINE.match(text):
            return "date"
        if SPEAKER_LINE.match(text):
            return "speaker"
    if SALUTATION.match(text) and len(text) <= 20:
        return "salutation"
    return "body"
