"""What every body of one draft shares, and the records a draft keeps of what it printed.

``DraftState`` is made once per rendering (compose/helpers.py, the Composer) and handed to each
body's writer (compose/section.py ``SectionWriter``): the bank view, the ledger of sentences
said, the units and bank phrases used, each unit's home (the place it is most relevant to) and
seeded chance, and what was printed, so a later body says nothing an earlier one said (``echoes``).
What it records: ``Borrowed`` (each bank line printed and its sources, 溯源), ``Placement`` (each
body sentence and the slot it fills, for sentence-by-sentence choice) and ``Shortfall`` (a place
the bank had too little relevant material for, and what to add).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from drafter.compose.admission import BankView
from drafter.compose.relevance import About
from drafter.compose.select import Ledger
from drafter.compose.sentences import SERIES_ECHO, series_items
from drafter.compose.units import Unit
from drafter.roles import government_voice

#: a place keeps this many times the sentences it can print of the units that fit it best
RESERVE = 3
#: a line sharing this share of its words with one already printed says nothing new
ECHO_SHARE = 0.6
#: a line with this many words besides its place's is an echo only when those words were said:
#: under 提升防灾减灾救灾能力, 强化安全生产监管和防灾减灾救灾 and 着力夯实安全生产和防灾减灾救灾基层基础
#: share the place's words, and say two things
ECHO_REST = 3
#: a clause this short (深化“放管服”改革。) said again with another verb is an echo of a short printed line
SHORT_ECHO = 16


@dataclass
class Borrowed:
    """One line taken from the bank: what was printed and where it came from (溯源)."""

    phrase: str
    category: str
    text: str
    place: str
    sources: list[dict] = field(default_factory=list)
    role: str = ""
    key: str = ""

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "category": self.category, "role": self.role,
                "place": self.place, "slot": self.key, "text": self.text, "sources": self.sources}


@dataclass
class Placement:
    """One body sentence of a draft and the slot it fills: what the page lets a writer change.

    ``key`` names the slot the same way from seed to seed (``2.1#3``: section 2, point 1, third
    sentence; ``opening#1``); ``wanted`` are the roles the slot's plan asks for."""

    key: str
    role: str
    text: str
    phrase_id: str | None
    source: dict | None
    section: str
    place: str = ""
    wanted: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"slot": self.key, "role": self.role, "text": self.text, "phrase": self.phrase_id,
                "source": self.source, "section": self.section}


@dataclass
class Shortfall:
    """A place the bank had too little relevant material for."""

    key: str
    heading: str
    wanted: int
    written: int
    #: what to add material on: the heading's terms, the rarest in the bank first (what it lacks)
    words: list[str]
    #: the roles of the plan's slots that found no relevant line (论述, 举措 …), in plan order
    roles: list[str] = field(default_factory=list)


class Chance(dict):
    """unit id → a number in [0, 1) drawn from the seed and the id alone, made when first asked:
    a unit's chance does not depend on which other lines the bank holds or the speech admits, so
    a line added to the bank (or one more left out) does not reshuffle a draft's every choice."""

    def __init__(self, seed: int):
        super().__init__()
        self._salt = str(seed).encode() + b":"

    def __missing__(self, uid: str) -> float:
        value = self[uid] = int.from_bytes(hashlib.blake2b(self._salt + uid.encode(), digest_size=8).digest(), "big") / 2 ** 64
        return value


