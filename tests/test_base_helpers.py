"""The base layer's small helpers: the disk cache, typo suggestions, dates, errors' one line, the
output guard's bank and probe checks, and the text and Markdown writers' layout."""

from __future__ import annotations

import errno
import marshal
import os

import pytest

from drafter import diskcache
from drafter.dates import canonical_date
from drafter.errors import DrafterError, OutlineError, WriteError, os_reason
from drafter.parser import parse_text
from drafter.suggest import closest, unknown
from drafter.writers import render, write
from drafter.writers.guard import bank_holding, check_output


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "drafter"


# ---------------------------------------------------------------- diskcache

def test_a_stored_value_comes_back_for_its_key_only(cache):
    assert diskcache.store("t", "key one", {"a": [1, 2.5, b"x", ("t",)]})
    assert diskcache.load("t", "key one") == {"a": [1, 2.5, b"x", ("t",)]}
    assert diskcache.load("t", "key two") is None
    assert diskcache.load("other", "key one") is None


def test_a_file_holding_another_key_with_the_same_name_is_not_read(cache):
    diskcache.store("t", "k", 1)
    [path] = (cache / "t").glob("*.bin")
    path.write_bytes(marshal.dumps((diskcache.FORMAT, "another key", 2)))
    assert diskcache.load("t", "k") is None


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(("other-format-1", "k", 1)),
                                     marshal.dumps(["drafter-diskcache-1", "k", 1])])
def test_damaged_or_foreign_files_read_as_missing(cache, content):
    diskcache.store("t", "k", 1)
    [path] = (cache / "t").glob("*.bin")
    path.write_bytes(content)
    assert diskcache.load("t", "k") is None


def test_a_changed_byte_anywhere_is_never_handed_back(cache):
    """marshal does not check what it reads: a code object with one byte changed loads and then
    crashes the interpreter when run (CI died so, exit 139, in a compiled template). Every byte of
    the file, changed, reads as missing or as the value stored."""
    code = compile("x = [i * 2 for i in range(3)]\n", "<cached>", "exec")
    diskcache.store("t", "k", ("checksum", code))
    [path] = (cache / "t").glob("*.bin")
    data = path.read_bytes()
    for at in range(len(data)):
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:])
        assert diskcache.load("t", "k") in (None, ("checksum", code)), at
    path.write_bytes(data)
    assert diskcache.load("t", "k") == ("checksum", code)


def test_values_that_are_not_plain_data_are_not_kept(cache):
    assert diskcache.store("t", "k", object()) is False
    assert not (cache / "t").exists() or not list((cache / "t").glob("*.bin"))


def test_only_the_newest_files_are_kept(cache):
    for i in range(5):
        assert diskcache.store("t", f"k{i}", i, keep=3)
        os.utime(next(p for p in (cache / "t").glob("*.bin") if diskcache.load("t", f"k{i}") == i), (i, i))
    kept = [i for i in range(5) if diskcache.load("t", f"k{i}") is not None]
    assert len(list((cache / "t").glob("*.bin"))) == 3 and 4 in kept


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert diskcache.store("t", "k", 1) is False and diskcache.load("t", "k") is None
    assert not list(tmp_path.glob("**/*.tmp"))


# ---------------------------------------------------------------- suggest

@pytest.mark.parametrize("word, choices, best", [
    ("section", ["sections", "title"], "sections"), ("lenght", ["length", "title"], "length"),
    ("研讨发言稿", ["研讨发言", "党课"], "研讨发言"), ("党科", ["党课", "研讨发言"], "党课"),
    ("TITLE", ["title"], "title"), ("zzz", ["title", "sections"], None), ("", ["a"], None), ("a", [], None),
])
def test_closest(word, choices, best):
    assert closest(word, choices) == best


def test_unknown_lists_the_known_names_with_or_without_a_guess():
    assert unknown("key", "lenght", ["length", "title"]) == \
        "unknown key 'lenght': did you mean 'length'? (known: length, title)"
    assert unknown("type", "zzz", ["党课"]) == "unknown type 'zzz' (known: 党课)"


# ---------------------------------------------------------------- dates, errors

@pytest.mark.parametrize("given, printed", [
    ("2026-11-21", "2026年11月21日"), ("2026/1/5", "2026年1月5日"), ("2026.01.05", "2026年1月5日"),
    ("（2026-11-21）", "2026年11月21日"), ("2026年11月", "2026年11月"), ("", None), (None, None),
])
def test_canonical_date(given, printed):
    assert canonical_date(given) == printed


