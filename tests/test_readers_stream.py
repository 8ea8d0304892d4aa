"""drafter/readers/stream.py with tiny parts and reads (monkeypatched sizes): the parts put back together
are the file, each knows the lines before it, cuts fall at blank lines or sentence ends, a character split
across two reads is decoded whole, and faults are numbered as lines of the whole file."""

from __future__ import annotations

import codecs

import pytest

import drafter.readers.stream as stream
from drafter.errors import ReadError

PARA = "我们要持续深化理论学习，不断提高政治能力。"


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(stream, "part_chars", lambda: 60)
    monkeypatch.setattr(stream, "_READ", 7)   # reads end inside a three-byte character
    return stream


def _file(tmp_path, text, encoding="utf-8", bom=b""):
    path = tmp_path / "big.txt"
    path.write_bytes(bom + text.encode(encoding))
    return path


def _text(n=20):
    return "".join(f"第{i}段。{PARA}\n" + ("\n" if i % 3 == 0 else "") for i in range(n))


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b"")])
def test_the_parts_put_together_are_the_whole_text(tmp_path, small, encoding, bom):
    text = _text()
    parts = list(small.parts(_file(tmp_path, text, encoding, bom)))
    assert len(parts) > 3
    assert "".join(p.text for p in parts) == text


def test_each_part_knows_the_lines_before_it(tmp_path, small):
    text = _text()
    lines = text.split("\n")
    for part in small.parts(_file(tmp_path, text)):
        first = part.text.split("\n", 1)[0]
        assert lines[part.lines_before] == first


def test_parts_end_at_a_blank_line_when_one_comes_soon_else_after_a_sentence(tmp_path, small):
    parts = list(small.parts(_file(tmp_path, _text())))
    assert all(p.text.endswith(("\n\n", "。\n")) for p in parts[:-1])
    assert sum(p.text.endswith("\n\n") for p in parts) >= len(parts) // 2


def test_without_blank_lines_parts_end_after_a_sentence(tmp_path, small):
    text = "".join(f"第{i}行{PARA}\n" if i % 2 else f"第{i}行没有句号的一行文字而且很长很长\n" for i in range(30))
    parts = list(small.parts(_file(tmp_path, text)))
    assert len(parts) > 2 and "".join(p.text for p in parts) == text
    assert all(p.text.rstrip("\n").endswith("。") for p in parts[:-1])


@pytest.mark.parametrize("read", [7, 8, 9, 10, 11, 64])
def test_a_bad_byte_far_in_is_named_with_its_line_and_column_in_the_whole_file(tmp_path, small, monkeypatch, read):
    """Whatever read the line began in, and wherever a character was cut between two reads."""
    monkeypatch.setattr(stream, "_READ", read)
    data = _text().encode("utf-8")
    lines_before = 17
    cut = 0
    for _ in range(lines_before):
        cut = data.index(b"\n", cut) + 1
    path = tmp_path / "bad.txt"
    path.write_bytes(data[:cut] + "坏字".encode("utf-8") + b"\xff" + data[cut:])
    with pytest.raises(ReadError) as info:
        list(small.parts(path))
    assert f"at line {lines_before + 1}, column 3 (byte {cut + 6})" in info.value.message


def test_a_control_character_far_in_is_numbered_as_in_the_whole_file(tmp_path, small):
    text = _text()
    lines = text.split("\n")
    lines[25] = lines[25][:3] + "\x07" + lines[25][3:]
    with pytest.raises(ReadError, match=r"control character U\+0007 at line 26,"):
        list(small.parts(_file(tmp_path, "\n".join(lines))))


def test_an_empty_file_is_refused(tmp_path, small):
    with pytest.raises(ReadError, match="file is empty"):
        list(small.parts(_file(tmp_path, "\n\n  \n")))


def test_bytes_no_encoding_takes_are_refused(tmp_path, small):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x81\x20" * 50)
    with pytest.raises(ReadError, match="cannot decode the text"):
        list(small.parts(path))


def test_which_files_stream(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_STREAM_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (stream.MB + 1))
    same_md = tmp_path / "big.md"
    same_md.write_bytes(b"a" * (stream.MB + 1))
    docx = tmp_path / "big.docx"
    docx.write_bytes(b"a" * (stream.MB + 1))
    small_file = tmp_path / "small.txt"
    small_file.write_bytes(b"a" * 10)
    assert stream.streams(big) and stream.streams(same_md)
    assert not stream.streams(docx) and not stream.streams(small_file)
    assert not stream.streams(tmp_path / "missing.txt") and not stream.streams(tmp_path)


def test_cut_prefers_a_blank_line_then_a_sentence_end_then_any_line_end():
    assert stream._cut("a" * 10 + "\n\n" + "b" * 10, 10) == 12
    text = "甲" * 6 + "。\n" + "乙" * 6 + "\n" + "丙" * 3
    assert stream._cut(text, 6) == text.index("\n") + 1
    assert stream._cut("甲" * 8 + "\n" + "乙" * 8 + "\n" + "丙", 8) == 18
    assert stream._cut("甲" * 20, 8) == 0
