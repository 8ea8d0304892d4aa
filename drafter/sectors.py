"""The fields of work (领域) a line speaks of: 教育, 安全生产, 干部人事 …

One definition, in data/sectors.yaml (field → the words that name it). ``fields(text)``
counts, per field, the words of it a text holds (longest word first, each place of the text
counted once). The composer uses it to keep a line out of a section it merely shares a word
with: a line mostly about fields the section does not name is about something else
(``off_field``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from drafter.yamlfile import safe_load

#: the field of a neutral set phrase (干事创业): matched, counted for no field
_NEUTRAL = ""


@lru_cache(maxsize=1)
def _raw() -> dict:
    return safe_load(resources.files("drafter.data").joinpath("sectors.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, frozenset[str]]]:
    """(first character → the words starting with it, longest first; word → its field; field →
    its neighbours)."""
    raw = _raw()
    field_of: dict[str, str] = {str(w): _NEUTRAL for w in raw.get("neutral") or ()}
    for field, words in raw["fields"].items():
        for w in words:
            field_of.setdefault(str(w), str(field))
    near: dict[str, frozenset[str]] = {}
    for group in raw.get("neighbours") or ():
        for f in group:
            near[str(f)] = near.get(str(f), frozenset()) | frozenset(map(str, group))
    starting: dict[str, list[str]] = {}
    for w in sorted((w for w in field_of if w), key=len, reverse=True):
        starting.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in starting.items()}, field_of, near


def _found(text: str) -> set[str]:
    """The words of sectors.yaml ``text`` holds, read left to right: at each place the longest
    word starting there, and the next word looked for after it (what a regular expression of
    all the words, longest first, finds; a first-character table instead, since compiling that
    expression of ~750 words cost more than a draft's lookups)."""
    starting = _table()[0]
    found: set[str] = set()
    i, end = 0, len(text)
    while i < end:
        for w in starting.get(text[i], ()):
            if text.startswith(w, i):
                found.add(w)
                i += len(w)
                break
        else:
            i += 1
    return found


def fields(text: str) -> Counter:
    """How many distinct words of each field ``text`` names (a word said twice counts once)."""
    field_of = _table()[1]
    return Counter(field_of[w] for w in _found(text) if field_of[w] != _NEUTRAL)


def terms(text: str) -> frozenset[str]:
    """The words of fields of work ``text`` names (危险化学品, 消防), neutral phrases left out."""
    field_of = _table()[1]
    return frozenset(w for w in _found(text) if field_of[w] != _NEUTRAL)


def field_of(word: str) -> str:
    """The field a word of sectors.yaml belongs to ('' when it is neutral or no field's)."""
    return _table()[1].get(word, _NEUTRAL)


@lru_cache(maxsize=1)
def generic() -> frozenset[str]:
    """Words that say what is wanted of a thing, not the thing (安全, 振兴: sectors.yaml ``generic``)."""
    return frozenset(map(str, _raw().get("generic") or ()))


def implied(text: str) -> str:
    """The words of the lines that speak of the subjects ``text`` names (蓝天 → 大气 颗粒物 …),
    space-separated, or '' (sectors.yaml, ``implies``)."""
    table = _raw().get("implies") or {}
    return " ".join(" ".join(map(str, words)) for key, words in table.items() if str(key) in text)


def names(text: str) -> frozenset[str]:
    """The fields ``text`` names at all, with their neighbours (see sectors.yaml)."""
    near = _table()[2]
    out: set[str] = set()
    for f in fields(text):
        out |= near.get(f, {f})
    return frozenset(out)


#: a line naming this many fields none of which the place names is a list of other work
OMNIBUS_FIELDS = 3


def off_field(line_fields: Mapping[str, int], allowed: frozenset[str]) -> bool:
    """Is a line with these field counts about other work than ``allowed`` fields? True when
    it names more words of other fields than of the allowed ones, or names several other
    fields at once (a State Council list of tasks)."""
    if not line_fields:
        return False
    on = sum(n for f, n in line_fields.items() if f in allowed)
    off = sum(n for f, n in line_fields.items() if f not in allowed)
    if off > on:
        return True
    return len([f for f in line_fields if f not in allowed]) >= OMNIBUS_FIELDS
