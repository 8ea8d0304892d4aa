"""A fast reader for phrase files in exactly the layout drafter writes.

PyYAML reads about 1 MB/s; a 100,000-phrase bank is ~20 MB. Files drafter wrote
(and small hand edits that keep the layout) are read line by line here instead, about
ten times faster. Anything outside that layout (comments, other quoting, unknown keys,
odd indentation) returns None and the caller falls back to PyYAML, so the result is
always what PyYAML would give.
"""

from __future__ import annotations

import json
import re

from drafter.bank.phrase import Phrase, Source
from drafter.bank.yamlio import _BLOCK_UNSAFE, _FLOW_UNSAFE, _plain_ok

_SOURCE = re.compile(r"  - \{file: (.+), para: (0|[1-9][0-9]*)\}\Z")
_ORDER = ("id", "text", "category", "tags", "slots", "count")


class _Bail(Exception):
    """The text is not in drafter's own layout."""


def _value(raw: str, flow: bool = False) -> str:
    if raw.startswith('"'):
        if not raw.endswith('"') or len(raw) < 2 or "\\" in raw and re.search(r"\\[^\"\\/bfnrtu]", raw):
            raise _Bail
        try:
            return json.loads(raw)
        except ValueError:
            raise _Bail from None
    if not _plain_ok(raw, _FLOW_UNSAFE if flow else _BLOCK_UNSAFE):
        raise _Bail
    return raw


def _flow_list(raw: str) -> list[str]:
    if raw == "[]":
        return []
    if not (raw.startswith("[") and raw.endswith("]")) or '"' in raw:
        raise _Bail
    return [_value(item, flow=True) for item in raw[1:-1].split(", ")]


def _entry(lines: list[str], default_category: str) -> Phrase:
    fields = {}
    for key, line in zip(_ORDER, lines):
        prefix = ("- " if key == "id" else "  ") + key + ": "
        if not line.startswith(prefix):
            raise _Bail
        fields[key] = line[len(prefix):]
    rest = lines[len(_ORDER):]
    if len(fields) != len(_ORDER) or not rest or not re.fullmatch(r"0|[1-9][0-9]*", fields["count"]):
        raise _Bail
    sources: list[Source] = []
    if rest[0] == "  sources: []":
        rest = rest[1:]
    elif rest[0] == "  sources:":
        rest = rest[1:]
        while rest and rest[0].startswith("  - {"):
            match = _SOURCE.match(rest[0])
            if not match:
                raise _Bail
            sources.append(Source(_value(match.group(1), flow=True), int(match.group(2))))
            rest = rest[1:]
    else:
        raise _Bail
    if len(rest) != 1 or not rest[0].startswith("  origin: "):
        raise _Bail
    text, category = _value(fields["text"]), _value(fields["category"])
    origin = _value(rest[0][len("  origin: "):])
    if not text or not category or not origin:
        raise _Bail
    return Phrase(id=_value(fields["id"]), text=text, category=category,
                  tags=_flow_list(fields["tags"]), slots=_flow_list(fields["slots"]),
                  count=int(fields["count"]), sources=sorted(set(sources)), origin=origin)


def _odd_entry(chunk: str, default_category: str) -> Phrase:
    """One entry outside the layout (say, with a hand-added key): PyYAML on just that entry."""
    import yaml

    from drafter.bank.yamlio import _Loader, phrase_from_dict
    try:
        data = yaml.load(chunk, Loader=_Loader)
        if not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)):
            raise _Bail
        return phrase_from_dict(data[0], default_category)
    except (yaml.YAMLError, ValueError):
        raise _Bail from None


def fast_parse(text: str, default_category: str) -> list[Phrase] | None:
    """The entries of a phrase file, or None when it is not in drafter's own layout.

    Entries that each start with ``- id:`` at the start of a line but are otherwise laid
    out differently (a hand-added key) are read one by one with PyYAML, so one odd entry
    does not make a big file slow to read.
    """
    if not text:
        return []
    if not text.endswith("\n") or not text.startswith("- id: "):
        return None
    out = []
    try:
        for i, chunk in enumerate(text[:-1].split("\n- id: ")):
            chunk = chunk if i == 0 else "- id: " + chunk
            try:
                out.append(_entry(chunk.split("\n"), default_category))
            except _Bail:
                out.append(_odd_entry(chunk, default_category))
    except _Bail:
        return None
    return out
