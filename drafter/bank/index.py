"""A derived SQLite index of a bank's phrases, so big banks load and search fast.

The YAML stays the truth. The index (``<bank>/.index.sqlite``, git-ignored) records,
per phrase file, a signature of the file it was built from (size, mtime, ctime, inode:
any write, even one that restores the mtime, changes the ctime or the inode) and is
refreshed file by file before every use: a changed file is read again (fast path for
drafter's own layout, PyYAML otherwise), an unchanged one is not. A stale index is
never used. If the bank is read-only the index goes to the user's cache directory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from drafter.bank.phrase import Phrase, Source, fold
from drafter.errors import BankError

INDEX_NAME = ".index.sqlite"
SCHEMA_VERSION = "7"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (rel TEXT PRIMARY KEY, sig TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS phrases (
  pid INTEGER PRIMARY KEY, file TEXT NOT NULL, id TEXT NOT NULL, category TEXT NOT NULL,
  text TEXT NOT NULL, fold TEXT NOT NULL, hay TEXT NOT NULL, count INTEGER NOT NULL,
  tags TEXT NOT NULL, slots TEXT NOT NULL, sources TEXT NOT NULL, origin TEXT NOT NULL,
  extra TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS phrases_file ON phrases(file);
CREATE INDEX IF NOT EXISTS phrases_id ON phrases(id);
CREATE INDEX IF NOT EXISTS phrases_category ON phrases(category);
CREATE INDEX IF NOT EXISTS phrases_fold ON phrases(fold);
CREATE TABLE IF NOT EXISTS tags (pid INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag, pid);
CREATE TABLE IF NOT EXISTS sources (pid INTEGER NOT NULL, file TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sources_pid ON sources(pid);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(g);
"""


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> set[str]:
    """Character bigrams inside runs of Chinese characters: the 'words' drafting relevance
    counts (Chinese has no spaces). Indexed in ``grams`` (full-text, one token per bigram),
    so a draft finds the phrases holding a word, and how many do, without reading them all."""
    out = set()
    for run in _HAN_RUN.findall(text or ""):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


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
        conn.execute("PRAGMA journal_mode=WAL")
    except (OSError, sqlite3.Error):
        conn = sqlite3.connect(":memory:", isolation_level=None)  # nowhere to keep it: rebuild
    conn.execute("PRAGMA synchronous=NORMAL")
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
        conn = sqlite3.connect(":memory:", isolation_level=None)
        _ensure_schema(conn)
    return conn


