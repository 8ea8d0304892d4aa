"""What every command checks before it writes (writers/guard.py) and reads (limits.py)."""

from __future__ import annotations

import os

import pytest

from drafter.errors import DrafterError, OutlineError, ReadError, WriteError
from drafter.i18n import set_language
from drafter.limits import MB, limit, read_input_bytes, stat_input
from drafter.writers.guard import bank_holding, check_output


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language(None)


def test_a_new_output_is_allowed_and_returned(tmp_path):
    assert check_output(tmp_path / "new.docx") == tmp_path / "new.docx"


def test_an_existing_output_needs_force(tmp_path):
    out = tmp_path / "old.docx"
    out.write_bytes(b"x")
    with pytest.raises(WriteError, match="already exists; pass --force") as err:
        check_output(out)
    assert err.value.path == str(out)
    assert check_output(out, force=True) == out


def test_a_directory_or_device_is_never_an_output(tmp_path):
    with pytest.raises(WriteError, match="is a directory; give --sources a file name"):
        check_output(tmp_path, option="--sources")
    with pytest.raises(WriteError, match="not a regular file"):
        check_output("/dev/null", force=True)


def test_an_input_is_never_an_output_even_with_force_or_by_another_name(tmp_path):
    src = tmp_path / "提纲.yaml"
    src.write_text("title: x\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(src)
    for out in (src, link):
        with pytest.raises(WriteError, match="is an input of this command"):
            check_output(out, inputs=[None, tmp_path / "missing", src], force=True)


def test_nothing_is_written_inside_a_bank(tmp_path):
    bank = tmp_path / "bank"
    (bank / "phrases").mkdir(parents=True)
    assert bank_holding(bank / "phrases" / "金句.yaml") is None        # not a bank yet: no categories/deleted
    (bank / "categories.yaml").write_text("{}\n", encoding="utf-8")
    assert bank_holding(bank / "phrases" / "金句.yaml") == bank.resolve()
    assert bank_holding(tmp_path / "elsewhere.txt") is None
    with pytest.raises(WriteError, match="lies inside the phrase bank"):
        check_output(bank / "phrases" / "新.yaml", force=True)


def test_limit_reads_the_environment_and_refuses_nonsense(monkeypatch):
    assert limit("MAX_TEST_THING", 5) == 5
    monkeypatch.setenv("DRAFTER_MAX_TEST_THING", " 12 ")
    assert limit("MAX_TEST_THING", 5) == 12
    monkeypatch.setenv("DRAFTER_MAX_TEST_THING", "2.9")
    assert limit("MAX_TEST_THING", 5) == 2
    monkeypatch.setenv("DRAFTER_MAX_TEST_THING", "lots")
    with pytest.raises(DrafterError, match="is not a number"):
        limit("MAX_TEST_THING", 5)
    monkeypatch.setenv("DRAFTER_MAX_TEST_THING", "0")
    with pytest.raises(DrafterError, match="must be a positive number"):
        limit("MAX_TEST_THING", 5)


def test_stat_input_refusals_name_the_path_in_the_callers_error_kind(tmp_path):
    with pytest.raises(ReadError, match="file not found") as err:
        stat_input(tmp_path / "none.txt")
    assert err.value.path == str(tmp_path / "none.txt")
    with pytest.raises(OutlineError, match="outline file not found"):
        stat_input(tmp_path / "none.yaml", OutlineError, "outline file")
    with pytest.raises(ReadError, match="is a directory"):
        stat_input(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_input_bytes(fifo)                                      # refused, never blocks


def test_input_size_cap(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (MB + 1))
    monkeypatch.setenv("DRAFTER_MAX_INPUT_MB", "1")
    with pytest.raises(ReadError, match="over the 1 MB limit.*DRAFTER_MAX_INPUT_MB=3"):
        read_input_bytes(path)
    monkeypatch.setenv("DRAFTER_MAX_INPUT_MB", "2")
    assert len(read_input_bytes(path)) == MB + 1


def test_symlink_loop_is_named(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ReadError, match="symbolic link loop"):
        stat_input(loop)
