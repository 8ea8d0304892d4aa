"""The phrases a draft considers when the bank is big: chosen through the index, not all loaded.

Loading and scoring 100,000 phrases takes seconds; a 3,000-character speech uses about a
hundred. So for a big bank (more than ``BIG_BANK`` phrases) the pool is built from the
index, by bigram relevance (rare shared bigrams and tags): for each place
of the speech, the best ``PER_PLACE`` phrases of each category by the words (bigrams,
weighted by their rarity in the whole bank) and tags they share with its heading and
points; then the best ``PER_THEME`` of each category for the outline's theme; then a
seeded sample of each category, so a body can always reach its length; and the lead-in
lines an opening needs. Only those phrases are read. The Composer then works on the pool
exactly as on a small bank, with word rarity taken from the whole bank (BankWords).
"""

from __future__ import annotations

import heapq

from drafter.compose.helpers import LEAD_IN_WORDS, places
from drafter.compose.outline import Outline
from drafter.compose.select import BankWords, Candidate, _candidate

#: above this many phrases a draft picks its pool through the index
BIG_BANK = 20000
#: per place of the speech (section, point, opening, closing), best phrases of each category
PER_PLACE = 40
#: per category, best phrases for the outline's theme
PER_THEME = 40
#: per category, a seeded sample of phrases about nothing in particular, per 1,000 characters
GENERAL_PER_K = 20
#: lead-in lines (下面，我谈几点体会) for the opening's transition
LEAD_INS = 40


def indexed_pool(finder, outline: Outline, placed: dict[str, set[str]], seed: int, target: int,
                 words: BankWords) -> list[Candidate]:
    """The candidate phrases of a draft from a big bank, sorted by id like select.candidates."""
    category_of = finder.categories()
    fixed = set().union(*placed.values())
    body = sorted(set(category_of.values()) - fixed)
    title, theme = outline.title, outline.theme or ""
    wanted: list[tuple[str, list[str]]] = [(about, body) for about in places(outline).values()]
    wanted += [(" ".join(filter(None, [title, theme])), sorted(placed["opening"])),
               (" ".join(filter(None, [theme, title])), sorted(placed["closing"])),
               (theme or title, sorted(placed["transition"] | placed["opening"])),
               (title, body)]
    rows: set[int] = set()
    for about, categories in wanted:
        rows.update(_best(_word_scores(finder, about, words), category_of, categories, PER_PLACE,
                          seed))
    if theme:
        rows.update(_best(_theme_scores(finder, theme), category_of,
                          body + sorted(placed["opening"] | placed["closing"]), PER_THEME, seed))
    general = max(GENERAL_PER_K, GENERAL_PER_K * target // 1000)
    for category in sorted(set(category_of.values()) - placed["skip"]):
        rows.update(finder.sample(category, general, seed))
    rows.update(finder.holding(sorted(placed["transition"] | placed["opening"]), LEAD_IN_WORDS,
                               LEAD_INS))
    pool = [_candidate(p) for p in finder.phrases(rows)]
    return sorted((c for c in pool if c.text), key=lambda c: c.id)


def _word_scores(finder, about: str, words: BankWords) -> dict[int, float]:
    """Row → what its phrase shares with ``about``, rare shared bigrams, tags counting double."""
    from drafter.bank.index import bigrams  # noqa: PLC0415 - sqlite3 and the index: only a big bank's draft needs them

    scores: dict[int, float] = {}
    for gram in bigrams(about):
        weight = words.get(gram)
        for row in finder.with_word(gram):
            scores[row] = scores.get(row, 0.0) + weight
    for _tag, tagged in finder.tags_in(about).items():
        for row in tagged:
            scores[row] = scores.get(row, 0.0) + 2.0
    return scores


def _theme_scores(finder, theme: str) -> dict[int, float]:
    """Row → its phrase's fit to the theme, tags and shared bigrams with the theme."""
    from drafter.bank.index import bigrams  # noqa: PLC0415 - as in _word_scores

    scores: dict[int, float] = {}
    for _tag, tagged in finder.tags_in(theme, holding=True).items():
        for row in tagged:
            scores[row] = scores.get(row, 0.0) + 1.0
    for gram in bigrams(theme):
        for row in finder.with_word(gram):
            scores[row] = scores.get(row, 0.0) + 0.5
    return scores


def _best(scores: dict[int, float], category_of: dict[int, str], categories: list[str], n: int,
          seed: int) -> list[int]:
    """The ``n`` best-scoring rows of each category; ties broken by a seeded shuffle."""
    wanted = set(categories)
    by_category: dict[str, list[tuple[float, int, int]]] = {}
    mix = seed * 2654435761 + 40503
    for row, score in scores.items():
        category = category_of.get(row)
        if category in wanted:
            by_category.setdefault(category, []).append((-score, (row * 48271 + mix) % 2147483647, row))
    out: list[int] = []
    for items in by_category.values():
        out.extend(row for _s, _t, row in heapq.nsmallest(n, items))
    return out
