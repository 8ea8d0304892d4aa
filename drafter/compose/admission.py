"""The bank as a draft sees it, step two: which prepared lines a speech may use at all.

``Speech`` is what the outline says about its occasion (type, year, the speaker's level, the
title's and theme's words, the fields of work of the title, theme and the speaker's office).
``BankView`` is opened once per draft over the prepared lines (compose/units.py): it admits
the lines this speech may say — not another level's voice, not tied to another place, year,
meeting or a campaign that is not current, no slot the outline cannot fill, not a task of a
source too old — and asks compose/relevance.py how relevant each admitted unit is to a place.
Everything here depends on the outline, so none of it is kept in the prepared bank.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping

from drafter import roles, sectors
from drafter.compose import relevance
from drafter.compose.analysis import Analysis, AnalysisCache
from drafter.compose.relevance import About, held
from drafter.compose.units import LineIndex, Prepared, Unit, _positions, index_lines, prepare, unit_of
from drafter.words import content_words


class Speech:
    """What the outline says about its occasion: type, year, speaker level, wanted words."""

    def __init__(self, outline):
        self.type = outline.type
        self.year = _year(outline.date)
        self.level = roles.speaker_level(outline.title, outline.speaker or "", outline.vars)
        #: 'urban' (a city district, a 街道), 'rural' (a 镇, 乡, 村) or None (roles.speaker_setting)
        self.setting = roles.speaker_setting(outline.title, outline.speaker or "", outline.vars)
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
            if not roles.tie_allowed(tie, year=self.year, wanted=self.wanted, places=self.places,
                                     setting=self.setting):
                return False
        return True


def _year(date) -> int:
    if date:
        m = re.match(r"(\d{4})", str(date))
        if m:
            return int(m.group(1))
    return _dt.date.today().year


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
        fits: dict[tuple, bool] = {}  # (level, ties) → speech.fits: a bank holds a few hundred pairs
        wanted = speech.vars
        for i, (uid, text, role, category, tags, slots, level, ties, newest, where, about) in enumerate(prepared):
            ok = fits.get((level, ties))
            if ok is None:
                ok = fits[(level, ties)] = speech.fits(level, ties)
            if not ok:
                continue  # another speaker's voice, another place, year or meeting
            if slots and any(s not in wanted for s in slots):
                continue  # a line whose slot nothing fills never prints 〔待补充〕 in a new speech
            if role in SELF_ROLES and speech.level in OFFICE_LEVELS and (roles.government_voice(text)
                                                                         or OVERSEER.search(text)):
                continue  # 政府职能转变还不到位 is a government's review of itself, not a bureau head's
            if newest is not None and newest < oldest and (role not in TIMELESS or NOW.match(text)):
                continue  # a task or a claim of another time: its 提法 have moved on
            if text in seen:
                continue
            seen.add(text)
            if where == "skip":
                continue
            unit = unit_of(uid, text, role, category, tags, slots, newest, about)
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
        self._generic: dict[str, bool] = {}

    def _holding(self, word: str) -> list[Unit]:
        """The units holding ``word`` among their words or compounds, in the view's order."""
        got = self._by_word.get(word)
        if got is None:
            at = self._at
            spots = sorted(_positions(self._index[0].get(word)) + _positions(self._index[1].get(word)))
            got = self._by_word[word] = [u for i in spots if (u := at[i]) is not None]
        return got

    def generic(self, word: str) -> bool:
        """Is ``word`` said of every kind of work (深化, 优化, 人民, 协同, 基层)? The lines holding
        it spread over many fields of work (entropy of their fields, relevance.GENERIC_SPREAD);
        a word held by few lines is taken at its word."""
        got = self._generic.get(word)
        if got is None:
            counts: dict[str, int] = {}
            for u in self._holding(word):
                for f in u.fields:
                    counts[f] = counts.get(f, 0) + 1
            total = sum(counts.values())
            got = total >= relevance.GENERIC_MIN and -sum(
                c / total * math.log2(c / total) for c in counts.values()) >= relevance.GENERIC_SPREAD
            self._generic[word] = got
        return got

    def idf(self, word: str) -> float:
        c = self.df.get(word, 0)
        return math.log((self.n + 1) / (c + 0.5)) if c else math.log(self.n + 1)

    def of_roles(self, wanted: tuple[str, ...]) -> list[Unit]:
        return [u for u in self.units if u.role in wanted]

    def scored(self, about: About) -> list[tuple[float, Unit]]:
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
                floor = cached[min(len(cached), relevance.REFERENCE_RANK) - 1][0] * relevance.RELATIVE_FLOOR
                cached = [t for t in cached if t[0] >= floor]
            self._scored[about] = cached
        return cached

    def general(self, wanted: tuple[str, ...], about: About) -> list[tuple[float, Unit]]:
        """Units of ``wanted`` roles that may serve a place though they share no word with it:
        a shortfall or a commitment of the genre (服务观念不强, 下一步，我将…) fits any part
        that takes stock or pledges, as long as it shares a word with the title or the theme and
        speaks of no other field of work than the place's, the speech's, or the party's own."""
        allowed = about.fields | self.speech.fields | sectors.names("党的建设")
        # the theme when there is one: a title's meeting words (理论学习中心组, 研讨会) say nothing
        said = about.words | (about.theme or self.speech.words)
        out = [(self.score(u, about), u) for u in self.units
               if u.role in wanted and not sectors.off_field(u.fields, allowed) and held(u.words, said)]
        out.sort(key=lambda t: (-t[0], t[1].id))
        return out

    def score(self, unit: Unit, about: About) -> float:
        """Relevance of ``unit`` to a place (compose/relevance.py, ``score``)."""
        return relevance.score(self, unit, about)

    def relevant(self, unit: Unit, about: About) -> bool:
        return self.relevance(unit, about) is not None

    def relevance(self, unit: Unit, about: About) -> float | None:
        """``score`` when the unit is above the floor for the place, else None
        (compose/relevance.py, ``judge``)."""
        value = relevance.judge(self, unit, about)[0]
        if value is not None and unit.newest is not None and unit.newest < self.speech.year - STALE_YEARS:
            value *= OLD_WEIGHT  # a line as relevant from a recent source says it as it is said now
        return value


