"""One writer at a time per bank: an advisory lock on ``<bank>/.lock``.

Two writers that each load, change and save a bank would lose one change; every
writing path takes this lock around its whole load-change-save. The lock is
re-entrant within a thread (a locked edit may call ``save_bank``) and excludes other
threads of the same process as it excludes other processes (``drafter serve`` edits in
worker threads), and is released by the OS if the process dies, so a crash never leaves
a bank locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from drafter.errors import BankError, os_reason
from drafter.i18n import _

LOCK_NAME = ".lock"
SWAP_NAME = ".lock-swap"
GATE_NAME = ".lock-gate"
_held: dict[tuple[str, int], tuple[int, int]] = {}  # (bank path, thread) -> (fd, depth)
_guard = threading.RLock()


@contextmanager
def bank_lock(bank_dir: str | Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the bank's lock; wait up to ``timeout`` seconds, then fail with a clear message."""
    bank_dir = Path(bank_dir)
    key = (str(bank_dir.resolve()), threading.get_ident())
    if _reenter(_held, key):
        with _nested(_held, key):
            yield
        return
    fd = _acquire(bank_dir, timeout)
    with _guard:
        _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            del _held[key]
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _reenter(table: dict, key: tuple[str, int]) -> bool:
    """This thread holds ``key`` in ``table`` already (a lock or a read hold): one level deeper
    (True), else False and nothing changes."""
    with _guard:
        held = table.get(key)
        if held is None:
            return False
        table[key] = (held[0], held[1] + 1)
        return True


@contextmanager
def _nested(table: dict, key: tuple[str, int]) -> Iterator[None]:
    """Inside a level ``_reenter`` added: leaving it gives the level back, and releases nothing."""
    try:
        yield
    finally:
        with _guard:
            fd, depth = table[key]
            table[key] = (fd, depth - 1)


def _acquire(bank_dir: Path, timeout: float) -> int:
    try:
        bank_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(bank_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise BankError(_("cannot lock the bank: {reason}").format(reason=os_reason(err)), path=bank_dir) from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise BankError(_("bank is busy: another drafter process has held its lock for {timeout:g} s; "
                                  "try again").format(timeout=timeout), path=bank_dir) from None
            time.sleep(0.02)


_readers: dict[tuple[str, int], tuple[int | None, int]] = {}  # (bank path, thread) -> (swap fd, depth)


def _open(bank_dir: Path, name: str) -> int | None:
    path = bank_dir / name
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):     # flock works on a read-only descriptor too
        try:
            return os.open(path, flags, 0o644)
        except OSError:
            continue
    return None


def _flock(fd: int, how: int, bank_dir: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BankError(_("bank is busy: a save has been moving its files for {timeout:g} s; "
                                  "try again").format(timeout=timeout), path=bank_dir) from None
            time.sleep(0.002)


def _close(fd: int | None) -> None:
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def _gate_closed(bank_dir: Path, timeout: float) -> Iterator[None]:
    """Stop new readers at the gate (``.lock-gate``), so a save waiting for the readers
    inside to finish is not starved by readers that keep coming."""
    fd = _open(bank_dir, GATE_NAME)
    try:
        if fd is not None:
            _flock(fd, fcntl.LOCK_EX, bank_dir, timeout)
        yield
    finally:
        _close(fd)


def _enter(bank_dir: Path, fd: int, timeout: float) -> None:
    """Take the swap lock shared, through the gate (held shared only meanwhile)."""
    gate = _open(bank_dir, GATE_NAME)
    try:
        if gate is not None:
            _flock(gate, fcntl.LOCK_SH, bank_dir, timeout)
        _flock(fd, fcntl.LOCK_SH, bank_dir, timeout)
    finally:
        _close(gate)


@contextmanager
def swapping(bank_dir: str | Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the swap lock exclusively while a save's files move into place (``journal.py``).

    A thread that is itself reading the bank converts its shared lock and back."""
    bank_dir = Path(bank_dir)
    key = (str(bank_dir.resolve()), threading.get_ident())
    with _guard:
        held = _readers.get(key)
    mine = held[0] if held is not None else None
    own = mine is None
    fd = _open(bank_dir, SWAP_NAME) if mine is None else mine
    if fd is None:
        raise BankError(_("cannot lock the bank: {reason}").format(reason=_("cannot open {name}").format(
            name=SWAP_NAME)), path=bank_dir)
    try:
        with _gate_closed(bank_dir, timeout):
            _flock(fd, fcntl.LOCK_EX, bank_dir, timeout)
            yield
    finally:
        if own:
            _close(fd)
        else:
            fcntl.flock(fd, fcntl.LOCK_SH)
