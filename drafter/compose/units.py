"""The bank as a draft sees it: units by role, each knowing its words, voice and ties.

A *unit* is one bank line that can stand in a speech as a whole sentence: its printed form,
its rhetorical role (drafter/roles.py), the content words it is about (drafter/words.py), the
level of government it speaks as, what ties it to its source, the slots it needs. ``BankView``
is opened once per draft over the bank's phrases (or, for a big bank, the pool drawn through
its index) and answers the questions composing asks: which units of a role may this speech
use, and how relevant each is to a place of it.

Lines that cannot be a sentence (fragments, bare series), lines in another speaker's voice,
and lines tied to another place, year, meeting or dated campaign are not units of this draft.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field

from drafter import roles, sectors
from drafter.compose.analysis import Analysis, AnalysisCache
from drafter.compose.shape import local, shape
from drafter.words import STOPWORDS, compounds, content_words, strong_compounds

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

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def phrase(self) -> str:
        """The bank phrase this unit is, or is one measure of (举措-1a2b~2 → 举措-1a2b)."""
        return self.id.split("~", 1)[0]


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


class Speech:
    """What the outline says about its occasion: type, year, speaker level, wanted words."""

    def __init__(self, outline):
        self.type = outline.type
        self.year = _year(outline.date)
        self.level = roles.speaker_level(outline.title, outline.speaker or "", outline.vars)
        self.wanted = " ".join(filter(None, [outline.title, outline.theme or ""]))
        #: the content words of the title and theme
        self.words = content_words(self.wanted)
        self.places = " ".join(str(v) for v in outline.vars.values())
        self.vars = outline.vars
        #: the fields of work the whole speech is about: title, theme, the speaker's office
        self.fields = sectors.names(" ".join([self.wanted, outline.speaker or "", self.places]))

    def admits(self, a: Analysis) -> bool:
        """May a line so analysed be said in this speech (voice, ties)?"""
        return self.fits(a.level, a.ties)

    def fits(self, level: str | None, ties: tuple[tuple[str, str], ...]) -> bool:
        """May a line speaking as ``level``, with ``ties``, be said in this speech?"""
        if not roles.level_fits(level, self.level):
            return False
        for kind, text in ties:
            tie = roles.Tie(kind, text)
            if kind == "meeting" and roles.meeting_fits(text, self.type):
                continue
            if not roles.tie_allowed(tie, year=self.year, wanted=self.wanted, places=self.places):
                return False
        return True


def _year(date) -> int:
    if date:
        m = re.match(r"(\d{4})", str(date))
        if m:
            return int(m.group(1))
    return _dt.date.today().year


#: what a draft keeps of a bank line before it knows the occasion (see ``prepare``): the line's
#: id, printed text, role, category, words, compounds, tags, slots, sources, fields of work
#: (as pairs), the level it speaks as, its ties, the newest year of its sources (None when a
#: source is undated or it has none) and where a placed line goes (PLACED, or None). Plain
#: data only, so a prepared bank can be kept on disk (compose/prepared.py).
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
    return (key or p.id, text, a.role, p.category, a.words, a.compounds, tuple(p.tags), slots,
            list(p.sources), a.fields, a.level, a.ties, _newest(p.sources, source_years),
            PLACED.get(p.category))


def _newest(sources, source_years: dict[str, int]) -> int | None:
    """The year of a line's newest source, or None when one is undated (or it has none)."""
    years = []
    for src in sources or ():
        name = src.get("file", "") if isinstance(src, dict) else str(src)
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
        words, comps = line[4], line[5]
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


