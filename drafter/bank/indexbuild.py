"""Filling the index (bank/index.py): phrase files read straight into rows (fastparse.py;
PyYAML for what is outside drafter's layout), a file's rows stored in place of those it had, and
a bank with no index built whole in a file of its own, published by a hard link
(``_build_fresh``), so a build killed half way leaves nothing a reader could take for an index.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from drafter.bank.files import PHRASES_DIR, phrase_files
from drafter.bank.indexdb import INDEXES, _connect, _ensure_schema, gc_paused, signature
from drafter.bank.indexfill import new_runs, remove_file_rows, store_rows
from drafter.bank.phrase import Phrase
from drafter.bank.rows import phrase_from_row, row_of
from drafter.errors import BankError
from drafter.i18n import _


def _read_raw(path: Path) -> tuple[str, str]:
    """A phrase file's text, and the signature taken from the very descriptor read."""
    try:
        with open(path, "rb") as handle:
            sig = signature(os.fstat(handle.fileno()))
            raw = handle.read()
    except OSError as err:
        raise BankError(_("cannot read: {strerror}").format(strerror=err.strerror), path=path) from err
    try:
        return raw.decode("utf-8-sig"), sig
    except UnicodeDecodeError as err:
        raise BankError(_("not UTF-8 text"), path=path) from err


def read_file_with_sig(path: Path) -> tuple[list[Phrase], str]:
    """Parse one phrase file; the signature is taken from the very file descriptor read."""
    from drafter.bank.fastparse import fast_parse  # noqa: PLC0415 - PyYAML (+33 ms CPU on 172 ms for bank.search, measured): only for changed files
    from drafter.bank.yamlio import parse_phrase_file  # noqa: PLC0415 - PyYAML: as above
    text, sig = _read_raw(path)
    phrases = fast_parse(text, path.stem)
    if phrases is None:
        phrases = parse_phrase_file(path, text)
    return phrases, sig


class _Parsed:
    """One phrase file as read for the index: rows, and the entries that need PyYAML's
    values as they are (unknown keys holding dates...: such a file is never cached)."""

    def __init__(self, rows: list[tuple], odd: dict[int, Phrase], sig: str):
        self.rows, self.odd = rows, odd
        self.sig = sig if all(_extra_is_json(p) for p in odd.values()) else "-"

    def phrases(self) -> list[Phrase]:
        return [self.odd.get(i) or phrase_from_row(r) for i, r in enumerate(self.rows)]


def _read_rows(path: Path, memo=None) -> _Parsed:
    from drafter.bank.fastparse import fast_rows  # noqa: PLC0415 - PyYAML (+33 ms CPU on 172 ms for bank.search, measured): only for changed files
    from drafter.bank.yamlio import parse_phrase_file  # noqa: PLC0415 - PyYAML: as above
    text, sig = _read_raw(path)
    found = fast_rows(text, path.stem, memo)
    if found is None:
        phrases = parse_phrase_file(path, text)
        found = [row_of(p) for p in phrases], dict(enumerate(phrases))
    return _Parsed(*found, sig)


def _extra_is_json(p: Phrase) -> bool:
    """Unknown keys holding non-JSON values (dates...) are not cached; the YAML is read."""
    if not p.extra:
        return True
    try:
        return json.loads(json.dumps(p.extra, ensure_ascii=False)) == p.extra
    except (TypeError, ValueError):
        return False


def _store_file(conn: sqlite3.Connection, rel: str, rows: list[tuple], sig: str,
                start: int | None = None, runs=None) -> int:
    """Index one file's rows (rows.ROW order) in place of those it had, from pid ``start``
    (given only when building from nothing: the file has no rows yet); returns the next
    free pid."""
    if start is None:
        span = conn.execute("SELECT lo, hi FROM files WHERE rel=?", (rel,)).fetchone()
        if span and span[0] is not None:
            remove_file_rows(conn, *span)
        start = conn.execute("SELECT COALESCE(MAX(pid), 0) FROM phrases").fetchone()[0] + 1
    span = (start, start + len(rows) - 1) if rows else (None, None)
    conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (rel, sig, *span))
    store_rows(conn, rel, rows, start, runs)
    return start + len(rows)


def _current_files(bank_dir: Path) -> dict[str, Path]:
    return {f"{PHRASES_DIR}/{p.name}": p for p in phrase_files(bank_dir)}



BUILD_PREFIX = ".build-"


def _build_fresh(bank_dir: Path, path: Path) -> tuple[sqlite3.Connection, dict[str, _Parsed]] | None:
    """A bank with no index yet: build it whole in a file of its own, with no rollback
    journal and no syncing (it is derived: a crash leaves only that file, never a half index
    under the index's name), then publish it by a hard link, which fails if another process
    published one first (then that one is used). None when it cannot be done so (the caller
    builds in place, or in memory)."""
    from drafter.bank.fastparse import new_memo  # noqa: PLC0415 - PyYAML (+33 ms CPU, measured): only when there is no index yet
    _sweep_builds(path)
    files = _current_files(bank_dir)
    memo = new_memo()
    with gc_paused():
        parsed = {rel: _read_rows(p, memo) for rel, p in files.items()}   # errors: touch nothing
    tmp = path.with_name(f"{path.name}{BUILD_PREFIX}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            _ensure_schema(conn)
            _store_all(conn, [], parsed)
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):          # left by a killed process with no index
            Path(str(path) + suffix).unlink(missing_ok=True)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass                                 # another process published its build first
    except (OSError, sqlite3.Error):
        return None
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    conn = _connect(path)
    if conn.execute("SELECT count(*) FROM files").fetchone()[0] != len(files):
        conn.close()                             # not the build it should be: the usual way
        return None
    return conn, parsed


def _sweep_builds(path: Path) -> None:
    """Remove builds left by processes that were killed while building."""
    try:
        strays = list(path.parent.glob(f"{path.name}{BUILD_PREFIX}*"))
    except OSError:
        return
    for stray in strays:
        pid = stray.name[len(path.name) + len(BUILD_PREFIX):].split("-")[0]
        try:
            os.kill(int(pid), 0)
            continue                             # still building
        except ProcessLookupError:
            pass
        except (ValueError, OSError):
            continue
        try:
            stray.unlink()
        except OSError:
            pass


def _store_all(conn: sqlite3.Connection, removed: list[str], parsed: dict[str, _Parsed]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # a build from nothing: secondary indexes are made once, after the rows
        bulk = conn.execute("SELECT 1 FROM phrases LIMIT 1").fetchone() is None
        if bulk:
            conn.execute("PRAGMA cache_size=-65536")
            for name in (*INDEXES, "phrases_rank"):   # the latter: made when a search wants it
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        for rel in removed:
            span = conn.execute("SELECT lo, hi FROM files WHERE rel=?", (rel,)).fetchone()
            if span[0] is not None:
                remove_file_rows(conn, *span)
            conn.execute("DELETE FROM files WHERE rel=?", (rel,))
        nxt = 1 if bulk else None
        runs = new_runs()
        for rel, found in parsed.items():
            last = _store_file(conn, rel, found.rows, found.sig, nxt, runs)
            nxt = last if bulk else None
        for name, on in INDEXES.items():
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise
