"""Write one body: follow its plan, fill each slot with the most relevant unused unit, print.

A ``SectionWriter`` is made fresh for each body (a section, a point, the opening's middle),
so nothing of one body's state leaks into the next; what the whole draft shares (units used,
sentences said, lines borrowed, the seeded chance) lives in ``DraftState``.

Steps: plan (drafter/compose/plan.py) → candidates (units of the slot's roles above the
relevance floor, this place's own first) → fill slot by slot until the length is reached →
print as paragraphs of the genre's size, none opening like a lead sentence.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from drafter import sectors
from drafter.compose import plan as planmod
from drafter.compose.admission import BankView
from drafter.compose.relevance import About, distinct
from drafter.compose.select import Ledger
from drafter.compose.units import Unit
from drafter.markers import INNER_LEAD_MAX_CHARS, LEAD_MAX_CHARS, NOT_LEAD
from drafter.roles import government_voice
from drafter.words import content_words

#: paragraphs are cut near this many characters (real speeches: 150–400)
PARAGRAPH_CHARS = 300
#: how far the seed may move a unit's score (±): units this close trade places from seed to seed
SEED_SWAY = 0.7
#: a place keeps this many times the sentences it can print of the units that fit it best
RESERVE = 3
#: a place written to less than this share of what it wanted is short of material (a warning)
SHORT_SHARE = 0.8
#: a body stops when less than this many characters of its share are left
MIN_ROOM = 15
#: at most this many sentences of one body hold the same key phrase of its heading
KEY_PHRASE_USES = 3
#: at most this many sentences of one body hold the same rare word its heading does not name,
#: and two sentences in a row share fewer than two (see SectionWriter._repeats_topic)
TOPIC_USES = 2
#: a word in at most this many lines of the bank is rare: a topic of its own
TOPIC_DF = 40
#: a line sharing this share of its words with one already printed says nothing new
ECHO_SHARE = 0.6
#: a line with this many words besides its place's is an echo only when those words were said:
#: under 提升防灾减灾救灾能力, 强化安全生产监管和防灾减灾救灾 and 着力夯实安全生产和防灾减灾救灾基层基础
#: share the place's words, and say two things
ECHO_REST = 3
#: a clause this short (深化“放管服”改革。) said again with another verb is an echo of a short printed line
SHORT_ECHO = 16
#: a part that takes stock or pledges may use the genre's shortfalls and commitments that share
#: no word with it (BankView.general), ranked after the ones that do by this much
GENERAL_KINDS = {"stock": ("查摆", "表态"), "pledge": ("查摆", "表态"),
                 # a part that takes stock, then pledges: the genre's shortfalls, but its commitments
                 # must be about its subject (a general 表态 reads as off-topic there)
                 "review": ("查摆",)}
GENERAL_SCORE = 1.0
#: when the bank has no shortfall or commitment sharing a word with the title or theme (a 研讨发言
#: on 全会精神: none does), the genre's own that speak of no field of work at all (有的部门服务观念
#: 不强、办事效率不高; 要带头挑最重的担子、啃最硬的骨头) still serve a part that takes stock or pledges,
#: ranked after every other candidate
GENRE_SCORE = 0.5


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
        self.chance: dict[str, float] = {}
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
        """Units of ``roles`` that speak of no field of work, nor as the government (see GENRE_SCORE),
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
        self.chance = {u.id: self.rng.random() for u in self.view.units}
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


