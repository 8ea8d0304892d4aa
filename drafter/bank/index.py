"""A derived SQLite index of a bank's phrases, so big banks load and search fast.

The YAML stays the truth. The index (``<bank>/.index.sqlite``, git-ignored) records,
per phrase file, a signature of the file it was built from (size, mtime, ctime, inode:
any write, even one that restores the mtime, changes the ctime or the inode) and is
refreshed file by file before every use: a changed file is read again (fast path for
drafter's own layout, PyYAML otherwise), an unchanged one is not. A stale index is
never used. If the bank is read-only the index goes to the user's cache directory.

Full-text: ``grams`` is an FTS5 table (ascii tokenizer over space-separated character
bigrams, contentless, column detail; indexfill.py says what goes in). Column ``g`` holds
the bigrams of the text (what drafting counts, see ``bigrams``); ``x`` those of the folded
text and tags that ``g`` lacks, and the head token; ``t`` one token per tag. A search asks
it for the rows holding every bigram of the query — a superset of the substring matches —
and tests only those (search.py, ranked.py); one-character and Latin-only queries have no
bigram and scan. A bank with no index is read by fastparse.py straight into rows,
inserted with the secondary index made afterwards, into a file of its own with no rollback
journal and no syncing (``_build_fresh``): only a whole index is ever published under the
index's name, so a build killed half way leaves nothing a reader could take for an index.

This module keeps the index up to date and answers from it; indexdb.py is the database
(schema, opening, where it lives), indexbuild.py fills it (reading files into rows, storing
them, the build from nothing), indexfill.py what one file's rows put in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Sequence, overload

from drafter.bank.files import check_dir
from drafter.bank.indexbuild import (
    BUILD_PREFIX,
    _build_fresh,
    _current_files,
    _extra_is_json,
    _Parsed,
    _read_rows,
    _store_all,
    _store_file,
    read_file_with_sig,
)
from drafter.bank.indexdb import (
    _connect,
    _ensure_schema,
    _memory,
    gc_paused,
    index_path,
    signature,
)
from drafter.bank.indexfill import bigram_list, bigrams, gram_columns
from drafter.bank.journal import reading
from drafter.bank.phrase import Phrase
from drafter.bank.rows import ROW, pack, pack_sources, phrase_from_row

__all__ = ["BUILD_PREFIX", "ROW", "bigram_list", "bigrams", "cached_phrases", "gram_columns", "index_path", "lookup",
           "note_saved", "open_index", "open_index_noting",
           "phrase_from_row", "read_file_with_sig", "rebuild", "signature"]

def _stale(conn: sqlite3.Connection, files: dict[str, Path]) -> tuple[list[str], list[str]]:
    known = dict(conn.execute("SELECT rel, sig FROM files"))
    changed = []
    for rel, path in files.items():
        try:
            sig = signature(path.stat())
        except OSError:
            sig = None
        if known.get(rel) != sig:
            changed.append(rel)
    return changed, [rel for rel in known if rel not in files]


def _refresh(bank_dir: Path) -> tuple[sqlite3.Connection, dict[str, _Parsed]]:
    """Bring the index up to date; also return the files it had to read, as parsed."""
    check_dir(bank_dir)
    with reading(bank_dir):       # never half of a save (bank/lock.py)
        return _refresh_now(bank_dir)


def _refresh_now(bank_dir: Path) -> tuple[sqlite3.Connection, dict[str, _Parsed]]:
    path = index_path(bank_dir)
    try:
        missing = not path.exists()
    except OSError:                  # cannot even look (a cache folder of another user)
        missing = False
    if missing:
        built = _build_fresh(bank_dir, path)
        if built is not None:
            return built
    conn = _connect(path)
    files = _current_files(bank_dir)
    changed, removed = _stale(conn, files)
    if changed:  # (a fresh index imports no parser: `phrases search` skips PyYAML)
        from drafter.bank.fastparse import new_memo  # noqa: PLC0415 - PyYAML (+33 ms CPU on 172 ms for bank.search, measured): only for changed files
        memo = new_memo()
        with gc_paused():
            parsed = {rel: _read_rows(files[rel], memo) for rel in changed}  # errors: touch nothing
    else:
        parsed = {}
    if changed or removed:
        try:
            _store_all(conn, removed, parsed)
        except sqlite3.Error:
            # the index cannot be written (full disk, read-only, damaged): build it in memory
            conn.close()
            conn = _memory()
            _ensure_schema(conn)
            from drafter.bank.fastparse import new_memo  # noqa: PLC0415 - PyYAML (+33 ms CPU on 172 ms for bank.search, measured): only for changed files
            memo = new_memo()
            parsed = {rel: parsed.get(rel) or _read_rows(path, memo) for rel, path in files.items()}
            _store_all(conn, [], parsed)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
            try:
                conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.Error:
                pass
    return conn, parsed


def open_index(bank_dir: str | Path) -> sqlite3.Connection:
    """A connection to the bank's index, brought up to date with the YAML first."""
    return _refresh(Path(bank_dir))[0]


