"""A parsed speech as mining sees it: pieces of paragraphs with their role and paragraph number.

Parsed speeches carry paragraph numbers (``para``/``body_paras``/``*_paras``); a speech built
in memory (a draft being harvested) may not, so the numbers are then taken from the layout
the writers use (``drafter.blocks.blocks``), which is the layout the parser reads back.
Text is passed through the slotter, so every piece is already in bank form.
"""

from __future__ import annotations

from typing import Callable

from drafter.blocks import blocks
from drafter.mining.extract import Piece
from drafter.model import Section, Speech


def _has_positions(speech: Speech) -> bool:
    if len(speech.opening_paras) != len(speech.opening) or len(speech.closing_paras) != len(speech.closing):
        return False
    return all(s.para is not None and len(s.body_paras) == len(s.body) for _, s in speech.walk())


def _layout_positions(speech: Speech) -> tuple[dict, list[int], list[int]]:
    """Paragraph numbers from the writers' layout: {id(section): (para, body_paras)}, opening, closing."""

    where: dict[int, tuple[int, list[int]]] = {}
    opening: list[int] = []
    closing: list[int] = []
    n = 0
    for b in blocks(speech):
        if not b.text:
            continue
        n += 1
        if b.role == "opening":
            opening.append(n)
        elif b.role == "closing":
            closing.append(n)
        elif b.section is not None:
            para, body = where.setdefault(id(b.section), (n, []))
            if b.role == "body" and (len(body) < len(b.section.body)):
                body.append(n)
    return where, opening, closing


def speech_pieces(speech: Speech, slot: Callable[[str], str]) -> list[Piece]:
    """Title, opening, headings, bodies and closing of a speech as slotted pieces."""
    if _has_positions(speech):
        where = {id(s): (s.para, list(s.body_paras)) for _, s in speech.walk()}
        opening_paras, closing_paras = speech.opening_paras, speech.closing_paras
    else:
        where, opening_paras, closing_paras = _layout_positions(speech)
    out: list[Piece] = []
    title_para = speech.title_paras[0] if speech.title_paras else 1
    if speech.title:
        out.append(Piece(title_para, "title", slot(speech.title)))
    out.extend(Piece(p, "opening", slot(t)) for t, p in zip(speech.opening, opening_paras))
    for _, section in speech.walk():
        out.extend(_section_pieces(section, where.get(id(section)), slot))
    last = len(speech.closing) - 1
    out.extend(Piece(p, "closing", slot(t), last=(i == last))
               for i, (t, p) in enumerate(zip(speech.closing, closing_paras)))
    return out


def _section_pieces(section: Section, place, slot) -> list[Piece]:
    if place is None:
        return []
    para, body_paras = place
    out = [Piece(para, "heading", slot(section.heading))] if section.heading else []
    out.extend(Piece(p, "body", slot(t)) for t, p in zip(section.body, body_paras))
    return out
