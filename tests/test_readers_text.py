"""drafter/readers: encodings detected without a guessing library, bytes never silently replaced, and the
walk over folders (sorted, hidden files skipped, what cannot be read named in its place)."""

from __future__ import annotations

import codecs
import os

import pytest

from drafter.errors import ReadError
from drafter.readers import iter_sources, read
from drafter.readers.text import decode, markdown_hints, strip_markdown

TEXT = "在全区推进高质量发展大会上的讲话\n同志们：\n今天召开这次会议，主要任务是总结工作，部署下一步任务。\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),                 # with BOM
    lambda t: t.encode("utf-16-le"),              # without
    lambda t: t.encode("utf-16-be"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("gbk"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "gb18030", "gbk"])
def test_each_encoding_offices_use_reads_back_the_same_text(encode):
    assert decode(encode(TEXT), "x.txt") == TEXT


def test_big5_is_read_as_big5_not_as_rare_gbk_characters():
    traditional = "在全區推進高質量發展大會上的講話\n同志們：\n今天召開這次會議，主要任務是總結工作。\n"
    assert decode(traditional.encode("big5"), "x.txt") == traditional


@pytest.mark.parametrize("data, words", [
    (b"", "file is empty"), (b" \n\t", "file is empty"), (codecs.BOM_UTF8 + b"\n", "file is empty"),
    (bytes(range(256)) * 4, "looks like a binary file"),
])
def test_empty_and_binary_data_are_refused(data, words):
    with pytest.raises(ReadError, match=words):
        decode(data, "x.txt")


def test_a_bad_byte_in_utf8_text_is_named_by_line_and_column():
    data = TEXT.encode("utf-8") + "第四行有".encode("utf-8") + b"\xff" + "坏字节。\n".encode("utf-8")
    with pytest.raises(ReadError) as info:
        decode(data, "x.txt")
    assert "invalid UTF-8 byte 0xff at line 4, column 5" in info.value.message
    assert info.value.path == "x.txt"


def test_a_control_character_is_named_by_line_and_column():
    with pytest.raises(ReadError, match=r"control character U\+0007 at line 2, column 3"):
        decode("标题\n同志\x07们：\n".encode("utf-8"), "x.txt")


def test_page_breaks_and_line_separators_end_lines():
    assert decode("第一页\f第二页\u2028第三行\x0b第四行".encode("utf-8")) == "第一页\n第二页\n第三行\n第四行"


def test_invalid_utf16_after_a_bom_is_refused():
    with pytest.raises(ReadError, match="invalid UTF-16"):
        decode(codecs.BOM_UTF16_LE + "标题".encode("utf-16-le") + b"\x00\xd8", "x.txt")


def test_markdown_markup_the_writer_adds_is_stripped_keeping_line_numbers():
    md = "# 标题\n\n## 一、要点\n**一是要抓好学习。**每月一次。\n正文 **不是段首**。\n"
    assert strip_markdown(md) == "标题\n\n一、要点\n一是要抓好学习。每月一次。\n正文 **不是段首**。\n"
    hints = markdown_hints(md)
    assert list(hints) == [4] and hints[4].lead == "一是要抓好学习。"


def test_read_of_a_markdown_file_carries_its_hints(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 标题\n**强化理论武装。**要读原著。\n", encoding="utf-8")
    raw = read(path)
    assert raw.text.startswith("标题\n强化理论武装。要读原著。") and raw.hints[2].lead == "强化理论武装。"


def test_read_refuses_unsupported_formats_with_what_to_do(tmp_path, monkeypatch):
    import drafter.readers as readers

    monkeypatch.setattr(readers, "CONVERTED_SUFFIXES", set())  # as without LibreOffice and pdftotext
    path = tmp_path / "old.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ReadError, match=r"\.wps files cannot be read: convert it to \.docx first"):
        read(path)


# ---------------------------------------------------------------- walking folders

def _tree(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf")
    return tmp_path


def test_a_folder_is_walked_sorted_skipping_hidden_and_unrelated_files(tmp_path):
    found = list(iter_sources([_tree(tmp_path)]))
    paths = [f for f in found if not isinstance(f, ReadError)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a.md", "b/2.txt", "c.docx", "old.doc"]


def test_files_given_by_name_come_first_in_the_order_given(tmp_path):
    _tree(tmp_path)
    found = list(iter_sources([tmp_path / "b" / "2.txt", tmp_path / "a.md", tmp_path / "notes.csv"]))
    assert found == [tmp_path / "b" / "2.txt", tmp_path / "a.md", tmp_path / "notes.csv"]


def test_missing_paths_and_broken_links_are_errors_in_their_place(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    found = list(iter_sources([tmp_path / "missing.txt", tmp_path / "dangling.txt"]))
    assert [type(f) for f in found] == [ReadError, ReadError]
    assert "no such file or directory" in found[0].message
    assert "broken symbolic link" in found[1].message


def test_a_broken_link_inside_a_folder_is_named_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    found = list(iter_sources([tmp_path]))
    assert found[0] == tmp_path / "a.txt" and found[2] == tmp_path / "c.txt"
    assert isinstance(found[1], ReadError) and "broken symbolic link" in found[1].message


def test_a_link_back_to_a_folder_being_walked_is_a_loop_not_a_hang(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    found = list(iter_sources([tmp_path]))
    errors = [f for f in found if isinstance(f, ReadError)]
    assert [f for f in found if not isinstance(f, ReadError)] == [tmp_path / "a.txt"]
    assert len(errors) == 1 and "already being read (a loop)" in errors[0].message


def test_a_fifo_with_a_speech_suffix_is_skipped_with_a_reason(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    found = list(iter_sources([tmp_path]))
    assert found[0] == tmp_path / "a.txt"
    assert isinstance(found[1], ReadError) and "not a regular file" in found[1].message


def test_a_folder_without_speeches_says_so(tmp_path):
    (tmp_path / "notes.csv").write_text("a", encoding="utf-8")
    [err] = list(iter_sources([tmp_path]))
    assert isinstance(err, ReadError) and "holds no speeches" in err.message


def test_unsupported_files_in_a_folder_are_errors_with_what_to_do(tmp_path, monkeypatch):
    import drafter.readers as readers

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.xyz").write_text("x", encoding="utf-8")
    monkeypatch.setattr(readers, "SPEECH_SUFFIXES", readers.TEXT_SUFFIXES | readers.DOCX_SUFFIXES)
    (tmp_path / "c.rtf").write_text("{\\rtf1}", encoding="utf-8")
    found = list(iter_sources([tmp_path]))
    assert found[0] == tmp_path / "a.txt" and len(found) == 2
    assert ".rtf files cannot be read: convert it to .docx first" in found[1].message
