"""LibreOffice rendering for tests: .docx → PDF → text lines, with the Fandol stand-in fonts.

One ``soffice`` run converts many files (it takes seconds to start), with its own profile
directory and ``tests/render/fonts.conf`` mapping 仿宋_GB2312 and friends to the free
Fandol fonts, which set Han characters 1 em wide like the official ones. Without soffice,
pdftotext or the fonts, tests skip with the reason, except under CI=true, where a skipped
rendering test would hide a broken layout: there they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FONTS_CONF = HERE / "render" / "fonts.conf"
FANDOL = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
TIMEOUT = 300
FOOTER = re.compile(r"^\s*—\s*\d+\s*—\s*$")
#: marks that may hang past the line end (LibreOffice and Word let them) or cannot start a line
NO_START = "，。、；：？！”’）》」〕】…—"
NO_END = "“‘（《「〔【"


def missing_tools() -> str | None:
    for tool in ("soffice", "pdftotext"):
        if shutil.which(tool) is None:
            return f"{tool} not installed (apt-get install libreoffice-writer-nogui poppler-utils)"
    if not (FANDOL / "FandolFang-Regular.otf").is_file():
        return f"Fandol fonts not found in {FANDOL} (apt-get install texlive-lang-chinese)"
    return None


def require_tools() -> None:
    """Skip when a tool or the fonts are missing; under CI=true fail instead."""
    reason = missing_tools()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"rendering test cannot run in CI: {reason}")
        pytest.skip(reason)


def convert(files: list[Path], out_dir: Path, to: str = "pdf") -> list[Path]:
    """``files`` converted by one headless LibreOffice run; the converted paths, in order."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(out_dir))
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", to, "--outdir", str(out_dir), *map(str, files)],
                   env=env, check=True, capture_output=True, timeout=TIMEOUT)
    out = [out_dir / f"{f.stem}.{to.split(':')[0]}" for f in files]
    for f in out:
        assert f.is_file(), f"soffice wrote no {f.name}"
    return out


def to_pdf(docx: Path, out_dir: Path) -> Path:
    return convert([docx], out_dir)[0]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def pdf_pages(pdf: Path) -> list[list[str]]:
    """Each page's non-empty text lines, page-number footers left out."""
    return [[ln for ln in page.splitlines() if ln.strip() and not FOOTER.match(ln)]
            for page in pdf_text(pdf).split("\f") if page.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def em_width(line: str) -> float:
    """Width in 三号 ems: Han characters and full-width marks 1, Latin letters and digits ½."""
    return sum(0.5 if ord(c) < 0x2000 else 1 for c in line.strip())


def body_lines(pages: list[list[str]], head: str = "") -> list[tuple[str, str]]:
    """(line, next line) for every line that is not the last of its paragraph and not centred.

    ``head`` is the text of the title block (title, speaker, date): its lines are left out.

    In ``pdftotext -layout`` a paragraph's first line is indented (two characters) and the
    lines that continue it start at the margin, so a line followed by an indented one ends
    its paragraph. The centred title block (more than three leading spaces) is left out.
    """
    flat = [ln for page in pages for ln in page]
    seen, start = 0, 0
    while seen < len(squeeze(head)) and start < len(flat):
        seen += len(squeeze(flat[start]))
        start += 1
    flat = flat[start:]
    out = []
    for i, ln in enumerate(flat):
        nxt = flat[i + 1] if i + 1 < len(flat) else " "
        lead = len(ln) - len(ln.lstrip())
        if nxt.startswith(" ") or lead > 3:
            continue
        out.append((ln, nxt))
    return out


def line_is_full(line: str, nxt: str, chars: int) -> bool:
    """A line that does not end its paragraph holds ``chars`` characters (its indent counted).

    Allowed besides: a 29th mark hanging at the end (，。、 as both clients set them), and one
    or two characters fewer where the break rules move them (the next line opens with a
    mark that cannot start a line, or this line would end in one that cannot end it), or a
    few fewer before a Latin word or number, which moves on whole.
    """
    text = line.strip()
    width = em_width(text) + (2 if line.startswith(" ") else 0)
    if width == chars:
        return True
    if width == chars + 1 and text[-1] in NO_START:
        return True
    follow = nxt.strip()
    if re.match(r"[0-9A-Za-z]", follow):  # a Latin word or number moves on whole
        return chars - 4 <= width < chars
    moved = follow[:1] in NO_END or follow[1:2] in NO_START or follow[2:3] in NO_START
    return chars - 2 <= width < chars and moved


# A LibreOffice Basic macro that opens a document, inserts a table of contents built from the
# outline levels at its start, updates it and exports PDF: what a user's "Insert › Table of
# Contents" does, run headless.
_TOC_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Toc(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  idx = doc.createInstance(&quot;com.sun.star.text.ContentIndex&quot;)
  idx.CreateFromOutline = True
  idx.Level = 9
  cur = doc.Text.createTextCursor()
  cur.gotoStart(False)
  doc.Text.insertTextContent(cur, idx, False)
  idx.update()
  Dim pa(0) As New com.sun.star.beans.PropertyValue
  pa(0).Name = &quot;FilterName&quot;
  pa(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, pa())
  doc.close(True)
End Sub
</script:module>
"""


def toc_pdf(docx: Path, out_dir: Path) -> Path:
    """``docx`` with a table of contents LibreOffice builds and updates, as PDF."""
    basic = out_dir / "lo-profile" / "user" / "basic" / "Standard"
    if not basic.is_dir():
        convert([docx], out_dir)  # the first run creates the profile and its Standard library
    (basic / "Module1.xba").write_text(_TOC_MODULE, encoding="utf-8")
    pdf = out_dir / f"{docx.stem}-toc.pdf"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(out_dir))
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    f'macro:///Standard.Module1.Toc("{docx.resolve().as_uri()}","{pdf.resolve().as_uri()}")'],
                   env=env, check=True, capture_output=True, timeout=TIMEOUT)
    assert pdf.is_file(), f"LibreOffice built no table of contents for {docx}"
    return pdf


#: PDF export that keeps Word comments as PDF notes (LibreOffice's ExportNotes filter option)
PDF_WITH_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
_NOTE = re.compile(rb"/Subtype\s*/Text\b.{0,4000}?>>", re.S)
_PDF_STRING = rb"(<[0-9A-Fa-f\s]+>|\((?:\\.|[^\\)])*\))"


def _pdf_string(raw: bytes) -> str:
    if raw.startswith(b"<"):
        data = bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode())
    else:
        data = re.sub(rb"\\(.)", lambda m: m.group(1), raw[1:-1])
    return data[2:].decode("utf-16-be") if data[:2] == b"\xfe\xff" else data.decode("latin-1")


def pdf_notes(pdf: Path) -> list[tuple[str, str]]:
    """(author, text) of every note (Text annotation) LibreOffice wrote for a comment."""
    out = []
    for m in _NOTE.finditer(pdf.read_bytes()):
        block = m.group(0)
        author = re.search(rb"/T\s*" + _PDF_STRING, block)
        text = re.search(rb"/Contents\s*" + _PDF_STRING, block)
        out.append((_pdf_string(author.group(1)) if author else "", _pdf_string(text.group(1)) if text else ""))
    return out