def _ensure_schema(conn: sqlite3.Connection) -> None:
    row = None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    except sqlite3.OperationalError:
        pass
    if row and row[0] == SCHEMA_VERSION:
        return
    for table in ("meta", "files", "phrases", "tags", "sources", "grams"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


def read_file_with_sig(path: Path) -> tuple[list[Phrase], str]:
    """Parse one phrase file; the signature is taken from the very file descriptor read."""
    try:
        with open(path, "rb") as handle:
            sig = signature(os.fstat(handle.fileno()))
            raw = handle.read()
    except OSError as err:
        raise BankError(f"cannot read: {err.strerror}", path=path) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BankError("not UTF-8 text", path=path) from err
    from drafter.bank.fastparse import fast_parse
    from drafter.bank.yamlio import parse_phrase_file
    phrases = fast_parse(text, path.stem)
    if phrases is None:
        phrases = parse_phrase_file(path, text)
    return phrases, sig


#: the columns a Phrase is rebuilt from, in order
ROW = "id, text, category, tags, slots, count, sources, origin, extra, fold"
_US, _RS = "\x1f", "\x1e"


def _pack(items: list[str]) -> str:
    """A list of strings in one column: joined by a unit separator, JSON when that is ambiguous."""
    if any(not i or _US in i or _RS in i or i[0] == "\0" for i in items):
        return "\0" + json.dumps(items, ensure_ascii=False)
    return _US.join(items)


def _unpack(text: str) -> list[str]:
    if not text:
        return []
    if text[0] == "\0":
        return json.loads(text[1:])
    return text.split(_US)


def _pack_sources(sources: list[Source]) -> str:
    files = [s.file for s in sources]
    if any(not f or _US in f or _RS in f or f[0] == "\0" for f in files):
        return "\0" + json.dumps([[s.file, s.para] for s in sources], ensure_ascii=False)
    return _US.join(f"{s.file}{_RS}{s.para}" for s in sources)


def _unpack_sources(text: str) -> list[Source]:
    if not text:
        return []
    if text[0] == "\0":
        return [Source(f, n) for f, n in json.loads(text[1:])]
    out = []
    for item in text.split(_US):
        file, _, para = item.rpartition(_RS)
        out.append(Source(file, int(para)))
    return out


def _row(p: Phrase) -> tuple:
    sources = _pack_sources(p.sources)
    extra = json.dumps(p.extra, ensure_ascii=False, default=str) if p.extra else ""
    return (p.id, p.text, p.category, _pack(p.tags), _pack(p.slots), p.count, sources, p.origin,
            extra, p.key)


def phrase_from_row(row: tuple) -> Phrase:
    pid, text, category, tags, slots, count, sources, origin, extra, folded = row
    p = Phrase(pid, text, category, _unpack(tags), _unpack(slots), count,
               _unpack_sources(sources), origin,
               json.loads(extra) if extra else {})
    p.__dict__["_key"] = (text, folded)
    return p


def _extra_is_json(p: Phrase) -> bool:
    """Unknown keys holding non-JSON values (dates...) are not cached; the YAML is read."""
    if not p.extra:
        return True
    try:
        return json.loads(json.dumps(p.extra, ensure_ascii=False)) == p.extra
    except (TypeError, ValueError):
        return False


def _store_file(conn: sqlite3.Connection, rel: str, phrases: list[Phrase], sig: str) -> None:
    old = [r[0] for r in conn.execute("SELECT pid FROM phrases WHERE file=?", (rel,))]
    if old:
        marks = ",".join("?" * len(old))
        conn.execute(f"DELETE FROM tags WHERE pid IN ({marks})", old)
        conn.execute(f"DELETE FROM sources WHERE pid IN ({marks})", old)
        conn.execute(f"DELETE FROM grams WHERE rowid IN ({marks})", old)
        conn.execute("DELETE FROM phrases WHERE file=?", (rel,))
    cacheable = all(_extra_is_json(p) for p in phrases)
    conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (rel, sig if cacheable else "-"))
    if not phrases:
        return
    cur = conn.execute("SELECT COALESCE(MAX(pid), 0) FROM phrases")
    start = cur.fetchone()[0] + 1
    rows, tags, sources, grams = [], [], [], []
    for n, p in enumerate(phrases, start):
        folded_tags = [fold(t) for t in p.tags]
        hay = "\x1f".join([p.key, *folded_tags])
        pid, text, category, tags_col, slots, count, srcs, origin, extra, folded = _row(p)
        rows.append((n, rel, pid, category, text, folded, hay, count, tags_col, slots, srcs,
                     origin, extra))
        tags.extend((n, t) for t in folded_tags)
        sources.extend((n, s.file) for s in p.sources)
        grams.append((n, " ".join(bigrams(text))))
    conn.executemany("INSERT INTO phrases VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO grams(rowid, g) VALUES (?,?)", grams)
    conn.executemany("INSERT INTO tags VALUES (?,?)", tags)
    conn.executemany("INSERT INTO sources VALUES (?,?)", sources)


def _current_files(bank_dir: Path) -> dict[str, Path]:
    from drafter.bank.store import PHRASES_DIR, phrase_files
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


def _refresh(bank_dir: Path) -> tuple[sqlite3.Connection, dict[str, list[Phrase]]]:
    """Bring the index up to date; also return the files it had to read, as parsed."""
    from drafter.bank.store import check_dir
    check_dir(bank_dir)
    conn = _connect(index_path(bank_dir))
    files = _current_files(bank_dir)
    changed, removed = _stale(conn, files)
    parsed = {rel: read_file_with_sig(files[rel]) for rel in changed}  # errors: touch nothing
    if changed or removed:
        try:
            _store_all(conn, removed, parsed)
        except sqlite3.Error:
            # the index cannot be written (full disk, read-only, damaged): build it in memory
            conn.close()
            conn = sqlite3.connect(":memory:", isolation_level=None)
            _ensure_schema(conn)
            parsed = {rel: read_file_with_sig(path) for rel, path in files.items()}
            _store_all(conn, [], parsed)
    return conn, {rel: phrases for rel, (phrases, _sig) in parsed.items()}


def _store_all(conn: sqlite3.Connection, removed: list[str], parsed: dict) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for rel in removed:
            _store_file(conn, rel, [], "")
            conn.execute("DELETE FROM files WHERE rel=?", (rel,))
        for rel, (phrases, sig) in parsed.items():
            _store_file(conn, rel, phrases, sig)
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
                out.extend(fresh[rel])
                continue
            rows = conn.execute(f"SELECT {ROW} FROM phrases WHERE file=? ORDER BY pid", (rel,))
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


def lookup(bank_dir: Path, *, ids: list[str] = (), key: str | None = None) -> list[tuple[str, str]]:
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


def _as_read(p: Phrase) -> Phrase:
    """The phrase as reading its file back would give it (lists of str, sources sorted, once)."""
    return Phrase(p.id, p.text, p.category, [str(t) for t in p.tags], [str(t) for t in p.slots],
                  int(p.count), sorted(set(p.sources)), p.origin, dict(p.extra))


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
                _store_file(conn, rel, [_as_read(p) for p in phrases], sig)
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
