"""The small set of helpers a template calls (documented in docs/outline.md).

``number(family, n)``   the n-th marker of a family: number('一、', 2) → 二、, number('一是', 3) → 三是
``fill(text)``          slots {地名} filled from the outline's ``vars`` (missing → 〔待补充：地名〕)
``phrase(category, about)``  one unused bank line of a category, the most relevant to ``about``
``body(node)``          the paragraphs of a section or point, written to its share of the length
``opening()`` / ``closing(formula=True)``  the opening and closing, composed or verbatim
``frame(kind, node)``   one unused connecting sentence of a kind from ``_frames.yaml``

The Composer holds what one rendering shares (drafter/compose/state.py: ``DraftState``);
each ``body`` call makes a fresh ``SectionWriter``. Phrases and outline text reach the output
only as values: the helpers return plain strings, nothing they hold is compiled as template code.
"""

from __future__ import annotations

import re

from drafter import sectors
from drafter.compose import length as lengthmod
from drafter.compose import occasion as occ
from drafter.compose import plan as planmod
from drafter.compose.admission import BankView
from drafter.compose.outline import Node, Outline
from drafter.compose.paragraphs import lead_like, lead_safe
from drafter.compose.relevance import About
from drafter.compose.section import SectionWriter
from drafter.compose.state import Borrowed, DraftState
from drafter.errors import OutlineError
from drafter.i18n import _
from drafter.markers import DIRECTIVE_POINT, NUMBERED_FAMILIES, make_marker

__all__ = ["Borrowed", "Composer", "missing_marker", "placed_categories", "walk_nodes", "places",
           "slot_path"]

_SLOT = re.compile(r"(?<!\{)\{([^{}\s]{1,12})\}(?!\})")
#: placeholders a frame may hold; a frame is skipped when one it needs has no value
FRAME_KEYS = ("h", "p", "t", "points", "title", "n")
#: heading families printed on a line of their own (the body starts a paragraph of its own)
STANDALONE = frozenset(f.name for f in NUMBERED_FAMILIES)
#: points listed in a frame only when they are this short together (else 以下两个方面)
POINTS_QUOTED_CHARS = 24


def missing_marker(name: str) -> str:
    return f"〔待补充：{name}〕"


