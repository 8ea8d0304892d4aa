"""``phrases import FILE``: a list of lines (one phrase each) or a speech to harvest.

A file of short lines is a writer's own list (a .txt of 金句, a .docx a colleague sent):
each line becomes a phrase of the given category. A speech (long paragraphs, a title,
numbered sections) is harvested by the miner, as ``drafter mine`` would, but added as
the user's own entries so a re-mine of the corpus never drops them.
"""

from __future__ import annotations

from pathlib import Path

from drafter.bank.edit import AddReport, add_many
from drafter.bank.phrase import Phrase, Source
from drafter.errors import BankError
from drafter.i18n import _
from drafter.normalize import paragraphs
from drafter.parser import parse_doc
from drafter.readers import read

#: a file whose every paragraph is at most this long is a list of lines, not a speech
LINE_MAX = 60


def _paragraphs(path: Path) -> tuple[object, list]:
    raw = read(path)
    return raw, paragraphs(raw.text, rejoin=False)


def looks_like_lines(paras: list) -> bool:
    return bool(paras) and all(len(p.text) <= LINE_MAX for p in paras)


def phrases_from_lines(paras: list, source: str, category: str, tags=()) -> list[Phrase]:
    return [Phrase(id="", text=p.text, category=category, tags=list(tags), count=1,
                   sources=[Source(source, n)], origin="user")
            for n, p in enumerate(paras, 1) if p.text.strip()]


def phrases_from_speech_file(raw, source: str) -> list[Phrase]:
    try:
        from drafter.mining import phrases_from_speech  # noqa: PLC0415 - mining +230 ms CPU (measured): speeches only, not --lines
    except ImportError:
        raise BankError(_("harvesting a speech needs drafter.mining.phrases_from_speech, which this "
                        "install lacks; import it line by line with --lines"), path=source) from None
    return list(phrases_from_speech(parse_doc(raw, source=source), source))


def import_file(bank_dir: str | Path, path: str | Path, *, category: str | None = None,
                tags=(), mode: str = "auto", create_category: bool = False) -> AddReport:
    """Add the phrases of ``path`` to the bank; duplicates and invalid lines are skipped."""
    path = Path(path)
    raw, paras = _paragraphs(path)
    if mode == "auto":
        mode = "lines" if looks_like_lines(paras) else "speech"
    if mode == "lines":
        if not category:
            raise BankError(_("importing lines needs --category (which category the lines are)"),
                            path=path)
        phrases = phrases_from_lines(paras, path.name, category, tags)
    else:
        phrases = phrases_from_speech_file(raw, path.name)
        if category:
            phrases = [p for p in phrases if p.category == category]
        for p in phrases:
            p.tags = [*p.tags, *[t for t in tags if t not in p.tags]]
    return add_many(bank_dir, phrases, create_category=create_category or mode == "speech",
                    revive=mode == "lines")