def open_index_noting(bank_dir: str | Path) -> tuple[sqlite3.Connection, bool]:
    """``open_index``, and whether bringing it up to date read any file (then this command
    has paid for indexing already: search makes no optional index on top)."""
    conn, parsed = _refresh(Path(bank_dir))
    return conn, bool(parsed)


@overload
def cached_phrases(bank_dir: Path, categories: None = None) -> list[Phrase]: ...


@overload
def cached_phrases(bank_dir: Path, categories: set[str]) -> list[Phrase] | None: ...


def cached_phrases(bank_dir: Path, categories: set[str] | None = None) -> list[Phrase] | None:
    """Phrases of the bank, file by file: from the index, or as just read for changed files.

    With ``categories``, only the files of those categories — or None when an entry of
    theirs sits in another category's file (or theirs hold others'), since saving just
    those files would then lose it; the caller loads the whole bank instead. Files whose
    unknown keys hold values JSON cannot carry (dates) are always read from the YAML.
    """
    with gc_paused():
        conn, fresh = _refresh(Path(bank_dir))
    try:
        rels = [r for r, in conn.execute("SELECT rel FROM files ORDER BY rel")]
        if categories is not None:
            wanted = {f"phrases/{c}.yaml" for c in categories}
            if _misfiled(conn, wanted, categories):
                return None
            rels = [r for r in rels if r in wanted]
        out: list[Phrase] = []
        for rel in rels:
            if rel in fresh:
                out.extend(fresh[rel].phrases())
                continue
            rows = conn.execute(f"SELECT {ROW} FROM phrases WHERE pid BETWEEN "
                                "(SELECT lo FROM files WHERE rel=?) AND (SELECT hi FROM files WHERE rel=?) "
                                "ORDER BY pid", (rel, rel))
            with gc_paused():
                out.extend(map(phrase_from_row, rows))
    finally:
        conn.close()
    return out


def _misfiled(conn: sqlite3.Connection, rels: set[str], categories: set[str]) -> bool:
    files, cats = sorted(rels), sorted(categories)
    fm, cm = ",".join("?" * len(files)), ",".join("?" * len(cats))
    row = conn.execute(f"SELECT 1 FROM phrases WHERE (file IN ({fm}) AND category NOT IN ({cm})) "
                       f"OR (category IN ({cm}) AND file NOT IN ({fm})) LIMIT 1",
                       [*files, *cats, *cats, *files]).fetchone()
    return row is not None


def lookup(bank_dir: Path, *, ids: Sequence[str] = (), key: str | None = None) -> list[tuple[str, str]]:
    """(id, category) of the phrases with these ids, or with this folded text."""
    conn = open_index(bank_dir)
    try:
        if key is not None:
            return conn.execute("SELECT id, category FROM phrases WHERE fold=?", (key,)).fetchall()
        marks = ",".join("?" * len(ids))
        return conn.execute(f"SELECT id, category FROM phrases WHERE id IN ({marks})",
                            list(ids)).fetchall()
    finally:
        conn.close()


def _read_row(p: Phrase) -> tuple:
    """The index row of the phrase as reading its file back would give it (lists of str,
    sources sorted, once): ``row_of`` without a Phrase in between."""
    sources = p.sources
    if len(sources) > 1:
        sources = sorted(set(sources))
    extra = json.dumps(p.extra, ensure_ascii=False, default=str) if p.extra else ""
    return (p.id, p.text, p.category, pack([str(t) for t in p.tags]), pack([str(t) for t in p.slots]),
            int(p.count), pack_sources(sources), p.origin, extra, p.key)


def note_saved(bank_dir: Path, written: dict[str, tuple[str, list[Phrase]]]) -> None:
    """After a save: index the files just written from memory instead of parsing them again.

    ``written``: path -> (sha256 of the text written, its phrases). Each file is read back
    (signature from the same descriptor, a block at a time) and must hash to what was
    written; otherwise it is left stale and the next refresh parses it.
    Best effort: an index that cannot be updated is simply rebuilt later.
    """
    bank_dir = Path(bank_dir)
    try:
        conn = _connect(index_path(bank_dir))
    except sqlite3.Error:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        for rel, (digest, phrases) in written.items():
            try:
                with open(bank_dir / rel, "rb") as handle:
                    sig = signature(os.fstat(handle.fileno()))
                    same = _digest(handle) == digest
            except OSError:
                continue
            if same:
                _store_file(conn, rel, [_read_row(p) for p in phrases],
                            sig if all(_extra_is_json(p) for p in phrases if p.extra) else "-")
        conn.execute("COMMIT")
    except sqlite3.Error:
        conn.execute("ROLLBACK") if conn.in_transaction else None
    finally:
        conn.close()


def _digest(handle) -> str:
    """The sha256 (hex) of what is left to read in a binary file, a block at a time."""
    digest = hashlib.sha256()
    while block := handle.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def rebuild(bank_dir: str | Path) -> None:
    """Throw the index away and build it again (``drafter phrases reindex``)."""
    path = index_path(Path(bank_dir))
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_index(bank_dir).close()