class Composer:
    """The helpers' shared state for one rendering of one outline."""

    def __init__(self, outline: Outline, view: BankView, *, frames: dict, skeleton: dict | None,
                 budgets: dict[str, int], seed: int, strict: bool):
        self.outline = outline
        self.frames = frames
        self.skeleton = skeleton or {}
        self.budgets = budgets
        #: each place's share of the outline, before any correction for length
        self.base = lengthmod.budgets(outline, lengthmod.target_length(outline, skeleton))
        self.strict = strict
        self.missing: dict[str, int] = {}
        self.used_frames: set[str] = set()
        #: characters of text this composer made up (not verbatim), for the length correction
        self.composed_chars = 0
        self.connectors = 0
        #: headings of the places that got a note to the writer instead of sentences
        self.notes: list[str] = []
        self.view = view
        self.state = DraftState(view, seed, self.fill, pins=dict(outline.pins))
        self.rng = self.state.rng
        self.nodes = {n.key: n for _, n in walk_nodes(outline)}
        self.parents = {n.key: p for p, n in walk_nodes(outline)}
        self.abouts = {key: self._about(n) for key, n in self.nodes.items()}
        self.state.settle_homes(self.abouts, {key: planmod.most_sentences(self._kind(n), self.base.get(key, 0))
                                              for key, n in self.nodes.items()})
        self.occasion = occ.occasion(frames, outline.type)
        #: what the opening said (a courtesy said there is not said again in the closing)
        self.said = ""
        self.state.unsaid = occ.unsaid(outline.speaker)
        self.state.headings = tuple(n.heading for n in self.nodes.values())

    @property
    def borrowed(self) -> list[Borrowed]:
        return self.state.borrowed

    @property
    def shortfalls(self):
        return self.state.shortfalls

    @property
    def ledger(self):
        return self.state.ledger

    def _about(self, node: Node) -> About:
        """What a place is about: its heading (with what its subjects imply: 蓝天 → 大气), its
        points, the heading above; a point also knows its siblings, to keep to its own part."""
        parent = self.parents.get(node.key)
        def subject(n: Node) -> str:
            return " ".join(filter(None, [n.heading, sectors.implied(n.heading)]))
        text = " ".join([subject(node)] + [p.heading for p in node.points]
                        + ([parent.heading] if parent is not None else []))
        siblings = tuple(subject(p) for p in parent.points if p is not node) if parent is not None else ()
        return About.of(text, self.outline.theme or "", heading=subject(node),
                        above=parent.heading if parent is not None else "", siblings=siblings,
                        context=occ.subject_of_title(self.outline.title) or "")

    # -- the helpers templates call -------------------------------------------------

    def number(self, family: str, n: int) -> str:
        """The n-th marker of ``family`` (一、 （一） 1. （1） 一是 一要), or '' for lead style."""
        return make_marker(family, int(n)) if family else ""

    @staticmethod
    def item_family(family: str, nodes) -> str:
        """The marker family a run of points is printed with: 一要 says "one must …", so it numbers
        only a run whose every point reads as a directive (坚持为民造福, 健全…); points that are
        questions, findings or faults to avoid (为谁创造政绩, 急功近利搞短期行为) are numbered 一是, or
        一要 would turn them into their opposite."""
        if family != "一要":
            return family
        return family if all(DIRECTIVE_POINT.match(str(n.heading)) for n in nodes) else "一是"

    def fill(self, text: str, slots: list[str] | None = None, where: str = "template") -> str:
        """Slots written {名} take their value from ``vars``; a slot with no value is marked."""
        def repl(m: re.Match) -> str:
            name = m.group(1)
            if slots is not None and name not in slots:
                return m.group(0)
            if slots is None and not re.fullmatch(r"\w+", name):
                return m.group(0)
            if name in self.outline.vars:
                return self.outline.vars[name]
            if self.strict:
                raise OutlineError(_("no value for slot {{{name}}} (used in {where}); add it under vars or drop --strict").format(name=name, where=where), path=self.outline.source or None, key=f"vars.{name}")
            self.missing[name] = self.missing.get(name, 0) + 1
            return missing_marker(name)
        return _SLOT.sub(repl, text)

    def phrase(self, category: str, about: str = "", place: str = "template") -> str:
        """The most relevant unused bank line of ``category`` for ``about``, or '' if none."""
        target = About.of(about or self.outline.title, self.outline.theme or "")
        pool = [u for u in self.view.units + sum(self.view.placed.values(), [])
                if u.category == category and u.id not in self.ledger.ids]
        pool.sort(key=lambda u: (-self.view.score(u, target), u.id))
        for u in pool:
            text = self.state.printed(u)
            if self.ledger.fresh(text):
                self.state.take(u, text, place, "")
                return text
        return ""

    def frame(self, kind: str, node: Node | None = None, accept=None, **values) -> str:
        """One unused connecting sentence of ``kind``, filled with the node's heading and points
        (and, with ``accept``, one that the test accepts)."""
        values = {**self._frame_values(node), **values}
        options = [f for f in self.frames.get(kind) or [] if f not in self.used_frames
                   and all(values.get(k) for k in re.findall(r"\{(\w+)\}", f) if k in FRAME_KEYS)]
        self.rng.shuffle(options)
        for f in options:
            text = self.fill(_fill_frame(f, values), where=f"frame of {kind}")
            if accept is not None and not accept(text):
                continue
            if self.ledger.fresh(text):
                self.used_frames.add(f)
                self.ledger.take(text)
                return text
        return ""

    def body(self, node: Node, split: bool = True, marker: str | None = None) -> list[str]:
        """Paragraphs for ``node``: its verbatim text, or a body written to its plan and share.

        ``marker`` is the family its heading is printed with (一、 （一） 1. （1） stand on a line
        of their own; 一是/一要 and lead sentences start the body's first paragraph); a template
        that does not say is taken to print it on a line of its own."""
        if node.text:
            return self._verbatim(node.text, node.key)
        stands_alone = marker is None or marker in STANDALONE
        base = self.base.get(node.key, 0)
        # a place with plenty of material may grow past its share of the outline, up to the
        # genre's range; one that has little stays short (and says so)
        budget = min(self.budgets.get(node.key, 0), round(base * lengthmod.GROWTH_CAP))
        kind = self._kind(node)
        writer = SectionWriter(self.state, node.key, slot_path(node.key), node.heading,
                               self.abouts[node.key], budget, kind, self.outline.type, share=base)
        paragraphs = writer.write()
        self.state.pending.discard(node.key)
        if not node.points:
            paragraphs = self._noted(node, kind, paragraphs, writer.used < base * lengthmod.THIN_SHARE,
                                     stands_alone)
        if node.points and len(node.points) >= 2:
            body = split_sentences(paragraphs[0]) if paragraphs else []
            opens_like_lead = not body or lead_like(lead_safe(body)[0])
            # a section with no lines of its own announces its points (重点要在以下两个方面下功夫):
            # a count that is true of what follows. Under a 一、 line its own lines must not open
            # like a lead sentence (they would parse as a heading): then the announcing sentence,
            # which cannot be read as one, goes first. Otherwise the points follow the section's
            # own lines directly, as in real speeches
            if opens_like_lead:
                # a part on why something matters announces aspects of it, not tasks (下功夫)
                kinds = ("总论", "总") if planmod.place_kind(node.heading, False, False) == "meaning" else ("总",)
                accept = (lambda f: not lead_like(f)) if body else None
                lead = next(filter(None, (self.frame(k, node, accept=accept) for k in kinds)), "")
                if lead:
                    self.connectors += 1
                    first = lead_safe(body + [lead])
                    paragraphs = ["".join(first)] + paragraphs[1:]
        # a note is not length: what the correction for length counts is the speech's own text
        self.composed_chars += sum(len(lengthmod.NOTE.sub("", p)) for p in paragraphs)
        return paragraphs

    def _noted(self, node: Node, kind: str, paragraphs: list[str], thin: bool,
               stands_alone: bool) -> list[str]:
        """The body with its note to the writer where the bank had nothing or too little on the
        place (a note is no sentence of the speech: lint flags it, it counts for no length; a
        connecting sentence saying nothing would only hide the gap from the writer)."""
        at_risk = bool(paragraphs) and stands_alone and lead_like(split_sentences(paragraphs[0])[0])
        if paragraphs and not thin and not at_risk:
            return paragraphs
        note = self.note(kind, node, thin=bool(paragraphs))
        if not paragraphs:
            if note:
                return [note]
            lead = self.frame("引", node, h="", p="", t="")  # templates without notes: one frame
            if lead:
                self.connectors += 1
            return [lead] if lead else []
        if at_risk:
            # only short lines, under a heading on a line of its own: a paragraph opening on one
            # could read back as a heading, so what is not a sentence of the speech goes first
            lead = note or self.frame("引", node, accept=lambda f: not lead_like(f), h="", p="", t="")
            if lead and not note:
                self.connectors += 1
            return [lead + paragraphs[0]] + paragraphs[1:]
        return paragraphs[:-1] + [paragraphs[-1] + note]

    def note(self, kind: str, node: Node, thin: bool = False) -> str:
        """A note to the writer for a place the bank has nothing (or, ``thin``, too little) on
        (``注`` in _frames.yaml): what such a part of this kind of speech holds (the unit's
        shortfalls, its 做法 and 成效 …), in 〔待补充（写作提示）：…〕 so it reads as a note and
        never as the speech; at most one per place."""
        notes = self.frames.get("注")
        if not isinstance(notes, dict) or node.heading in self.notes:
            return ""
        text = (notes.get(f"{self.outline.type}/{kind}") or notes.get(kind)
                or notes.get(self.outline.type) or notes.get("default"))
        if not text:
            return ""
        why = notes.get("thin" if thin else "none") or ""
        values = self._frame_values(node)
        values["t"] = values.get("t") or node.heading
        text = self.fill(_fill_frame(str(text).replace("{why}", str(why)), values), where="frame of 注")
        if not text.startswith(lengthmod.NOTE_OPEN) or not text.endswith("〕"):
            return ""
        self.notes.append(node.heading)
        # ended as a sentence, so the parser reads the heading before it and the lines after it
        # as they are (an inline 一是…, a lead sentence, the closing formula)
        return text + "。"

    def opening(self, transition: str = "开") -> list[str]:
        """The outline's opening, or: the subject named (党课), why it matters, the sections announced."""
        if self.outline.opening:
            return self._verbatim(self.outline.opening, "opening")
        values = self._occasion_values()
        avoid = occ.unsaid(self.outline.speaker)
        first = occ.pick(self.rng, self.occasion.get("open"), values, avoid)
        lead_in = occ.pick(self.rng, self.occasion.get("lead_in"), values, avoid)
        budget = max(self.budgets.get("opening", 200) - len(first) - len(lead_in), 0)
        about = self._speech_about()
        writer = SectionWriter(self.state, "opening", "opening", self.outline.title, about,
                               budget, "intro", self.outline.type)
        writer.plan = [planmod.WHY, planmod.WHY]
        # why the theme matters: lines on the theme itself (乡村振兴), not on one of its words (振兴)
        writer.require = about.strong
        middle = writer.write()
        text = first + "".join(middle) + lead_in
        self.said += text
        for s in (first, lead_in):
            if s:
                self.ledger.take(s)
        self.composed_chars += len(text)
        return [text] if text else [self.fill(self.outline.title) + "。"]

    def closing(self, formula: bool = True) -> list[str]:
        """The outline's closing, or the occasion's: a commitment and a formula (发言), a call (党课)."""
        if self.outline.closing:
            return self._verbatim(self.outline.closing, "closing")
        values = self._occasion_values()
        about = self._speech_about()
        avoid = occ.unsaid(self.outline.speaker, self.said)
        budget = self.budgets.get("closing", 120)
        ends_on_formula = bool(self.occasion.get("formula", formula))
        sentences: list[str] = []
        if ends_on_formula:
            writer = SectionWriter(self.state, "closing", "closing", self.outline.title, about,
                                   budget, "intro", self.outline.type)
            writer.plan = [("表态",)]
            sentences += writer.write()
            if not sentences:
                pledge = occ.pick(self.rng, self.occasion.get("pledge"), values, avoid)
                sentences += [pledge] if pledge else []
            if sentences:  # a closing opens on its cue (今后，/总之，), so it reads as the closing
                sentences[0] = occ.closing_cue(sentences[0])
        else:
            call = occ.pick(self.rng, self.occasion.get("call"), values, avoid)
            writer = SectionWriter(self.state, "closing", "closing", self.outline.title, about,
                                   max(budget - len(call), 0), "intro", self.outline.type)
            writer.plan = [("金句", "论述")]
            body = writer.write()
            if body and call.startswith("同志们，"):  # 同志们，<a line on the theme>让我们……
                sentences += ["同志们，" + body[0]] + body[1:] + [call.removeprefix("同志们，")]
            else:
                sentences += body + ([call] if call else [])
        text = "".join(sentences)
        self.ledger.take(text)
        self.composed_chars += len(text)
        out = [text] if text else []
        if ends_on_formula:
            avoid = occ.unsaid(self.outline.speaker, self.said + text)
            formulas = [f for f in self.skeleton.get("closing_formulas") or [] if occ.is_formula(str(f))
                        and not any(w in str(f) for w in avoid)]
            out.append(self.rng.choice(formulas) if formulas else "发言完毕，谢谢大家！")
        return out

    # -- internals ------------------------------------------------------------------

    def _kind(self, node: Node) -> str:
        return planmod.place_kind(node.heading, bool(node.points), self.parents.get(node.key) is not None)

    def _speech_about(self) -> About:
        """What the speech as a whole is about: its theme, or its title without the meeting
        (在……专题研讨会上的发言 is about the quoted subject, not about 理论学习中心组)."""
        subject = self.outline.theme or occ.theme_name(None, self.outline.title) \
            or occ.subject_of_title(self.outline.title)
        return About.of(subject, self.outline.theme or "")

    def _occasion_values(self) -> dict[str, str]:
        n = len(self.outline.sections)
        return {"t": occ.theme_name(self.outline.theme, self.outline.title), "n": occ.count_word(n),
                "title": self.outline.title}

    def _verbatim(self, paragraphs: list[str], where: str) -> list[str]:
        """The writer's own text, as written but for its slots; remembered so nothing repeats it."""
        out = [self.fill(p, where=where) for p in paragraphs]
        for p in out:
            self.ledger.take(p)
        return out

    def _frame_values(self, node: Node | None) -> dict[str, str]:
        values = {"t": self.outline.theme or "", "title": self.outline.title}
        if node is not None:
            values["h"] = node.heading.rstrip("。；：")
            points = "、".join(p.heading.rstrip("。；：") for p in node.points)
            values["points"] = points if len(points) <= POINTS_QUOTED_CHARS else ""
            values["n"] = occ.count_word(len(node.points)) if len(node.points) >= 2 else ""
            parent = self.parents.get(node.key)
            values["p"] = parent.heading.rstrip("。；：") if parent is not None else ""
        return values