def test_an_error_prints_where_then_key_then_message():
    assert str(OutlineError("must be a number", path="o.yaml", line=3, column=9, key="length")) == \
        "o.yaml:3:9: length: must be a number"
    assert str(DrafterError("plain")) == "plain"
    assert str(DrafterError("m", line=2)) == "2: m"
    assert DrafterError("m").exit_code == 2


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
                                         (errno.EACCES, "permission denied")])
def test_os_reason_says_what_it_means(code, words):
    assert words in os_reason(OSError(code, os.strerror(code)))


def test_os_reason_of_an_unknown_error_is_its_own_text():
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"


# ---------------------------------------------------------------- guard

def test_bank_holding_finds_the_bank_folder_above_a_path(tmp_path):
    bank = tmp_path / "bank"
    (bank / "phrases").mkdir(parents=True)
    assert bank_holding(bank / "phrases" / "x.yaml") is None  # no deleted.yaml / categories.yaml yet
    (bank / "categories.yaml").write_text("{}", encoding="utf-8")
    assert bank_holding(bank / "phrases" / "x.yaml") == bank.resolve()
    assert bank_holding(bank / "sub" / "deeper" / "out.docx") == bank.resolve()
    assert bank_holding(tmp_path / "out.docx") is None


def test_an_output_in_a_missing_folder_is_allowed_when_the_nearest_folder_is_writable(tmp_path):
    assert check_output(tmp_path / "new" / "deeper" / "a.docx") == tmp_path / "new" / "deeper" / "a.docx"
    assert not (tmp_path / "new").exists()  # checking makes nothing
    assert not list(tmp_path.glob(".*probe"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_an_output_in_a_read_only_folder_is_refused_before_anything_is_computed(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="cannot write: permission denied"):
            check_output(folder / "a.docx")
    finally:
        folder.chmod(0o700)


def test_the_option_name_is_in_the_message(tmp_path):
    with pytest.raises(WriteError, match="give --sources a file name"):
        check_output(tmp_path, option="--sources")


# ---------------------------------------------------------------- text and Markdown writers

SPEECH = """在全区推进高质量发展大会上的讲话
区委书记 张三
2026年11月21日
同志们：
今天召开这次会议，主要任务是总结工作，部署下一步任务。
一、提高政治站位
（一）深化理论学习
我们要学深悟透，坚持读原著学原文悟原理。一是要抓好集中学习。每月组织一次专题学习。二是要抓好个人自学。
二、强化责任担当
各级领导干部要以身作则，真抓实干，推动各项工作取得新成效。
同志们，让我们团结一心，奋力开创新局面！
"""


def test_markdown_has_a_title_heading_levels_and_bold_leads():
    md = render(parse_text(SPEECH, "s.txt"), "md")
    blocks = md.split("\n\n")
    assert blocks[0] == "# 在全区推进高质量发展大会上的讲话"
    assert "## 一、提高政治站位" in blocks and "### （一）深化理论学习" in blocks
    assert any(b.startswith("**一是要抓好集中学习。**每月组织一次专题学习。") for b in blocks)
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_text_puts_the_title_block_first_then_one_paragraph_a_line():
    text = render(parse_text(SPEECH, "s.txt"), "txt")
    head, rest = text.split("\n\n", 1)
    assert head.splitlines() == ["在全区推进高质量发展大会上的讲话", "区委书记 张三", "（2026年11月21日）"]
    assert rest.splitlines()[0] == "同志们："
    assert "\n\n" not in rest


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_both_formats_parse_back_to_the_same_content(tmp_path, fmt):
    speech = parse_text(SPEECH, "s.txt")
    path = write(speech, tmp_path / f"s.{fmt}")
    from drafter.parser import parse_file
    assert parse_file(path).content() == speech.content()


def test_a_control_character_in_the_speech_is_refused_naming_the_line(tmp_path):
    speech = parse_text(SPEECH.replace("真抓实干", "真抓\x01实干"), "s.txt")
    with pytest.raises(DrafterError, match=r"control character U\+0001 in line \d+ of the speech") as info:
        write(speech, tmp_path / "s.docx")
    assert "真抓□实干" in info.value.message and not (tmp_path / "s.docx").exists()


def test_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(DrafterError, match="cannot write a file without suffix"):
        write(parse_text(SPEECH, "s.txt"), tmp_path / "noext")


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_an_output_on_a_file_system_that_takes_no_files_is_refused_up_front():
    with pytest.raises(WriteError, match="cannot write: ") as info:
        check_output("/proc/self/drafter-out.docx")
    assert "the old file, if any, is unchanged" in info.value.message
