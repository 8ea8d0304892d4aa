"""Which bank phrase goes where: relevance of a phrase to a section, and no phrase twice.

Chinese has no spaces, so "words" here are character bigrams inside runs of Chinese
characters, weighted by how rare they are in the bank (a bigram found in every phrase,
like 发展, says little; 调研 says a lot), plus the phrase's own theme tags. A phrase
scores, for a section, by the words it shares with the section's heading and points
first, by the outline's theme next, and by chance (the seed) last.

Every phrase also gets a *home*: the section it fits best. A section takes its own
phrases first and borrows from others only when it runs out, so an early section does
not eat the phrases a later one needs.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from drafter.bank.index import bigrams  # the same words the bank's index holds


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

    def __init__(self, finder):
        self.finder = finder
        self.n = finder.count()
        self._idf: dict[str, float] = {}

    def get(self, gram: str, default: float = 0.0) -> float:
        value = self._idf.get(gram)
        if value is None:
            value = self._idf[gram] = idf(self.n, len(self.finder.with_word(gram)))
        return value


class Relevance:
    """Scores of every phrase for every place; rarer shared words weigh more."""

    def __init__(self, phrases: list[Candidate], theme: str | None, rng: random.Random,
                 stats: "BankWords | None" = None):
        self.phrases = phrases
        self.grams = {p.id: bigrams(p.text) for p in phrases}
        if stats is not None:  # a pool drawn from a big bank: rarity is the whole bank's
            self.idf = stats
        else:
            df: dict[str, int] = {}
            for grams in self.grams.values():
                for g in grams:
                    df[g] = df.get(g, 0) + 1
            n = max(len(phrases), 1)
            self.idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
        self.theme_grams = bigrams(theme or "")
        self.theme = theme or ""
        #: chance, fixed per phrase by the seed: the last tie-breaker
        self.chance = {p.id: rng.random() for p in phrases}
        self._words: dict[tuple[str, str], float] = {}

    def words(self, p: Candidate, about: str) -> float:
        """How much ``p`` shares with ``about`` (heading and points): tags count double."""
        cached = self._words.get((p.id, about))
        if cached is None:
            cached = self._words[(p.id, about)] = self._score_words(p, about)
        return cached

    def _score_words(self, p: Candidate, about: str) -> float:
        about_grams = bigrams(about)
        shared = self.grams[p.id] & about_grams
        score = sum(self.idf.get(g, 0.0) for g in shared)
        score += sum(2.0 for t in p.tags if len(t) >= 2 and t in about)
        return score

    def theme_score(self, p: Candidate) -> float:
        if not self.theme:
            return 0.0
        tags = sum(1.0 for t in p.tags if len(t) >= 2 and (t in self.theme or self.theme in t))
        return tags + len(self.grams[p.id] & self.theme_grams) * 0.5

    def key(self, p: Candidate, about: str) -> tuple[float, float, float]:
        """Sort key, best first when sorted descending: words, then theme, then chance."""
        return (round(self.words(p, about), 3), round(self.theme_score(p), 3), self.chance[p.id])

    def ranked(self, pool: list[Candidate], about: str) -> list[Candidate]:
        return sorted(pool, key=lambda p: self.key(p, about), reverse=True)

    def homes(self, pool: list[Candidate], places: dict[str, str]) -> dict[str, str]:
        """Phrase id → the place (key) whose text it shares most words with (none if nothing shared)."""
        out = {}
        for p in pool:
            best, best_score = None, 0.0
            for key, about in places.items():
                s = self.words(p, about)
                if s > best_score + 1e-9:
                    best, best_score = key, s
            if best is not None:
                out[p.id] = best
        return out


class Ledger:
    """What this draft has used: phrase ids and sentences (so nothing is said twice)."""

    SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]?")

    def __init__(self):
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
