"""Formats drafter reads through other programs: .doc/.wps/.rtf/.odt via LibreOffice, .pdf via pdftotext.

LibreOffice (``soffice --headless --convert-to docx``) turns an old Word file, a WPS file
(Kingsoft's .wps is Word's binary format under another name) or an RTF/ODT file into .docx
in a temporary folder, which the .docx reader then reads, so styles and bold leads still
give their hints. A PDF with a text layer goes through ``pdftotext`` (reading order, then
the normaliser joins the hard-wrapped lines and drops page numbers). Each run gets its own
LibreOffice profile, so a LibreOffice the user has open is not disturbed. Without the tool,
or when it fails, one ReadError line says what to install or do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.readers.raw import UNSUPPORTED, RawDoc

OFFICE_SUFFIXES = {".doc", ".wps", ".rtf", ".odt"}
PDF_SUFFIXES = {".pdf"}
CONVERTED_SUFFIXES = OFFICE_SUFFIXES | PDF_SUFFIXES
TIMEOUT = 180
#: how each format begins; LibreOffice imports anything else as plain text, garbage included
MAGIC = {".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
         ".rtf": b"{\\rtf", ".odt": b"PK\x03\x04"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_to(path: Path, fmt: str, out_dir: Path, timeout: int = TIMEOUT) -> Path:
    """``path`` converted by headless LibreOffice to ``fmt`` ('docx', 'pdf') in ``out_dir``."""
    program = soffice()
    if program is None:
        raise FileNotFoundError("soffice")
    profile = (out_dir / "lo-profile").resolve().as_uri()
    env = dict(os.environ, HOME=str(out_dir))
    src = out_dir / f"in{path.suffix.lower()}"  # a plain name: soffice and odd characters
    shutil.copyfile(path, src)
    try:
        done = subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                               "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                              env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RuntimeError(_("LibreOffice took longer than {timeout} s").format(timeout=timeout)) from None
    out = out_dir / f"in.{fmt.split(':')[0]}"
    if not out.is_file():
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(_("LibreOffice could not convert it{value}").format(value=': ' + reason[-1] if reason else ''))
    return out


def read_office(path: Path):
    """A .doc/.wps/.rtf/.odt file read as the .docx LibreOffice makes of it."""
    from drafter.readers.docx import read_docx  # noqa: PLC0415 - python-docx (+lxml): +190 ms CPU (measured), after a conversion only

    suffix = path.suffix.lower()
    if soffice() is None:
        raise ReadError(_("{suffix} files are read through LibreOffice, which is not installed (apt-get install libreoffice-writer-nogui); or {value}").format(suffix=suffix, value=UNSUPPORTED[suffix]), path=str(path))
    with open(path, "rb") as f:
        head = f.read(8)
    if not head.startswith(MAGIC[suffix]):
        raise ReadError(_("not a {suffix} file (damaged, or another format renamed); {value}").format(suffix=suffix, value=UNSUPPORTED[suffix]),
                        path=str(path))
    with tempfile.TemporaryDirectory(prefix="drafter-read-") as tmp:
        try:
            converted = office_to(path, "docx", Path(tmp))
        except RuntimeError as err:
            raise ReadError(_("{err}; is it really a {suffix} file? {value}").format(err=err, suffix=suffix, value=UNSUPPORTED[suffix]), path=str(path)) from None
        doc = read_docx(converted)
    doc.path = path
    return doc


def read_pdf(path: Path):
    """A PDF's text layer (pdftotext), as a text file would be read."""

    program = shutil.which("pdftotext")
    if program is None:
        raise ReadError(_("PDF files are read through pdftotext, which is not installed (apt-get install poppler-utils); or {value}").format(value=UNSUPPORTED['.pdf']), path=str(path))
    try:
        done = subprocess.run([program, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(_("pdftotext took longer than {TIMEOUT} s").format(TIMEOUT=TIMEOUT), path=str(path)) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(_("pdftotext cannot read it ({value}): is it really a PDF?").format(value=reason[-1] if reason else _("not a PDF")), path=str(path))
    text = done.stdout.decode("utf-8", "replace").replace("\f", "\n")
    if not text.strip():
        raise ReadError(_("the PDF has no text layer (a scan?): run OCR on it first, or type it in"), path=str(path))
    return RawDoc(path=path, text=text, rejoin=True)


def read_converted(path: Path):
    if path.suffix.lower() in PDF_SUFFIXES:
        return read_pdf(path)
    return read_office(path)