class _WordCounts(Mapping):
    """Word → how many of a view's units hold it among their words (``BankView.df``), counted
    when first asked: a draft asks of a few hundred words, a bank holds tens of thousands."""

    def __init__(self, view: "BankView"):
        self._view = view
        self._known: dict[str, int] = {}
        self._all: dict[str, int] | None = None

    def _count(self, word: str) -> int:
        n = self._known.get(word)
        if n is None:
            at = self._view._at
            n = self._known[word] = sum(1 for i in _positions(self._view._index[0].get(word)) if at[i] is not None)
        return n

    def __getitem__(self, word: str) -> int:
        n = self._count(word) if isinstance(word, str) else 0
        if not n:
            raise KeyError(word)
        return n

    def get(self, word, default=None):
        n = self._count(word) if isinstance(word, str) else 0
        return n if n else default

    def __contains__(self, word) -> bool:
        return isinstance(word, str) and self._count(word) > 0

    def _whole(self) -> dict[str, int]:
        if self._all is None:
            counts: dict[str, int] = {}
            for u in self._view.units:
                for w in u.words:
                    counts[w] = counts.get(w, 0) + 1
            self._all = counts
        return self._all

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class BankView:
    """The units a draft may use, by role, and how relevant each is to a place."""

    def __init__(self, phrases, speech: Speech, cache: AnalysisCache | None = None,
                 source_years: dict[str, int] | None = None, prepared: list[Prepared] | None = None,
                 index: LineIndex | None = None):
        """The units of ``phrases`` this speech may use; ``prepared`` (from ``prepare``, the
        same phrases, cache and source years) stands for all three when it is given, and
        ``index`` is ``index_lines(prepared)`` when it was kept with them."""
        self.speech = speech
        if prepared is None:
            prepared = prepare(phrases, cache or AnalysisCache(None), source_years)
        self._index = index if index is not None else index_lines(prepared)
        self.units: list[Unit] = []
        self.placed: dict[str, list[Unit]] = {"opening": [], "closing": [], "transition": []}
        #: position of a prepared line → its unit, when it is one of ``units``
        self._at: list[Unit | None] = [None] * len(prepared)
        seen: set[str] = set()
        oldest = speech.year - STALE_YEARS
        admits = speech.fits
        wanted = speech.vars
        for i, (uid, text, role, category, words, comps, tags, slots, sources, fields, level, ties,
                newest, where) in enumerate(prepared):
            if not admits(level, ties):
                continue  # another speaker's voice, another place, year or meeting
            if slots and any(s not in wanted for s in slots):
                continue  # a line whose slot nothing fills never prints 〔待补充〕 in a new speech
            if newest is not None and newest < oldest and role not in TIMELESS:
                continue  # a task or a claim of another time: its 提法 have moved on
            if text in seen:
                continue
            seen.add(text)
            if where == "skip":
                continue
            unit = Unit(id=uid, text=text, role=role, category=category, words=words, compounds=comps,
                        tags=tags, slots=slots, sources=list(sources), fields=dict(fields))
            if where:
                self.placed[where].append(unit)
            else:
                self.units.append(unit)
                self._at[i] = unit
        self.n = max(len(self.units), 1)
        #: word → how many units hold it (a Mapping, counted as asked)
        self.df = _WordCounts(self)
        #: word or compound → the units holding it, so a place looks only at units it shares a word with
        self._by_word: dict[str, list[Unit]] = {}
        self._scored: dict[About, list[tuple[float, Unit]]] = {}

    def _holding(self, word: str) -> list[Unit]:
        """The units holding ``word`` among their words or compounds, in the view's order."""
        got = self._by_word.get(word)
        if got is None:
            at = self._at
            spots = sorted(_positions(self._index[0].get(word)) + _positions(self._index[1].get(word)))
            got = self._by_word[word] = [u for i in spots if (u := at[i]) is not None]
        return got

    def idf(self, word: str) -> float:
        c = self.df.get(word, 0)
        return math.log((self.n + 1) / (c + 0.5)) if c else math.log(self.n + 1)

    def of_roles(self, wanted: tuple[str, ...]) -> list[Unit]:
        return [u for u in self.units if u.role in wanted]

    def scored(self, about: "About") -> list[tuple[float, Unit]]:
        """Every unit above the floor for ``about`` with its score, best first (cached: a draft
        asks for each place several times while it fits the length)."""
        cached = self._scored.get(about)
        if cached is None:
            words = about.words | about.compounds
            pool = {id(u): u for w in words for u in self._holding(w)}
            scored = ((self.relevance(u, about), u) for u in pool.values())
            cached = sorted(((score, u) for score, u in scored if score is not None),
                            key=lambda t: (-t[0], t[1].id))
            if cached:  # far below what the best lines for a place score, a line is about something else
                floor = cached[min(len(cached), REFERENCE_RANK) - 1][0] * RELATIVE_FLOOR
                cached = [t for t in cached if t[0] >= floor]
            self._scored[about] = cached
        return cached

    def general(self, wanted: tuple[str, ...], about: "About") -> list[tuple[float, Unit]]:
        """Units of ``wanted`` roles that may serve a place though they share no word with it:
        a shortfall or a commitment of the genre (服务观念不强, 下一步，我将…) fits any part
        that takes stock or pledges, as long as it shares a word with the title or the theme and
        speaks of no other field of work than the place's, the speech's, or the party's own."""
        allowed = about.fields | self.speech.fields | sectors.names("党的建设")
        said = about.words | about.theme | self.speech.words
        out = [(self.score(u, about), u) for u in self.units
               if u.role in wanted and not sectors.off_field(u.fields, allowed) and held(u.words, said)]
        out.sort(key=lambda t: (-t[0], t[1].id))
        return out

    def score(self, unit: Unit, about: "About") -> float:
        """Relevance of ``unit`` to a place: the rarity of the content words they share (a word
        all lines hold says little), compounds written together counting double, the theme's
        words a little less than the place's own."""
        return self._score(unit, about, held(unit.words, about.words), held(unit.words, about.theme))

    def _score(self, unit: Unit, about: "About", shared: frozenset[str], theme: frozenset[str]) -> float:
        s = sum(self.idf(w) for w in shared)
        s += sum(2 * self.idf(c) for c in unit.compounds & about.strong)
        s += THEME_WEIGHT * sum(self.idf(w) for w in theme - shared)
        return s

    def relevant(self, unit: Unit, about: "About") -> bool:
        return self.relevance(unit, about) is not None

    def relevance(self, unit: Unit, about: "About") -> float | None:
        """``score`` when the unit is above the floor for the place, else None. Above the floor: the unit shares with the place itself a content word that is not in
        most lines of the bank, and says more than one word of it — two distinct words of the
        place or the theme, a compound written together, or one long specific term
        (作风, 新质生产力): a line that shares only 服务 with 在服务群众上求实效 is about
        something else."""
        # the speech's fields (its title, the speaker's office) widen a place only when the place
        # and the theme name none: a 组织部 speaker's 干部 lines do not serve a section on 人才
        if sectors.off_field(unit.fields, about.fields or self.speech.fields):
            return None  # it shares a word, but speaks of other work (人才 under 青年工作)
        if about.named and not about.named & set(unit.fields) and not unit.compounds & about.strong:
            return None  # a heading on 人才 is served by lines on 人才, not on 干部 who 干事创业
        if about.own:
            mine = held(unit.words, about.own)
            if not mine or len(mine) < min(len(unit.words & about.rivals) + 1, OWN_ENOUGH):
                return None  # under 蓝天保卫战 a line on 大气, not one on 水 or on all three
        shared = held(unit.words, about.words)
        theme = held(unit.words, about.theme)
        said = shared | theme | (unit.compounds & about.strong)
        if len(said) < min(COVERAGE * len(unit.words), COVERAGE_CAP):
            return None  # a long line touching the place in one word is about something else
        rare = max(self.n * RARE_SHARE, SPECIFIC_MIN)
        if not any(self.df.get(w, 0) <= rare for w in shared):
            return None
        score = self._score(unit, about, shared, theme)
        if score < FLOOR:
            return None
        if unit.compounds & about.strong:
            return score
        if unit.role == "举措":
            # a measure is a plan of action: it must be about this place, not near its theme
            return score if len(shared) >= 2 else None
        if len(shared | theme) >= 2:
            return score
        if shared and len(about.words) == 1:
            return score  # the place names one thing (推动高质量发展), and the line speaks of it
        if len(about.words) >= 3 and not shared & about.theme:
            return None  # a place that names three things is served by a line sharing one only on theme
        specific = max(self.n * SPECIFIC_SHARE, SPECIFIC_MIN)
        return score if any(self.df.get(w, 0) <= specific for w in shared) else None


