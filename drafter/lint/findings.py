"""What a lint run produces: findings and the per-file report.

A finding always names a paragraph by its 1-based index among the file's non-empty
normalised paragraphs (``drafter.normalize.paragraphs``), the numbering every other
part of drafter uses, so a writer can jump from a finding to a mining source or a
parse position without translating.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from drafter.i18n import M_, N_, Message, _, ngettext, translate

ERROR = "error"
WARNING = "warning"
LEVEL_NAMES = (N_("error"), N_("warning"))  # the levels as shown to a person (JSON keeps the ids)


@dataclass(frozen=True)
class Finding:
    file: str
    paragraph: int
    level: str
    rule: str
    message: str
    #: text the finding is about, as it occurs in the paragraph's text (or raw text);
    #: None for findings about the whole document (length) or about absences.
    excerpt: str | None = field(default=None, compare=False)

    def line(self) -> str:
        """``file:paragraph: level rule-id: message`` (the compiler-style line editors jump to), for a
        person: level and message in the user's language (``to_json`` keeps them as they are)."""
        return f"{self.file}:{self.paragraph}: {_(self.level)} {self.rule}: {translate(self.message)}"

    def to_json(self) -> str:
        data = {"file": self.file, "paragraph": self.paragraph, "level": self.level,
                "rule": self.rule, "message": self.message}
        return json.dumps(data, ensure_ascii=False)


@dataclass
class LintReport:
    file: str
    findings: list[Finding]
    #: characters of content (whitespace not counted), as in ``Speech.text_length``
    chars: int
    #: speaking rate the time was computed at, in characters per minute
    rate: int = 220
    #: (errors, warnings) of a file linted part by part, whose findings were printed as they came
    tally: tuple[int, int] | None = None
    #: what a reader should know about how the file was checked (a file linted part by part)
    notes: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        return self.chars / self.rate if self.rate else 0.0

    @property
    def errors(self) -> int:
        return self.tally[0] if self.tally else sum(1 for f in self.findings if f.level == ERROR)

    @property
    def warnings(self) -> int:
        return self.tally[1] if self.tally else sum(1 for f in self.findings if f.level == WARNING)

    def summary(self) -> str:
        return _("{file}: {chars} 字, {minutes} at {rate} 字/分; {errors}, {warnings}").format(
            file=self.file, chars=self.chars, minutes=translate(format_minutes(self.minutes)), rate=self.rate,
            errors=count_of(self.errors, "error"), warnings=count_of(self.warnings, "warning"))


def format_minutes(minutes: float) -> Message:
    """12.4 → 'about 12 min 24 s' (a writer asks 'how long', not 'how many decimals')."""
    total = round(minutes * 60)
    m, s = divmod(total, 60)
    return M_("about {m} min {s:02d} s", m=m, s=s)


def count_of(n: int, what: str) -> str:
    """``3 errors`` / ``1 warning`` / ``2 files`` in the user's language."""
    forms = {"error": lambda: ngettext("{n} error", "{n} errors", n),
             "warning": lambda: ngettext("{n} warning", "{n} warnings", n),
             "file": lambda: ngettext("{n} file", "{n} files", n)}
    return forms[what]().format(n=n)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
