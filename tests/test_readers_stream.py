"""drafter/readers/stream.py with tiny parts and reads (monkeypatched sizes): the parts put back together
are the file, each knows the lines before it, cuts fall at blank lines or sentence ends, a character split
across two reads is decoded whole, and faults are numbered as lines of the whole file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drafter.readers.stream as stream
from drafter.errors import ReadError
from drafter.normalize import paragraphs, text_layout

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
    assert stream._cut("甲" * 8 + "\n" + "乙" * 8 + "\n" + "丙\n", 8) == 18
    assert stream._cut("甲" * 20, 8) == 0
    assert stream._cut("甲" * 20, 8, must=True) == 20                  # a line of MBs: cut inside it
    # a line the whole file joins to the next (a web page broke the sentence) is no place to cut
    broken = "甲" * 40 + "，乙乙乙乙乙\n" + "丙" * 10 + "。\n" + "丁" * 10 + "。\n"
    assert stream._cut(broken, 40) == len(broken) - 12
    assert stream._cut("甲" * 40 + "，乙乙乙乙乙\n\n丙丙丙。\n", 40) == 0        # not after the blank either
    assert stream._cut("甲" * 40 + "，乙乙乙乙乙\n\n丙丙丙。\n", 40, must=True) > 0


# --- a streamed file splits into the paragraphs the whole file has -------------------------------

SOURCE = ("我们要持续深化理论学习，不断提高政治判断力、政治领悟力、政治执行力，把学习成果转化为推动工作的"
          "实际行动。要坚持问题导向，聚焦群众急难愁盼，拿出真招实招，确保各项任务落地见效。")


def _wrapped(width=24, paras=40, furniture=True, indent=False, double=False, tail=False):
    """Text as PDF extraction leaves it: paragraphs hard-wrapped at ``width``, page numbers between lines."""
    lines = []
    for i in range(paras):
        body = f"第{i}段，" + SOURCE[: 40 + (i * 7) % 60] + "。"
        cut = [body[k:k + width] for k in range(0, len(body), width)]
        for j, line in enumerate(cut):
            lines.append(("　　" if indent and j == 0 else "") + line)
            if double:
                lines.append("")
            if furniture and (len(lines) % 37 == 0):
                lines.append(f"- {len(lines) // 37} -")
        if i % 9 == 4:
            lines.append(f"{i // 9 + 1}、第{i}部分的标题")
    if tail:
        lines += ["END", "往期推荐", "一篇推荐文章的标题", "另一篇推荐文章的标题"]
    return "\n".join(lines) + "\n"


def _web(paras=60):
    """Text as a web page leaves it: paragraphs broken mid-sentence by a blank line now and then."""
    out = []
    for i in range(paras):
        body = f"第{i}段，" + SOURCE
        if i % 4 == 1:
            out.append(body[:45] + "\n\n" + body[45:])
        else:
            out.append(body)
    return "\n\n".join(out) + "\n"


def _split(path, whole: str):
    got = []
    for part in stream.parts(path):
        got += [(p.text, p.raw, p.line + part.lines_before)
                for p in paragraphs(part.text, layout=part.layout)]
    return got, [(p.text, p.raw, p.line) for p in paragraphs(whole)]


def _pages(pages=12):
    """A dump of web pages, each with its tail (END, 往期推荐, links): only the last third of the
    whole file is looked at for a tail, as a whole file is read."""
    out = []
    for i in range(pages):
        out += [f"第{i}页，{SOURCE}", "", f"第{i}页第二段，{SOURCE}", "", "END", "往期推荐", f"推荐文章{i}", ""]
    return "\n".join(out) + "\n"


def _mixed():
    """Hard-wrapped text with a stretch of sentences one per line (a list pasted in): a part holding
    mostly that stretch does not look hard-wrapped on its own."""
    wrapped = _wrapped(paras=20, furniture=False)
    listed = "".join(f"第{i}条，要坚持问题导向，确保见效。\n" for i in range(12))
    return wrapped + listed + wrapped


@pytest.mark.parametrize("name, text, needs_layout", [
    ("wrapped", _wrapped(), False), ("wrapped, indented starts", _wrapped(indent=True, furniture=False), False),
    ("wrapped, double-spaced", _wrapped(double=True), False), ("wrapped, a web page's tail", _wrapped(tail=True), False),
    ("a web page's broken paragraphs", _web(), False),
    ("web pages one after another", _pages(), True), ("wrapped, with a list", _mixed(), True),
], ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_a_streamed_file_splits_into_the_paragraphs_of_the_whole_file(tmp_path, monkeypatch, name, text, needs_layout):
    monkeypatch.setattr(stream, "part_chars", lambda: 400)
    monkeypatch.setattr(stream, "_READ", 97)
    path = _file(tmp_path, text)
    parts = list(stream.parts(path))
    assert len(parts) >= 4, name
    got, whole = _split(path, text)
    assert got == whole, name
    if needs_layout:      # what the layout is for: each part split on its own statistics differs
        alone = [(p.text, p.raw, p.line + part.lines_before) for part in parts for p in paragraphs(part.text)]
        assert alone != whole, name


def test_a_part_is_cut_only_where_the_whole_file_ends_a_paragraph(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "part_chars", lambda: 400)
    text = _web()
    ends = {p.line for p in paragraphs(text)}               # first lines of the whole file's paragraphs
    lines = 0
    for part in list(stream.parts(_file(tmp_path, text)))[1:]:
        lines = part.lines_before
        first = next(i for i, line in enumerate(part.text.split("\n")) if line.strip())
        assert lines + first + 1 in ends, part.text[:60]


def test_the_layout_of_a_file_is_the_layout_of_its_whole_text(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "_READ", 97)          # reads end inside lines and characters
    cases = {"wrapped": (_wrapped(), 24), "indented": (_wrapped(indent=True, furniture=False), 24),
             "double": (_wrapped(double=True), 24), "tail": (_wrapped(tail=True), 24), "web": (_web(), None),
             "line ends": ("一行\n\n两行\r\n三行\r四行\f五行\n" * 3, None)}
    for name, (text, width) in cases.items():
        layout = stream.file_layout(_file(tmp_path, text))
        assert layout == text_layout(text), name
        assert layout.width == width, name
    assert stream.file_layout(_file(tmp_path, cases["tail"][0])).tail == cases["tail"][0].split("\n").index("END")
    assert stream.file_layout(_file(tmp_path, cases["indented"][0])).indent_starts
    assert stream.file_layout(_file(tmp_path, cases["double"][0])).double


LINES = ["第一段的文字很长很长，一直写到这一行的最末尾处还没有", "写完这句话。", "", "", "- 3 -", "第 2 页",
         "一、第一部分的标题", "（一）小标题", "同志们：", "END", "往期推荐", "　　缩进开头的一行文字，写到这里还没有写",
         "一是抓学习，二是抓落实，三是抓作风，", SOURCE[:24], SOURCE[24:48], SOURCE[48:72], SOURCE[:30] + "。",
         "来源：新华网", "谢谢大家！", "a", "  "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(LINES), min_size=20, max_size=220), size=st.integers(40, 300))
def test_any_text_streamed_in_parts_splits_as_the_whole_text(lines, size):
    import tempfile
    text = "\n".join(lines) + "\n"
    if not text.strip():
        return
    old = stream.part_chars, stream._READ
    stream.part_chars, stream._READ = (lambda: size), 61
    try:
        with tempfile.TemporaryDirectory() as d:
            path = _file(Path(d), text)
            got, whole = _split(path, text)
            cuts = [part.lines_before for part in stream.parts(path)]
    finally:
        stream.part_chars, stream._READ = old
    if any(len(p[1]) > size for p in whole):
        return      # a paragraph longer than a part may be cut inside, when no other ends in twice a part
    assert got == whole, cuts
