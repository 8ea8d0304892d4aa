"""Writers: the speech model out to files. ``write`` picks one by the output suffix."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.atomic import write_text_atomic
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.model import Speech
from drafter.writers.markdown import to_markdown
from drafter.writers.text import to_text

SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def render(speech: Speech, fmt: str) -> str:
    """The speech as text in ``fmt`` ('txt' or 'md')."""
    if fmt == "md":
        return to_markdown(speech)
    return to_text(speech)


def write(speech: Speech, path: str | Path, **options) -> Path:
    """Write ``speech`` to ``path`` atomically in the format its suffix names.

    Options (``layout``, ``reference_doc``) go to the .docx writer.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    _check_xml_chars(speech, path)
    if suffix == ".docx":
        from drafter.writers.docx import write_docx  # noqa: PLC0415 - python-docx ~100 ms: .txt/.md output never loads it
        write_docx(speech, path, **options)
        return path
    if suffix == ".pdf":
        from drafter.writers.docx_pdf import write_pdf  # noqa: PLC0415 - python-docx and LibreOffice lookup: only for .pdf
        return write_pdf(speech, path, **options)
    if suffix not in SUFFIXES:
        raise DrafterError(_("cannot write {suffix}: use .docx, .pdf, .md or .txt").format(
            suffix=suffix or _("a file without suffix")),
                           path=str(path))
    write_text_atomic(path, render(speech, suffix.lstrip(".")))
    return path


#: characters XML 1.0 (so .docx) cannot hold; a text file should not hold them either
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _check_xml_chars(speech: Speech, path: Path) -> None:
    """Refuse, naming where, a control character a .docx cannot hold (lxml would fail mid-write)."""
    text = render(speech, "txt")
    bad = _NOT_XML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        around = text[max(0, bad.start() - 12):bad.start() + 12].replace("\n", " ").replace(bad.group(), "□")
        raise DrafterError(_("control character U+{value:04X} in line {line} of the speech (…{around}…) cannot be written; remove it from where it came from (a phrase in the bank: drafter phrases validate lists them)").format(value=ord(bad.group()), line=line, around=around), path=str(path))
