"""The first ``limit`` matches of a ranked search, tier by tier, without ranking them all.

A ranked search orders by score (4: the folded text is the query, 3: it starts with it,
2: it holds it, 1: it holds all the words), then count, then shorter text, then id. A
query made of common words (发展: a fifth of a 100,000-phrase bank) has tens of thousands
of matches; testing and sorting them all costs more than the writer's patience. So the
tiers are asked one after another, each for what room the ones before left:

* 4 and 3 among the rows whose folded text starts with the query's first two characters
  (a full-text token of their own, indexfill.head_token): few rows;
* 2, then 1, either among the full-text candidates (rows holding every bigram: best when
  few do) or by walking the phrases in rank order (``phrases_rank``) until ``room`` match
  (best when many do), whichever the bigrams' document counts say is cheaper.

The result is the same rows, in the same order, as one query ranking every match.
``phrases_rank`` is made the first time a walk pays off, not when the index is built
from nothing (a first search then ranks the full-text candidates instead).
"""

from __future__ import annotations

import sqlite3

from drafter.bank.indexfill import bigram_list, head_token
from drafter.bank.rows import ROW

RANK_INDEX = "phrases_rank"
#: on -count (not count DESC) so that no other query's ORDER BY count DESC, ... uses it
RANK_ON = "phrases(-count, length(fold), id)"
WALK_ORDER = "-count, length(fold), id"
ORDER = "count DESC, length(fold), id"
MATCH = "pid IN (SELECT rowid FROM grams WHERE grams MATCH ?)"
#: a word is in the folded text or in a folded tag (query words hold no unit separator)
HOLDS = "(instr(fold, ?) > 0 OR instr(ftags, ?) > 0)"
#: a walk looks this many times further than the bigrams' counts say it needs to
MARGIN = 3


def _term(grams) -> str:
    return " AND ".join(f'"{g}"' for g in sorted(set(grams)))


def _doc(conn: sqlite3.Connection, gram: str) -> int:
    """How many rows hold a bigram (in any column: an upper bound); costs as many steps as it counts."""
    return conn.execute("SELECT COALESCE(sum(doc), 0) FROM grams_terms WHERE term = ?",
                        (gram,)).fetchone()[0]


def _has_rank_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='index' AND name=?",
                        (RANK_INDEX,)).fetchone() is not None


def _rank_index(conn: sqlite3.Connection, built_now: bool) -> bool:
    """Whether ``phrases_rank`` is there to walk, making it unless the index was built
    from nothing by this very command (or cannot be written: read-only, busy)."""
    if _has_rank_index(conn):
        return True
    if built_now:
        return False
    busy = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 200")    # another writer: rank this search, make it later
    try:
        conn.execute(f"CREATE INDEX IF NOT EXISTS {RANK_INDEX} ON {RANK_ON}")
    except sqlite3.Error:
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy)}")
    return True


class _Tiers:
    def __init__(self, conn: sqlite3.Connection, filters: list[str], fargs: list, built_now: bool):
        self.conn, self.filters, self.fargs, self.built_now = conn, filters, fargs, built_now
        self.docs: dict[str, int] = {}
        self.total = conn.execute(
            "SELECT COALESCE(sum(hi - lo + 1), 0) FROM files WHERE lo IS NOT NULL").fetchone()[0]

    def window(self, grams: list[str], room: int) -> int:
        """How far to walk the rank order for ``room`` matches of a tier whose matches hold
        ``grams``: 0 when the full-text candidates (fewer than the walk would read) win.
        Bigrams are taken as independent; a walk that finds too few falls back."""
        if self.filters or not grams or not self.total:
            return 0
        density, least = 1.0, self.total
        for gram in sorted(set(grams)):
            if gram not in self.docs:
                self.docs[gram] = _doc(self.conn, gram)
            least = min(least, self.docs[gram])
            density *= self.docs[gram] / self.total
            if not density or least < MARGIN * room / density:
                return 0          # a rare bigram: its candidates are fewer than a walk
        return int(MARGIN * room / density) + 1

    def rows(self, score: str, score_args: list, cond: str, cond_args: list, match: str | None,
             room: int, window: int = 0) -> list[tuple]:
        """The first ``room`` rows of one tier: among the first ``window`` phrases in rank
        order when that holds enough, else among the full-text candidates ``match``."""
        where, args = [cond, *self.filters], [*cond_args, *self.fargs]
        order = ORDER if score.isdigit() else f"score DESC, {ORDER}"   # one score: rank order
        if window and _rank_index(self.conn, self.built_now):
            found = self.conn.execute(
                f"SELECT {ROW}, {score} AS score FROM phrases WHERE pid IN (SELECT pid FROM phrases "
                f"INDEXED BY {RANK_INDEX} ORDER BY {WALK_ORDER} LIMIT {int(window)}) AND "
                f"{' AND '.join(where)} ORDER BY {order} LIMIT {int(room)}",
                [*score_args, *args]).fetchall()
            if len(found) == room:
                return found
        if match is not None:
            where.insert(0, MATCH)
            args.insert(0, match)
        sql = (f"SELECT {ROW}, {score} AS score FROM phrases WHERE {' AND '.join(where)} "
               f"ORDER BY {order} LIMIT {int(room)}")
        return self.conn.execute(sql, [*score_args, *args]).fetchall()


def ranked_rows(conn: sqlite3.Connection, whole: str, words: list[str], filters: list[str],
                fargs: list, limit: int, built_now: bool = False) -> list[tuple] | None:
    """Rows (ROW columns and the score) of the first ``limit`` matches of the folded query
    ``whole`` (words ``words``), best first; ``filters``/``fargs`` the search's filters.
    None when no tier would walk (one query ranking the full-text candidates is best)."""
    tiers = _Tiers(conn, filters, fargs, built_now)
    whole_grams = bigram_list(whole)
    word_grams = [g for w in words for g in bigram_list(w)]
    if not whole_grams or not word_grams:
        return None
    walk_whole, walk_words = tiers.window(whole_grams, limit), tiers.window(word_grams, limit)
    if not (walk_whole or walk_words):
        return None
    n = len(whole)
    whole_match = _term(whole_grams)
    head = head_token(whole)
    out = tiers.rows("CASE WHEN fold = ? THEN 4 ELSE 3 END", [whole],
                     "substr(fold, 1, ?) = ?", [n, whole],
                     f'"{head}" AND {whole_match}' if head else whole_match, limit)
    room = limit - len(out)
    if room > 0:
        out += tiers.rows("2", [], "instr(fold, ?) > 0 AND substr(fold, 1, ?) != ?", [whole, n, whole],
                          whole_match, room, walk_whole)
    room = limit - len(out)
    if room > 0 and words:
        test = " AND ".join(HOLDS for _ in words)
        out += tiers.rows("1", [], f"instr(fold, ?) = 0 AND {test}",
                          [whole, *(a for w in words for a in (w, w))], _term(word_grams), room, walk_words)
    return out
