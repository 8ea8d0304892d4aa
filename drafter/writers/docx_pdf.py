"""``-o speech.pdf``: the official-layout .docx, rendered to PDF by headless LibreOffice.

The leader reads the speech on a tablet: the PDF is the .docx drafter writes, set by
LibreOffice with whatever fonts the machine has (``drafter fonts`` tells which are missing
and what stands in). Written atomically like every output; without LibreOffice, one line
says what to install.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from drafter.atomic import write_bytes_atomic
from drafter.errors import WriteError
from drafter.i18n import _
from drafter.model import Speech
from drafter.readers.convert import office_to, soffice
from drafter.writers.docx import write_docx


def write_pdf(speech: Speech, path: str | Path, **options) -> Path:

    path = Path(path)
    if soffice() is None:
        raise WriteError(_("PDF output is rendered by LibreOffice, which is not installed (apt-get install libreoffice-writer-nogui); write .docx and print it to PDF instead"),
                         path=str(path))
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        docx = write_docx(speech, Path(tmp) / "speech.docx", **options)
        try:
            pdf = office_to(docx, "pdf", Path(tmp))
        except RuntimeError as err:
            raise WriteError(str(err), path=str(path)) from None
        write_bytes_atomic(path, pdf.read_bytes())
    return path
