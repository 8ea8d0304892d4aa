"""The speech tree: the one document model every reader produces and every writer consumes.

A speech is a title block (title, speaker, date), a salutation (同志们：), opening
paragraphs, nested sections and closing paragraphs. A section has a marker as
written and normalised (一、 （一） 1. （1） 一是 一要, or "" for an unnumbered lead
sentence), a heading without marker and without its closing punctuation, body
paragraphs and subsections.

Source positions (1-based paragraph indices among the non-empty paragraphs of the
normalised text) ride along in ``para``/``body_paras``/``opening_paras``/
``closing_paras`` so that mining sources, lint findings and round-trip diffs point
at real places. They are not part of equality of content (``to_dict()`` leaves
them out unless asked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

#: Marker families, outermost first. A marker's family is what decides its level.
NUMBERED_FAMILIES = ("一、", "（一）", "1.", "（1）")
INLINE_FAMILIES = ("一是", "一要")
LEAD = ""


@dataclass
class Section:
    marker: str
    heading: str
    body: list[str] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    #: punctuation that closed the heading in the source ("。", "；", "：" or "")
    punct: str = ""
    para: int | None = None
    body_paras: list[int] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """'numbered' (一、（一）1.（1）), 'inline' (一是/一要) or 'lead' (unnumbered)."""
        if not self.marker:
            return "lead"
        if self.marker.endswith(("是", "要")):
            return "inline"
        return "numbered"

    @property
    def family(self) -> str:
        """The marker family as its first member: 一、 （一） 1. （1） 一是 一要 or ''."""
        return marker_family(self.marker)

    def to_dict(self, positions: bool = False) -> dict:
        d = {
            "marker": self.marker,
            "heading": self.heading,
            "body": list(self.body),
            "sections": [s.to_dict(positions) for s in self.sections],
        }
        if positions:
            d["punct"] = self.punct
            d["para"] = self.para
            d["body_paras"] = list(self.body_paras)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Section":
        return cls(
            marker=d.get("marker", ""),
            heading=d.get("heading", ""),
            body=list(d.get("body") or []),
            sections=[cls.from_dict(s) for s in d.get("sections") or []],
            punct=d.get("punct", ""),
            para=d.get("para"),
            body_paras=list(d.get("body_paras") or []),
        )


@dataclass
class Speech:
    source: str = ""
    title: str = ""
    speaker: str | None = None
    date: str | None = None
    salutation: str | None = None
    opening: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    title_paras: list[int] = field(default_factory=list)
    opening_paras: list[int] = field(default_factory=list)
    closing_paras: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.date = canonical_date(self.date)

    def walk(self) -> Iterator[tuple[int, Section]]:
        """Every section with its depth (1 for top level), in document order."""
        def rec(sections: list[Section], depth: int):
            for s in sections:
                yield depth, s
                yield from rec(s.sections, depth + 1)
        yield from rec(self.sections, 1)

    def headings(self) -> list[tuple[int, str, str]]:
        """``[(depth, marker, heading), ...]`` in document order (the gold-file shape)."""
        return [(d, s.marker, s.heading) for d, s in self.walk()]

    def text_length(self) -> int:
        """Characters of content, whitespace not counted (what 'length' means in an outline)."""
        return sum(len("".join(p.split())) for p in self.paragraphs())

    def paragraphs(self) -> list[str]:
        """The speech as plain paragraphs, the way the txt writer lays it out."""
        from drafter.writers.text import to_paragraphs
        return to_paragraphs(self)

    def to_dict(self, positions: bool = False) -> dict:
        d = {
            "source": self.source,
            "title": self.title,
            "speaker": self.speaker,
            "date": canonical_date(self.date),
            "salutation": self.salutation,
            "opening": list(self.opening),
            "sections": [s.to_dict(positions) for s in self.sections],
            "closing": list(self.closing),
        }
        if positions:
            d["title_paras"] = list(self.title_paras)
            d["opening_paras"] = list(self.opening_paras)
            d["closing_paras"] = list(self.closing_paras)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Speech":
        return cls(
            source=d.get("source", ""),
            title=d.get("title", ""),
            speaker=d.get("speaker"),
            date=d.get("date"),
            salutation=d.get("salutation"),
            opening=list(d.get("opening") or []),
            sections=[Section.from_dict(s) for s in d.get("sections") or []],
            closing=list(d.get("closing") or []),
            title_paras=list(d.get("title_paras") or []),
            opening_paras=list(d.get("opening_paras") or []),
            closing_paras=list(d.get("closing_paras") or []),
        )

    def content(self) -> dict:
        """The tree without its source name and positions: what a round trip must preserve."""
        d = self.to_dict()
        d.pop("source")
        return d


def canonical_date(date) -> str | None:
    """Dates as a speech prints them: 2026-11-21, 2026/11/21, a date object → 2026年11月21日."""
    if date is None or date == "":
        return None
    text = str(date).strip().strip("（）()")
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        y, m, d = (int(p) for p in parts)
        return f"{y}年{m}月{d}日"
    return text


CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for any speech)."""
    if n <= 0 or n >= 100:
        raise ValueError(f"cannot number {n} in Chinese (1–99)")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")


def chinese_to_int(s: str) -> int | None:
    """Inverse of chinese_number for 一 … 九十九; None if ``s`` is not such a numeral."""
    if not s or any(c not in CN_DIGITS[1:] + "十" for c in s):
        return None
    if "十" not in s:
        return CN_DIGITS.index(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:  # 十十 is not a numeral
        return None
    t = CN_DIGITS.index(tens) if tens else 1
    o = CN_DIGITS.index(ones) if ones else 0
    return t * 10 + o


def make_marker(family: str, n: int) -> str:
    """The n-th marker of a family: make_marker('（一）', 3) == '（三）', ('1.', 2) == '2.'."""
    cn = chinese_number(n)
    return {
        "一、": f"{cn}、",
        "（一）": f"（{cn}）",
        "1.": f"{n}.",
        "（1）": f"（{n}）",
        "一是": f"{cn}是",
        "一要": f"{cn}要",
        "": "",
    }[family]


def marker_family(marker: str) -> str:
    if not marker:
        return ""
    if marker.startswith("（"):
        return "（1）" if marker[1].isdigit() else "（一）"
    if marker[0].isdigit():
        return "1."
    if marker.endswith("、"):
        return "一、"
    if marker.endswith("是"):
        return "一是"
    if marker.endswith("要"):
        return "一要"
    return marker


def marker_number(marker: str) -> int | None:
    """The ordinal a marker stands for: '（三）' → 3, '12.' → 12, '四要' → 4, '' → None."""
    core = marker.strip("（）、.是要")
    if not core:
        return None
    if core.isdigit():
        return int(core)
    return chinese_to_int(core)
