"""``check_docx``: measure any .docx against a layout profile, one result per rule.

Rules live in ``rules.py`` (page size, margins, grid, fonts of styles and runs, sizes,
bold, language, line spacing, indent, alignment, heading levels, page numbers); how
paragraphs get their role (title, body, heading 2 …) is in ``paragraphs.py``. Documents
drafter did not write are read by what their paragraphs say, not by style names alone.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from drafter.check.rules import RULES, Context, RuleResult
from drafter.errors import ReadError
from drafter.layouts import Layout, load_layout

__all__ = ["RuleResult", "check_docx", "open_docx"]


def open_docx(path: str | Path):
    """The python-docx Document, or a one-line ReadError for a missing or non-.docx file."""
    import docx
    from docx.opc.exceptions import OpcError

    path = Path(path)
    if not path.is_file():
        raise ReadError("file not found" if not path.exists() else "not a file", path=str(path))
    if not zipfile.is_zipfile(path):
        raise ReadError("not a .docx file (an old .doc or another format? open and save it as .docx)",
                        path=str(path))
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError) as err:
        raise ReadError(f"not a valid .docx file ({err})", path=str(path)) from err
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}", path=str(path)) from err


def check_docx(path: str | Path, layout: Layout | str | Path | None = None) -> list[RuleResult]:
    """Every rule's result for the document at ``path`` against ``layout`` (default GB/T 9704)."""
    from drafter.check.paragraphs import paragraphs
    from drafter.writers.docx_xml import StyleSheet

    layout = load_layout(layout)
    document = open_docx(path)
    sheet = StyleSheet(document)
    ctx = Context(document, sheet, layout, paragraphs(document, sheet))
    return [rule(ctx) for rule in RULES]
