"""The paragraph layout of a speech: the block list every writer, the model and mining share.

``blocks(speech)`` decides once how a speech is laid out as paragraphs (which headings
stand alone, which start a paragraph inline); the txt, md and docx writers only
style those blocks. Because the parser reads exactly this layout back, a speech
written by any writer parses to the same tree. It sits below the model (it needs only
the model's shape, not the module), so ``Speech.paragraphs()`` imports no writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.dates import canonical_date
from drafter.markers import NUMBERED_FAMILIES

if TYPE_CHECKING:
    from drafter.model import Section, Speech

#: heading level (1–4) of each numbered marker family
FAMILY_LEVEL = {f.name: f.level for f in NUMBERED_FAMILIES}


@dataclass
class Block:
    """One paragraph of output.

    role: title | speaker | date | salutation | opening | heading | body | closing
    level: 1–4 for headings (by marker family); for body blocks that begin with an
        inline item or lead sentence, the depth of that section.
    lead: the bold/heading-font prefix of an inline heading ("一是……。"), or "".
    """

    role: str
    text: str
    level: int = 0
    lead: str = ""
    section: Section | None = None


def format_date(date: str | None) -> str | None:
    """'2026-11-21' or '2026年11月21日' → '（2026年11月21日）'."""
    date = canonical_date(date)
    return f"（{date}）" if date else None


def _section_blocks(section: Section, depth: int) -> list[Block]:
    family = section.family
    out: list[Block] = []
    body = list(section.body)
    if family in FAMILY_LEVEL:
        out.append(Block("heading", section.marker + section.heading,
                         level=FAMILY_LEVEL[family], section=section))
    else:
        end = section.punct or ("" if section.heading.endswith(("？", "！")) else "。")
        lead = section.marker + section.heading + end
        first = body.pop(0) if body else ""
        out.append(Block("body", lead + first, level=depth, lead=lead, section=section))
    out.extend(Block("body", p, section=section) for p in body)
    for sub in section.sections:
        out.extend(_section_blocks(sub, depth + 1))
    return out


def blocks(speech: Speech) -> list[Block]:
    out: list[Block] = [Block("title", speech.title)]
    if speech.speaker:
        out.append(Block("speaker", speech.speaker))
    date = format_date(speech.date)
    if date:
        out.append(Block("date", date))
    if speech.salutation:
        out.append(Block("salutation", speech.salutation))
    out.extend(Block("opening", p) for p in speech.opening)
    for section in speech.sections:
        out.extend(_section_blocks(section, 1))
    out.extend(Block("closing", p) for p in speech.closing)
    return out


def to_paragraphs(speech: Speech) -> list[str]:
    return [b.text for b in blocks(speech) if b.text]