def held(words: frozenset[str], wanted: frozenset[str]) -> frozenset[str]:
    """The wanted words a line holds, less those that are only part of a longer wanted word
    the line does not hold: 统一 in a line on 内在统一 does not speak of 统一战线."""
    shared = words & wanted
    return frozenset(w for w in shared if not any(_narrows(w, v) and v not in words for v in wanted))


def _narrows(word: str, longer: str) -> bool:
    """Is ``longer`` ``word`` with another content word (统一 → 统一战线), not with an
    all-purpose one (调查 → 深入调查)?"""
    if word == longer or word not in longer:
        return False
    rest = longer.replace(word, "", 1)
    return len(rest) >= 2 and rest not in STOPWORDS


#: a line scoring under this share of the REFERENCE_RANK-th best line for a place is not used there
RELATIVE_FLOOR = 0.15
REFERENCE_RANK = 6
#: the theme's words count this much of a place's own words
THEME_WEIGHT = 0.7
#: one shared word alone makes a line relevant only when this few of the bank's lines hold it
SPECIFIC_SHARE = 0.02
#: … or held by at most this many lines, in a small bank
SPECIFIC_MIN = 3
#: a shared word must be in at most this share of the bank's lines to make a line relevant
RARE_SHARE = 0.2
#: a line holding this many of a point's own words speaks of it, whatever else it lists
OWN_ENOUGH = 2
#: the lowest relevance a line may have to be used in a place
FLOOR = 2.0
#: at least this share of a line's content words must be the place's or the theme's
COVERAGE = 0.12
#: … but never more than this many words, however long the line
COVERAGE_CAP = 2
#: lines of these roles travel across the years; others from sources all older than
#: STALE_YEARS before the speech are not used (their tasks and 提法 have moved on)
TIMELESS = ("引语", "金句", "论述", "要求", "表态", "查摆")
STALE_YEARS = 8


