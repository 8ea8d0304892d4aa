"""One bank update, all files or none: a write-ahead journal inside the bank.

A save touches several files (phrase files, deleted.yaml, .manifest, ...). Written one by
one, a crash between two of them leaves a bank whose files disagree — the worst case a
``.manifest`` that lists phrases the phrase files no longer hold, which the next re-mine
reads as the user's deletions. So a save goes through ``.journal/`` instead:

1. every new file is written in full to ``.journal/<n>`` (fsynced);
2. ``.journal/COMMIT`` — the list of (journal file, bank path) moves and the paths to
   remove — is renamed into place: this one rename is the commit point;
3. each journal file is renamed over its bank path, the removals are made;
4. ``COMMIT`` and the journal directory are removed.

A process killed before step 2 leaves an uncommitted journal, which is thrown away (the
bank is the old one, untouched); killed after it, the next writer or reader finishes the
moves (``recover``; each move is done at most once, so finishing twice is harmless). The
bank lock is held throughout, and recovery happens under it.

The moves of step 3 and 4 are made under the exclusive swap lock (``lock.swapping``), which
readers hold shared while they read (``lock.reading``): a reader sees the bank before the
moves or after them. A reader that finds a committed journal (its writer died after the
commit point) finishes it under that exclusive lock (``finish``); an uncommitted journal is
only ever thrown away by a writer, under the bank lock, since its writer may be alive.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from drafter.bank.lock import (
    SWAP_NAME,
    _close,
    _enter,
    _flock,
    _gate_closed,
    _guard,
    _nested,
    _open,
    _readers,
    _reenter,
    bank_lock,
    swapping,
)
from drafter.errors import BankError, os_reason
from drafter.faults import step
from drafter.i18n import _

JOURNAL = ".journal"
COMMIT = "COMMIT"

#: a file's new text: whole, or streamed (a callable giving it in pieces, written piece by piece)
Text = str | Callable[[], Iterable[str]]
#: bytes compared at a time when a streamed file is checked against the bank's
_BLOCK = 1 << 20


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_file(path: Path, data: bytes, mode: int | None = None) -> None:
    _write_chunks(path, (data,), 0o644 if mode is None else mode)


def _write_pieces(path: Path, pieces: Iterable[str], mode: int) -> str:
    """Write the text ``pieces`` make up, one piece in memory at a time; its sha256 (hex)."""
    digest = hashlib.sha256()

    def encoded() -> Iterator[bytes]:
        for piece in pieces:
            data = piece.encode("utf-8")
            digest.update(data)
            yield data

    _write_chunks(path, encoded(), mode)
    return digest.hexdigest()


def _write_chunks(path: Path, chunks: Iterable[bytes], mode: int) -> None:
    """Write ``chunks`` to ``path`` (created or truncated) and fsync it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        for data in chunks:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _same_bytes(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes (False if either cannot be read)."""
    try:
        if one.stat().st_size != other.stat().st_size:
            return False
        with open(one, "rb") as a, open(other, "rb") as b:
            while True:
                block = a.read(_BLOCK)
                if block != b.read(_BLOCK):
                    return False
                if not block:
                    return True
    except OSError:
        return False


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def pending(bank_dir: str | Path) -> bool:
    """Whether a journal (committed or not) is left in the bank."""
    return (Path(bank_dir) / JOURNAL).exists()


def committed(bank_dir: str | Path) -> bool:
    """Whether a committed journal waits to be moved into place."""
    return (Path(bank_dir) / JOURNAL / COMMIT).exists()


def finish(bank_dir: str | Path) -> None:
    """Make the moves of a committed journal, if one is there. The caller holds the swap lock
    exclusively (a reader, ``lock.reading``) or takes it through ``_swap``."""
    if committed(bank_dir):
        _apply(Path(bank_dir))


def _swap(bank_dir: Path) -> None:
    """A writer's moves: under the exclusive swap lock, unless a reader finished them first."""
    with swapping(bank_dir):
        finish(bank_dir)


def commit(bank_dir: str | Path, writes: Mapping[str, Text], removes: Sequence[str] = ()
           ) -> tuple[list[str], dict[str, str]]:
    """Replace the bank files ``writes`` (path relative to the bank -> text) and remove
    ``removes``, as one step a crash cannot split. The caller holds the bank lock.

    A streamed text (a callable giving the text in pieces) is written to its journal file
    piece by piece, so a big phrase file is never whole in memory; one that comes out byte for
    byte as the bank's file is left out of the update. Returns the files replaced and the
    sha256 of each streamed file's text (``index.note_saved`` checks the files against it)."""
    bank_dir = Path(bank_dir)
    if not writes and not removes:
        return [], {}
    recover(bank_dir)
    journal = bank_dir / JOURNAL
    journal.mkdir()
    moves: list[list[str]] = []
    digests: dict[str, str] = {}
    try:
        for n, (rel, text) in enumerate(writes.items()):
            name = f"{n}.new"
            mode = _file_mode(bank_dir / rel)
            if isinstance(text, str):
                _write_file(journal / name, text.encode("utf-8"), mode)
            else:
                digests[rel] = _write_pieces(journal / name, text(), mode)
                if _same_bytes(journal / name, bank_dir / rel):   # unchanged: nothing to move
                    os.unlink(journal / name)
                    continue
            moves.append([name, rel])
            step()
        if not moves and not removes:
            shutil.rmtree(journal, ignore_errors=True)
            return [], digests
        record = json.dumps({"moves": moves, "removes": list(removes)}, ensure_ascii=False)
        _write_file(journal / (COMMIT + ".tmp"), record.encode("utf-8"))
        _fsync_dir(journal)
        os.replace(journal / (COMMIT + ".tmp"), journal / COMMIT)   # the commit point
    except BaseException:
        if not (journal / COMMIT).exists():
            shutil.rmtree(journal, ignore_errors=True)
        raise
    _fsync_dir(journal)
    step()
    _swap(bank_dir)
    return [rel for _name, rel in moves], digests


def recover(bank_dir: str | Path) -> bool:
    """Finish a committed journal or throw away an uncommitted one; True if there was one.
    The caller holds the bank lock."""
    journal = Path(bank_dir) / JOURNAL
    if not journal.exists():
        return False
    if (journal / COMMIT).exists():
        _swap(Path(bank_dir))
    else:
        shutil.rmtree(journal, ignore_errors=True)
        step()
    return True


def _apply(bank_dir: Path) -> None:
    journal = bank_dir / JOURNAL
    record = json.loads((journal / COMMIT).read_text(encoding="utf-8"))
    parents = set()
    for name, rel in record["moves"]:
        source, target = journal / name, bank_dir / rel
        if source.exists():                 # not moved yet (a move is never done twice)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            parents.add(target.parent)
            step()
    for rel in record["removes"]:
        try:
            os.unlink(bank_dir / rel)
            parents.add((bank_dir / rel).parent)
            step()
        except FileNotFoundError:
            pass
    for parent in parents:
        _fsync_dir(parent)
    os.unlink(journal / COMMIT)
    step()
    shutil.rmtree(journal, ignore_errors=True)
    _fsync_dir(bank_dir)


@contextmanager
def reading(bank_dir: str | Path, timeout: float = 30.0) -> Iterator[None]:
    """Read the bank's files inside this: no save moves files meanwhile (re-entrant per thread)."""
    bank_dir = Path(bank_dir)
    key = (str(bank_dir.resolve()), threading.get_ident())
    if _reenter(_readers, key):
        with _nested(_readers, key):
            yield
        return
    fd = _open(bank_dir, SWAP_NAME) if bank_dir.is_dir() else None
    try:
        if fd is not None:
            _enter(bank_dir, fd, timeout)
            while committed(bank_dir):       # a dead writer's save, committed: finish it
                fcntl.flock(fd, fcntl.LOCK_UN)
                with _gate_closed(bank_dir, timeout):
                    _flock(fd, fcntl.LOCK_EX, bank_dir, timeout)
                    try:
                        finish(bank_dir)
                    except OSError as err:
                        raise BankError(_("the bank holds a save that a crash interrupted and it cannot be "
                                          "finished: {reason}").format(reason=os_reason(err)),
                                        path=bank_dir) from None
                    finally:
                        fcntl.flock(fd, fcntl.LOCK_UN)
                _enter(bank_dir, fd, timeout)
            if pending(bank_dir):
                _drop_dead_journal(bank_dir)
        with _guard:
            _readers[key] = (fd, 1)
        try:
            yield
        finally:
            with _guard:
                del _readers[key]
    finally:
        _close(fd)


def _drop_dead_journal(bank_dir: Path) -> None:
    """An uncommitted journal whose writer is gone (the bank lock is free): throw it away."""
    try:
        with bank_lock(bank_dir, timeout=0):
            recover(bank_dir)
    except (BankError, OSError):
        pass            # a live writer (it is writing that journal) or a read-only bank: leave it
