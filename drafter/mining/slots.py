"""Anonymised spots in the corpus (XX, **, *, A总书记) turned into slots and canonical text.

Published speeches are scrubbed before they are shared: place names become ``XX`` or ``**``,
figures ``*``/``**``, and the leader's name ``A``. A phrase mined with the scrubbing left in
is useless to a writer, so mining rewrites each spot:

* an alias (``A总书记``) becomes its canonical form (``习近平总书记``), from the alias table;
* any other mark becomes a named slot ``{地名}``, ``{数字}`` or ``{姓名}``, the name chosen from
  the characters around it (``**所`` is a figure, ``XX区委`` a place, ``XX同志`` a person).

``source_regex`` undoes both, so a phrase can be found again in the paragraph it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from drafter.errors import BankError
from drafter.i18n import _
from drafter.yamlfile import parse_yaml, read_text

#: anonymised form → canonical form; user-editable copies live in ``aliases.yaml``
DEFAULT_ALIASES: dict[str, str] = {
    "A总书记": "习近平总书记",
    "A同志": "习近平同志",
    "A新时代中国特色社会主义思想": "习近平新时代中国特色社会主义思想",
    "A经济思想": "习近平经济思想",
    "A生态文明思想": "习近平生态文明思想",
    "A法治思想": "习近平法治思想",
    "A强军思想": "习近平强军思想",
    "A外交思想": "习近平外交思想",
    "A文化思想": "习近平文化思想",
}

#: slot names and what they stand for (documentation for aliases.yaml and the drafting helper)
SLOT_NAMES: dict[str, str] = {
    "地名": "a place, region or unit name scrubbed as XX / **",
    "数字": "a figure scrubbed as * / ** (counts, percentages, ranks)",
    "姓名": "a person's name scrubbed as XX",
}

#: a scrubbing mark: XX (Latin or full-width) or a run of asterisks, not part of a Latin word
MARK_RE = re.compile(r"(?<![A-Za-z])(?:[XＸ]{2,3}|[*＊]{1,3})(?![A-Za-z])")
#: what a slot may stand for when searching the corpus form again
MARK_SOURCE = r"(?:[XＸ]{2,3}|[*＊]{1,3})"

_FIGURE_AFTER = re.compile(r"[0-9０-９%％个所家岁人项万亿元位名次条件倍多余户年月日天周届批期座台辆吨亩]")
_PERSON_AFTER = re.compile(r"同志|书记|市长|县长|区长|主任|局长|部长|省长")
_PLACE_AFTER = re.compile(r"[省市区县镇乡村州盟旗]")
_SLOT_RE = re.compile(r"\{([^{}]+)\}")


def slot_for(text: str, start: int, end: int) -> str:
    """Name the slot a mark at ``text[start:end]`` stands for, from its neighbours."""
    after = text[end:end + 2]
    before = text[start - 1:start] if start else ""
    if _PLACE_AFTER.match(after):
        return "地名"
    if _PERSON_AFTER.match(after):
        return "姓名"
    if _FIGURE_AFTER.match(after) or before.isdigit() or before in "第约近超达":
        return "数字"
    return "地名"


class Slotter:
    """Rewrites corpus text: aliases to canonical form, marks to ``{slot}`` (fast when clean)."""

    def __init__(self, aliases: dict[str, str] | None = None):
        self.aliases = dict(DEFAULT_ALIASES if aliases is None else aliases)
        keys = sorted(self.aliases, key=lambda k: (-len(k), k))
        self._alias_re = re.compile("|".join(map(re.escape, keys))) if keys else None
        firsts = {k[0] for k in keys}
        self._alias_firsts = re.compile("[" + re.escape("".join(sorted(firsts))) + "]") if firsts else None

    def __call__(self, text: str) -> str:
        if self._alias_re is not None and self._alias_firsts is not None and self._alias_firsts.search(text):
            text = self._alias_re.sub(lambda m: self.aliases[m.group(0)], text)
        if "X" in text or "*" in text or "Ｘ" in text or "＊" in text:
            text = MARK_RE.sub(lambda m: "{" + slot_for(m.string, m.start(), m.end()) + "}", text)
        return text


def slots_in(text: str) -> list[str]:
    """Named slots used in ``text``, in order of first use (the free slot ``{…}`` left out)."""
    names: list[str] = []
    for name in _SLOT_RE.findall(text):
        if name != "…" and name not in names:
            names.append(name)
    return names


@lru_cache(maxsize=4096)
def _source_regex(text: str, alias_items: tuple[tuple[str, str], ...]) -> re.Pattern:
    by_canonical: dict[str, list[str]] = {}
    for alias, canonical in alias_items:
        by_canonical.setdefault(canonical, []).append(alias)
    canon = sorted(by_canonical, key=lambda c: (-len(c), c))
    canon_re = re.compile("|".join(map(re.escape, canon))) if canon else None
    out: list[str] = []
    for i, piece in enumerate(re.split(r"(\{[^{}]+\})", text)):
        if i % 2:
            out.append(r".+?" if piece == "{…}" else MARK_SOURCE)
            continue
        pos = 0
        for m in canon_re.finditer(piece) if canon_re else ():
            out.append(re.escape(piece[pos:m.start()]))
            forms = [m.group(0)] + sorted(by_canonical[m.group(0)])
            out.append("(?:" + "|".join(map(re.escape, forms)) + ")")
            pos = m.end()
        out.append(re.escape(piece[pos:]))
    pattern = "".join(out)
    if text.endswith("。"):
        # a unit cut from a longer sentence (mining.extract.units_of) ends where its clause does
        pattern = pattern[:-1] + "[。，；：]"
    return re.compile(pattern)


def source_regex(text: str, aliases: dict[str, str] | None = None) -> re.Pattern:
    """A regex finding ``text`` in its corpus form: slots match marks, canonical text its aliases.

    The free slot ``{…}`` of a heading pattern matches any text; a closing 。 matches the
    ，；： where a unit cut from a longer sentence ended in its source.
    """
    aliases = DEFAULT_ALIASES if aliases is None else aliases
    return _source_regex(text, tuple(sorted(aliases.items())))


def load_aliases(path: str | Path) -> dict[str, str]:
    """The ``aliases:`` mapping of an aliases.yaml (missing file → the defaults)."""

    path = Path(path)
    if not path.exists():
        return dict(DEFAULT_ALIASES)
    data = parse_yaml(read_text(path, BankError), path, BankError) or {}
    table = data.get("aliases", data) if isinstance(data, dict) else None
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in table.items()):
        raise BankError(_("expected a mapping 'aliases: {anonymised form: canonical form}'"),
                        path=str(path), key="aliases")
    return dict(table)
