"""How speeches of one kind are built: per-speech structure records and their summary by type.

A speech's type comes from its title (…研讨交流会上的发言 → 研讨发言, …的辅导报告 → 辅导报告),
falling back on its structure when the title says nothing. For each type the summary says
how many top-level sections such speeches have, how they nest (lead sentences, 一、/（一）,
inline 一是), how they open and close, how long a section runs, and which heading patterns
their parallel sibling headings follow. Records are small and merge by counting, so the
summary of any number of speeches takes the same memory.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median_low

from drafter.bank.phrase import make_id
from drafter.markers import marker_family, marker_kind
from drafter.mining.patterns import heading_pattern
from drafter.model import Section, Speech

#: title keyword → speech type, first match wins
TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("辅导报告", "辅导报告"), ("党课", "辅导报告"), ("专题报告", "辅导报告"),
    ("研讨", "研讨发言"), ("交流发言", "研讨发言"), ("发言材料", "研讨发言"), ("发言", "研讨发言"),
    ("致辞", "讲话"), ("讲话", "讲话"), ("报告", "辅导报告"),
)
#: other names writers use for each type (skeletons.yaml ``aliases``)
TYPE_ALIASES: dict[str, list[str]] = {
    "研讨发言": ["交流发言", "发言材料"],
    "辅导报告": ["党课", "专题报告"],
    "讲话": ["致辞"],
}
MAX_FILES = 20
MAX_EXAMPLES = 3

#: a corpus holds a few dozen distinct markers (一、 二、 （一） 1. 一是 …) for hundreds of
#: thousands of sections: each is parsed once
_family = lru_cache(maxsize=1024)(marker_family)
_kind = lru_cache(maxsize=1024)(marker_kind)


def speech_type(speech: Speech, depth: int | None = None, chars: int | None = None) -> str:
    """The type named in the title, else 辅导报告 for long multi-level speeches, else 研讨发言.

    ``depth`` and ``chars`` (:func:`_speech_chars`), when the caller has them already, save a walk.
    """
    title = re.sub(r"\s+", "", speech.title or "")
    for keyword, kind in TYPE_RULES:
        if keyword in title:
            return kind
    if depth is None:
        depth = max((d for d, _ in speech.walk()), default=0)
    if depth < 2:
        return "研讨发言"
    return "辅导报告" if (_speech_chars(speech) if chars is None else chars) > 8000 else "研讨发言"


def _chars(section: Section) -> int:
    text = section.heading + "".join(section.body)
    return len("".join(text.split())) + sum(_chars(s) for s in section.sections)


def _speech_chars(speech: Speech, section_chars: list[int] | None = None) -> int:
    """Characters of opening, sections and closing, whitespace not counted (cheaper than text_length)."""
    loose = "".join(speech.opening) + "".join(speech.closing)
    if section_chars is None:
        section_chars = [_chars(s) for s in speech.sections]
    return len("".join(loose.split())) + sum(section_chars)


def _groups(speech: Speech) -> list[tuple[int, str, list[Section]]]:
    """Sibling headings by (depth, marker family): the candidates for a heading pattern."""
    out = []

    def visit(children: list[Section], depth: int) -> None:
        by_family: dict[str, list[Section]] = {}
        for s in children:
            by_family.setdefault(_family(s.marker), []).append(s)
        for family, group in by_family.items():
            out.append((depth, family, group))
        for s in children:
            visit(s.sections, depth + 1)

    visit(speech.sections, 1)
    return out


@dataclass
class Pattern:
    """A heading pattern seen in one speech: its frame, level and the headings it came from."""

    text: str
    depth: int
    family: str
    examples: list[tuple[str, int]]  # (slotted heading, para)


def heading_patterns(speech: Speech, slot) -> list[Pattern]:
    out = []
    for depth, family, group in _groups(speech):
        if len(group) < 2:
            continue
        headings = [slot(s.heading) for s in group]
        pattern = heading_pattern(headings)
        if pattern:
            paras = [s.para or 0 for s in group]
            out.append(Pattern(pattern, depth, family, list(zip(headings, paras))))
    return out


def speech_record(speech: Speech, name: str, moves: list[tuple[str, str, str]],
                  patterns: list[Pattern], closings: list[str]) -> dict:
    """What one speech adds to its type's skeleton (plain data, cheap to send between processes)."""
    levels: dict[int, Counter] = {}
    styles = set()
    for depth, s in speech.walk():
        levels.setdefault(depth, Counter())[_family(s.marker) or "lead"] += 1
        styles.add(_kind(s.marker))
    # each section's characters counted once, for its own figure, the speech's and its type
    section_chars = [_chars(s) for s in speech.sections]
    chars = _speech_chars(speech, section_chars)
    return {
        "type": speech_type(speech, max(levels, default=0), chars),
        "file": name,
        "top_sections": len(speech.sections),
        "styles": sorted(styles),
        "levels": {d: dict(c) for d, c in sorted(levels.items())},
        "section_chars": section_chars,
        "subsections": [len(s.sections) for s in speech.sections],
        "opening_paras": len(speech.opening),
        "opening_moves": moves,
        "salutation": speech.salutation or "",
        "closing": closings,
        "chars": chars,
        "patterns": [(p.text, p.depth, p.family, [h for h, _ in p.examples]) for p in patterns],
    }


