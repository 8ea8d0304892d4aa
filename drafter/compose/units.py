"""The bank as a draft sees it, step one: the lines that can be units, and what each knows.

A *unit* is one bank line that can stand in a speech as a whole sentence: its printed form,
its rhetorical role (drafter/roles.py), the content words it is about (drafter/words.py), the
fields of work it names (drafter/sectors.py), the level of government it speaks as, what ties
it to its source, the slots it needs. ``prepare`` works this out once per bank, for every line,
before any outline is known (kept on disk by compose/prepared.py: anything a ``Unit`` holds is
made here and covered by that cache's fingerprint). Then:

* compose/admission.py — which prepared lines a speech may use at all (``Speech``,
  ``BankView``): voice, level, ties to another place, year, meeting or dated campaign, slots,
  age;
* compose/relevance.py — how relevant an admitted unit is to one place of the speech
  (``About``, the floor, the field and head-word checks).

Lines that cannot be a sentence (fragments, bare series), speak of one place, or are too
short or too long are not units of any draft.
"""

from __future__ import annotations

import marshal
import re
from array import array
from dataclasses import dataclass, field

from drafter import roles
from drafter.compose.analysis import AnalysisCache
from drafter.compose.shape import local, shape

#: categories whose lines are placed by position, not by relevance to a section
PLACED = {"开篇": "opening", "结尾": "closing", "过渡": "transition", "标题": "skip"}
#: a unit shorter than this says too little to stand as a sentence of a body
MIN_CHARS = 7
#: one measure of a listing line stands as a unit of its own when it is this long (see _clauses)
CLAUSE_MIN_CHARS = 8
CLAUSE_MAX_CHARS = 40
#: … and a longer one reads as a pasted paragraph
MAX_CHARS = 160
_END = "。！？"
#: a subjectless clause that reports rather than directs (深化了…, 迈出坚实步伐): never 要…
_STATEMENT_VERB = re.compile(r"了|取得|迈出|开启|开局|进展|显著|明显|成为|已经|不断增强|大幅")
_SLOT = re.compile(r"\{([^{}\s]{1,12})\}")


@dataclass
class Unit:
    id: str
    text: str          # as printed: a whole sentence, slots not yet filled
    role: str
    category: str
    words: frozenset[str]
    compounds: frozenset[str]
    tags: tuple[str, ...] = ()
    slots: tuple[str, ...] = ()
    sources: list[dict] = field(default_factory=list)
    #: field of work → how many of its words the line names (drafter/sectors.py)
    fields: dict = field(default_factory=dict)
    #: the year of the newest source that says it, when the sources have years (None: unknown)
    newest: int | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def phrase(self) -> str:
        """The bank phrase this unit is, or is one measure of (举措-1a2b~2 → 举措-1a2b)."""
        return self.id.split("~", 1)[0]


#: what a prepared line holds of the words and sources of a unit (see ``Prepared``)
_ABOUT = ("words", "compounds", "sources", "fields")


class StoredUnit(Unit):
    """A unit of a prepared bank read back from disk (compose/prepared.py), whose words,
    compounds, sources and fields stay in their marshalled bytes until first asked for: a
    draft asks for them of a few hundred of its thousands of units (521 of 6,243 for
    examples/研讨发言.yaml, measured), and making them all was most of reading the bank.
    Once read they are plain attributes, and the unit equals the ``Unit`` of the same line."""

    def __init__(self, id: str, text: str, role: str, category: str, tags: tuple[str, ...],
                 slots: tuple[str, ...], newest: int | None, about: bytes):
        self.id, self.text, self.role, self.category = id, text, role, category
        self.tags, self.slots, self.newest = tags, slots, newest
        self._about = about

    def __getattr__(self, name: str):  # only called for an attribute not set yet
        if name not in _ABOUT:
            raise AttributeError(name)
        words, compounds, sources, fields = marshal.loads(self._about)
        self.words, self.compounds, self.sources, self.fields = words, compounds, sources, dict(fields)
        return getattr(self, name)


def unit_of(uid: str, text: str, role: str, category: str, tags: tuple[str, ...], slots: tuple[str, ...],
            newest: int | None, about) -> Unit:
    """The unit of a prepared line: ``about`` is its (words, compounds, sources, fields), or
    those marshalled (a line read back from disk, ``StoredUnit``)."""
    if type(about) is bytes:
        return StoredUnit(uid, text, role, category, tags, slots, newest, about)
    words, compounds, sources, fields = about
    return Unit(id=uid, text=text, role=role, category=category, words=words, compounds=compounds,
                tags=tags, slots=slots, sources=list(sources), fields=dict(fields), newest=newest)


def as_sentence(text: str, category: str) -> str:
    """The line printed as one sentence, or '' when it cannot stand as one (a fragment)."""
    text = "".join(text.splitlines()).strip()
    if not text:
        return ""
    kind = shape(text, category)
    if text[-1] in _END:
        return text if kind != "fragment" or category in PLACED else ""
    if text.endswith("”") and len(text) > 1 and text[-2] in _END:
        return text
    if category in PLACED:
        return text + "。"
    if kind in ("sentence", "directive"):
        return text + "。"
    if kind == "verb" and 10 <= len(text) <= 60 and not _STATEMENT_VERB.search(text):
        return "要" + text + "。"
    return ""


