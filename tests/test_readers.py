"""Readers: encodings, .docx with Word heading styles, and clear errors for what cannot be read."""

from __future__ import annotations

import docx
import pytest
from conftest import CORPUS

from drafter.errors import ReadError
from drafter.parser import parse_file
from drafter.readers import iter_sources, read


def word_document(path, speech_path, markers=True):
    """A .docx made the way a writer does it in Word: Title, Heading 1/2 styles, plain body."""
    speech = parse_file(speech_path)
    document = docx.Document()
    document.add_paragraph(speech.title, style="Title")
    document.add_paragraph(speech.salutation)
    for p in speech.opening:
        document.add_paragraph(p)

    def add(sections, depth):
        for s in sections:
            if s.kind == "numbered" and depth <= 2:
                document.add_paragraph((s.marker if markers else "") + s.heading, style=f"Heading {depth}")
                for b in s.body:
                    document.add_paragraph(b)
            else:
                first, *rest = s.body or [""]
                paragraph = document.add_paragraph()
                paragraph.add_run(s.marker + s.heading + (s.punct or "。")).bold = True
                paragraph.add_run(first)
                for b in rest:
                    document.add_paragraph(b)
            add(s.sections, depth + 1)

    add(speech.sections, 1)
    for p in speech.closing:
        document.add_paragraph(p)
    document.save(path)
    return speech


@pytest.mark.parametrize("name", ["002_940c483cb8458f87", "004_ef91c739f53611d8", "003_db51f0831cc1980b"])
def test_word_document_with_heading_styles_parses_to_the_same_headings(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    speech = word_document(path, CORPUS / f"{name}.txt")
    assert parse_file(path).headings() == speech.headings()


def test_heading_styles_without_written_numbers_still_give_the_structure(tmp_path):
    path = tmp_path / "auto-numbered.docx"
    speech = word_document(path, CORPUS / "002_940c483cb8458f87.txt", markers=False)
    got = [(d, h) for d, _, h in parse_file(path).headings()]
    assert got == [(d, h) for d, _, h in speech.headings()]


def test_docx_hints_record_heading_levels_and_bold_leads(tmp_path):
    path = tmp_path / "h.docx"
    document = docx.Document()
    document.add_paragraph("一、标题", style="Heading 1")
    p = document.add_paragraph()
    p.add_run("坚持学习。").bold = True
    p.add_run("正文。")
    document.save(path)
    doc = read(path)
    assert doc.hints[1].level == 1
    assert doc.hints[2].lead == "坚持学习。"


@pytest.mark.parametrize("name, data, message", [
    ("binary.txt", b"\x00\x01\x02\x03PK\x00", "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "convert it to .docx"),
    ("old.wps", b"\xd0\xcf\x11\xe0", "convert it to .docx"),
    ("scan.pdf", b"%PDF-1.4", "pdftotext"),
    ("fake.docx", b"not a zip", "not a .docx file"),
])
def test_unreadable_files_get_one_line_naming_the_file(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read(path)
    text = str(err.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text


def test_missing_path_is_an_error():
    with pytest.raises(ReadError, match="no such file"):
        read("/no/such/speech.txt")


def test_directories_are_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("二", encoding="utf-8")
    (tmp_path / "a.md").write_text("一", encoding="utf-8")
    (tmp_path / "b" / "1.doc").write_bytes(b"x")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    found = list(iter_sources([tmp_path]))
    # .doc is read through LibreOffice (readers/convert.py), so it is a source like the others
    assert [f.name for f in found if not isinstance(f, ReadError)] == ["a.md", "1.doc", "2.txt"]
    assert [e for e in found if isinstance(e, ReadError)] == []


def test_directory_without_speeches_is_reported(tmp_path):
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    (err,) = list(iter_sources([tmp_path]))
    assert isinstance(err, ReadError) and "no speeches" in str(err)


def test_bold_emphasis_ending_in_a_colon_is_not_a_lead_sentence(tmp_path):
    path = tmp_path / "emphasis.docx"
    document = docx.Document()
    document.add_paragraph("在会上的发言")
    document.add_paragraph("同志们：")
    document.add_paragraph("开头。")
    document.add_paragraph("一、学习", style="Heading 1")
    for _ in range(2):
        p = document.add_paragraph()
        p.add_run("习近平总书记指出：").bold = True
        p.add_run("“要实干担当促进发展。”我们要深刻领会。")
    document.save(path)
    assert parse_file(path).headings() == [(1, "一、", "学习")]


def damaged_docx(tmp_path):
    """A real .docx whose document.xml was cut in half (as a broken download or copy leaves it)."""
    import zipfile
    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("同志们：" * 200)
    document.save(good)
    bad = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml" else data)
    return bad


def test_a_damaged_docx_is_a_read_error(tmp_path):
    path = damaged_docx(tmp_path)
    with pytest.raises(ReadError, match="damaged"):
        read(path)


@pytest.mark.parametrize("command", [["parse"], ["lint"], ["check"], ["export", "-o", "out.txt"]])
def test_commands_give_one_line_for_a_damaged_docx(tmp_path, command):
    import subprocess
    import sys
    path = damaged_docx(tmp_path)
    args = [command[0], str(path), *[str(tmp_path / a) if a.endswith(".txt") else a for a in command[1:]]]
    result = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "damaged.docx" in result.stderr


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    import drafter.parser
    from drafter.cli import main

    def boom(path):
        raise RuntimeError("something drafter did not expect")

    monkeypatch.setattr(drafter.parser, "parse_file", boom)
    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    path = tmp_path / "a.txt"
    path.write_text("题目\n同志们：\n正文。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", str(path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: something drafter did not expect" in err and "Traceback" not in err


_TRAD = "在全體幹部大會上的講話\n同志們：\n今天，我們召開這次會議，主要任務是總結工作、部署任務。\n一、提高政治站位\n要把學習貫徹落實到各項工作中。\n二、狠抓工作落實\n要以釘釘子精神抓好落實。\n"
_SIMP = "在全体干部大会上的讲话\n同志们：\n今天，我们召开这次会议，主要任务是总结工作、部署任务。\n一、提高政治站位\n要把学习贯彻落实到各项工作中。\n二、狠抓工作落实\n要以钉钉子精神抓好落实。\n"


@pytest.mark.parametrize("text,encoding", [(_TRAD, "big5"), (_SIMP, "utf-16-le"), (_SIMP, "utf-16-be"),
                                           (_SIMP, "gb18030"), (_TRAD, "utf-16-le")])
def test_big5_and_utf16_without_bom_are_read(tmp_path, text, encoding):
    path = tmp_path / "speech.txt"
    path.write_bytes(text.encode(encoding))
    speech = parse_file(path)
    assert speech.title == text.splitlines()[0]
    assert [s.heading for s in speech.sections] == [text.splitlines()[3][2:], text.splitlines()[5][2:]]


def test_bytes_no_encoding_reads_well_name_the_file(tmp_path):
    from drafter.errors import ReadError
    from drafter.readers import read

    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(128, 256)) * 40)
    with pytest.raises(ReadError, match="garbage.txt"):
        read(path)
