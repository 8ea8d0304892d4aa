"""Atomic writes: all or nothing, and the permissions a user expects."""

from __future__ import annotations

import os

import pytest

from drafter.atomic import atomic_open, write_text_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(path) as handle:
            handle.write("half of the new")
            raise RuntimeError("crash mid-write")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["speech.txt"]


def test_new_files_get_umask_permissions_and_replaced_files_keep_theirs(tmp_path):
    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        write_text_atomic(new, "x")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("x", encoding="utf-8")
        kept.chmod(0o640)
        write_text_atomic(kept, "y")
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text(encoding="utf-8") == "y"
    finally:
        os.umask(umask)
