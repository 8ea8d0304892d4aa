"""The outline a writer gives: load the YAML, check every key, say exactly where it is wrong.

Errors name the file and the line and column of the bad value (from the YAML node marks)
and the key path (``sections[2].heading``), and say what was expected, so a writer can
fix an outline without reading code.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NoReturn, overload

import yaml

from drafter.errors import OutlineError
from drafter.i18n import N_, _
from drafter.suggest import unknown
from drafter.yamlfile import compose_yaml, read_text  # read_text refuses FIFOs, huge files, bad bytes (with where)

#: numbering styles: unnumbered lead sentences (000/001) or 一、/（一）/一是 (002–004)
NUMBERINGS = ("lead", "numbered")
#: default speaking rate, characters per minute
DEFAULT_RATE = 220
#: the range of target lengths drafter is built to fit
LENGTH_RANGE = (1000, 8000)
#: the largest seed an outline may name
MAX_SEED = 2**31 - 1

TOP_KEYS = ("type", "numbering", "title", "speaker", "date", "theme", "length", "minutes", "rate",
            "vars", "opening", "closing", "sections", "pins", "seed")
NODE_KEYS = ("heading", "points", "text")


@dataclass
class Node:
    """A section or a point: a heading written verbatim, optional verbatim text, sub-points."""

    heading: str
    text: list[str] = field(default_factory=list)
    points: list["Node"] = field(default_factory=list)
    key: str = ""  # key path in the outline, e.g. sections[1].points[2]


@dataclass
class Outline:
    title: str
    sections: list[Node]
    type: str = "研讨发言"
    numbering: str | None = None
    speaker: str | None = None
    date: str | None = None
    theme: str | None = None
    length: int | None = None
    minutes: float | None = None
    rate: int = DEFAULT_RATE
    vars: dict[str, str] = field(default_factory=dict)
    opening: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    #: sentences the writer chose: slot (2.1#3, opening#1) → a phrase id, or {text: own sentence}
    pins: dict[str, object] = field(default_factory=dict)
    #: the seed ``drafter draft`` uses when no --seed is given (the page saves the one it drafted with)
    seed: int | None = None
    source: str = ""
    #: key path → (line, column), 1-based, for errors found after loading (unknown type)
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def target_length(self) -> int | None:
        """Characters wanted: ``length``, or ``minutes`` × ``rate``; None when neither is given."""
        if self.length is not None:
            return self.length
        if self.minutes is not None:
            return round(self.minutes * self.rate)
        return None

    def error(self, key: str, message: str) -> OutlineError:
        """An OutlineError pointing at ``key`` in the outline file."""
        line, column = self.marks.get(key, (None, None))
        return OutlineError(message, path=self.source or None, line=line, column=column, key=key)


#: what ``drafter new`` leaves for the writer to replace (drafter/compose/starter.py), and the
#: starter text of older versions (the bare word 主题 as theme, 〔第一部分标题〕 headings)
_UNEDITED = re.compile(r"〔待填[：:][^〕]*〕|〔第.{1,2}部分标题〕")


def unedited(outline: "Outline") -> list[tuple[str, str]]:
    """``(key, text)`` for every value still holding starter text from ``drafter new``."""
    found = []
    values = [("title", outline.title), ("theme", outline.theme or ""), ("speaker", outline.speaker or "")]
    if outline.theme == "主题":
        found.append(("theme", "主题"))

    def walk(nodes):
        for node in nodes:
            values.append((f"{node.key}.heading" if node.key else "heading", node.heading))
            walk(node.points)

    walk(outline.sections)
    for key, text in values:
        for m in _UNEDITED.finditer(text or ""):
            found.append((key, m.group()))
    return found


def load_outline(source: str | Path | dict) -> Outline:
    """An Outline from a YAML file path or an already-loaded mapping."""
    if isinstance(source, dict):
        return _build(source, {}, "")
    path = Path(source)
    if not path.exists() and not path.is_symlink():
        raise OutlineError(_("no such outline file"), path=str(path))
    text = read_text(path, OutlineError, "outline file")
    data, marks = parse_yaml(text, str(path))
    if not isinstance(data, dict):
        raise OutlineError(_("expected a mapping with title and sections at the top of the outline"),
                           path=str(path), line=1, column=1)
    return _build(data, marks, str(path))


def parse_yaml(text: str, path: str) -> tuple[object, dict[str, tuple[int, int]]]:
    """The YAML data plus, for every key path, the line and column where its value starts."""
    data, node = compose_yaml(text, path, OutlineError, what=_("YAML syntax error"))
    marks: dict[str, tuple[int, int]] = {}
    if node is not None:
        _collect_marks(node, "", marks)
    return data, marks


def _collect_marks(node, path: str, marks: dict) -> None:
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = f"{path}.{key_node.value}" if path else str(key_node.value)
            marks[sub] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            marks[f"{sub}#key"] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect_marks(value_node, sub, marks)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value, 1):
            _collect_marks(item, f"{path}[{i}]", marks)


#: control characters, carriage returns and Unicode line/paragraph separators (they split a
#: heading where no one sees a break); tabs and newlines in block text are fine
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
MAX_LINE = 5000


class _Checker:
    """Type checks that raise an OutlineError at the right place."""

    def __init__(self, marks: dict, path: str):
        self.marks = marks
        self.path = path

    def fail(self, key: str, message: str, at_key: bool = False) -> NoReturn:
        line, column = self.marks.get(f"{key}#key" if at_key else key, (None, None))
        raise OutlineError(message, path=self.path or None, line=line, column=column, key=key)

    @overload
    def text(self, value, key: str, required: Literal[True]) -> str: ...

    @overload
    def text(self, value, key: str, required: bool = False) -> str | None: ...

    def text(self, value, key: str, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.fail(key, _("expected text, got nothing"))
            return None
        return self._some_text(value, key, required)

    def _some_text(self, value, key: str, required: bool = False) -> str:
        """``text`` of a value that is there (not None)."""
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.fail(key, _("expected text, got {kind}").format(kind=_kind(value)))
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        text = str(value).strip()
        if required and not text:
            self.fail(key, _("must not be empty: expected text"))
        bad = _BAD_CHAR.search(text)
        if bad:
            self.fail(key, f"holds U+{ord(bad.group()):04X} at character {bad.start() + 1} (a control "
                           "character or stray line break); remove it")
        if any(len(line) > MAX_LINE for line in text.split("\n")):
            self.fail(key, f"a line of more than {MAX_LINE} characters; no heading or paragraph is that long")
        return text

    def paragraphs(self, value, key: str) -> list[str]:
        """Text given verbatim: a string (one paragraph per line) or a list of strings."""
        if value is None:
            return []
        if isinstance(value, list):
            return [self._some_text(v, f"{key}[{i}]") for i, v in enumerate(value, 1) if v not in (None, "")]
        text = self._some_text(value, key)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def whole(self, value, key: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.fail(key, _("expected a positive whole number, got {kind} {value!r}").format(
                kind=_kind(value), value=value))
        return value

    def number(self, value, key: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.fail(key, _("expected a positive number, got {kind} {value!r}").format(
                kind=_kind(value), value=value))
        return value


def _kind(value) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, (int, float)):
        return _("a number")
    return _("text")


def _build(data: dict, marks: dict, path: str) -> Outline:
    c = _Checker(marks, path)
    for key in data:
        if key not in TOP_KEYS:
            c.fail(str(key), unknown(N_("key"), key, TOP_KEYS), at_key=True)
    if "title" not in data:
        _missing_top(c, "title", _("the speech title as text"))
    if "sections" not in data:
        _missing_top(c, "sections", _("a list of sections, each with a heading"))
    numbering = c.text(data.get("numbering"), "numbering")
    if numbering is not None and numbering not in NUMBERINGS:
        c.fail("numbering", unknown(N_("numbering"), numbering, NUMBERINGS))
    length = c.whole(data.get("length"), "length")
    minutes = c.number(data.get("minutes"), "minutes")
    if length is not None and minutes is not None:
        c.fail("minutes", _("give either length or minutes, not both"), at_key=True)
    rate = c.whole(data.get("rate"), "rate") or DEFAULT_RATE
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED):
        c.fail("seed", _("expected a whole number from 0 to {most}, got {kind} {value!r}").format(
            most=MAX_SEED, kind=_kind(seed), value=seed))
    return Outline(
        title=c.text(data.get("title"), "title", required=True),
        sections=_sections(c, data.get("sections")),
        type=c.text(data.get("type"), "type") or "研讨发言",
        numbering=numbering,
        speaker=c.text(data.get("speaker"), "speaker") or None,
        date=c.text(data.get("date"), "date") or None,
        theme=c.text(data.get("theme"), "theme") or None,
        length=length,
        minutes=minutes,
        rate=rate,
        vars=_vars(c, data.get("vars")),
        opening=c.paragraphs(data.get("opening"), "opening"),
        closing=c.paragraphs(data.get("closing"), "closing"),
        pins=_pins(c, data.get("pins")),
        seed=seed,
        source=path,
        marks=marks,
    )


def _missing_top(c: _Checker, key: str, expected: str) -> NoReturn:
    raise OutlineError(_("missing required key {key!r}: expected {expected}").format(key=key, expected=expected),
                       path=c.path or None,
                       key=key)


def _vars(c: _Checker, value) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.fail("vars", _("expected a mapping of slot names to values (e.g. {{地名: 滨江区}}), got {kind}").format(
            kind=_kind(value)))
    out = {}
    for name, v in value.items():
        out[str(name)] = c.text(v, f"vars.{name}", required=True)
    return out


_PIN_KEY = re.compile(r"^(opening|closing|\d+(\.\d+)*)#\d+$")


def _pins(c: _Checker, value) -> dict[str, object]:
    """Chosen sentences: slot → phrase id, or {text: …} for the writer's own sentence."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        c.fail("pins", f"expected a mapping of slots (like 2.1#3) to phrase ids, got {_kind(value)}")
    out: dict[str, object] = {}
    for slot, pin in value.items():
        key = f"pins.{slot}"
        if not _PIN_KEY.match(str(slot)):
            c.fail(key, "expected a slot like 2#1, 2.1#3, opening#1 or closing#1", at_key=True)
        if isinstance(pin, dict):
            if set(pin) != {"text"}:
                c.fail(key, "expected a phrase id, or a mapping with just 'text'")
            out[str(slot)] = {"text": c.text(pin["text"], f"{key}.text", required=True)}
        else:
            out[str(slot)] = c.text(pin, key, required=True)
    return out


