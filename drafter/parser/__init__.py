"""Parse a speech into its tree, from the conventions of the genre.

A speech is laid out as: title (one or more lines), optional speaker and date lines,
a salutation (同志们：), opening paragraphs, sections, closing paragraphs. Sections
are found, outermost first, by:

1. numbered headings at the start of a paragraph: 一、 → （一） → 1./1、 → （1） (a
   heading stands alone or ends at its first 。；：！？ with its body following);
   a .docx heading style without a written number counts as a heading of its level;
2. inline items: 一是……二是…… / 一要……二要…… at sentence starts, in order from 一
   (第一要务 is not an item; a dangling last item with no text is not one either);
3. unnumbered lead sentences: a short sentence heading each of several parallel
   paragraphs (000, 001), or a short sentence frame recurring inside a section's
   text (003: 要干在……。).


The closing is the run of closing formulas (发言完毕，谢谢大家！) and summing-up
paragraphs (同志们，…/总之…/让我们…) at the end; in speeches whose sections are one
paragraph each, paragraphs after the last section's paragraph close the speech too.

The package: state (paragraphs, sections), front (title block, front matter, salutation), closing,
one rule module per structure returning cut candidates (numbered, items, leads, inner) and build (the
nesting table, NESTS, and the tree). ``parse_text``/``parse_doc``/``parse_file`` are the API
(``parse_paragraphs`` for paragraphs already split).
"""

from __future__ import annotations

from pathlib import Path

from drafter.model import Speech
from drafter.normalize import Para
from drafter.normalize import paragraphs as clean_paragraphs
from drafter.parser.build import _build
from drafter.parser.closing import CLOSING_CUE, CLOSING_FORMULA, _closing_by_shape, _split_closing, _sums_up  # noqa: F401
from drafter.parser.front import DATE_LINE, SALUTATION, SPEAKER_LINE, TIME_PLACE_LINE, _title_block  # noqa: F401
from drafter.parser.items import _prime_items
from drafter.parser.state import _Para
from drafter.readers import read

__all__ = ["parse_file", "parse_doc", "parse_text", "parse_paragraphs", "DATE_LINE", "SALUTATION", "SPEAKER_LINE"]


def parse_file(path: str | Path) -> Speech:
    return parse_doc(read(path), source=str(path))


def parse_doc(doc, source: str | None = None) -> Speech:
    return parse_text(doc.text, source=str(doc.path) if source is None else source,
                      hints=doc.hints, rejoin=doc.rejoin)


def parse_text(text: str, source: str = "", hints: dict | None = None, rejoin: bool = True) -> Speech:
    """The tree of a speech. Never raises on any text: what it cannot place is body text."""
    return parse_paragraphs(clean_paragraphs(text, rejoin=rejoin), source, hints)


def parse_paragraphs(cleaned: list[Para], source: str = "", hints: dict | None = None) -> Speech:
    """The tree of a speech already split into paragraphs (``normalize.paragraphs``): for a part of a
    file read part by part, split with the whole file's layout (``mining/run.py``)."""
    hints = hints or {}
    paras = []
    for i, p in enumerate(cleaned, 1):
        hint = hints.get(p.line)
        paras.append(_Para(i, p.text, hint.level if hint else None, hint.lead if hint else ""))
    _prime_items(paras)
    speech = Speech(source=source)
    front: list[_Para] = []
    rest = _title_block(paras, speech, front)
    rest, closing = _split_closing(rest)
    body, nodes = _build(rest, depth=1, top=True)
    if not _sums_up(closing):
        closing = _closing_by_shape(nodes, descend=not closing) + closing
    # a web page's front matter is kept, as the first paragraphs of the opening: no text is lost
    speech.opening = [p.text for p in front + body]
    speech.opening_paras = [p.idx for p in front + body]
    speech.sections = [n.section for n in nodes]
    speech.closing = [p.text for p in closing]
    speech.closing_paras = [p.idx for p in closing]
    return speech
