"""The bank's write-ahead journal (bank/journal.py): one update is all files or none.

The crash tests (test_attacks_bank.py) kill real processes at each step; these check the
journal's own states directly: an uncommitted journal is thrown away, a committed one is
finished, and finishing is idempotent.
"""

from __future__ import annotations

import json
import os

import pytest

from drafter.bank import journal


@pytest.fixture
def bank(tmp_path):
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "金句.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "deleted.yaml").write_text("gone\n", encoding="utf-8")
    return tmp_path


def test_commit_writes_removes_and_leaves_no_journal(bank):
    journal.commit(bank, {"phrases/金句.yaml": "new\n", "phrases/引语.yaml": "quote\n"}, ["deleted.yaml"])
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "new\n"
    assert (bank / "phrases" / "引语.yaml").read_text(encoding="utf-8") == "quote\n"
    assert not (bank / "deleted.yaml").exists()
    assert not journal.pending(bank)


def test_nothing_to_do_touches_nothing(bank):
    journal.commit(bank, {}, [])
    assert not journal.pending(bank) and (bank / "deleted.yaml").exists()


def test_commit_keeps_the_replaced_files_permissions(bank):
    target = bank / "phrases" / "金句.yaml"
    os.chmod(target, 0o640)
    journal.commit(bank, {"phrases/金句.yaml": "new\n"})
    assert target.stat().st_mode & 0o777 == 0o640


def test_an_uncommitted_journal_is_thrown_away(bank):
    (bank / journal.JOURNAL).mkdir()
    (bank / journal.JOURNAL / "0.new").write_text("half written", encoding="utf-8")
    assert journal.pending(bank)
    assert journal.recover(bank) is True
    assert not journal.pending(bank)
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "old\n"
    assert journal.recover(bank) is False


def _committed(bank, moves, removes):
    folder = bank / journal.JOURNAL
    folder.mkdir()
    for name, _rel, text in moves:
        (folder / name).write_text(text, encoding="utf-8")
    record = {"moves": [[name, rel] for name, rel, _ in moves], "removes": removes}
    (folder / journal.COMMIT).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_a_committed_journal_is_finished_by_the_next_one_to_look(bank):
    _committed(bank, [("0.new", "phrases/金句.yaml", "committed\n")], ["deleted.yaml"])
    assert journal.recover(bank) is True
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "committed\n"
    assert not (bank / "deleted.yaml").exists() and not journal.pending(bank)


def test_finishing_a_half_applied_journal_moves_each_file_once(bank):
    # a crash after the first move: its journal file is gone, the target already new
    (bank / "phrases" / "金句.yaml").write_text("first, already moved\n", encoding="utf-8")
    _committed(bank, [("0.new", "phrases/金句.yaml", "never moved twice\n"),
                      ("1.new", "phrases/结尾.yaml", "second\n")], ["missing.yaml"])
    os.unlink(bank / journal.JOURNAL / "0.new")
    journal.recover(bank)
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "first, already moved\n"
    assert (bank / "phrases" / "结尾.yaml").read_text(encoding="utf-8") == "second\n"
    assert not journal.pending(bank)


def test_commit_finishes_a_leftover_journal_first(bank):
    _committed(bank, [("0.new", "phrases/引语.yaml", "from the crashed save\n")], [])
    journal.commit(bank, {"phrases/金句.yaml": "this save\n"})
    assert (bank / "phrases" / "引语.yaml").read_text(encoding="utf-8") == "from the crashed save\n"
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "this save\n"


def test_a_failure_before_the_commit_point_leaves_the_old_bank(bank, monkeypatch):
    real = journal._write_file

    def fail_on_second(path, data, mode=None):
        if path.name == "1.new":
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(journal, "_write_file", fail_on_second)
    with pytest.raises(OSError):
        journal.commit(bank, {"phrases/金句.yaml": "new\n", "phrases/引语.yaml": "quote\n"}, ["deleted.yaml"])
    assert (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "old\n"
    assert (bank / "deleted.yaml").exists() and not (bank / "phrases" / "引语.yaml").exists()
    assert not journal.pending(bank)


def test_lock_and_read_hold_are_reentrant_per_thread_and_free_after_the_outermost(tmp_path):
    """A nested bank_lock / reading in one thread counts a level and waits for nothing; leaving the
    outermost releases it, so another thread takes the lock at once."""
    import threading

    from drafter.bank import lock
    from drafter.bank.journal import reading

    key = (str(tmp_path.resolve()), threading.get_ident())
    with lock.bank_lock(tmp_path, timeout=1):
        with lock.bank_lock(tmp_path, timeout=0):
            assert lock._held[key][1] == 2
        assert lock._held[key][1] == 1
    assert key not in lock._held
    with reading(tmp_path, timeout=1):
        with reading(tmp_path, timeout=0):
            assert lock._readers[key][1] == 2
        assert lock._readers[key][1] == 1
    assert key not in lock._readers
    taken = []

    def other():
        with lock.bank_lock(tmp_path, timeout=0):
            taken.append(True)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join(5)
    assert taken == [True]
