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
from drafter.compose.select import Candidate, Ledger, Relevance
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
                 skeleton: dict | None, budgets: dict[str, int], seed: int, strict: bool):
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
        cats = frames.get("categories") or {}
        self.placed = {role: set(cats.get(role) or [])
                       for role in ("opening", "closing", "transition", "skip")}
        self.by_category: dict[str, list[Candidate]] = {}
        for p in phrases:
            self.by_category.setdefault(p.category, []).append(p)
        self.relevance = Relevance(phrases, outline.theme, self.rng)
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
        """One unused connecting sentence of ``kind``, filled with the node's heading and points."""
        values = {**self._frame_values(node), **values}
        options = [f for f in self.frames.get(kind) or [] if f not in self.used_frames
                   and all(values.get(k) for k in re.findall(r"\{(\w+)\}", f) if k in FRAME_KEYS)]
        self.rng.shuffle(options)
        for f in options:
            text = self.fill(_fill_frame(f, values), where=f"frame of {kind}")
            if self.ledger.fresh(text):
                self.used_frames.add(f)
                self.ledger.take(text)
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
        kind = "总" if node.points else "引"
        if budget >= 40:
            used += self._add(sentences, self.frame(kind, node))
        relevant, rest = self._pool_for(node.key, about)
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
        while budget - used - len(closer) > 24:  # out of relevant phrases: alternate frames and general ones
            added = self._add(sentences, self.frame("展", node))
            if budget - used - added - len(closer) > 24:
                added += self._add(sentences, self._next(rest, budget - used - added - len(closer),
                                                         node.key))
            if not added:
                break
            used += added
        used += self._add(sentences, closer)
        return paragraphs_of(sentences) if split else ["".join(sentences)] if sentences else []

    def opening(self, transition: str = "开") -> list[str]:
        """The outline's opening, or opening phrases about the title and theme, then a transition.

        The transition is a 过渡 phrase of the bank when one is left, else a frame of
        kind ``transition``: it leads from the opening into the sections.
        """
        if self.outline.opening:
            return self._verbatim(self.outline.opening, "opening")
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
        return [p for cat, ps in sorted(self.by_category.items()) if cat not in fixed for p in ps]

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
        mine = [p for p in mine if self.relevance.words(p, about) >= RELEVANT_MIN]
        shared = [p for p in others if self.relevance.words(p, about) >= RELEVANT_MIN]
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
            if len(text) > limit or not self.ledger.fresh(text):
                continue
            del pool[i]
            return self._take(p, text, place)
        return ""

    def _phrase_text(self, p: Candidate) -> str:
        text = self.fill(p.text, slots=p.slots, where=f"phrase {p.id}")
        text = "".join(text.splitlines())
        if text and text[-1] not in _END:
            quoted = self._quote(text) if p.category in SAYINGS else ""
            return quoted or text + "。"
        return text

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

    def _take(self, p: Candidate, text: str, place: str) -> str:
        self.ledger.take(text, p.id)
        self.borrowed.append(Borrowed(p.id, p.category, text, place, p.sources))
        return text

    def _add(self, sentences: list[str], text: str) -> int:
        if not text:
            return 0
        sentences.append(text)
        n = len("".join(text.split()))
        self.composed_chars += n
        return n

    def _frame_values(self, node: Node | None) -> dict[str, str]:
        values = {"t": self.outline.theme or "", "title": self.outline.title}
        if node is not None:
            values["h"] = short_heading(node.heading)
            values["points"] = "、".join(p.heading.rstrip("。；：") for p in node.points)
            parent = self.nodes.get(node.key.rpartition(".points[")[0])
            values["p"] = parent.heading.rstrip("。；：") if parent else ""
        return values


#: words that mark a transition as a lead-in to the sections (下面，我谈几点体会)
LEAD_IN_WORDS = ("下面", "几点", "借此机会", "谈谈")

#: categories whose phrases are sayings, quoted in a 语 frame when they lack end punctuation
SAYINGS = ("金句", "对仗")
#: a phrase shares at least this much (rare shared words, tags) to count as about a place
RELEVANT_MIN = 3.0

#: placeholders a frame may hold; a frame is skipped when one it needs has no value
FRAME_KEYS = ("h", "p", "t", "points", "title")


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


#: a paragraph starting with a sentence this short reads like a lead sentence (a heading)
LEAD_LIKE_CHARS = 24


def not_lead_like(sentences: list[str]) -> list[str]:
    """Reorder so the paragraph opens on a long sentence: opening and closing are not sections."""
    for i, s in enumerate(sentences):
        if len(s) > LEAD_LIKE_CHARS:
            return [s] + sentences[:i] + sentences[i + 1:]
    return sentences


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