class SectionWriter:
    """The body of one place: plan, candidates, fill, print."""

    def __init__(self, state: DraftState, key: str, slot_key: str, heading: str, about: About,
                 budget: int, kind: str, speech_type: str, share: int = 0):
        self.state = state
        #: the place's share of the outline before any correction for length (see most_sentences)
        self.share = share
        self.key = key            # the outline key path (sections[1].points[0])
        self.slot_key = slot_key  # the stable slot prefix (2.1)
        self.heading = heading
        self.about = about
        self.budget = budget
        self.kind = kind
        self.plan = planmod.plan(kind, speech_type)
        self.sentences: list[str] = []
        self.used = 0
        state.abouts[key] = about
        #: openings of this body's short comma-less sentences (see short_head)
        self.short_heads: set[str] = set()
        #: how many sentences of this body hold each key phrase of its heading (安全生产)
        self.key_uses: dict[str, int] = {}
        #: rare words of the sentence just printed, and how many sentences of this body said each
        #: rare word its heading does not name (see _repeats_topic)
        self.last_compounds: frozenset[str] = frozenset()
        self.topic_uses: dict[str, int] = {}
        #: the words every line of this place holds more or less: its own and the theme's (see echoes)
        self.place_words = about.words | about.theme
        #: when set, a line must hold one of these (the theme's compound, for the opening)
        self.require: frozenset[str] = frozenset()
        #: the subjects this body has defined (文化 of 文化是民族的血脉): one definition each
        self.defined: list[str] = []
        #: the roles of slots no relevant line filled (for the shortfall warning)
        self.unfilled: list[str] = []

    def candidates(self, wanted: tuple[str, ...]) -> list[Unit]:
        """Units of the slot's roles above the floor, unused, ranked by relevance, this place's
        own first; the seed reorders them by a chance factor, so near-equally relevant units
        trade places from seed to seed while a far better one stays ahead."""
        st = self.state
        out = []
        ranked = st.view.scored(self.about)
        general = GENERAL_KINDS.get(self.kind, ())
        if set(wanted) & set(general):
            seen = {id(u) for _, u in ranked}
            roles = tuple(r for r in wanted if r in general)
            near = [(s + GENERAL_SCORE, u) for s, u in st.view.general(roles, self.about) if id(u) not in seen]
            seen.update(id(u) for _, u in near)
            ranked = ranked + near + [(GENRE_SCORE, u) for u in st.genre(roles) if id(u) not in seen]
        for score, u in ranked:
            if u.role not in wanted or u.id in st.ledger.ids or u.phrase in st.phrases_used:
                continue
            home = st.home.get(u.id)
            if home is not None and home != self.key and home in st.pending:
                continue  # another place still to be written needs it more
            if u.role != wanted[0]:
                score *= 0.8
            out.append((score * (1 - SEED_SWAY + 2 * SEED_SWAY * st.chance[u.id]), u.id, u))
        out.sort(key=lambda t: (-t[0], t[1]))
        return [u for _, _, u in out]

    def write(self) -> list[str]:
        slots = list(self.plan)
        n = 0
        most = planmod.most_sentences(self.kind, self.share)
        while self.budget - self.used > MIN_ROOM and len(self.sentences) < most:
            if n < len(slots):
                wanted = slots[n]
            elif planmod.repeats(self.kind):
                wanted = slots[-1]
            else:
                break
            n += 1
            text = self._pinned(n, wanted) or self._fill(wanted, n)
            if not text and wanted[0] not in self.unfilled:
                self.unfilled.append(wanted[0])
            if not text and n >= len(slots):
                # the repeating slot found nothing more of its roles: any body move that is
                # still relevant here, then stop
                text = self._fill(planmod.ANY, n) if planmod.repeats(self.kind) else ""
                if not text:
                    break
        # short of its share of the outline (the share, not a budget the length correction grew
        # it to: a place that had what the outline asks of it is not short)
        asked = min(self.budget, self.share) if self.share else self.budget
        if self.used < asked * SHORT_SHARE and self.kind != "intro":
            self.state.shortfalls.append(Shortfall(self.key, self.heading, asked, self.used,
                                                   self.missing_terms(), list(self.unfilled)))
        return self.paragraphs()

    def missing_terms(self) -> list[str]:
        """The terms of the heading to add material on: its content words and terms of fields of
        work (阵地建设), none inside another (形态 of 意识形态), the ones fewest lines of the bank
        hold first (what it lacks); the place's other words (the heading above, the points) after."""
        idf = self.state.view.idf
        said = self.heading.split(" ", 1)[0]
        own = distinct(content_words(said) | sectors.terms(said))
        rest = distinct(self.about.words) - own
        rank = sorted(own, key=lambda w: (-idf(w), w)) + sorted(rest, key=lambda w: (-idf(w), w))
        return [w for i, w in enumerate(rank) if not any(w in v for v in rank[:i])]

    def _pinned(self, n: int, wanted: tuple[str, ...] = ()) -> str:
        """A sentence the writer chose for this slot (outline ``pins``): a phrase id or own text."""
        pin = self.state.pins.get(f"{self.slot_key}#{n}")
        if pin is None:
            return ""
        st = self.state
        if isinstance(pin, dict):
            text = st.fill(str(pin.get("text", "")), None, f"pins.{self.slot_key}#{n}")
            if text:
                st.ledger.take(text)
                st.place(f"{self.slot_key}#{n}", None, text, self.heading, self.key, wanted)
                self._add(text)
            return text
        unit = st.by_id.get(str(pin))
        if unit is None:
            return ""
        text = st.printed(unit)
        st.take(unit, text, self.key, f"{self.slot_key}#{n}")
        st.place(f"{self.slot_key}#{n}", unit, text, self.heading, self.key, wanted)
        self._add(text)
        return text

    def _fill(self, wanted: tuple[str, ...], n: int) -> str:
        room = self.budget - self.used
        st = self.state
        for u in self.candidates(wanted):
            text = st.printed(u)
            if len(text) > room * 1.3 + 20 or not st.ledger.fresh(text) or st.echoes(u, self.place_words):
                continue
            if any(restates(text, h) for h in (self.heading, *st.headings)):
                continue  # a heading said again (要坚持人民至上、生命至上。 under it) says nothing
            if any(w in text for w in st.unsaid):
                continue  # 结合分管工作 from a head of the unit
            head = short_head(text)
            if head and head in self.short_heads:
                continue  # two short sentences of one frame in a body read as lead sentences
            if any(self.key_uses.get(c, 0) >= KEY_PHRASE_USES for c in self._keys(u)):
                continue  # the heading's key phrase in every other sentence reads as a pile
            if self.require and not (u.compounds | u.words) & self.require:
                continue  # the opening on 乡村振兴 does not open on 民族振兴
            if self._repeats_topic(u):
                continue  # 八项规定 and 四风 again in the next sentence, 城乡一体化 a third time
            defines = defined_subject(text) if u.role in DEFINING_ROLES else ""
            if defines and any(same_subject(defines, d) for d in self.defined):
                continue  # 文化是民族的血脉 after 文化是民族的精神命脉: a second definition of one subject
            st.take(u, text, self.key, f"{self.slot_key}#{n}")
            st.place(f"{self.slot_key}#{n}", u, text, self.heading, self.key, wanted)
            for c in self._keys(u):
                self.key_uses[c] = self.key_uses.get(c, 0) + 1
            self.last_compounds = self._topics(u)
            for c in self.last_compounds:
                self.topic_uses[c] = self.topic_uses.get(c, 0) + 1
            if defines:
                self.defined.append(defines)
            self._add(text)
            return text
        return ""

    def _repeats_topic(self, u: Unit) -> bool:
        """Does ``u`` say again what this body has said beyond its heading: two of its rare
        words in the sentence just before, or one of them twice already?"""
        own = self._topics(u)
        return len(own & self.last_compounds) >= 2 or any(self.topic_uses.get(c, 0) >= TOPIC_USES for c in own)

    def _topics(self, u: Unit) -> frozenset[str]:
        """The rare words of ``u`` (in few lines of the bank) its place does not name: what it
        is about beyond its heading (八项规定, 四风, 城乡一体化)."""
        df = self.state.view.df
        return frozenset(w for w in u.words - self.about.words
                         if len(w) >= 2 and (df.get(w) or TOPIC_DF + 1) <= TOPIC_DF)

    def _keys(self, u: Unit) -> set[str]:
        """The key phrases of this body's heading a unit holds: its compounds of two content words
        (安全生产), or its one content word when it has only one (高质量 of 推动高质量发展)."""
        keys = set(u.compounds & self.about.strong)
        if len(self.about.words) == 1:
            keys |= u.words & self.about.words
        return keys

    def _add(self, text: str) -> None:
        head = short_head(text)
        if head:
            self.short_heads.add(head)
        self.sentences.append(text)
        self.used += len(text)

    def paragraphs(self) -> list[str]:
        """Sentences in paragraphs of about PARAGRAPH_CHARS; a paragraph after the first does
        not open on a sentence that reads like a lead sentence (it would parse as a heading)."""
        out: list[list[str]] = []
        current: list[str] = []
        size = 0
        for s in self.sentences:
            if current and size + len(s) > PARAGRAPH_CHARS:
                out.append(current)
                current, size = [], 0
            current.append(s)
            size += len(s)
        if current:
            if out and size < 60:
                out[-1].extend(current)  # a last scrap joins the paragraph before it
            else:
                out.append(current)
        paragraphs: list[list[str]] = []
        for i, p in enumerate(out):
            p = lead_safe(p)  # the first too: under a 一、 line it starts a paragraph of its own
            if i and lead_like(p[0]) and sum(map(len, paragraphs[-1] + p)) <= MAX_PARAGRAPH:
                paragraphs[-1].extend(p)  # every sentence could open like a lead: keep it joined
            else:
                paragraphs.append(p)
        return ["".join(p) for p in paragraphs]


