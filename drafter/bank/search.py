"""Finding phrases the way a writer expects: substring or all the words, filters, best first.

Matching is on folded text (full/half-width and spacing ignored, see ``fold``); all-words
also looks at tags. Ranking: exact text, then texts that start with the query, then other
substring matches, then all-words matches; within a rank, higher count first, then
shorter text. Runs on the SQLite index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from drafter.bank.index import ROW, open_index, phrase_from_row
from drafter.bank.phrase import Phrase, fold

_WORD_SPLIT = re.compile(r"[\s,，、;；。.]+")


@dataclass
class Query:
    """What to look for; empty ``text`` means every phrase that passes the filters."""

    text: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str = ""
    min_count: int = 0
    limit: int | None = None


def query_words(text: str) -> list[str]:
    """The words of a query: split on spaces and list punctuation, each folded."""
    words = _WORD_SPLIT.split(unicodedata.normalize("NFKC", text))
    return [w for w in (fold(w) for w in words) if w]


def _filters(q: Query) -> tuple[list[str], list]:
    where, args = [], []
    if q.categories:
        where.append(f"category IN ({','.join('?' * len(q.categories))})")
        args.extend(q.categories)
    for tag in q.tags:
        where.append("pid IN (SELECT pid FROM tags WHERE tag = ?)")
        args.append(fold(tag))
    if q.source:
        where.append("pid IN (SELECT pid FROM sources WHERE instr(file, ?) > 0)")
        args.append(q.source)
    if q.min_count:
        where.append("count >= ?")
        args.append(q.min_count)
    return where, args


def _sql(q: Query, ranked: bool) -> tuple[str, list]:
    where, args = _filters(q)
    whole, words = fold(q.text), query_words(q.text)
    if whole:
        word_test = " AND ".join("instr(hay, ?) > 0" for _ in words) or "0"
        where.append(f"(instr(fold, ?) > 0 OR ({word_test}))")
        args.extend([whole, *words])
        score = ("CASE WHEN fold = ? THEN 4 WHEN substr(fold, 1, ?) = ? THEN 3 "
                 "WHEN instr(fold, ?) > 0 THEN 2 ELSE 1 END")
        score_args = [whole, len(whole), whole, whole]
    else:
        score, score_args = "0", []
    order = "score DESC, count DESC, length(fold), id" if ranked else "file, pid"
    return _select(score, score_args, where, args, order, q.limit)


def _select(score: str, score_args: list, where: list[str], args: list, order: str,
            limit: int | None) -> tuple[str, list]:
    sql = f"SELECT {ROW}, {score} AS score FROM phrases"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, [*score_args, *args]


def _run(bank_dir, sql: str, args: list) -> list[Phrase]:
    conn = open_index(bank_dir)
    try:
        return [phrase_from_row(row[:-1]) for row in conn.execute(sql, args)]
    finally:
        conn.close()


def search(bank_dir: str | Path, query: Query | None = None, *, ranked: bool = True,
           **kwargs) -> list[Phrase]:
    """Phrases matching ``query`` (or keyword arguments of ``Query``), best first.

    With ``ranked=False`` they come in bank order (category file, then id) — what
    ``phrases list`` shows.
    """
    return _run(bank_dir, *_sql(query or Query(**kwargs), ranked))


def pick(bank_dir: str | Path, category: str, words: list[str] | tuple = (),
         tags: list[str] | tuple = (), limit: int = 50) -> list[Phrase]:
    """The phrases of one category that best fit some theme words, for drafting from a big bank.

    Ranked by how many of ``words`` each phrase holds (in its text or tags), then count;
    phrases holding none come last, so there are always ``limit`` of them if the category
    has that many. One SQL query over the index: a few ms on a 100,000-phrase bank.
    """
    folded = [w for w in (fold(w) for w in words) if w]
    score = " + ".join("(instr(hay, ?) > 0)" for _ in folded) or "0"
    where, args = _filters(Query(categories=[category], tags=list(tags)))
    return _run(bank_dir, *_select(score, folded, where, args,
                                   "score DESC, count DESC, length(fold), id", limit))
