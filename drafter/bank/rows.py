"""A phrase as one row of the index: the columns it is kept in and rebuilt from.

Lists go in one column each: strings joined by a unit separator (``\\x1f``), sources as
``file\\x1epara``; JSON (after a NUL) when that would be ambiguous. The fast reader
(fastparse.py) builds these rows straight from the YAML, without a Phrase in between.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from drafter.bank.phrase import Phrase, Source

#: the columns a Phrase is rebuilt from, in order
ROW = "id, text, category, tags, slots, count, sources, origin, extra, fold"
US, RS = "\x1f", "\x1e"


def pack(items: list[str]) -> str:
    """A list of strings in one column: joined by a unit separator, JSON when that is ambiguous."""
    if any(not i or US in i or RS in i or i[0] == "\0" for i in items):
        return "\0" + json.dumps(items, ensure_ascii=False)
    return US.join(items)


def unpack(text: str) -> list[str]:
    if not text:
        return []
    if text[0] == "\0":
        return json.loads(text[1:])
    return text.split(US)


def pack_sources(sources: Sequence[tuple[str, int]]) -> str:
    """``Source`` values or plain (file, para) pairs, packed for the index."""
    files = [s[0] for s in sources]
    if any(not f or US in f or RS in f or f[0] == "\0" for f in files):
        return "\0" + json.dumps([[s[0], s[1]] for s in sources], ensure_ascii=False)
    return US.join(f"{f}{RS}{n}" for f, n in sources)


def unpack_sources(text: str) -> list[Source]:
    """The sources of a packed column, sorted and without repeats (as a file is read)."""
    if not text:
        return []
    if text[0] == "\0":
        return sorted({Source(f, n) for f, n in json.loads(text[1:])})
    out = []
    for item in text.split(US):
        file, _, para = item.rpartition(RS)
        out.append(Source(file, int(para)))
    return out if len(out) == 1 else sorted(set(out))


def source_files(text: str) -> list[str]:
    """The file of each source in a packed sources column."""
    if not text:
        return []
    if text[0] == "\0":
        return [f for f, _n in json.loads(text[1:])]
    return [item.rpartition(RS)[0] for item in text.split(US)]


def row_of(p: Phrase) -> tuple:
    """The ROW columns of a phrase."""
    extra = json.dumps(p.extra, ensure_ascii=False, default=str) if p.extra else ""
    return (p.id, p.text, p.category, pack(p.tags), pack(p.slots), p.count,
            pack_sources(p.sources), p.origin, extra, p.key)


def phrase_from_row(row: tuple) -> Phrase:
    pid, text, category, tags, slots, count, sources, origin, extra, folded = row
    p = Phrase(pid, text, category, unpack(tags), unpack(slots), count,
               unpack_sources(sources), origin,
               json.loads(extra) if extra else {})
    p.__dict__["_key"] = (text, folded)
    return p
