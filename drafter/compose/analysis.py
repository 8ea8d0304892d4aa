"""What drafting needs to know of each bank line, worked out once and kept.

Splitting a line into words and reading its role, voice, ties and fields of work costs about
a millisecond; a bank of ten thousand lines would spend seconds on it at every draft. So the
results are kept in a derived cache file, one JSON object keyed by the line's text, and
recomputed only for lines it does not hold. The cache is tied to the word list and the rules
that made it (a fingerprint of drafter/words.py, roles.py, sectors.py, data/lexicon.txt,
data/sectors.yaml and data/era.yaml): change any and it is rebuilt. It lives beside the bank when the bank's folder is writable, else in the user's
cache folder (the packaged bank); a damaged or foreign cache is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from drafter import roles, sectors
from drafter.words import compounds, content_words

CACHE_NAME = ".drafting-cache.json"


@dataclass(frozen=True)
class Analysis:
    words: frozenset[str]
    compounds: frozenset[str]
    role: str
    level: str | None
    ties: tuple[tuple[str, str], ...]
    #: field of work → how many of its words the line names (drafter/sectors.py)
    fields: tuple[tuple[str, int], ...] = ()

    def to_json(self) -> list:
        return [sorted(self.words), sorted(self.compounds), self.role, self.level,
                [list(t) for t in self.ties], [list(f) for f in self.fields]]

    @classmethod
    def from_json(cls, data: list) -> "Analysis":
        words, comps, role, level, ties, fields = data
        return cls(frozenset(words), frozenset(comps), str(role), level,
                   tuple((str(k), str(t)) for k, t in ties), tuple((str(f), int(n)) for f, n in fields))


def analyse(text: str, category: str) -> Analysis:
    return Analysis(content_words(text), compounds(text), roles.role(text, category),
                    roles.line_level(text), tuple((t.kind, t.text) for t in roles.ties(text)),
                    tuple(sorted(sectors.fields(text).items())))


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever the word list, the genre rules or the fields of work change."""
    h = hashlib.sha1()
    for module in ("words.py", "roles.py", "sectors.py"):
        h.update(resources.files("drafter").joinpath(module).read_bytes())
    for data in ("lexicon.txt", "sectors.yaml", "era.yaml"):
        h.update(resources.files("drafter.data").joinpath(data).read_bytes())
    return h.hexdigest()[:16]


class AnalysisCache:
    """Analyses of bank lines by text and category, loaded from and saved to one file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, list] = {}
        self.dirty = False
        if path is not None:
            self._load(path)

    @classmethod
    def for_bank(cls, directory: Path | None) -> "AnalysisCache":
        if directory is None:
            return cls(None)
        return cls(cache_path(Path(directory)))

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == fingerprint() \
                and isinstance(data.get("lines"), dict):
            self.entries = data["lines"]

    def get(self, text: str, category: str) -> Analysis:
        key = f"{category}\t{text}"
        raw = self.entries.get(key)
        if raw is not None:
            try:
                return Analysis.from_json(raw)
            except (TypeError, ValueError):
                pass
        found = analyse(text, category)
        self.entries[key] = found.to_json()
        self.dirty = True
        return found

    def save(self) -> None:
        """Write the cache if it gained lines; a cache that cannot be written is simply not kept."""
        if not self.dirty or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"fingerprint": fingerprint(), "lines": self.entries}, f, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            try:
                os.unlink(tmp)  # noqa: F821 - only bound when mkstemp succeeded
            except (OSError, NameError):
                pass
        self.dirty = False


def cache_path(directory: Path) -> Path:
    """Beside the bank when its folder is writable, else under the user's cache folder."""
    if os.access(directory, os.W_OK):
        return directory / CACHE_NAME
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"
    digest = hashlib.sha1(str(directory.resolve()).encode("utf-8")).hexdigest()[:12]
    return base / f"{digest}{CACHE_NAME}"
