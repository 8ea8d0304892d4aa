"""The fields of work (领域) a line speaks of: 教育, 安全生产, 干部人事 …

One definition, in data/sectors.yaml (field → the words that name it). ``fields(text)``
counts, per field, the words of it a text holds (longest word first, each place of the text
counted once). The composer uses it to keep a line out of a section it merely shares a word
with: a line mostly about fields the section does not name is about something else
(``off_field``).
"""

from __future__ import annotations

import re
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
def _table() -> tuple[re.Pattern, dict[str, str], dict[str, frozenset[str]]]:
    raw = _raw()
    field_of: dict[str, str] = {str(w): _NEUTRAL for w in raw.get("neutral") or ()}
    for field, words in raw["fields"].items():
        for w in words:
            field_of.setdefault(str(w), str(field))
    near: dict[str, frozenset[str]] = {}
    for group in raw.get("neighbours") or ():
        for f in group:
            near[str(f)] = near.get(str(f), frozenset()) | frozenset(map(str, group))
    alternation = "|".join(re.escape(w) for w in sorted(field_of, key=len, reverse=True))
    return re.compile(alternation), field_of, near


def fields(text: str) -> Counter:
    """How many distinct words of each field ``text`` names (a word said twice counts once)."""
    pattern, field_of, _near = _table()
    return Counter(field_of[w] for w in {m.group(0) for m in pattern.finditer(text)}
                   if field_of[w] != _NEUTRAL)


def terms(text: str) -> frozenset[str]:
    """The words of fields of work ``text`` names (危险化学品, 消防), neutral phrases left out."""
    pattern, field_of, _near = _table()
    return frozenset(w for w in {m.group(0) for m in pattern.finditer(text)} if field_of[w] != _NEUTRAL)


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