class DraftState:
    """What every body of one draft shares: the bank view, what was used, the chance."""

    def __init__(self, view: BankView, seed: int, fill, pins: dict | None = None):
        self.view = view
        self.rng = random.Random(seed)
        self.ledger = Ledger()
        self.borrowed: list[Borrowed] = []
        self.fill = fill
        self.shortfalls: list[Shortfall] = []
        self.pins = pins or {}
        #: unit id → the place key it is most relevant to (a place takes its own units first)
        self.home: dict[str, str] = {}
        #: seeded chance per unit: the tie-breaker among near-equally relevant units
        self.chance = Chance(seed)
        self.by_id = {u.id: u for u in view.units}
        #: content words of every unit printed so far, indexed by word (see echoes)
        self._printed: list[frozenset[str]] = []
        #: the text of each printed line, by the same index as _printed
        self._texts: list[str] = []
        self._by_word: dict[str, list[int]] = {}
        #: the series (A、B、C) of every line printed so far, as sets of items
        self._series: list[frozenset[str]] = []
        self.pending: set[str] = set()
        #: bank phrases printed (a phrase, or one of its measures: never two of one line)
        self.phrases_used: set[str] = set()
        self.placements: list[Placement] = []
        #: place key (outline key path) → what it is about, for alternatives
        self.abouts: dict = {}
        #: words this speaker does not say (occasion.unsaid: 分管 unless a deputy)
        self.unsaid: tuple[str, ...] = ()
        #: every heading of the outline: a body never says one again as its sentence
        self.headings: tuple[str, ...] = ()
        self._genre: dict[tuple[str, ...], list[Unit]] = {}

    def genre(self, roles: tuple[str, ...]) -> list[Unit]:
        """Units of ``roles`` that speak of no field of work, nor as the government (see section.GENRE_SCORE),
        in bank order."""
        if roles not in self._genre:
            self._genre[roles] = [u for u in self.view.units if u.role in roles and not u.fields
                                  and not government_voice(u.text)
                                  and not u.text.startswith("这")]  # 这些问题…: points back to nothing
        return self._genre[roles]

    def echoes(self, unit: Unit, place: frozenset[str] = frozenset()) -> bool:
        """True when most of ``unit``'s words were said by one line already printed (the same
        series in other words, or a sentence that is part of a printed one). ``place`` are the
        words of the place it would print at (its heading's, the theme's): every line there holds
        them, so a line saying enough besides is compared by its other words only. Looks only at
        the printed lines that share a word with it, so the cost grows with the draft, not its square."""
        items = series_items(unit.text)
        if len(items) >= SERIES_ECHO and any(len(items & said) >= SERIES_ECHO for said in self._series):
            return True  # 坚持精准治污、科学治污、依法治污 said again in another line
        ws = unit.words
        shared: dict[int, int] = {}
        for w in ws:
            for i in self._by_word.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        core = unit.text.rstrip("。！？；")
        for i in shared:
            said = self._texts[i].rstrip("。！？；")
            if (len(core) >= 6 and core in said) or (len(said) >= 6 and said in core):
                return True  # 持续推进“放管服”改革 and a printed sentence that holds it
        if len(core) <= SHORT_ECHO and len(ws) >= 2 and any(
                n >= len(ws) - 1 and len(self._texts[i]) <= 2 * SHORT_ECHO for i, n in shared.items()):
            return True  # 深化“放管服”改革 after 深入推进“放管服”改革: a clause that differs by its verb only
        if len(ws) < 3:
            return False
        rest = ws - place
        if len(rest) < ECHO_REST:  # it says little beyond its place: all its words count
            return any(n >= ECHO_SHARE * min(len(ws), len(self._printed[i])) for i, n in shared.items())
        for i in shared:
            theirs = self._printed[i] - place
            n = len(rest & theirs)
            if n >= 2 and n >= ECHO_SHARE * min(len(rest), len(theirs)):
                return True
        return False

    def settle_homes(self, abouts: dict[str, About], room: dict[str, int] | None = None) -> None:
        """Each unit's home: the place it is most relevant to. A place keeps for itself only as
        many of its units as it can print (``room``: its most sentences, RESERVE times over, for
        the ones its writer passes over); the rest are free for any place they are relevant to,
        so a place whose lines all fit a later one better is not left empty."""
        best: dict[str, float] = {}
        for key, about in abouts.items():
            for s, u in self.view.scored(about):
                if s > best.get(u.id, 0.0):
                    best[u.id] = s
                    self.home[u.id] = key
        if room is not None:
            kept: dict[str, list[str]] = {}
            for uid, key in self.home.items():
                kept.setdefault(key, []).append(uid)
            for key, uids in kept.items():
                uids.sort(key=lambda i: (-best[i], i))
                for uid in uids[room.get(key, 0) * RESERVE:]:
                    del self.home[uid]
        self.pending = set(abouts)

    def place(self, key: str, unit: Unit | None, text: str, section: str, place: str,
              wanted: tuple[str, ...]) -> None:
        source = dict(unit.sources[0]) if unit is not None and unit.sources else None
        self.placements.append(Placement(key, unit.role if unit else "手写", text,
                                         unit.id if unit else None, source, section, place, wanted))

    def printed(self, unit: Unit) -> str:
        return self.fill(unit.text, list(unit.slots), f"phrase {unit.id}")

    def take(self, unit: Unit, text: str, place: str, key: str) -> None:
        self.ledger.take(text, unit.id)
        self.phrases_used.add(unit.phrase)
        items = series_items(text)
        if len(items) >= SERIES_ECHO:
            self._series.append(items)
        i = len(self._printed)
        self._printed.append(unit.words)
        self._texts.append(text)
        for w in unit.words:
            self._by_word.setdefault(w, []).append(i)
        self.borrowed.append(Borrowed(unit.phrase, unit.category, text, place, unit.sources, unit.role, key))