#: no paragraph is longer than this
MAX_PARAGRAPH = 600
#: a line repeating this many items of a series (A、B、C) already printed says it again
SERIES_ECHO = 2
_CLAUSE = re.compile(r"[^，。；：！？“”‘’（）]+")


def series_items(text: str) -> frozenset[str]:
    """The items of the series (A、B、C) in ``text``: 科学治污 and 依法治污 of
    坚持精准治污、科学治污、依法治污 (the first item keeps its verb; items under two
    characters are left out)."""
    out: set[str] = set()
    for clause in _CLAUSE.findall(text):
        if "、" in clause:
            out.update(i for i in clause.split("、") if len(i) >= 2)
    return frozenset(out)


#: the roles whose lines may define their subject (X是Y), and what a definition's subject may not start with
DEFINING_ROLES = ("论述", "引语", "金句")
_NOT_SUBJECT = ("这", "那", "此", "它", "其", "但", "而", "只有", "如果", "正是", "总书记", "习近平")
_QUOTE_LEAD = re.compile(r"^[^，。“”]{0,16}(?:指出|强调|说|讲)[：:，,]?“?")
_DEFINES = re.compile(r"^([^，。；：、“”]{2,12}?)(?:就|正|乃|也|才|都)?是(?!否)")
_DEFINES_APART = re.compile(r"^([^，。；：、“”]{2,16})，(?:这)?(?:就|正|乃|也|都)?是")


