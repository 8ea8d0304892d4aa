"""The small set of helpers a template calls (documented in docs/outline.md).

``number(family, n)``   the n-th marker of a family: number('一、', 2) → 二、, number('一是', 3) → 三是
``fill(text)``          slots {地名} filled from the outline's ``vars`` (missing → 〔待补充：地名〕)
``phrase(category, about)``  one unused bank phrase of a category, the most relevant to ``about``
``body(node)``          the paragraphs that fill a section or point to its share of the length
``opening()`` / ``closing(formula=True)``  the opening and closing, composed or verbatim
``frame(kind, node)``   one unused connecting sentence of a kind from ``_frames.yaml``

Phrases and outline text reach the output only as values: the helpers return plain
strings, Jinja prints them, nothing they hold is ever compiled as template code.
One Composer serves one rendering; it remembers which phrases and sentences it used.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from drafter.compose.outline import Node, Outline
from drafter.compose.select import Candidate, Ledger, Relevance, bigrams
from drafter.compose.shape import local, plain_verb, shape, short_directive
from drafter.errors import OutlineError
from drafter.model import make_marker

_SLOT = re.compile(r"(?<!\{)\{([^{}\s]{1,12})\}(?!\})")
_END = "。！？；!?…”’"
#: paragraphs are cut near this many characters, like the corpus's own
PARAGRAPH_CHARS = 320


def missing_marker(name: str) -> str:
    return f"〔待补充：{name}〕"


@dataclass
class Borrowed:
    """One line taken from the bank: what was printed and where it came from (溯源)."""

    phrase: str
    category: str
    text: str
    place: str
    sources: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "category": self.category, "place": self.place,
                "text": self.text, "sources": self.sources}


class Composer:
    """The helpers' shared state for one rendering of one outline."""

    def __init__(self, outline: Outline, phrases: list[Candidate], *, frames: dict,
                 skeleton: dict | None, budgets: dict[str, int], seed: int, strict: bool,
                 words=None):
        self.outline = outline
        self.frames = frames
        self.skeleton = skeleton or {}
        self.budgets = budgets
        self.strict = strict
        self.rng = random.Random(seed)
        self.ledger = Ledger()
        self.borrowed: list[Borrowed] = []
        self.missing: dict[str, int] = {}
        self.used_frames: set[str] = set()
        #: characters of text this composer made up (not verbatim), for the length correction
        self.composed_chars = 0
        self.placed = placed_categories(frames)
        #: how each phrase may be printed (see shape.py); fragments and local lines stay out of bodies
        self.shapes = {p.id: shape(p.text, p.category) for p in phrases}
        #: lines tied to one place, project or figure: a body uses them only as a last resort
        self.local = {p.id for p in phrases if local(p.text)}
        #: frames that quote the heading (“{h}”, “{p}”) this body may still use
        self.quotes_left = 2
        #: openings of the short comma-less sentences of the body being written (see short_head)
        self.short_heads: set[str] = set()
        #: sentences of the current body so far: a linking frame (同时，还要……) needs two before it
        self.said = 0
        self._last_embed = ""
        #: character bigrams of every bank phrase printed so far (see _echoes)
        self.printed: list[set[str]] = []
        self.by_category: dict[str, list[Candidate]] = {}
        for p in phrases:
            self.by_category.setdefault(p.category, []).append(p)
        #: ``words``: word rarity of a big bank whose phrases are only a pool (see pool.py)
        self.relevance = Relevance(phrases, outline.theme, self.rng, words)
        self.abouts = places(outline)
        self.nodes = {n.key: n for _, n in walk_nodes(outline)}
        self.home = self.relevance.homes(self.body_pool(), self.abouts)

    # -- the helpers templates call -------------------------------------------------

    def number(self, family: str, n: int) -> str:
        """The n-th marker of ``family`` (一、 （一） 1. （1） 一是 一要), or '' for lead style."""
        return make_marker(family, int(n)) if family else ""

    def fill(self, text: str, slots: list[str] | None = None, where: str = "template") -> str:
        """Slots written {名} take their value from ``vars``; a slot with no value is marked.

        Only names listed in ``slots`` (for a phrase) or made of word characters are slots,
        so literal braces in data ({{ … }}) are printed as written.
        """
        def repl(m: re.Match) -> str:
            name = m.group(1)
            if slots is not None and name not in slots:
                return m.group(0)
            if slots is None and not re.fullmatch(r"\w+", name):
                return m.group(0)
            if name in self.outline.vars:
                return self.outline.vars[name]
            if self.strict:
                raise OutlineError(f"no value for slot {{{name}}} (used in {where}); add it under vars "
                                   "or drop --strict", path=self.outline.source or None, key=f"vars.{name}")
            self.missing[name] = self.missing.get(name, 0) + 1
            return missing_marker(name)
        return _SLOT.sub(repl, text)

    def phrase(self, category: str, about: str = "", place: str = "template") -> str:
        """The most relevant unused phrase of ``category`` for ``about``, or '' if none is left."""
        pool = self.relevance.ranked(self._unused(self.by_category.get(category, [])),
                                     about or self.outline.title)
        for p in pool:
            text = self._phrase_text(p)
            if self.ledger.fresh(text):
                return self._take(p, text, place)
        return ""

    def frame(self, kind: str, node: Node | None = None, **values) -> str:
        """One unused connecting sentence of ``kind``, filled with the node's heading and points.

        A frame that quotes the heading is taken only while the body has quotes left
        (``quotes_left``): a heading echoed in every other sentence reads as machine-made.
        """
        values = {**self._frame_values(node), **values}
        options = [f for f in self.frames.get(kind) or [] if f not in self.used_frames
                   and all(values.get(k) for k in re.findall(r"\{(\w+)\}", f) if k in FRAME_KEYS)
                   and (self.quotes_left > 0 or not quotes_heading(f))]
        self.rng.shuffle(options)
        for f in options:
            text = self.fill(_fill_frame(f, values), where=f"frame of {kind}")
            if self.ledger.fresh(text):
                self.used_frames.add(f)
                self.ledger.take(text)
                if quotes_heading(f):
                    self.quotes_left -= 1
                return text
        return ""

    def body(self, node: Node, split: bool = False) -> list[str]:
        """Paragraphs for ``node``: its verbatim text, or composed text of its share of the length.

        Composed text is one paragraph, as in the corpus (a lead sentence or 一是 item and its
        body make one paragraph, so the structure reads back unambiguously); ``split=True``
        cuts it into paragraphs of about PARAGRAPH_CHARS characters instead.
        """
        if node.text:
            return self._verbatim(node.text, node.key)
        budget = self.budgets.get(node.key, 0)
        about = self.abouts.get(node.key, node.heading)
        sentences: list[str] = []
        used = 0
        self.quotes_left = MAX_HEADING_QUOTES if budget >= LONG_BODY else 1
        self.short_heads = set()
        self.said = 0
        kind = "总" if node.points else "引"
        if budget >= 40:
            used += self._add(sentences, self.frame(kind, node))
        relevant, rest = self._pool_for(node.key, about)
        near = [p for p in rest if p.id not in self.local
                and (self.relevance.words(p, about) > 0 or self.relevance.theme_score(p) > 0)]
        near_ids = {p.id for p in near}
        far = [p for p in rest if p.id not in near_ids]  # lines tied to one place come last
        far = [p for p in far if p.id not in self.local] + [p for p in far if p.id in self.local]
        since_frame = 0
        while budget - used > 12:  # phrases about this place first, a connecting sentence now and then
            text = self._next(relevant, budget - used, node.key)
            if not text:
                break
            used += self._add(sentences, text)
            since_frame += 1
            if since_frame >= 2 and budget - used > 60 and self.rng.random() < 0.5:
                used += self._add(sentences, self.frame("展", node))
                since_frame = 0
        closer = self.frame("收", node) if budget - used > 20 and not node.points else ""
        # out of relevant phrases: connecting sentences and phrases near the theme, in turn;
        # a phrase about something else only when both have run out (the length still counts)
        while budget - used - len(closer) > 24:
            added = self._add(sentences, self.frame("展", node))
            if budget - used - added - len(closer) > 24:
                added += self._add(sentences, self._next(near, budget - used - added - len(closer),
                                                         node.key))
            if not added:
                added = self._add(sentences, self._next(far, budget - used - len(closer), node.key))
            if not added:
                break
            used += added
        used += self._add(sentences, closer)
        sentences = not_lead_like(sentences)
        return paragraphs_of(sentences) if split else ["".join(sentences)] if sentences else []

    def opening(self, transition: str = "开") -> list[str]:
        """The outline's opening, or opening phrases about the title and theme, then a transition.

        The transition is a 过渡 phrase of the bank when one is left, else a frame of
        kind ``transition``: it leads from the opening into the sections.
        """
        if self.outline.opening:
            return self._verbatim(self.outline.opening, "opening")
        self.quotes_left = 1
        budget = self.budgets.get("opening", 200)
        about = " ".join(filter(None, [self.outline.title, self.outline.theme]))
        sentences: list[str] = []
        lead_in = self._transition(transition)
        used = len(lead_in)
        pool = [p for p in self._unused(self._of(self.placed["opening"])) if not _lead_in(p.text)]
        pool = self._fillable_first(self.relevance.ranked(pool, about))
        while budget - used > 30:  # only opening moves: body phrases belong to the sections
            text = self._next(pool, budget - used, "opening")
            if not text:
                break
            used += self._add(sentences, text)
        if lead_in:
            self.composed_chars += len(lead_in)
            sentences.append(lead_in)
        sentences = not_lead_like(sentences)
        return ["".join(sentences)] if sentences else [self.fill(self.outline.title) + "。"]

    def _transition(self, kind: str) -> str:
        """A lead-in to the sections: only a 过渡 phrase that announces them (下面…/几点…) fits here."""
        report = kind == "开讲"  # a 辅导报告/党课 announces a 报告, a 发言 its 体会
        pool = [p for p in self._unused(self._of(self.placed["transition"] | self.placed["opening"]))
                if _lead_in(p.text) and (("报告" in p.text or "党课" in p.text) == report)]
        for p in self._fillable_first(self.relevance.ranked(pool, self.outline.theme or self.outline.title)):
            text = self._phrase_text(p)
            if self.ledger.fresh(text):
                return self._take(p, text, "opening")
        return self.frame(kind)

    def closing(self, formula: bool = True) -> list[str]:
        """The outline's closing, or closing phrases and a summing-up, ending on a formula."""
        if self.outline.closing:
            return self._verbatim(self.outline.closing, "closing")
        self.quotes_left = 1
        formulas = [f for f in self.skeleton.get("closing_formulas") or [] if _is_formula(str(f))]
        budget = self.budgets.get("closing", 120)
        about = " ".join(filter(None, [self.outline.theme, self.outline.title]))
        sentences: list[str] = []
        used = 0
        pool = [p for p in self._unused(self._of(self.placed["closing"]))
                if p.text not in formulas and not _is_formula(p.text)]
        pool = self._fillable_first(self.relevance.ranked(pool, about))
        while budget - used > 30:
            text = self._next(pool, budget - used, "closing") or (self.frame("结") if len(sentences) < 4 else "")
            if not text:
                break
            if text.startswith("同志们") and any(s.startswith("同志们") for s in sentences):
                text = text.removeprefix("同志们，")  # one 同志们 per closing is enough
            used += self._add(sentences, text)
        sentences = sentences if sentences and sentences[0].startswith("同志们") else not_lead_like(sentences)
        out = ["".join(sentences)] if sentences else []
        if formula:
            out.append(self.rng.choice(formulas) if formulas else "发言完毕，谢谢大家！")
        return out

    # -- internals ------------------------------------------------------------------

    def _verbatim(self, paragraphs: list[str], where: str) -> list[str]:
        """The writer's own text, as written but for its slots; remembered so nothing repeats it."""
        out = [self.fill(p, where=where) for p in paragraphs]
        for p in out:
            self.ledger.take(p)
        return out

    def body_pool(self) -> list[Candidate]:
        """Phrases that may fill a body: every category not kept for a fixed place."""
        fixed = set().union(*self.placed.values())
        return [p for cat, ps in sorted(self.by_category.items()) if cat not in fixed for p in ps
                if self.shapes.get(p.id) != "fragment"]

    def _of(self, categories: set[str] | None) -> list[Candidate]:
        if categories is None:
            return self.body_pool()
        return [p for cat in sorted(categories) for p in self.by_category.get(cat, [])]

    def _unused(self, pool: list[Candidate]) -> list[Candidate]:
        return [p for p in pool if p.id not in self.ledger.ids]

    def _pool_for(self, key: str, about: str) -> tuple[list[Candidate], list[Candidate]]:
        """(phrases relevant here: this place's own first, then others sharing words; the rest)."""
        pool = self._unused(self.body_pool())
        mine = [p for p in pool if self.home.get(p.id) == key]
        others = [p for p in pool if self.home.get(p.id) != key]
        mine = [p for p in mine if self.relevance.words(p, about) >= RELEVANT_MIN and p.id not in self.local]
        shared = [p for p in others if self.relevance.words(p, about) >= RELEVANT_MIN
                  and p.id not in self.local]
        taken = {p.id for p in mine} | {p.id for p in shared}
        rest = [p for p in pool if p.id not in taken]
        return (self._fillable_first(self.relevance.ranked(mine, about)
                                     + self.relevance.ranked(shared, about)),
                self._fillable_first(self.relevance.ranked(rest, about)))

    def _fillable_first(self, pool: list[Candidate]) -> list[Candidate]:
        """Phrases whose slots all have values in vars before those that would print 〔待补充〕."""
        ok = [p for p in pool if all(s in self.outline.vars for s in p.slots)]
        ok_ids = {p.id for p in ok}
        return ok + [p for p in pool if p.id not in ok_ids]

    def _next(self, pool: list[Candidate], room: int, place: str) -> str:
        """The first phrase of ``pool`` that fits in ``room`` and says nothing said before."""
        limit = room * 1.2 + 10
        for i, p in enumerate(pool):
            if p.id in self.ledger.ids:
                continue
            text = self._phrase_text(p)
            if not text or len(text) > limit or not self.ledger.fresh(text) \
                    or short_head(text) in self.short_heads or self._echoes(p.text):
                continue
            del pool[i]
            partner = self._completion(p, pool, limit - len(text))
            if partner is not None:  # 要强化理论武装，坚持读原著、学原文、悟原理。
                q, rest = partner
                pool.remove(q)
                self._take(p, p.text, place)
                self._take(q, rest, place)
                return p.text + "，" + rest + "。"
            return self._take(p, text, place)
        return ""

    def _completion(self, p: Candidate, pool: list[Candidate], room: float):
        """For a short directive, a predicate of the pool that carries it on in one sentence."""
        if self.shapes.get(p.id) != "directive" or not short_directive(p.text):
            return None
        for q in pool:
            if self.shapes.get(q.id) != "verb" or q.id in self.ledger.ids or q.slots:
                continue
            joined = p.text + "，" + q.text + "。"
            if len(joined) <= room + len(p.text) + 2 and self.ledger.fresh(joined):
                return q, q.text
        return None

    def _phrase_text(self, p: Candidate) -> str:
        """The phrase as printed: a sentence as it is, a predicate or clause inside a frame,
        a saying quoted; '' when it cannot be made a sentence (a fragment)."""
        text = self.fill(p.text, slots=p.slots, where=f"phrase {p.id}")
        text = "".join(text.splitlines())
        kind = self.shapes.get(p.id, "sentence")
        if p.category in set().union(*self.placed.values()):
            kind = "sentence"  # opening, closing and lead-in lines are written as sentences
        if kind == "fragment" or not text:
            return ""
        if text[-1] in _END:
            return text
        if kind == "saying":
            return self._quote(text)
        if kind in ("verb", "clause"):
            return self._embed("动" if kind == "verb" else "使", text)
        return text + "。"

    def _embed(self, kind: str, text: str) -> str:
        """A predicate or 让/把 clause made a sentence by a frame of ``kind`` (要……。)."""
        options = [f for f in self.frames.get(kind) or [] if "{x}" in f and f != self._last_embed
                   and (plain_verb(text) or not f.split("{x}")[0].endswith(EMBED_ADVERBS))
                   and (self.said >= 2 or "，" not in f.split("{x}")[0])]
        if not options:
            return ""
        self.rng.shuffle(options)
        for f in options:
            out = f.replace("{x}", text)
            if short_head(out) not in self.short_heads:  # never three 要坚持…。 in a row of shorts
                self._last_embed = f
                return out
        return ""

    def _quote(self, text: str) -> str:
        """A short saying without end punctuation is quoted in a frame (正所谓“……”。)."""
        if len(text) > 16:
            return ""
        options = [f for f in self.frames.get("语") or [] if f not in self.used_frames]
        if not options:
            return ""
        f = options[self.rng.randrange(len(options))]
        self.used_frames.add(f)
        return f.replace("{q}", text)

    def _echoes(self, text: str) -> bool:
        """True when most of ``text`` was already said by another phrase (a series that is part
        of a printed sentence, or the same series in another order)."""
        grams = bigrams(text)
        if len(grams) < 4:
            return False
        return any(len(grams & seen) >= ECHO_SHARE * min(len(grams), len(seen)) for seen in self.printed)

    def _take(self, p: Candidate, text: str, place: str) -> str:
        self.printed.append(bigrams(p.text))
        self.ledger.take(text, p.id)
        self.borrowed.append(Borrowed(p.id, p.category, text, place, p.sources))
        return text

    def _add(self, sentences: list[str], text: str) -> int:
        if not text:
            return 0
        head = short_head(text)
        if head:
            self.short_heads.add(head)
        sentences.append(text)
        self.said += 1
        n = len("".join(text.split()))
        self.composed_chars += n
        return n

    def _frame_values(self, node: Node | None) -> dict[str, str]:
        values = {"t": self.outline.theme or "", "title": self.outline.title}
        if node is not None:
            short = short_heading(node.heading)
            values["h"] = short if len(short) <= QUOTED_HEADING_CHARS else ""
            points = "、".join(p.heading.rstrip("。；：") for p in node.points)
            values["points"] = points if len(points) <= POINTS_QUOTED_CHARS else ""
            values["n"] = CHINESE_COUNTS.get(len(node.points), "几") if len(node.points) >= 2 else ""
            parent = self.nodes.get(node.key.rpartition(".points[")[0])
            above = short_heading(parent.heading) if parent else ""
            values["p"] = above if len(above) <= QUOTED_HEADING_CHARS else ""
        return values


