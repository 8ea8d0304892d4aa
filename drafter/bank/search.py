"""Finding phrases the way a writer expects: substring or all the words, filters, best first.

Matching is on folded text (full/half-width and spacing ignored, see ``fold``); all-words
also looks at tags. Ranking: exact text, then texts that start with the query, then other
substring matches, then all-words matches; within a rank, higher count first, then
shorter text. Runs on the SQLite index: its full-text table of character bigrams
narrows a query to the rows that hold every bigram of it (or of each of its words), and
only those are tested and ranked; a query with no two Chinese characters in a row scans.
With a limit, the ranks are asked one by one and common words walk the phrases in rank
order instead (ranked.py).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from drafter.bank.index import ROW, bigram_list, open_index, open_index_noting, phrase_from_row
from drafter.bank.indexfill import tag_token, token_tag
from drafter.bank.near import applies, near_rows
from drafter.bank.phrase import Phrase, fold
from drafter.bank.ranked import HOLDS as _HOLDS
from drafter.bank.ranked import ranked_rows

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
    where: list[str] = []
    args: list[object] = []
    if q.categories:
        where.append(f"category IN ({','.join('?' * len(q.categories))})")
        args.extend(q.categories)
    for tag in q.tags:
        where.append("pid IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
        args.append(_tag_match(fold(tag)))
    if q.source:
        where.append("has_source(sources, ?)")
        args.append(q.source)
    if q.min_count:
        where.append("count >= ?")
        args.append(q.min_count)
    return where, args




def _tag_match(tag: str) -> str:
    """The full-text query for the rows carrying a (folded) tag."""
    return f't : "{tag_token(tag)}"'


def _fts_term(grams) -> str:
    return " AND ".join(f'"{g}"' for g in sorted(set(grams)))


def candidates(whole: str, words: list[str]) -> str | None:
    """An FTS5 query for the rows that may match: those holding every bigram of the whole
    query, or every bigram of all its words (a row holding a text holds its bigrams, in
    ``g`` or ``x``). None when that narrows nothing (no two Chinese characters in a row)."""
    whole_grams = bigram_list(whole)
    word_grams = [g for w in words for g in bigram_list(w)]
    if not whole_grams or not word_grams:
        return None
    return f"({_fts_term(whole_grams)}) OR ({_fts_term(word_grams)})"


def _conditions(q: Query) -> tuple[list[str], list]:
    """The WHERE terms of an exact search: filters, then the text (substring, or all words)."""
    where, args = _filters(q)
    whole, words = fold(q.text), query_words(q.text)
    if whole:
        word_test = " AND ".join(_HOLDS for _ in words) or "0"
        where.append(f"(instr(fold, ?) > 0 OR ({word_test}))")
        args.extend([whole, *(a for w in words for a in (w, w))])
        match = candidates(whole, words)
        if match is not None:
            where.insert(0, "pid IN (SELECT rowid FROM grams WHERE grams MATCH ?)")
            args.insert(0, match)
    return where, args


def _sql(q: Query, ranked: bool) -> tuple[str, list]:
    where, args = _conditions(q)
    whole = fold(q.text)
    if whole:
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


def _exact_rows(conn: sqlite3.Connection, q: Query, built_now: bool) -> list[tuple]:
    """The rows of a ranked search (ROW columns, then the score), best first."""
    whole = fold(q.text)
    if whole and q.limit is not None and q.limit > 0:
        where, args = _filters(q)
        rows = ranked_rows(conn, whole, query_words(q.text), where, args, q.limit, built_now)
        if rows is not None:
            return rows
    return conn.execute(*_sql(q, True)).fetchall()


def search(bank_dir: str | Path, query: Query | None = None, *, ranked: bool = True,
           **kwargs) -> list[Phrase]:
    """Phrases matching ``query`` (or keyword arguments of ``Query``), best first.

    With ``ranked=False`` they come in bank order (category file, then id) — what
    ``phrases list`` shows.
    """
    query = query or Query(**kwargs)
    if not ranked:
        return _run(bank_dir, *_sql(query, ranked))
    conn, built_now = open_index_noting(bank_dir)
    try:
        return [phrase_from_row(row[:-1]) for row in _exact_rows(conn, query, built_now)]
    finally:
        conn.close()


def search_near(bank_dir: str | Path, query: Query) -> tuple[list[Phrase], list[Phrase]]:
    """``search`` (the exact matches, unchanged) and then, while ``query.limit`` leaves
    room, the near matches (near.py: one character wrong, missing or two extra), best first.
    """
    conn, built_now = open_index_noting(bank_dir)
    try:
        exact = [phrase_from_row(row[:-1]) for row in _exact_rows(conn, query, built_now)]
        room = None if query.limit is None else query.limit - len(exact)
        whole = fold(query.text)
        if not applies(whole) or room == 0:
            return exact, []
        where, args = _filters(query)
        seen: set[int] = set()
        if exact:
            cond, cond_args = _conditions(query)
            seen = {pid for pid, in conn.execute(
                "SELECT pid FROM phrases WHERE " + " AND ".join(cond), cond_args)}
        near = near_rows(conn, whole, where, args, seen, room)
        found = {r[0]: r for r in conn.execute(
            f"SELECT pid, {ROW} FROM phrases WHERE pid IN ({','.join('?' * len(near))})", near)}
        return exact, [phrase_from_row(found[pid][1:]) for pid in near]
    finally:
        conn.close()


def pick(bank_dir: str | Path, category: str, words: list[str] | tuple = (),
         tags: list[str] | tuple = (), limit: int = 50) -> list[Phrase]:
    """The phrases of one category that best fit some theme words, for drafting from a big bank.

    Ranked by how many of ``words`` each phrase holds (in its text or tags), then count;
    phrases holding none come last, so there are always ``limit`` of them if the category
    has that many. One SQL query over the index: a few ms on a 100,000-phrase bank.
    """
    folded = [w for w in (fold(w) for w in words) if w]
    score = " + ".join(f"({_HOLDS})" for _ in folded) or "0"
    where, args = _filters(Query(categories=[category], tags=list(tags)))
    return _run(bank_dir, *_select(score, [a for w in folded for a in (w, w)], where, args,
                                   "score DESC, count DESC, length(fold), id", limit))


class Finder:
    """Read-only questions a draft asks of a big bank's index, on one connection.

    Drafting from 100,000 phrases must not load or score them all: it asks which
    phrases hold a word (``with_word``, whose length is also the word's document
    frequency), which carry some tags, a seeded sample of a few categories, and then
    loads only the few thousand it chose (``phrases``). Use as a context manager.
    """

    def __init__(self, bank_dir: str | Path):
        self.conn = open_index(bank_dir)
        self._words: dict[str, list[int]] = {}
        self._tags: list[str] | None = None

    def __enter__(self) -> "Finder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM phrases").fetchone()[0]

    def categories(self) -> dict[int, str]:
        """Row number → category, for every phrase, in row order. A file's rows are
        consecutive (files.lo..hi) and nearly all of the file's own category, so each
        file's range is filled at once and only the rows of another category are read."""
        out: dict[int, str] = {}
        for rel, lo, hi in self.conn.execute(
                "SELECT rel, lo, hi FROM files WHERE lo IS NOT NULL ORDER BY lo"):
            own = Path(rel).stem
            out.update(dict.fromkeys(range(lo, hi + 1), own))
            out.update(self.conn.execute(
                "SELECT pid, category FROM phrases WHERE pid BETWEEN ? AND ? AND category != ?",
                (lo, hi, own)))
        if len(out) != self.count():       # not the ranges they should be: read every row
            return dict(self.conn.execute("SELECT pid, category FROM phrases"))
        return out

    def with_word(self, word: str) -> list[int]:
        """Rows of the phrases whose text holds the Chinese bigram ``word`` (see index.bigrams)."""
        found = self._words.get(word)
        if found is None:
            quoted = 'g : "' + word.replace('"', '""') + '"'
            found = self._words[word] = [r for r, in self.conn.execute(
                "SELECT rowid FROM grams WHERE grams MATCH ? ORDER BY rowid", (quoted,))]
        return found

    def tags_in(self, text: str, holding: bool = False) -> dict[str, list[int]]:
        """Tags (of two or more characters) found inside ``text`` — or, with ``holding``,
        also those that hold it — and the rows that carry each."""
        folded = fold(text)
        if len(folded) < 2:
            return {}
        if self._tags is None:  # a bank has few distinct tags: read them once, test here
            self._tags = [tag for tag in (token_tag(term) for term, in self.conn.execute(
                "SELECT term FROM grams_terms WHERE col = 't' AND term >= 't' AND term < 'u' "
                "AND doc > 0 ORDER BY term")) if len(tag) >= 2]
        out: dict[str, list[int]] = {}
        for tag in self._tags:
            if tag in folded or (holding and folded in tag):
                rows = [r for r, in self.conn.execute(
                    "SELECT rowid FROM grams WHERE grams MATCH ? ORDER BY rowid", (_tag_match(tag),))]
                if rows:
                    out[tag] = rows
        return out

    def sample(self, category: str, limit: int, seed: int) -> list[int]:
        """``limit`` rows of one category in an order fixed by ``seed`` (another seed, others)."""
        mix = (seed * 2654435761 + 40503) % 2147483647
        return [r for r, in self.conn.execute(
            "SELECT pid FROM phrases WHERE category = ? ORDER BY (pid * 48271 + ?) % 2147483647 "
            "LIMIT ?", (category, mix, int(limit)))]

    def holding(self, categories: list[str], words: list[str] | tuple, limit: int) -> list[int]:
        """Rows of these categories whose text holds any of ``words``, most frequent first."""
        if not categories or not words:
            return []
        cats = ",".join("?" * len(categories))
        test = " OR ".join("instr(text, ?) > 0" for _ in words)
        return [r for r, in self.conn.execute(
            f"SELECT pid FROM phrases WHERE category IN ({cats}) AND ({test}) "
            "ORDER BY count DESC, pid LIMIT ?", [*categories, *words, int(limit)])]

    def phrases(self, rows) -> list[Phrase]:
        """The phrases of these rows, in row order."""
        rows = sorted(set(rows))
        out: list[Phrase] = []
        for start in range(0, len(rows), 900):
            chunk = rows[start:start + 900]
            marks = ",".join("?" * len(chunk))
            out.extend(phrase_from_row(r) for r in self.conn.execute(
                f"SELECT {ROW} FROM phrases WHERE pid IN ({marks}) ORDER BY pid", chunk))
        return out