#: what a draft keeps of a bank line before it knows the occasion (see ``prepare``): the line's
#: id, printed text, role, category, tags, slots, the level it speaks as, its ties, the newest
#: year of its sources (None when a source is undated or it has none), where a placed line goes
#: (PLACED, or None), and last what it is about: (words, compounds, sources, fields of work as
#: pairs), which admission never reads (kept on disk marshalled, read when a unit is asked for
#: them: ``StoredUnit``). Plain data only, so a prepared bank can be kept on disk
#: (compose/prepared.py).
Prepared = tuple


def prepare(phrases, cache: AnalysisCache, source_years: dict[str, int] | None = None) -> list[Prepared]:
    """Every line of ``phrases`` that may be a unit of some draft, and its measures, in order.

    What does not depend on the outline is settled here once per bank: a line that cannot be
    a sentence, speaks of one place (``local``), is too short or too long, or is a measure
    that is not one, is left out. Whether a draft may use the rest (voice, ties, slots, age)
    is ``BankView``'s question. Anything a ``Unit`` holds must come from here.
    """
    years = source_years or {}
    out: list[Prepared] = []
    for p in phrases:
        whole = _prepared(p, cache, years)
        if whole is not None:
            out.append(whole)
        for i, clause in _clauses(p):
            found = _prepared(p, cache, years, text=clause + "。", key=f"{p.id}~{i}")
            if found is not None:
                out.append(found)
    cache.save()
    return out


def _clauses(p) -> list[tuple[int, str]]:
    """The measures of a line that lists several (推进A，加强B，做好C。), each a unit of its
    own: a State Council list of tasks holds one or two a section can use, and a clause may
    travel where the whole line (with a national or dated clause) may not."""
    if p.category in PLACED or len(p.text) < 2 * CLAUSE_MIN_CHARS:
        return []
    parts = p.text.rstrip("。！？；").split("，")
    if len(parts) < 2 or not all(roles.MEASURE_START.match(c) for c in parts):
        return []
    return [(i, c) for i, c in enumerate(parts, 1) if CLAUSE_MIN_CHARS <= len(c) <= CLAUSE_MAX_CHARS]


def _prepared(p, cache: AnalysisCache, source_years: dict[str, int], text: str | None = None,
              key: str | None = None) -> Prepared | None:
    text = as_sentence(p.text, p.category) if text is None else text
    if not text:
        return None
    if p.category not in PLACED and (local(text) or not MIN_CHARS <= len(text) <= MAX_CHARS):
        return None  # another place or project; a fragment or a pasted paragraph
    a = cache.get(text, p.category)
    if key is not None and a.role != "举措":
        return None
    slots = tuple(s for s in p.slots if s and "{" + s + "}" in text)
    fields = len(a.fields)
    if key is not None:  # a measure holding its line's series speaks as the line does
        fields = max(fields, len(cache.get(as_sentence(p.text, p.category) or p.text, p.category).fields))
    return (key or p.id, text, a.role, p.category, tuple(p.tags), slots,
            roles.source_level(text, a.level, fields, [_file(s) for s in p.sources]),
            a.ties, _newest(p.sources, source_years), PLACED.get(p.category),
            (a.words, a.compounds, list(p.sources), a.fields))


def _file(src) -> str:
    """The file a source (a bank ``Source``, its dict, or a name) names."""
    if isinstance(src, dict):
        return str(src.get("file", ""))
    return str(getattr(src, "file", src))


def _newest(sources, source_years: dict[str, int]) -> int | None:
    """The year of a line's newest source, or None when one is undated (or it has none)."""
    years = []
    for src in sources or ():
        name = _file(src)
        year = source_years.get(name) or roles.source_year(name)
        if year is None:
            return None
        years.append(year)
    return max(years) if years else None


#: where each word of the prepared lines is (see ``index_lines``): word → positions in the
#: list, as the bytes of an ``array("I")``; compounds apart, for the lines whose words lack them
LineIndex = tuple


def index_lines(lines: list[Prepared]) -> LineIndex:
    """(word → positions of the lines holding it among their words, compound → positions of
    the lines holding it among their compounds only): what ``BankView`` counts and looks up
    words by, made once per bank with its prepared lines."""
    by_word: dict[str, array] = {}
    by_compound: dict[str, array] = {}
    for i, line in enumerate(lines):
        words, comps = line[-1][0], line[-1][1]
        for w in words:
            got = by_word.get(w)
            if got is None:
                got = by_word[w] = array("I")
            got.append(i)
        for c in comps:
            if c not in words:
                got = by_compound.get(c)
                if got is None:
                    got = by_compound[c] = array("I")
                got.append(i)
    return ({w: a.tobytes() for w, a in by_word.items()}, {c: a.tobytes() for c, a in by_compound.items()})


def _positions(packed: bytes | None) -> array:
    out = array("I")
    if packed:
        out.frombytes(packed)
    return out
