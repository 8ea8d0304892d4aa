"""Write one body: follow its plan, fill each slot with the most relevant unused unit, print.

A ``SectionWriter`` is made fresh for each body (a section, a point, the opening's middle),
so nothing of one body's state leaks into the next; what the whole draft shares (units used,
sentences said, lines borrowed, the seeded chance) lives in ``DraftState`` (compose/state.py).

Steps: plan (compose/plan.py) → candidates (units of the slot's roles above the relevance
floor, this place's own first) → fill slot by slot until the length is reached, each line
checked as a sentence of this body (compose/sentences.py: not a heading again, not a second
definition of one subject) → print as paragraphs of the genre's size (compose/paragraphs.py).
"""

from __future__ import annotations

from drafter import sectors
from drafter.compose import plan as planmod
from drafter.compose.paragraphs import paragraphs
from drafter.compose.relevance import About, distinct
from drafter.compose.sentences import DEFINING_ROLES, defined_subject, restates, same_subject, short_head
from drafter.compose.state import DraftState, Shortfall
from drafter.compose.units import Unit
from drafter.words import content_words

#: how far the seed may move a unit's score (±): units this close trade places from seed to seed
SEED_SWAY = 0.7
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
                text = self._fill(planmod.ANY, n) if planmod.tops_up(self.kind) else ""
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
        hold first (what it lacks); the place's other words (the heading above, the points, the
        theme) after. The words of the part's move (查找…差距不足, 下一步的努力方向) name no
        subject to mine speeches on, and are left out."""
        idf = self.state.view.idf
        said = self.heading.split(" ", 1)[0]
        own = {w for w in distinct(content_words(said) | sectors.terms(said)) if not planmod.move_word(w)}
        rest = {w for w in distinct(self.about.words | self.about.theme) - own if not planmod.move_word(w)}
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
        """This body's sentences, printed (compose/paragraphs.py)."""
        return paragraphs(self.sentences)
