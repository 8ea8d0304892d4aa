"""One-line errors (drafter/errors.py), usage errors raised by commands, mining progress drawn by the CLI."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.bank.files import check_dir, phrase_files
from drafter.cli import app
from drafter.commands.mine import PROGRESS_FROM, ProgressBar
from drafter.errors import BankError, DrafterError, ReadError, UsageError, os_reason
from drafter.mining import mine

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
runner = CliRunner()


@pytest.mark.parametrize("kwargs, text", [
    ({}, "坏了"),
    ({"path": "a.txt"}, "a.txt: 坏了"),
    ({"path": Path("a.txt"), "line": 3}, "a.txt:3: 坏了"),
    ({"path": "a.yaml", "line": 3, "column": 7, "key": "sections[0].heading"}, "a.yaml:3:7: sections[0].heading: 坏了"),
    ({"key": "title"}, "title: 坏了"),
])
def test_error_line_names_file_line_column_and_key(kwargs, text):
    err = ReadError("坏了", **kwargs)
    assert str(err) == text and err.exit_code == 2 and isinstance(err, DrafterError)


def test_os_reason_says_what_the_errno_means_and_falls_back_to_strerror():
    assert "disk is full" in os_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert "read-only" in os_reason(OSError(errno.EROFS, "Read-only file system"))
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"


def test_usage_error_is_one_line_and_exit_2_through_the_app(tmp_path):
    result = runner.invoke(app, ["--lang", "en", "mine", str(CORPUS), "-o", str(tmp_path / "b"), "--jobs", "-1"])
    assert result.exit_code == 2
    assert result.output.strip() == "drafter: --jobs must be 0 (one per CPU) or more"
    assert not (tmp_path / "b").exists()


def test_usage_error_outside_the_root_command_propagates_as_a_drafter_error():
    with pytest.raises(DrafterError):
        raise UsageError("x")


def test_mine_reports_progress_through_its_callback_only(tmp_path, capsys):
    calls = []
    result = mine([CORPUS], tmp_path / "bank", on_progress=lambda done, total: calls.append((done, total)))
    total = result.files
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""        # the library draws nothing


def test_progress_bar_draws_only_when_enabled_and_for_enough_files(monkeypatch):
    started = []

    class Progress:
        def __init__(self, *columns, **options):
            started.append(options.get("transient"))
            self.done = None

        def start(self):
            pass

        def add_task(self, name, total):
            self.total = total
            return 7

        def update(self, task, completed):
            assert task == 7
            self.done = completed

        def stop(self):
            started.append("stopped")

    import rich.progress
    monkeypatch.setattr(rich.progress, "Progress", Progress)
    with ProgressBar(enabled=False) as bar:
        bar.update(0, 100)
        bar.update(100, 100)
    with ProgressBar(enabled=True) as bar:
        bar.update(0, PROGRESS_FROM - 1)
    assert started == [] and bar.bar is None
    with ProgressBar(enabled=True) as bar:
        bar.update(0, PROGRESS_FROM)
        bar.update(4, PROGRESS_FROM)
        assert bar.bar.total == PROGRESS_FROM and bar.bar.done == 4
    assert started == [True, "stopped"]


def test_phrase_files_are_the_sorted_visible_yaml_files(tmp_path):
    folder = tmp_path / "phrases"
    folder.mkdir()
    for name in ("金句.yaml", "开篇.yaml", ".hidden.yaml", "notes.txt", "引语.yaml"):
        (folder / name).write_text("[]\n", encoding="utf-8")
    assert [p.name for p in phrase_files(tmp_path)] == sorted(["金句.yaml", "开篇.yaml", "引语.yaml"])
    assert phrase_files(tmp_path / "nowhere") == []


def test_check_dir_refuses_what_is_not_a_bank_folder(tmp_path):
    check_dir(tmp_path)
    with pytest.raises(BankError, match="not a directory") as err:
        check_dir(tmp_path / "missing")
    assert err.value.path == str(tmp_path / "missing")
