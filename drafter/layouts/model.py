"""The numbers of a layout profile as data: 字号 ↔ points, text styles, the page number, ``Layout``."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.i18n import _

#: 字号 → points (the sizes Word and WPS offer in their Chinese UI)
SIZE_NAMES: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

#: the paragraph roles a profile styles (the roles of ``drafter.blocks.Block``)
STYLE_ROLES = ("title", "speaker", "date", "salutation", "body", "closing",
               "heading1", "heading2", "heading3", "heading4")
ALIGNS = ("left", "center", "right", "justify")
MM_PER_PT = 25.4 / 72


def size_pt(value: object) -> float:
    """'三号' → 16, '16pt' → 16, 16 → 16; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(_("not a size: {value}").format(value=repr(value)))
    if isinstance(value, (int, float)):
        pt = float(value)
    else:
        text = str(value).strip()
        if text in SIZE_NAMES:
            return float(SIZE_NAMES[text])
        pt = float(text.removesuffix("pt").removesuffix("磅").strip())
    if not 1 <= pt <= 200:
        raise ValueError(_("size {pt} pt is out of range").format(pt=pt))
    return pt


def size_name(pt: float) -> str | None:
    """16 → '三号'; None when no 字号 has that size."""
    for name, value in SIZE_NAMES.items():
        if abs(value - pt) < 0.01:
            return name
    return None


def describe_size(pt: float) -> str:
    """'16 pt (三号)', the way check messages show sizes."""
    name = size_name(pt)
    shown = f"{pt:g} pt"
    return f"{shown} ({name})" if name else shown


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    bold: bool = False
    align: str = "justify"
    indent_chars: float = 0


@dataclass(frozen=True)
class PageNumber:
    text: str
    font: str
    size: float
    odd: str
    even: str
    inset_chars: float
    below_text_mm: float

    def parts(self) -> tuple[str, str]:
        """The text before and after the page field: '— {page} —' → ('— ', ' —')."""
        before, _, after = self.text.partition("{page}")
        return before, after


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    source: str
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    lines_per_page: int
    chars_per_line: int
    latin_font: str
    language: str
    line_spacing_pt: float
    condense_pt: float
    overhang_pt: float
    styles: dict[str, TextStyle]
    lead_sentence: tuple[str, ...]
    lead_item: str
    title_space_after_lines: float
    page_number: PageNumber
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text_width_pt(self) -> float:
        return mm_to_pt(self.width_mm - self.margin_left_mm - self.margin_right_mm)

    @property
    def text_height_pt(self) -> float:
        return mm_to_pt(self.height_mm - self.margin_top_mm - self.margin_bottom_mm)

    @property
    def body(self) -> TextStyle:
        return self.styles["body"]

    def lead_style(self, depth: int, inline_item: bool) -> TextStyle:
        """How the opening run of a paragraph looks: 一是 items vs lead sentences by depth."""
        if inline_item:
            return self.styles[self.lead_item]
        index = min(max(depth, 1), len(self.lead_sentence)) - 1
        return self.styles[self.lead_sentence[index]]

    def lines_that_fit(self) -> int:
        return int(self.text_height_pt / self.line_spacing_pt + 1e-6)

    @property
    def line_width_pt(self) -> float:
        """The width a line of text may fill: the text area plus the overhang on both sides."""
        return self.text_width_pt + 2 * self.overhang_pt

    def chars_that_fit(self) -> int:
        return int(self.line_width_pt / (self.body.size - self.condense_pt) + 1e-6)
