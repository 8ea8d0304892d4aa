"""Print a body: its sentences in paragraphs of the genre's size, none opening like a lead.

The last step of writing a body (compose/section.py): sentences are packed into paragraphs of
about PARAGRAPH_CHARS, a last scrap joins the paragraph before it, and no paragraph opens on a
sentence the parser would read back as a lead sentence (a heading: drafter/markers.py), so a
draft round-trips through .txt/.md/.docx with the outline's headings only. The Composer uses
``lead_like`` and ``lead_safe`` too (compose/helpers.py), for the first sentence under a heading.
"""

from __future__ import annotations

from drafter.markers import LEAD_MAX_CHARS, NOT_LEAD

#: paragraphs are cut near this many characters (real speeches: 150–400)
PARAGRAPH_CHARS = 300
#: no paragraph is longer than this
MAX_PARAGRAPH = 600


def paragraphs(sentences: list[str]) -> list[str]:
    """``sentences`` in paragraphs of about PARAGRAPH_CHARS; a paragraph after the first does
    not open on a sentence that reads like a lead sentence (it would parse as a heading)."""
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    for s in sentences:
        if current and size + len(s) > PARAGRAPH_CHARS:
            out.append(current)
            current, size = [], 0
        current.append(s)
        size += len(s)
    if current:
        if out and size < 60:
            out[-1].extend(current)  # a last scrap joins the paragraph before it
        else:
            out.append(current)
    packed: list[list[str]] = []
    for i, p in enumerate(out):
        p = lead_safe(p)  # the first too: under a 一、 line it starts a paragraph of its own
        if i and lead_like(p[0]) and sum(map(len, packed[-1] + p)) <= MAX_PARAGRAPH:
            packed[-1].extend(p)  # every sentence could open like a lead: keep it joined
        else:
            packed.append(p)
    return ["".join(p) for p in packed]


def lead_like(sentence: str) -> bool:
    """Could a paragraph opening on ``sentence`` be read back as a lead sentence (a heading)?
    The shape is the parser's own (drafter/markers.py)."""
    core = sentence.rstrip("。！？")
    return (len(core) <= LEAD_MAX_CHARS and not core.startswith(("“", "‘", "《"))
            and not NOT_LEAD.search(core))


def lead_safe(sentences: list[str]) -> list[str]:
    """The sentences reordered so the paragraph does not open like a lead sentence."""
    for i, s in enumerate(sentences):
        if not lead_like(s):
            return [s] + sentences[:i] + sentences[i + 1:]
    return sentences
