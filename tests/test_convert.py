"""Other formats: .doc/.wps/.pdf read through LibreOffice/pdftotext; ``-o speech.pdf`` renders a PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import ReadError
from drafter.parser import parse_doc, parse_file
from drafter.readers import convert as conv
from drafter.readers import read
from tests.rendering import FONTS_CONF, convert, require_tools

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


def run(*args):
    import os
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)})


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict:
    """A corpus speech as .docx, then as .doc and .pdf made by LibreOffice, and a .wps (Kingsoft's
    .wps is Word's binary format under another name)."""
    require_tools()
    out = tmp_path_factory.mktemp("convert")
    docx = out / "speech.docx"
    assert run("export", str(CORPUS[0]), "-o", str(docx)).returncode == 0
    doc = convert([docx], out, to="doc")[0]
    pdf = convert([docx], out, to="pdf")[0]
    wps = out / "speech.wps"
    shutil.copyfile(doc, wps)
    return {"docx": docx, "doc": doc, "pdf": pdf, "wps": wps}


@pytest.mark.parametrize("kind", ["doc", "wps", "pdf"])
def test_other_formats_parse_to_the_same_speech(converted, kind):
    want = parse_file(converted["docx"])
    got = parse_doc(read(converted[kind]))
    assert got.title == want.title and got.speaker == want.speaker
    assert got.headings() == want.headings()
    assert "".join(got.paragraphs()).replace(" ", "") == "".join(want.paragraphs()).replace(" ", "")


def test_export_writes_a_pdf(converted, tmp_path):
    out = tmp_path / "平板.pdf"
    result = run("export", str(converted["doc"]), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert parse_doc(read(out)).headings() == parse_file(converted["docx"]).headings()


def test_draft_writes_a_pdf(tmp_path):
    require_tools()
    out = tmp_path / "发言.pdf"
    result = run("draft", str(ROOT / "examples" / "研讨发言.yaml"), "-o", str(out), "--layout", "windows")
    assert result.returncode == 0, result.stderr
    assert read(out).text.count("着力在") >= 3


def test_without_the_tools_one_line_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(conv, "soffice", lambda: None)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ReadError, match="LibreOffice, which is not installed.*convert it to .docx"):
        read(doc)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(ReadError, match="pdftotext, which is not installed"):
        read(pdf)


def test_a_pdf_without_text_is_refused(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    blank = tmp_path / "scan.pdf"
    # a one-page PDF that draws nothing (what a scan without OCR gives pdftotext)
    blank.write_bytes(b"%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                      b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                      b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                      b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(ReadError, match="no text layer"):
        read(blank)
