"""A drafted speech as the page shows it: print-layout blocks cut into sentences.

Blocks come from the writers' own layout (``drafter.blocks.blocks``), so the page
shows the paragraphs the .docx will have. Each body paragraph is cut into the sentences
the composer placed (``Draft.placements``: a stable key per sentence, its phrase and
source), so a click on one names the slot to choose for; a composer without placements
still gets sentences and the sources of the lines it borrowed. Lint runs in its own
request (``lint``) so the speech shows without waiting for the proofreading; the page
marks each finding on its paragraph and, where it quotes text, on that text.
"""

from __future__ import annotations

import re
from typing import Sequence

from drafter.blocks import blocks
from drafter.i18n import _, translate

#: a sentence: up to and including its end mark and any closing quote or bracket
SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*|[^。！？!?]+$")
PROSE = ("opening", "body", "closing")


def speaking_time(chars: int, rate: int) -> str:
    seconds = round(chars * 60 / rate) if rate else 0
    minutes, seconds = divmod(seconds, 60)
    return _("about {minutes} min {seconds:02d} s").format(minutes=minutes, seconds=seconds)


def build(result, outline) -> dict:
    """The page's view of a Draft: blocks with sentence segments, figures, warnings."""
    pins = outline.get("pins") if isinstance(outline.get("pins"), dict) else {}
    placements = list(getattr(result, "placements", None) or [])
    sources = [b.to_dict() for b in result.sources]
    rate = _rate(outline)
    out_blocks = []
    cursor = 0
    para = 0
    laid_out = [b for b in blocks(result.speech) if b.text]
    prose = [b.text[len(b.lead):] for b in laid_out if b.role in PROSE]
    done = 0
    for block in laid_out:
        para += 1
        view = {"role": block.role, "level": block.level, "para": para}
        if block.role in PROSE:
            lead = block.lead
            view["lead"] = lead
            done += 1
            segments, cursor = _segments(block.text[len(lead):], placements, cursor, sources, pins,
                                         later=prose[done:])
            view["segments"] = segments
        else:
            view["text"] = block.text
        out_blocks.append(view)
    length = result.length
    return {
        "blocks": out_blocks,
        "length": length,
        "target": result.target,
        "minutes": speaking_time(length, rate),
        "warnings": list(result.warnings),
        "choosable": bool(placements),
        "sources": sources,
    }


def _rate(outline: dict) -> int:
    rate = outline.get("rate")
    return rate if isinstance(rate, int) and not isinstance(rate, bool) and rate > 0 else 220


def _segments(text: str, placements: list, cursor: int, sources: list[dict], pins: dict,
              later: Sequence[str] = ()):
    """Cut a paragraph into segments: placed sentences (from ``cursor`` on) and the text between.

    The placements of one paragraph come in slot order, which need not be the order they print
    in (a sentence the writer chose for a later slot may print first, where its role goes), so
    each is looked for anywhere in the paragraph outside the sentences already found, longest
    claim first where one holds another. A placement not in this paragraph belongs to a later
    one; one printed nowhere (a writer changed it) is passed over, so it does not hold up the rest.
    """
    found: list[tuple[int, str, object]] = []
    taken: list[tuple[int, int]] = []
    mine = []
    while cursor < len(placements):
        placed = placements[cursor]
        body = str(getattr(placed, "text", "") or "")
        if body and body not in text and any(body in t for t in later):
            break
        mine.append(placed)
        cursor += 1
    for placed in sorted(mine, key=lambda p: -len(str(getattr(p, "text", "") or ""))):
        body = str(getattr(placed, "text", "") or "")
        at = text.find(body) if body else -1
        while at >= 0 and any(at < end and start < at + len(body) for start, end in taken):
            at = text.find(body, at + 1)
        if at >= 0:
            taken.append((at, at + len(body)))
            found.append((at, body, placed))
    out = []
    pos = 0
    for at, body, placed in sorted(found, key=lambda f: f[0]):
        if at > pos:
            out.extend(_plain(text[pos:at], sources))
        out.append(_placed(placed, body, sources, pins))
        pos = at + len(body)
    if pos < len(text):
        out.extend(_plain(text[pos:], sources))
    return out, cursor


def _plain(text: str, sources: list[dict]) -> list[dict]:
    return [{"text": s, "sources": _borrowed_in(s, sources)} for s in SENTENCE.findall(text) if s]


def _placed(placed, text: str, sources: list[dict], pins: dict) -> dict:
    key = str(getattr(placed, "key", ""))
    pid = getattr(placed, "phrase_id", None)
    pin = pins.get(key)
    segment = {"text": text, "key": key, "role": getattr(placed, "role", ""),
               "phrase": pid, "section": getattr(placed, "section", None) or "",
               "locked": pin is not None, "hand": isinstance(pin, dict)}
    own = _source_list(getattr(placed, "source", None))
    found = _borrowed_in(text, sources)
    if own and pid:
        found = [b for b in found if b["phrase"] != pid]
        found.insert(0, {"phrase": pid, "category": "", "text": text, "sources": own})
    segment["sources"] = found
    return segment


def _source_list(source) -> list[dict]:
    if not source:
        return []
    items = source if isinstance(source, list) else [source]
    out = []
    for s in items:
        if isinstance(s, dict):
            out.append({"file": s.get("file"), "para": s.get("para")})
        elif hasattr(s, "file"):
            out.append({"file": s.file, "para": getattr(s, "para", None)})
    return out


def _borrowed_in(text: str, sources: list[dict]) -> list[dict]:
    """The borrowed lines printed in this text (whole or as a clause), with their sources."""
    out = []
    for b in sources:
        line = b["text"].rstrip("。；，！？")
        if line and line in text:
            out.append({"phrase": b["phrase"], "category": b["category"], "text": b["text"],
                        "sources": b["sources"]})
    return out


def lint(paragraphs: list[str]) -> list[dict]:
    """Lint findings for the paragraphs the page shows (1-based ``paragraph``; 0: the whole)."""
    from drafter.lint import lint_paragraphs  # noqa: PLC0415 - +150 ms CPU at server start (measured): on the first proofread
    report = lint_paragraphs(paragraphs, file=_("draft"))
    return [{"paragraph": f.paragraph, "level": f.level, "rule": f.rule, "message": translate(f.message),
             "excerpt": f.excerpt} for f in report.findings]