@dataclass(frozen=True)
class About:
    """What a place of the speech is about: its own words, and the theme's."""

    words: frozenset[str]
    compounds: frozenset[str]
    theme: frozenset[str]
    strong: frozenset[str] = frozenset()
    #: the fields of work the place and the theme name (drafter/sectors.py)
    fields: frozenset[str] = frozenset()
    #: the fields the place's own heading names, with their neighbours: a line must speak of one
    named: frozenset[str] = frozenset()
    #: a point's own words: those of its heading that its section's heading, the theme and its
    #: sibling points do not hold (蓝天 of 坚持打好蓝天保卫战 under 打好污染防治攻坚战)
    own: frozenset[str] = frozenset()
    #: the sibling points' own words (碧水, 净土): a line holding as many of them as of the
    #: point's own is about the section, not this point
    rivals: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, theme: str = "", *, heading: str = "", above: str = "",
           siblings: tuple[str, ...] = ()) -> "About":
        """``text`` is everything the place is about; ``heading`` its own heading, ``above``
        the heading of the section a point is in and ``siblings`` the other points' headings
        (with the words their subjects imply, sectors.implied)."""
        named = sectors.names(heading) if heading else frozenset()
        own: frozenset[str] = frozenset()
        rivals: frozenset[str] = frozenset()
        if heading and above:
            base = content_words(above) | content_words(theme)
            theirs = [content_words(s) - base for s in siblings]
            others = frozenset().union(*theirs) if theirs else frozenset()
            own = content_words(heading) - base - others
            rivals = others - content_words(heading)
        return cls(content_words(text), compounds(text), content_words(theme), strong_compounds(text),
                   sectors.names(text + " " + theme), named, own, rivals)