def defined_subject(sentence: str) -> str:
    """The subject ``sentence`` defines (文化 of 文化是民族的血脉，是人民的精神家园; 建设生态文明 of
    建设生态文明，是关系人民福祉…的长远大计; inside a quotation too), or ''."""
    text = _QUOTE_LEAD.sub("", sentence, count=1)
    for pattern in (_DEFINES, _DEFINES_APART):
        m = pattern.match(text)
        if m and not m.group(1).startswith(_NOT_SUBJECT):
            return m.group(1)
    return ""


def same_subject(a: str, b: str) -> bool:
    """One subject, said with or without its qualifier (良好生态环境, 生态环境)."""
    return a == b or a.endswith(b) or b.endswith(a)


def restates(sentence: str, heading: str) -> bool:
    """Is ``sentence`` no more than a clause of ``heading`` (with 要/必须 before it)?"""
    core = re.sub(r"^(?:要|必须|我们要|始终)", "", sentence.rstrip("。！？"))
    return len(core) >= 4 and any(core in part or part in core and len(core) - len(part) <= 2
                                  for part in re.split("[，；]", heading) if len(part) >= 4)


def short_head(sentence: str) -> str:
    """The two characters that would make ``sentence`` one of a run of inner lead sentences, or ''."""
    if len(sentence) <= INNER_LEAD_MAX_CHARS + 1 and "，" not in sentence and sentence.endswith("。"):
        return sentence[:2]
    return ""


def lead_like(sentence: str) -> bool:
    """Could a paragraph opening on ``sentence`` be read back as a lead sentence (a heading)?
    The shape is the parser's own (drafter/markers.py)."""
    core = sentence.rstrip("。！？")
    return (len(core) <= LEAD_MAX_CHARS and not core.startswith(("“", "‘", "《"))
            and not NOT_LEAD.search(core))


def lead_safe(sentences: list[str]) -> list[str]:
    """The sentences reordered so the paragraph does not open like a lead sentence."""
    for i, s in enumerate(sentences):
        if not lead_like(s):
            return [s] + sentences[:i] + sentences[i + 1:]
    return sentences
