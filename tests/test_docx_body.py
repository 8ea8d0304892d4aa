"""The fast .docx writer: paragraphs written as text equal python-docx's, and the prepared-package cache.

The writer fills a prepared package (styles, page, footers made once per layout through
python-docx and cached) with paragraphs it writes as strings. These tests hold the strings to
what python-docx writes for the same calls, and the cache to its promises: python-docx is not
imported when the layout's package is cached, a damaged or unwritable cache only costs time,
and an edited layout gets its own package.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter import diskcache
from drafter.compose import draft
from drafter.layouts import load_layout
from drafter.model import Section, Speech
from drafter.writers import docx_body as xml
from drafter.writers import docx_package as pkg
from drafter.writers import docx_xml as x
from drafter.writers import write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

TRICKY = ["普通的一段话。", " 前后有空格 ", "　　全角空格开头", "A&B <c> \"d\" 'e'", "制表\t符", "换\n行",
          "回车\r符", "\t", "结尾换行\n", "𠀀 non-BMP", ""]


def _python_docx_paragraph(runs, style_id=None, space_after=None, outline=None) -> str:
    """The same paragraph built with python-docx's API, as the old writer built it."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    ppr = paragraph._p.get_or_add_pPr()
    if style_id:
        ppr.get_or_add_pStyle().val = style_id
    for text, east_asia, latin, bold, brk in runs:
        run = paragraph.add_run(text)
        rpr = run._r.get_or_add_rPr()
        x.set_fonts(rpr, east_asia, latin)
        if bold is not None:
            x.set_bold(rpr, bold)
        if brk:
            run.add_break()
    if space_after is not None:
        paragraph.paragraph_format.space_after = docx.shared.Twips(space_after)
    if outline is not None:
        x.set_outline_level(ppr, outline)
    whole = etree.tostring(document.element, encoding="unicode")  # as python-docx saves it
    return whole[whole.index("<w:body>") + len("<w:body>"):whole.index("<w:sectPr")]


def _ours(runs, style_id=None, space_after=None, outline=None) -> str:
    return xml.paragraph("".join(xml.run(t, e, latin, bold=b, line_break=brk) for t, e, latin, b, brk in runs),
                         style_id, space_after, outline)


@pytest.mark.parametrize("text", TRICKY)
def test_a_run_is_written_as_python_docx_writes_it(text):
    runs = [(text, "仿宋_GB2312", "Times New Roman", None, False)]
    assert _ours(runs) == _python_docx_paragraph(runs)


@pytest.mark.parametrize("case", [
    dict(runs=[("一是", "黑体", "Times New Roman", True, False), ("正文。", "仿宋_GB2312", "Times New Roman", None, False)],
         outline=1),
    dict(runs=[("标题第一行", "方正小标宋简体", "Times New Roman", None, True), ("第二行", "方正小标宋简体", "Times New Roman",
                                                                     None, False)], style_id="Title"),
    dict(runs=[("（2026年11月21日）", "楷体_GB2312", "Times New Roman", None, False)], style_id="Date", space_after=579),
    dict(runs=[("不加粗", "Font & \"Co\" <x>", None, False, False)], style_id="Heading1"),
    dict(runs=[("无字体", None, None, None, False)]),
])
def test_a_paragraph_is_written_as_python_docx_writes_it(case):
    assert _ours(**case) == _python_docx_paragraph(**case)


def _speech() -> Speech:
    return Speech(source="t", title="在理论学习中心组专题研讨会上的发言", speaker="张三", date="2026-11-21",
                  salutation="同志们：", opening=["开场白 & <致辞>。"],
                  sections=[Section(marker="一、", heading="坚持学习", body=["正文。"])],
                  closing=["谢谢大家！"])


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr(pkg, "_MEMORY", {})
    return folder / "drafter" / "docx"


