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

from drafter import markers
from drafter.blocks import to_paragraphs
from drafter.dates import canonical_date
from drafter.markers import marker_family

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
        """'numbered' (一、（一）1.（1）), 'inline' (一是/一要/第一，) or 'lead' (unnumbered)."""
        return markers.marker_kind(self.marker)

    @property
    def family(self) -> str:
        """The marker family as its first member: 一、 （一） 1. （1） 一是 一要 or ''."""
        return marker_family(self.marker)

    def to_dict(self, positions: bool = False) -> dict:
        d: dict[str, object] = {
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
        return to_paragraphs(self)

    def to_dict(self, positions: bool = False) -> dict:
        d: dict[str, object] = {
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
