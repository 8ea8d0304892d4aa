"""``check_docx``: measure any .docx against a layout profile, one result per rule.

Rules live in ``rules/`` (page size, margins, grid, fonts of styles and runs, sizes,
bold, language, line spacing, indent, alignment, heading levels, page numbers); how
paragraphs get their role (title, body, heading 2 …) is in ``paragraphs.py``. Documents
drafter did not write are read by what their paragraphs say, not by style names alone.
"""

from __future__ import annotations

from pathlib import Path

from drafter.check.paragraphs import paragraphs
from drafter.check.rules import RULES, Context, RuleResult
from drafter.layouts import Layout, load_layout
from drafter.ooxml import StyleSheet, open_document

__all__ = ["RuleResult", "check_docx", "open_docx"]


def open_docx(path: str | Path):
    """The python-docx Document, or a one-line ReadError for a missing, non-.docx or damaged file."""
    return open_document(path)


def check_docx(path: str | Path, layout: Layout | str | Path | None = None) -> list[RuleResult]:
    """Every rule's result for the document at ``path`` against ``layout`` (default GB/T 9704)."""

    layout = load_layout(layout)
    document = open_docx(path)
    sheet = StyleSheet(document)
    ctx = Context(document, sheet, layout, paragraphs(document, sheet))
    return [_run(rule, ctx) for rule in RULES]


def _run(rule, ctx) -> RuleResult:
    """One rule's result; a document whose XML the rule cannot make sense of (a value that is
    not a number, a part that is missing) fails that rule with the reason, not the run."""
    try:
        return rule(ctx)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError) as err:
        return RuleResult(rule.__name__.replace("_", " "), False,
                          f"cannot check: the document is damaged or unusual here ({type(err).__name__}: {err})")
