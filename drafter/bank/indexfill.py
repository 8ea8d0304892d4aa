"""What the index holds for one phrase file's rows, written a whole file at a time.

For each row (rows.ROW order) the index keeps a ``phrases`` row (with ``ftags``, the folded
tags joined by a unit separator: what an all-words search matches besides the folded text)
and one ``grams`` row: the character bigrams of the text (column ``g``, what drafting
counts), those of the folded text and tags that ``g`` lacks (``x``, what a search matches
too, with ``head_token``) and one token per folded tag (``t``, see ``tag_token``: which rows carry a tag). A
100,000-phrase bank is built from nothing in one go, so the work per row is done in bulk:
bigrams of each distinct run of Chinese characters worked out once, each distinct tag
folded once, the folded text's bigrams only where folding changed the runs of Chinese
characters.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from itertools import repeat

from drafter.bank.phrase import _NFKC_COMMON, fold
from drafter.bank.rows import US, unpack

_BIGRAM = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def bigram_list(text: str) -> list[str]:
    """Every pair of adjacent Chinese characters in ``text``, in order (repeats kept)."""
    return _BIGRAM.findall(text or "")


def bigrams(text: str) -> set[str]:
    """Character bigrams inside runs of Chinese characters: the 'words' drafting relevance
    counts (Chinese has no spaces). Indexed in ``grams`` (full-text, one token per bigram),
    so a draft finds the phrases holding a word, and how many do, without reading them all."""
    return set(_BIGRAM.findall(text or ""))


def tag_token(tag: str) -> str:
    """The one full-text token of a folded tag: ``t`` and its UTF-8 in hex (the ascii
    tokenizer keeps it whole; in the order of the tags themselves)."""
    return "t" + tag.encode("utf-8").hex()


def head_token(folded: str) -> str:
    """The token of a folded text's first two characters when they are both Chinese: the
    rows whose folded text starts with a query are among those holding the query's (a
    prefix match, ranked above other matches, is found among few rows)."""
    head = folded[:2]
    return "b" + head if len(head) == 2 and _BIGRAM.match(head) else ""


def token_tag(token: str) -> str:
    return bytes.fromhex(token[1:]).decode("utf-8")


def gram_columns(text: str, folded: str, folded_tags: list[str]) -> tuple[str, str, str]:
    """The ``grams`` row of one phrase: its text's bigrams, the other bigrams of its folded
    text and tags (a search matches those too), its tags' tokens. A pure function of the phrase row:
    removing a row from the contentless table gives the same tokens again (``store_rows``
    makes the same tokens in bulk, spaced alike)."""
    g = _BIGRAM.findall(text)
    x = [] if same_runs(text, folded) else _BIGRAM.findall(folded)
    if x == g:
        x = []
    x.insert(0, head_token(folded))
    x.extend(" ".join(_BIGRAM.findall(tag)) for tag in folded_tags)
    return " ".join(g), " ".join(t for t in x if t), " ".join(map(tag_token, folded_tags))


def same_runs(text: str, folded: str) -> bool:
    """Folding left the Chinese characters of ``text`` as they were (the common case: it
    only changed punctuation, Latin letters' case or width)."""
    return folded == text or _nfkc_stable(text)


def _nfkc_stable(text: str) -> bool:
    """Folding would change nothing in ``text`` but the common punctuation and widths."""
    if " " in text or not text.isprintable():
        return False
    for wide, narrow in _NFKC_COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    return unicodedata.is_normalized("NFKC", text)


class _Runs:
    """Bigram strings of runs of Chinese characters, each distinct run worked out once
    (banks of set phrases repeat their runs; a file whose texts do not, as mined from
    real speeches, is done text by text: ``plain``)."""

    def __init__(self) -> None:
        self.memo: dict[str, str] = {}
        self.tags: dict[str, tuple[str, str]] = {}
        self.lists: dict[str, tuple[str, str, str]] = {}

    def tag_list(self, packed: str) -> tuple[str, str, str]:
        """(``ftags``, the tags' bigrams, their tokens) of a packed tags column."""
        known = self.lists.get(packed)
        if known is None:
            known = self.lists[packed] = self._tag_list(packed)
        return known

    def _tag_list(self, packed: str) -> tuple[str, str, str]:
        folded = []
        for tag in unpack(packed):
            known = self.tags.get(tag)
            if known is None:
                known = self.tags[tag] = (fold(tag), self.grams(fold(tag)))
            folded.append(known)
        return (US.join(f for f, _ in folded), " ".join(g for _, g in folded),
                " ".join(tag_token(f) for f, _ in folded))

    def texts(self, texts: tuple) -> list[str]:
        """``grams`` of each text; by runs only when a sample of them repeats its runs."""
        sample = [r for t in texts[:200] for r in _RUN.findall(t)]
        if len(set(sample)) > len(sample) // 2:
            return [" ".join(_BIGRAM.findall(t)) for t in texts]
        return [self.grams(t) for t in texts]

    def grams(self, text: str) -> str:
        memo = self.memo
        return " ".join([memo.get(r) or memo.setdefault(r, " ".join(_BIGRAM.findall(r)))
                         for r in _RUN.findall(text)])


def _folded_grams(texts: tuple, folds: tuple, g: list[str], runs: _Runs) -> list[str]:
    """Per row, the folded text's bigrams where they differ from the text's, else ''."""
    # ``same_runs`` of every text at once: one that folding changes beyond the common
    # punctuation makes their concatenation fail the test as well
    if texts == folds or _nfkc_stable("".join(texts)):
        return [""] * len(texts)    # folding changed no run of Chinese characters
    out = []
    for text, folded, grams in zip(texts, folds, g):
        x = "" if same_runs(text, folded) else runs.grams(folded)
        out.append("" if x == grams else x)
    return out


def remove_file_rows(conn: sqlite3.Connection, lo: int, hi: int) -> None:
    """Take the rows ``lo``..``hi`` (one file's: its rows have consecutive pids) out of every table."""
    gone = [("delete", pid, *gram_columns(text, folded, [fold(t) for t in unpack(tags)]))
            for pid, text, folded, tags in conn.execute(
                "SELECT pid, text, fold, tags FROM phrases WHERE pid BETWEEN ? AND ?", (lo, hi))]
    conn.executemany("INSERT INTO grams(grams, rowid, g, x, t) VALUES (?,?,?,?,?)", gone)
    conn.execute("DELETE FROM phrases WHERE pid BETWEEN ? AND ?", (lo, hi))


def store_rows(conn: sqlite3.Connection, rel: str, rows: list[tuple], start: int,
               runs: _Runs | None = None) -> None:
    """Insert one file's rows (rows.ROW order) as pids ``start``, ``start + 1``, ...
    (``runs`` carries worked-out bigrams and tags from file to file)."""
    if not rows:
        return
    runs = runs or _Runs()
    ids, texts, cats, tag_cols, slots, counts, sources, origins, extras, folds = zip(*rows)
    pids = range(start, start + len(rows))
    lists = {t: runs.tag_list(t) for t in set(tag_cols)}
    g = runs.texts(texts)
    heads = {h: head_token(h) for h in {f[:2] for f in folds}}
    x = [f"{heads[f[:2]]} {a} {lists[t][1]}"
         for f, a, t in zip(folds, _folded_grams(texts, folds, g, runs), tag_cols)]
    conn.executemany("INSERT INTO phrases VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     zip(pids, repeat(rel), ids, cats, texts, folds, [lists[t][0] for t in tag_cols],
                         counts, tag_cols, slots, sources, origins, extras))
    conn.executemany("INSERT INTO grams(rowid, g, x, t) VALUES (?,?,?,?)",
                     zip(pids, g, x, [lists[t][2] for t in tag_cols]))


def new_runs() -> _Runs:
    return _Runs()
