"""Readers: files as writers really keep them, into text plus structure hints.

``read(path)`` returns a ``RawDoc``; ``iter_sources(paths)`` walks files and
directories (recursively, in sorted order), yielding a ``ReadError`` in place of a
file that cannot be read so that one bad file does not stop a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from drafter.errors import ReadError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}
#: formats people have that we cannot read, and what to do about each
UNSUPPORTED = {
    ".doc": "convert it to .docx first (soffice --headless --convert-to docx FILE, or Save As in Word/WPS)",
    ".wps": "convert it to .docx first (in WPS: Save As .docx, or soffice --headless --convert-to docx FILE)",
    ".pdf": "extract its text first (pdftotext -layout FILE OUT.txt) or convert it to .docx",
    ".rtf": "convert it to .docx first (soffice --headless --convert-to docx FILE)",
    ".odt": "convert it to .docx first (soffice --headless --convert-to docx FILE)",
}
SPEECH_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES


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


def read(path: str | Path) -> RawDoc:
    path = Path(path)
    if not path.exists():
        raise ReadError("no such file or directory", path=str(path))
    if path.is_dir():
        raise ReadError("is a directory (give its files, or use a command that takes directories)",
                        path=str(path))
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise ReadError(f"{suffix} files cannot be read: {UNSUPPORTED[suffix]}", path=str(path))
    if suffix in DOCX_SUFFIXES:
        from drafter.readers.docx import read_docx
        return read_docx(path)
    from drafter.readers.text import read_text
    return read_text(path)


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files to read, in order: each path as given, directories walked recursively and sorted.

    Inside directories only speech files (.txt .md .docx) and known unreadable formats
    (.doc .wps .pdf ...) are considered, the latter yielded as errors; hidden files are skipped.
    """
    for p in paths:
        p = Path(p)
        if not p.exists():
            yield ReadError("no such file or directory", path=str(p))
        elif p.is_dir():
            found = False
            for f in _walk_sorted(p):
                suffix = f.suffix.lower()
                if suffix in SPEECH_SUFFIXES:
                    found = True
                    yield f
                elif suffix in UNSUPPORTED:
                    found = True
                    yield ReadError(f"{suffix} files cannot be read: {UNSUPPORTED[suffix]}", path=str(f))
            if not found:
                yield ReadError("directory holds no speeches (.txt, .md or .docx)", path=str(p))
        else:
            yield p


def _walk_sorted(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` in sorted order, one directory listing in memory at a time."""
    import os

    entries = sorted(os.scandir(directory), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk_sorted(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)