#: a speaker of these levels (a bureau, an office, a branch) takes stock of and pledges for his
#: unit and himself, never as a government does (roles.government_voice: 政府要先从自身找原因,
#: 有的部门服务观念不强 — a government reviewing its departments)
OFFICE_LEVELS = ("单位", "支部")
#: … nor as one who oversees departments and places (有的部门…, 一些地方…)
OVERSEER = re.compile(r"有的部门|一些部门|个别部门|有的地方|一些地方|个别地方")
SELF_ROLES = ("查摆", "表态")
#: lines of these roles travel across the years; others from sources all older than
#: STALE_YEARS before the speech are not used (their tasks and 提法 have moved on)
TIMELESS = ("引语", "金句", "论述", "要求", "表态", "查摆")
STALE_YEARS = 8
#: … unless the line says how things stand now (当前，农业农村发展进入一个新阶段… of 2016; 近些年是
#: 我国农业发展最快…的时期 of 2013): a situation of its source's day, as dated as a task
NOW = re.compile(r"(?:当前|目前|现在|眼下|近年来|近些年|近几年|这些年|今年|去年|过去一年|从国内看|从国际看)")
#: the relevance of a line of those roles whose sources are all older than that counts this much:
#: of the printed lines with a dated source in the 28 bench drafts, 74 of 613 came from 2013–2017
#: reports, with tasks of their day (全面实施临时救助制度, 社会养老服务体系, 城市病)
OLD_WEIGHT = 0.7
