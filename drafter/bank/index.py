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
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence, overload

from drafter.bank.files import PHRASES_DIR, check_dir, phrase_files
from drafter.bank.indexfill import bigram_list, bigrams, gram_columns, new_runs, remove_file_rows, store_rows
from drafter.bank.journal import reading
from drafter.bank.phrase import Phrase
from drafter.bank.rows import ROW, pack, pack_sources, phrase_from_row, row_of, source_files
from drafter.errors import BankError
from drafter.i18n import _

__all__ = ["ROW", "bigram_list", "bigrams", "cached_phrases", "gram_columns", "index_path", "lookup",
           "note_saved", "open_index", "open_index_noting",
           "phrase_from_row", "read_file_with_sig", "rebuild", "signature"]

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

    Each file is read back (signature from the same descriptor) and must be byte for byte
    what was written; otherwise it is left stale and the next refresh parses it.
    Best effort: an index that cannot be updated is simply rebuilt later.
    """
    bank_dir = Path(bank_dir)
    try:
        conn = _connect(index_path(bank_dir))
    except sqlite3.Error:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        for rel, (text, phrases) in written.items():
            try:
                with open(bank_dir / rel, "rb") as handle:
                    sig = signature(os.fstat(handle.fileno()))
                    same = handle.read() == text.encode("utf-8")
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


def rebuild(bank_dir: str | Path) -> None:
    """Throw the index away and build it again (``drafter phrases reindex``)."""
    path = index_path(Path(bank_dir))
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_index(bank_dir).close()