#: words that mark a transition as a lead-in to the sections (下面，我谈几点体会)
LEAD_IN_WORDS = ("下面", "几点", "借此机会", "谈谈")

#: categories whose phrases are sayings, quoted in a 语 frame when they lack end punctuation
SAYINGS = ("金句", "对仗")
#: a phrase shares at least this much (rare shared words, tags) to count as about a place
RELEVANT_MIN = 3.0

#: placeholders a frame may hold; a frame is skipped when one it needs has no value
FRAME_KEYS = ("h", "p", "t", "points", "title", "n")
#: a body of at least this many characters may quote its heading twice, a shorter one once
LONG_BODY = 450
MAX_HEADING_QUOTES = 2
#: a phrase sharing this share of its words with one already printed says nothing new
ECHO_SHARE = 0.7
#: a heading longer than this is not quoted in a frame (it reads as a pasted block)
QUOTED_HEADING_CHARS = 14
#: points listed in a frame only when they are this short together (else 以下两个方面)
POINTS_QUOTED_CHARS = 24
CHINESE_COUNTS = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}
#: a frame ending in one of these before {x} needs a predicate without its own adverb
EMBED_ADVERBS = ("切实", "始终", "真正", "努力")


def placed_categories(frames: dict) -> dict[str, set[str]]:
    """Role (opening, closing, transition, skip) → the bank categories kept to it (_frames.yaml)."""
    cats = frames.get("categories") or {}
    return {role: set(cats.get(role) or []) for role in ("opening", "closing", "transition", "skip")}


def quotes_heading(frame: str) -> bool:
    """True for a frame that repeats the heading of its place ({h}, {p} or the points)."""
    return any(k in frame for k in ("{h}", "{p}", "{points}"))


def _fill_frame(frame: str, values: dict[str, str]) -> str:
    """Put values into a frame's {h} {p} {t} {points} {title}; other braces are slots."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0))
                  if m.group(1) in FRAME_KEYS else m.group(0), frame)


def short_heading(heading: str) -> str:
    """The heading as a frame quotes it: its first clause when it has two (坚持以学促干，在…中…)."""
    heading = heading.rstrip("。；：")
    first = heading.split("，")[0]
    return first if 4 <= len(first) < len(heading) else heading


def _lead_in(text: str) -> bool:
    return any(w in text for w in LEAD_IN_WORDS)


def _is_formula(text: str) -> bool:
    return "谢谢大家" in text or "发言完毕" in text or "批评指正" in text


#: a paragraph starting with a sentence this short may read as a lead sentence (a heading)
#: to the parser, unless the sentence speaks in the first person or points back (这, 我, 下面…)
LEAD_LIKE_CHARS = 40
NOT_LEAD_WORDS = re.compile(r"我|这|今天|下面|以下|同志们|大家|总之|谢谢|当前|目前|近年来|首先")


def lead_like(sentence: str) -> bool:
    """True when a paragraph opening on ``sentence`` could be read back as a lead sentence."""
    core = sentence.rstrip("。！？")
    return (len(core) <= LEAD_LIKE_CHARS and not core.startswith(("“", "‘", "《"))
            and not NOT_LEAD_WORDS.search(core))


def not_lead_like(sentences: list[str]) -> list[str]:
    """Reorder so a paragraph does not open like a lead sentence: its text is not a heading."""
    for i, s in enumerate(sentences):
        if not lead_like(s):
            return [s] + sentences[:i] + sentences[i + 1:]
    return sentences


#: the parser reads three short sentences of one frame in a section (要干在……。) as lead sentences
INNER_LEAD_CHARS = 26


def short_head(sentence: str) -> str:
    """The two characters that would make ``sentence`` one of a run of inner lead sentences, or ''."""
    if len(sentence) <= INNER_LEAD_CHARS and "，" not in sentence and sentence.endswith("。"):
        return sentence[:2]
    return ""


def paragraphs_of(sentences: list[str]) -> list[str]:
    """Sentences joined into paragraphs of about PARAGRAPH_CHARS characters."""
    out: list[str] = []
    current = ""
    for s in sentences:
        if current and len(current) + len(s) > PARAGRAPH_CHARS:
            out.append(current)
            current = ""
        current += s
    if current:
        out.append(current)
    return out


def walk_nodes(outline: Outline):
    """(parent, node) for every section and point, in order."""
    def rec(parent, nodes):
        for n in nodes:
            yield parent, n
            yield from rec(n, n.points)
    yield from rec(None, outline.sections)


def places(outline: Outline) -> dict[str, str]:
    """Key path → the text a place is about: its heading and its points' headings."""
    out = {}
    for _, n in walk_nodes(outline):
        out[n.key] = " ".join([n.heading] + [p.heading for p in n.points])
    return out