def _run(code: str, cache_home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


WRITE = """
import sys
from drafter.model import Section, Speech
from drafter.writers import write
speech = Speech(source="t", title="题目", speaker="张三", sections=[Section(marker="一、", heading="学习", body=["正文。"])])
write(speech, sys.argv[-1] if len(sys.argv) > 1 else {out!r})
print("docx" in sys.modules)
"""


def test_a_cached_layout_is_written_without_python_docx(tmp_path):
    home = tmp_path / "cache"
    first = _run(WRITE.format(out=str(tmp_path / "a.docx")), home)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["True"]  # prepared through python-docx once
    second = _run(WRITE.format(out=str(tmp_path / "b.docx")), home)
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["False"]
    assert _document_xml(tmp_path / "a.docx") == _document_xml(tmp_path / "b.docx")
    assert len(list((home / "drafter" / "docx").glob("*.bin"))) == 1
    document = docx.Document(str(tmp_path / "b.docx"))
    assert [p.text for p in document.paragraphs] == ["题目", "张三", "一、学习", "正文。"]
    assert document.core_properties.title == "题目" and document.core_properties.author == "张三"


def test_a_damaged_cache_file_is_made_again(tmp_path, cache):
    write(_speech(), tmp_path / "a.docx")
    (entry,) = cache.glob("*.bin")
    good = entry.read_bytes()
    for damage in (good[: len(good) // 2], b"not marshal data", marshal.dumps((diskcache.FORMAT, "other key", 1)),
                   marshal.dumps((diskcache.FORMAT, pkg.cache_key(load_layout(None)), ("wrong", "shape")))):
        entry.write_bytes(damage)
        pkg._MEMORY.clear()
        write(_speech(), tmp_path / "b.docx")
        assert _document_xml(tmp_path / "a.docx") == _document_xml(tmp_path / "b.docx")
        assert entry.read_bytes() == good  # prepared again and stored again


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(pkg, "_MEMORY", {})
    path = write(_speech(), tmp_path / "a.docx")
    assert [p.text for p in docx.Document(str(path)).paragraphs][0] == "在理论学习中心组专题研讨会上的发言"


def test_an_edited_layout_gets_its_own_package(tmp_path, cache):
    profile = tmp_path / "mine.yaml"
    profile.write_text("extends: gbt9704\nstyles:\n  body: {size: 三号, font: 宋体}\n", encoding="utf-8")
    write(_speech(), tmp_path / "a.docx", layout=profile)
    profile.write_text("extends: gbt9704\nstyles:\n  body: {size: 三号, font: 黑体}\n", encoding="utf-8")
    os.utime(profile, ns=(1, 1))  # a new mtime even on a coarse clock
    write(_speech(), tmp_path / "b.docx", layout=profile)
    assert len(list(cache.glob("*.bin"))) == 2
    body = next(p for p in docx.Document(str(tmp_path / "b.docx")).paragraphs if p.text.startswith("开场白"))
    assert body.runs[0]._r.rPr.rFonts.get(x.qn("w:eastAsia")) == "黑体"


def test_the_cache_keeps_a_bounded_number_of_files(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(pkg, "KEEP", 2)
    for font in ("宋体", "黑体", "楷体"):
        profile = tmp_path / f"{font}.yaml"
        profile.write_text(f"extends: gbt9704\nstyles:\n  body: {{size: 三号, font: {font}}}\n", encoding="utf-8")
        write(_speech(), tmp_path / f"{font}.docx", layout=profile)
    assert len(list(cache.glob("*.bin"))) == 2


def test_escaped_text_and_title_breaks_round_trip(tmp_path, cache):
    speech = draft(EXAMPLES / "研讨发言.yaml", seed=0).speech
    speech.opening = ["A&B <c> “引号” 'x'"] + speech.opening
    path = write(speech, tmp_path / "d.docx")
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "A&B <c> “引号” 'x'" in texts
    assert texts[0].replace("\n", "") == speech.title


def test_the_zip_is_what_zipfile_writes(tmp_path):
    """Parts deflated once and laid out by hand make the same bytes as zipfile.writestr."""
    import io

    parts = [("[Content_Types].xml", b"<Types/>" * 50), ("word/document.xml", "<w:t>正文</w:t>".encode() * 300),
             ("docProps/core.xml", b"")]
    when = (2026, 12, 1, 22, 59, 58)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # what writestr gives a member named by a str
            z.writestr(info, data)
    ours = pkg.zip_bytes([pkg.Member.of(name, data) for name, data in parts], when)
    assert ours == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        assert z.testzip() is None and [z.read(n) for n in z.namelist()] == [d for _, d in parts]
