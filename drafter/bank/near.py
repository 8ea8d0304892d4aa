"""Near matches for a search: a typo (坚定理想新念 → 坚定理想信念) or a variant
(精神之钙 → 精神上的“钙”), shown after the exact matches.

A phrase is near a query when all but one of the query's characters (all but a quarter,
for queries of nine or more) occur in it in the query's order within a stretch at most
two characters longer than the query (so one character may be wrong, missing or two
extra). Candidates come from one SQL pass that counts which of the query's characters
each phrase holds; the in-order test is a bit-parallel LCS (Hyyrö 2004) on a few hundred
of them. Written here rather than with a fuzzy-matching library: the test is this
windowed LCS, not an edit ratio such a library offers, and on ≤ 500 short candidates
it costs a few milliseconds in plain Python.
"""

from __future__ import annotations

import math
import re
import sqlite3

#: queries shorter than this get no near matches (two characters of three is just a shorter query)
MIN_LENGTH = 4
#: how many candidates (most query characters held first) are tested in order
CANDIDATES = 500
SLACK = 2
#: punctuation and spaces do not count (精神之钙 and 精神上的“钙”)
_NOT_WORD = re.compile(r"[\W_]+")


def applies(query: str) -> bool:
    """Whether a (folded) query is long enough to look for near matches."""
    return len(_NOT_WORD.sub("", query)) >= MIN_LENGTH


def needed(query: str) -> int:
    """How many of the query's characters a near match must hold, in order."""
    n = len(query)
    return n - 1 if n < 9 else n - n // 4


def lcs_length(query: str, text: str) -> int:
    """Length of the longest common subsequence (bit-parallel, one step per text character)."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(query):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(query)) - 1
    v = full
    for ch in text:
        m = masks.get(ch)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return len(query) - bin(v).count("1")


def best_window(query: str, text: str) -> tuple[int, int, int]:
    """(characters of ``query`` found in order, start, length) of the best stretch of
    ``text`` at most ``len(query) + SLACK`` long: most characters, then the shortest."""
    n = len(query)
    width = n + SLACK
    if len(text) <= width:
        return lcs_length(query, text), 0, len(text)
    best = (0, 0, width)
    chars = set(query)
    for start in range(len(text) - n + 1 + SLACK):
        if text[start] not in chars:
            continue
        window = text[start:start + width]
        found = lcs_length(query, window)
        end = len(window)
        while end > found and lcs_length(query, window[:end - 1]) == found:
            end -= 1                  # the shortest stretch that still holds them
        if found > best[0] or (found == best[0] and end < best[2]):
            best = (found, start, end)
            if found == n and end == n:
                break
    return best


def near_rows(conn: sqlite3.Connection, query: str, where: list[str], args: list,
              exclude: set[int], limit: int | None) -> list[int]:
    """Rows (pids) of phrases near ``query`` (folded), best first; ``where``/``args`` are
    the search's filters, ``exclude`` the rows already shown as exact matches.

    Best first: the rarer the query characters a phrase holds (weighted by how few
    phrases hold each), the more of them in order, the tighter, then count and length.
    """
    query = _NOT_WORD.sub("", query)
    if len(query) < MIN_LENGTH:
        return []
    chars = sorted(set(query))
    need = needed(query)
    tests = ["(instr(fold, ?) > 0)" for _ in chars]
    filters = " WHERE " + " AND ".join(where) if where else ""
    total, *held_by = conn.execute(
        f"SELECT count(*), {', '.join(f'sum({t})' for t in tests)} FROM phrases{filters}",
        [*chars, *args]).fetchone()
    if not total:
        return []
    weight = {c: math.log((total + 1) / ((n or 0) + 1)) + 1.0 for c, n in zip(chars, held_by)}
    # a near match holds at least `need` of the query's characters (counting repeats once,
    # at least need - (len(query) - len(chars)) distinct ones)
    floor = max(1, need - (len(query) - len(chars)))
    sql = (f"SELECT pid, fold, count, id, {' + '.join(tests)} AS held FROM phrases{filters}"
           f" ORDER BY held DESC, length(fold) LIMIT {CANDIDATES}")
    scored = []
    for pid, folded, count, pid_text, n_held in conn.execute(sql, [*chars, *args]):
        if n_held < floor:
            break
        if pid in exclude:
            continue
        plain = _NOT_WORD.sub("", folded)
        found, start, span = best_window(query, plain)
        if found >= need:
            stretch = plain[start:start + span]
            rarity = sum(weight[c] for c in chars if c in stretch)
            scored.append((-round(rarity, 6), -found, span, -count, len(folded), pid_text, pid))
    scored.sort()
    rows = [s[-1] for s in scored]
    return rows if limit is None else rows[:limit]
