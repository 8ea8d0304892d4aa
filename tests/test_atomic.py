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


def test_a_directory_or_device_is_refused_and_left_alone(tmp_path):
    from drafter.errors import WriteError

    with pytest.raises(WriteError, match="is a directory"):
        write_text_atomic(tmp_path, "x")
    with pytest.raises(WriteError, match="is not a regular file"):
        write_text_atomic("/dev/null", "x")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_missing_folders_are_made_and_lines_end_in_lf(tmp_path):
    from drafter.atomic import write_bytes_atomic

    path = tmp_path / "a" / "b" / "c.txt"
    write_text_atomic(path, "一\n二\r\n")
    assert path.read_bytes() == "一\n二\r\n".encode("utf-8")
    write_bytes_atomic(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"


def test_an_os_error_mid_write_is_a_write_error_naming_the_file_and_keeps_the_old(tmp_path):
    import errno

    from drafter.errors import WriteError

    path = tmp_path / "speech.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(WriteError) as info:
        with atomic_open(path) as handle:
            handle.write("new")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert info.value.path == str(path) and "the disk is full" in info.value.message
    assert "the old file, if any, is unchanged" in info.value.message
    assert path.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["speech.txt"]


def test_a_relative_name_writes_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_text_atomic("plain.txt", "x")
    assert (tmp_path / "plain.txt").read_text(encoding="utf-8") == "x"
