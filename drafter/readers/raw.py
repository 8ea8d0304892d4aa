"""What a reader returns (``RawDoc``: text plus ``Hint``s) and which suffixes are read how.

Below the reader modules and the package that dispatches to them, so a reader imports its
result type without importing the package that imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.i18n import N_

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}
#: formats people have that we cannot read, and what to do about each
UNSUPPORTED = {
    ".doc": N_("convert it to .docx first (soffice --headless --convert-to docx FILE, or Save As in Word/WPS)"),
    ".wps": N_("convert it to .docx first (in WPS: Save As .docx, or soffice --headless --convert-to docx FILE)"),
    ".pdf": N_("extract its text first (pdftotext -layout FILE OUT.txt) or convert it to .docx"),
    ".rtf": N_("convert it to .docx first (soffice --headless --convert-to docx FILE)"),
    ".odt": N_("convert it to .docx first (soffice --headless --convert-to docx FILE)"),
}
#: read through LibreOffice (.doc .wps .rtf .odt) or pdftotext (.pdf) when installed (readers/convert.py)
CONVERTED_SUFFIXES = {".doc", ".wps", ".rtf", ".odt", ".pdf"}
SPEECH_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES | CONVERTED_SUFFIXES


@dataclass
class Hint:
    """What a .docx says about a paragraph beyond its text."""

    level: int | None = None  # heading level from a Word heading style / outline level
    lead: str = ""            # bold text at the start of the paragraph (a lead sentence or item)
    style: str = ""


@dataclass
class RawDoc:
    path: Path
    text: str
    #: hints by 1-based line number of ``text`` (docx only)
    hints: dict[int, Hint] = field(default_factory=dict)
    #: whether hard-wrapped lines may be rejoined (not for .docx: its paragraphs are real)
    rejoin: bool = True
