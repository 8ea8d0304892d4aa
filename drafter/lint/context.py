"""The document a rule looks at, and the knobs a user can turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Sequence

from drafter.lint.findings import Finding


class ParaLike(Protocol):
    """What a rule reads of a paragraph (read-only, so frozen ``SimplePara`` is one too)."""

    @property
    def text(self) -> str: ...  # cleaned paragraph (full-width punctuation, hard wraps joined)

    @property
    def raw(self) -> str: ...  # the same paragraph before punctuation/space fixes


@dataclass(frozen=True)
class SimplePara:
    """Stand-in for ``drafter.normalize.Para`` when a caller lints plain strings."""
    text: str
    raw: str
    line: int = 0


@dataclass
class LintOptions:
    #: a four-character phrase used this many times is overused …
    phrase_min_count: int = 3
    #: … or, when set, more often than this per 1,000 characters
    phrase_density: float | None = None
    #: sentences shorter than this (punctuation not counted) may repeat freely
    sentence_min_chars: int = 10
    #: a paragraph is "far longer" at this many times the median of its siblings …
    long_factor: float = 3.0
    #: … and at least this many characters
    long_min_chars: int = 500
    #: (min, max) characters the speech should have; either side may be None
    target: tuple[int | None, int | None] | None = None
    rate: int = 220
    #: rule ids not to report
    ignore: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Doc:
    """The paragraphs a rule sees: a whole document, or one part of a file read part by part
    (``readers/stream.py``): then ``offset`` paragraphs of the file came before it and ``carry``
    holds what rules that follow the whole document (numbering, repeats) kept from earlier parts."""

    file: str
    paras: Sequence[ParaLike]
    options: LintOptions = field(default_factory=LintOptions)
    offset: int = 0
    carry: dict | None = None

    def texts(self) -> list[str]:
        return [p.text for p in self.paras]

    def number(self, index: int) -> int:
        """The 1-based paragraph number, in the whole file, of 0-based paragraph ``index`` here."""
        return self.offset + index + 1

    def state(self, name: str, make: Callable[[], Any]) -> Any:
        """A rule's state across the document: carried over from earlier parts, else new."""
        if self.carry is None:
            return make()
        found = self.carry.get(name)
        if found is None:
            found = self.carry[name] = make()
        return found

    def finding(self, index: int, level: str, rule: str, message: str,
                excerpt: str | None = None) -> Finding:
        """A finding at 0-based paragraph ``index`` (reported 1-based, numbered in the whole file)."""
        return Finding(self.file, self.offset + index + 1, level, rule, message, excerpt)
