"""The index database itself (bank/index.py says what it holds and how it is kept up to date):
where it lives, its schema, opening it (a damaged file is thrown away and built again; one that
cannot be kept on disk is built in memory), and the SQL function ``has_source``.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from drafter.bank.rows import source_files

INDEX_NAME = ".index.sqlite"
SCHEMA_VERSION = "9"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, sig TEXT NOT NULL, lo INTEGER, hi INTEGER);
CREATE TABLE IF NOT EXISTS phrases (
  pid INTEGER PRIMARY KEY, file TEXT NOT NULL, id TEXT NOT NULL, category TEXT NOT NULL,
  text TEXT NOT NULL, fold TEXT NOT NULL, ftags TEXT NOT NULL, count INTEGER NOT NULL,
  tags TEXT NOT NULL, slots TEXT NOT NULL, sources TEXT NOT NULL, origin TEXT NOT NULL,
  extra TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(g, x, t, content='', detail=column,
  columnsize=0, tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS grams_terms USING fts5vocab(grams, 'col');
"""
#: secondary indexes; a build from nothing makes them after inserting (several times faster).
#: Only what drafting asks often: a file's rows have consecutive pids (``files.lo``..``hi``),
#: and looking a phrase up by id or folded text (one edit) scans 100,000 rows in a few ms.
INDEXES = {"phrases_category": "phrases(category)"}
TABLES = ("meta", "files", "phrases", "tags", "sources", "grams_terms", "grams")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building 100,000 phrases triggers many full garbage collections that find nothing
    (they create no cycles); pausing the collector halves load time on big banks."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def signature(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def index_path(bank_dir: Path) -> Path:
    """Beside the YAML when the bank is writable, else in the user's cache directory."""
    bank_dir = Path(bank_dir).resolve()
    if os.access(bank_dir, os.W_OK):
        return bank_dir / INDEX_NAME
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "drafter"
    digest = hashlib.sha1(str(bank_dir).encode()).hexdigest()[:16]
    return cache / f"index-{digest}.sqlite"


def _connect(path: Path, retry: bool = True) -> sqlite3.Connection:
    """The index database; a damaged one is thrown away and built again once, and an index
    that cannot be kept on disk at all (full disk, read-only) is built in memory."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA synchronous=NORMAL")
        # A new index is built in rollback-journal mode (pages of a new file are not
        # journaled, a write-ahead log would write them twice); WAL once it holds rows.
        if conn.execute("PRAGMA page_count").fetchone()[0] > 0:
            conn.execute("PRAGMA journal_mode=WAL")
    except (OSError, sqlite3.Error):
        conn = _memory()                                            # nowhere to keep it: rebuild
    conn.create_function("has_source", 2, _has_source, deterministic=True)
    try:
        _ensure_schema(conn)
    except sqlite3.DatabaseError:                                   # corrupt or disk full
        conn.close()
        if retry:
            for suffix in ("", "-wal", "-shm"):
                try:
                    Path(str(path) + suffix).unlink(missing_ok=True)
                except OSError:
                    pass
            return _connect(path, retry=False)
        conn = _memory()
        _ensure_schema(conn)
    return conn


def _memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.create_function("has_source", 2, _has_source, deterministic=True)
    return conn


def _has_source(packed: str, wanted: str) -> bool:
    """SQL ``has_source(sources, text)``: a source file's name contains ``text``."""
    if wanted not in packed and packed[:1] != "\0":
        return False
    return any(wanted in f for f in source_files(packed))


def _ensure_schema(conn: sqlite3.Connection) -> None:
    row = None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    except sqlite3.OperationalError:
        pass
    if row and row[0] == SCHEMA_VERSION:
        return
    for table in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
