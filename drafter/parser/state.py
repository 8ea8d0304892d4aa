"""The parse state: paragraphs as the parser sees them, the sections it builds, and the one
rule every structure shares for where a heading ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Final

from drafter.markers import HEAD_END as _HEAD_END
from drafter.model import Section


class _Unset(Enum):
    """Not worked out yet (None is a result: nothing found)."""

    UNSET = "unset"


_UNSET: Final = _Unset.UNSET


@dataclass
class _Para:
    idx: int          # 1-based paragraph number
    text: str
    level: int | None = None   # heading level from a .docx style
    lead: str = ""             # bold leading text from a .docx
    # What the scans of _build found in this paragraph: a paragraph is looked at again at every
    # level of the tree it sits under, and what it holds does not change, so each scan runs once.
    #: (rank, marker, rest) of a numbered heading (parser/numbered.py)
    numbered: tuple[int, str, str] | None | _Unset = field(default=_UNSET, repr=False, compare=False)
    #: inline item candidates (parser/items.py)
    item_cands: tuple[tuple[int, str, int, str], ...] | None = field(default=None, repr=False, compare=False)
    #: the first sentence if it could be a lead sentence (parser/leads.py)
    lead_sentence: str | None | _Unset = field(default=_UNSET, repr=False, compare=False)
    #: the first sentence when only its first person keeps it from being a lead (我们主张，……。, parser/leads.py)
    first_person: str | None = field(default=None, repr=False, compare=False)
    #: (directive lead, result lead): the shapes of its first sentence (parser/leads.py)
    shapes: tuple[bool, bool] | None = field(default=None, repr=False, compare=False)
    #: (sentences, short sentences) of the paragraph (parser/inner.py)
    inner: tuple[int, tuple[tuple[int, int, str], ...]] | None = field(default=None, repr=False, compare=False)


@dataclass
class _Node:
    section: Section
    paras: int = 0    # paragraphs this section's content spanned (for the closing rule)
    children: list["_Node"] = field(default_factory=list)
    alone: int = 0    # 1 when the heading stands on its own line (its body starts a paragraph later)

    @property
    def body_paras(self) -> int:
        return self.paras - self.alone


def _split_heading(rest: str) -> tuple[str, str, str]:
    """(heading, punct, body) of the text after a marker."""
    m = _HEAD_END.search(rest)
    if m and m.end() < len(rest):
        if m.group(0) in "！？":  # a question or exclamation keeps its mark: 为什么要大兴调查研究？
            return rest[:m.end()], "", rest[m.end():]
        return rest[:m.start()], m.group(0), rest[m.end():]
    stripped = rest.rstrip("。；：，、")  # (an inline item cut at the next: 一是吃饭，二是建设。)
    return stripped, rest[len(stripped):len(stripped) + 1], ""
