"""A bank with no index builds it in a file of its own and publishes it whole (issue 15):
no half index under the index's name after a kill, builds left by killed processes swept,
another process's published build used, and the same index as one built in place."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import drafter.bank.index as index
from drafter.bank import save_bank
from drafter.bank.index import index_path, open_index
from drafter.bank.search import Finder, Query, search
from tests.test_bank_search import ids, make_bank

ROOT = Path(__file__).resolve().parent.parent


def drop_index(bank: Path) -> None:
    for p in bank.glob(".index.sqlite*"):
        p.unlink()


def dump(bank: Path) -> list:
    """Everything the index holds that a search or draft reads (the row order included)."""
    conn = sqlite3.connect(index_path(bank))
    try:
        rows = conn.execute("SELECT * FROM phrases ORDER BY pid").fetchall()
        files = conn.execute("SELECT * FROM files ORDER BY rel").fetchall()
        terms = conn.execute("SELECT * FROM grams_terms ORDER BY term, col").fetchall()
    finally:
        conn.close()
    return [rows, files, terms]


def builds(bank: Path) -> list[str]:
    return sorted(p.name for p in bank.glob(f".index.sqlite{index.BUILD_PREFIX}*"))


def test_a_new_index_is_published_whole_and_equals_one_built_in_place(tmp_path, monkeypatch):
    save_bank(make_bank(3000, 5), tmp_path)
    drop_index(tmp_path)
    conn = open_index(tmp_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert builds(tmp_path) == []
    fresh = dump(tmp_path)
    hits = ids(search(tmp_path, Query(text="发展", limit=50)))
    drop_index(tmp_path)
    monkeypatch.setattr(index, "_build_fresh", lambda bank_dir, path: None)   # the in-place way
    open_index(tmp_path).close()
    assert dump(tmp_path) == fresh
    assert ids(search(tmp_path, Query(text="发展", limit=50))) == hits


def test_builds_left_by_killed_processes_are_swept_and_live_ones_kept(tmp_path):
    save_bank(make_bank(300, 6), tmp_path)
    drop_index(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".index.sqlite{index.BUILD_PREFIX}{dead}-0badf00d"
    stale.write_bytes(b"SQLite format 3\0" + b"\0" * 500)           # half a build
    live = tmp_path / f".index.sqlite{index.BUILD_PREFIX}{os.getpid()}-00000001"
    live.write_bytes(b"")
    open_index(tmp_path).close()
    assert builds(tmp_path) == [live.name]
    assert Finder(tmp_path).count() == 300


def test_another_process_publishing_first_is_used(tmp_path, monkeypatch):
    save_bank(make_bank(500, 7), tmp_path)
    drop_index(tmp_path)
    real_link = os.link

    def beaten(src, dst):                       # someone else's build lands just before ours
        real_link(src, dst)
        raise FileExistsError(dst)

    monkeypatch.setattr(index.os, "link", beaten)
    with Finder(tmp_path) as finder:
        assert finder.count() == 500
    assert builds(tmp_path) == []


def test_no_hard_links_builds_in_place(tmp_path, monkeypatch):
    save_bank(make_bank(500, 8), tmp_path)
    drop_index(tmp_path)

    def refused(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(index.os, "link", refused)
    with Finder(tmp_path) as finder:
        assert finder.count() == 500
    assert builds(tmp_path) == []
    assert index_path(tmp_path).exists()


def test_a_build_killed_at_random_points_never_leaves_a_half_index(tmp_path):
    bank = tmp_path / "bank"
    save_bank(make_bank(6000, 9), bank)
    drop_index(bank)
    open_index(bank).close()
    want = dump(bank)
    code = f"from drafter.bank.index import open_index; open_index({str(bank)!r}).close()"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for delay in (0.05, 0.2, 0.4, 0.6, 0.9):
        for suffix in ("", "-wal", "-shm"):    # the index gone; builds of killed processes kept
            Path(f"{index_path(bank)}{suffix}").unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        path = index_path(bank)
        if path.exists():                       # it got as far as publishing: a whole index
            conn = sqlite3.connect(path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
        open_index(bank).close()                # the next reader: a whole index
        assert dump(bank) == want, delay
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index_path(bank)}{suffix}").unlink(missing_ok=True)
    open_index(bank).close()                    # a new build sweeps what the killed ones left
    assert builds(bank) == []
