"""The bank's phrases as drafting reads them, word rarity in a big bank, and no sentence twice.

``candidates(bank)`` turns any bank into plain ``Candidate`` records; ``BankWords`` answers how
rare a bigram is across a big bank's index (the pool of pool.py is chosen by it); ``Ledger``
remembers which phrases and sentences a draft has used. Relevance of a line to a place lives in
relevance.py (words, not bigrams).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field


@dataclass
class Candidate:
    """A bank phrase as selection sees it (whatever the bank's own class looks like)."""

    id: str
    text: str
    category: str
    tags: list[str] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)


def candidates(bank) -> list[Candidate]:
    """All phrases of ``bank`` (a Bank, or any iterable of phrase objects or dicts), sorted by id."""
    if bank is None:
        return []
    items = bank
    for attr in ("phrases", "all_phrases"):
        if hasattr(bank, attr):
            items = getattr(bank, attr)
            items = items() if callable(items) else items
            break
    if isinstance(items, dict):
        items = items.values()
    out = [_candidate(p) for p in items]
    return sorted((c for c in out if c.text), key=lambda c: c.id)


def _candidate(p) -> Candidate:
    get = p.get if isinstance(p, dict) else (lambda k, d=None: getattr(p, k, d))
    sources = []
    for s in get("sources", None) or []:
        if isinstance(s, dict):
            sources.append({"file": s.get("file"), "para": s.get("para")})
        else:
            sources.append({"file": getattr(s, "file", None), "para": getattr(s, "para", None)})
    return Candidate(id=str(get("id", "") or ""), text=str(get("text", "") or "").strip(),
                     category=str(get("category", "") or ""), tags=list(get("tags", None) or []),
                     slots=list(get("slots", None) or []), sources=sources)




def idf(n: int, df: int) -> float:
    """How much a shared word says: rare words (low ``df`` among ``n`` phrases) say more."""
    return math.log((max(n, 1) + 1) / (df + 0.5))


class BankWords:
    """Word rarity over a whole big bank, asked of its index word by word (``.get`` like a dict)."""

    def __init__(self, finder) -> None:
        self.finder = finder
        self.n = finder.count()
        self._idf: dict[str, float] = {}

    def get(self, gram: str, default: float = 0.0) -> float:
        value = self._idf.get(gram)
        if value is None:
            value = self._idf[gram] = idf(self.n, len(self.finder.with_word(gram)))
        return value


class Ledger:
    """What this draft has used: phrase ids and sentences (so nothing is said twice)."""

    SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.sentences: set[str] = set()

    @classmethod
    def split(cls, text: str) -> list[str]:
        """Sentences of ``text`` that are long enough to count as repeats (≥ 10 characters)."""
        out = []
        for m in cls.SENTENCE.finditer(text):
            s = "".join(m.group(0).split()).rstrip("。！？；!?;”’）)")
            if len(s) >= 10:
                out.append(s)
        return out

    def fresh(self, text: str) -> bool:
        """True if no sentence of ``text`` was said before (nor twice inside it)."""
        seen = set()
        for s in self.split(text):
            if s in self.sentences or s in seen:
                return False
            seen.add(s)
        return True

    def take(self, text: str, phrase_id: str | None = None) -> None:
        self.sentences.update(self.split(text))
        if phrase_id:
            self.ids.add(phrase_id)