_SENTENCE = re.compile(r"[^。！？]+[。！？]”?|[^。！？]+$")


def split_sentences(text: str) -> list[str]:
    return _SENTENCE.findall(text)


def placed_categories(frames: dict) -> dict[str, set[str]]:
    """Role (opening, closing, transition, skip) → the bank categories kept to it (_frames.yaml)."""
    cats = frames.get("categories") or {}
    return {role: set(cats.get(role) or []) for role in ("opening", "closing", "transition", "skip")}


def _fill_frame(frame: str, values: dict[str, str]) -> str:
    """Put values into a frame's {h} {p} {t} {points} {title} {n}; other braces are slots."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0))
                  if m.group(1) in FRAME_KEYS else m.group(0), frame)


def slot_path(key: str) -> str:
    """A node's key path as the stable dotted 1-based path slots are named by:
    sections[2].points[1] → 2.1 (key paths are 1-based already)."""
    return ".".join(re.findall(r"\[(\d+)\]", key)) or key


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
    for _path, n in walk_nodes(outline):
        out[n.key] = " ".join([n.heading] + [p.heading for p in n.points])
    return out


#: words that mark a transition as a lead-in to the sections (下面，我谈几点体会)
LEAD_IN_WORDS = ("下面", "几点", "借此机会", "谈谈")