@dataclass
class TypeStats:
    """Running counts for one speech type; merging two is adding their counters."""

    documents: int = 0
    files: list[str] = field(default_factory=list)
    top_sections: Counter = field(default_factory=Counter)
    styles: Counter = field(default_factory=Counter)
    levels: dict = field(default_factory=dict)
    section_chars: Counter = field(default_factory=Counter)
    subsections: Counter = field(default_factory=Counter)
    opening_paras: Counter = field(default_factory=Counter)
    moves: Counter = field(default_factory=Counter)
    move_position: Counter = field(default_factory=Counter)
    move_examples: dict = field(default_factory=dict)
    salutations: Counter = field(default_factory=Counter)
    closings: Counter = field(default_factory=Counter)
    chars: Counter = field(default_factory=Counter)
    patterns: dict = field(default_factory=dict)

    def add(self, rec: dict) -> None:
        self.documents += 1
        files, name = self.files, rec["file"]
        # a name past the last of a full list changes nothing (files come mostly in sorted order)
        if len(files) < MAX_FILES or name < files[-1]:
            self.files = sorted(set(files) | {name})[:MAX_FILES]
        self.top_sections[rec["top_sections"]] += 1
        self.styles.update(rec["styles"])
        levels = self.levels
        for depth, families in rec["levels"].items():
            depth = int(depth)
            counts = levels.get(depth)
            if counts is None:
                counts = levels[depth] = Counter()
            counts.update(families)
        self.section_chars.update(_bucket(c) for c in rec["section_chars"])
        self.subsections.update(rec["subsections"])
        self.opening_paras[rec["opening_paras"]] += 1
        seen = set()
        for i, (move, category, text) in enumerate(rec["opening_moves"]):
            examples = self.move_examples.get(move)
            if examples is None:
                examples = self.move_examples[move] = Counter()
            examples[make_id(category, text)] += 1
            if move not in seen:
                seen.add(move)
                self.moves[move] += 1
                self.move_position[move] += i
        if rec["salutation"]:
            self.salutations[rec["salutation"]] += 1
        self.closings.update(rec["closing"])
        self.chars[_bucket(rec["chars"])] += 1
        for text, depth, family, examples in rec["patterns"]:
            entry = self.patterns.get(text)
            if entry is None:
                entry = self.patterns[text] = {"count": 0, "depth": Counter(), "family": Counter(), "examples": []}
            entry["count"] += 1
            entry["depth"][depth] += 1
            entry["family"][family or "lead"] += 1
            entry["examples"] = sorted(set(entry["examples"]) | set(examples))[:MAX_EXAMPLES]

    def merge(self, other: "TypeStats") -> None:
        self.documents += other.documents
        self.files = sorted(set(self.files) | set(other.files))[:MAX_FILES]
        for name in ("top_sections", "styles", "section_chars", "subsections", "opening_paras", "moves",
                     "move_position", "salutations", "closings", "chars"):
            getattr(self, name).update(getattr(other, name))
        for depth, families in other.levels.items():
            self.levels.setdefault(depth, Counter()).update(families)
        for move, ids in other.move_examples.items():
            self.move_examples.setdefault(move, Counter()).update(ids)
        for text, e in other.patterns.items():
            mine = self.patterns.setdefault(text, {"count": 0, "depth": Counter(), "family": Counter(),
                                                   "examples": []})
            mine["count"] += e["count"]
            mine["depth"].update(e["depth"])
            mine["family"].update(e["family"])
            mine["examples"] = sorted(set(mine["examples"]) | set(e["examples"]))[:MAX_EXAMPLES]


def _bucket(chars: int) -> int:
    """Lengths are kept to the nearest 10 characters: enough for a typical length, bounded memory."""
    return int(round(chars, -1))


def _spread(counter: Counter) -> dict:
    values = sorted(counter.elements())
    if not values:
        return {"min": 0, "max": 0, "typical": 0}
    return {"min": values[0], "max": values[-1], "typical": median_low(values)}


def _top(counter: Counter, n: int) -> list:
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]]


def skeleton(kind: str, stats: TypeStats) -> dict:
    """The skeletons.yaml entry of one speech type."""
    moves = sorted(stats.moves, key=lambda m: (stats.move_position[m] / stats.moves[m], -stats.moves[m], m))
    return {
        "aliases": list(TYPE_ALIASES.get(kind, [])),
        "documents": stats.documents,
        "sources": list(stats.files),
        "top_sections": _spread(stats.top_sections),
        "nesting": sorted(stats.styles, key=lambda s: ("lead", "numbered", "inline").index(s)),
        "levels": {depth: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
                   for depth, c in sorted(stats.levels.items())},
        "subsections": _spread(stats.subsections),
        "section_chars": _spread(stats.section_chars),
        "speech_chars": _spread(stats.chars),
        "salutation": (_top(stats.salutations, 1) or [""])[0],
        "opening_paras": _spread(stats.opening_paras),
        "opening_moves": [{"move": m, "documents": stats.moves[m],
                           "examples": _top(stats.move_examples.get(m, Counter()), MAX_EXAMPLES)}
                          for m in moves],
        "closing_formulas": _top(stats.closings, 6),
        "heading_patterns": [
            {"pattern": text, "level": _top(e["depth"], 1)[0], "marker": _top(e["family"], 1)[0],
             "count": e["count"], "examples": list(e["examples"])}
            for text, e in sorted(stats.patterns.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
        ],
    }