def _sections(c: _Checker, value) -> list[Node]:
    if not isinstance(value, list):
        c.fail("sections", _("expected a list of sections, each with a heading, got {kind}").format(
            kind=_kind(value)))
    if not value:
        c.fail("sections", _("expected at least one section"))
    return [_node(c, item, f"sections[{i}]") for i, item in enumerate(value, 1)]


def _node(c: _Checker, item, key: str) -> Node:
    """A section or point: a mapping {heading, points, text}, or just the heading as text."""
    if isinstance(item, str) or (item is not None and not isinstance(item, (dict, list, bool))):
        return Node(heading=_heading(c, item, key), key=key)
    if not isinstance(item, dict):
        c.fail(key, _("expected a heading (text) or a mapping with 'heading', got {kind}").format(
            kind=_kind(item)))
    for k in item:
        if k not in NODE_KEYS:
            c.fail(f"{key}.{k}", unknown(N_("key"), k, NODE_KEYS), at_key=True)
    if "heading" not in item:
        c.fail(key, _("missing required key 'heading': expected the heading as text"))
    points = item.get("points")
    if points is not None and not isinstance(points, list):
        c.fail(f"{key}.points", _("expected a list of points, got {kind}").format(kind=_kind(points)))
    return Node(
        heading=_heading(c, item["heading"], f"{key}.heading"),
        text=c.paragraphs(item.get("text"), f"{key}.text"),
        points=[_node(c, p, f"{key}.points[{i}]") for i, p in enumerate(points or [], 1)],
        key=key,
    )


def _heading(c: _Checker, value, key: str) -> str:
    text = c.text(value, key, required=True)
    if "\n" in text:
        c.fail(key, _("expected a one-line heading"))
    return text
