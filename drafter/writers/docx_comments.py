"""Lint findings as Word comments, anchored on the text they are about.

``add_lint_comments(src, out, findings)`` copies the .docx ``src`` to ``out`` with one comment
per finding (author ``drafter``): the rule id, the level and the message, which says what to
write instead where lint knows. A finding names a paragraph by its number among the
normalised paragraphs of what the .docx reader reads (``drafter.normalize.paragraphs``), so
the same reading maps it back to its Word paragraph; the comment spans the finding's excerpt
when the paragraph holds it (the runs are split there, formatting kept), else the whole
paragraph. Findings about the whole document (length) go on the title. The text, the runs'
look and so ``drafter check`` are unchanged: comments add only range marks and a reference.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from docx.oxml.ns import qn
from docx.text.run import Run

from drafter.atomic import write_bytes_atomic
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.lint import lint_file
from drafter.normalize import paragraphs
from drafter.ooxml import open_document
from drafter.readers import read
from drafter.readers.docx import _lines

AUTHOR = "drafter"
INITIALS = "DR"


def _docx_paragraphs_by_line(document) -> list:
    """The Word paragraph of each line of the text the .docx reader returns (same splitting)."""

    out = []
    for paragraph in document.paragraphs:
        out.extend([paragraph] * len(_lines(paragraph.text)))
    return out


def _plain_run(r) -> bool:
    """A run holding only formatting and one piece of text (safe to split)."""
    return all(c.tag in (qn("w:rPr"), qn("w:t")) for c in r) and len(r.findall(qn("w:t"))) == 1


def _split(run, at: int):
    """Split ``run`` before character ``at``; returns the second half (same formatting)."""
    second = copy.deepcopy(run._r)
    run._r.addnext(second)
    text = run.text
    run.text = text[:at]
    tail = Run(second, run._parent)
    tail.text = text[at:]
    return tail


def _anchor_runs(paragraph, excerpt: str | None) -> list:
    """The runs a comment on ``excerpt`` spans: exactly the excerpt where the runs allow."""
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        return []
    text = "".join(r.text for r in runs)
    start = text.find(excerpt) if excerpt else -1
    if start < 0 or excerpt is None:
        return [runs[0], runs[-1]]
    end = start + len(excerpt)
    inside, pos = [], 0
    for run in list(runs):
        a, b = pos, pos + len(run.text)
        pos = b
        if b <= start or a >= end:
            continue
        if not _plain_run(run._r):
            inside.append(run)
            continue
        if a < start:
            run = _split(run, start - a)
            a = start
        if b > end:
            _split(run, end - a)
        inside.append(run)
    return [inside[0], inside[-1]] if inside else [runs[0], runs[-1]]


def comment_text(finding) -> str:
    """``rule-id (level): message`` — the rule to look up, and what to change."""
    return f"{finding.rule} ({finding.level}): {finding.message}"


def add_lint_comments(src: str | Path, out: str | Path, findings) -> int:
    """Write ``src`` with a comment per finding to ``out`` (atomically); the number written."""

    document = open_document(src)
    raw = read(src)
    paras = paragraphs(raw.text, rejoin=raw.rejoin)
    by_line = _docx_paragraphs_by_line(document)
    first = next((p for p in document.paragraphs if p.text.strip()), None)
    count = 0
    for finding in findings:
        target = first
        if 1 <= finding.paragraph <= len(paras) and paras[finding.paragraph - 1].line <= len(by_line):
            target = by_line[paras[finding.paragraph - 1].line - 1]
        runs = _anchor_runs(target, finding.excerpt) if target is not None else []
        if not runs:
            continue
        document.add_comment(runs if runs[0] is not runs[-1] else runs[0], text=comment_text(finding),
                             author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    document.save(buffer)
    write_bytes_atomic(out, buffer.getvalue())
    return count


def comment_draft(path: str | Path) -> int:
    """Lint the .docx at ``path`` (default options) and add the findings to it as comments."""

    if Path(path).suffix.lower() != ".docx":
        raise DrafterError(_("--lint-comments needs .docx output (use -o NAME.docx)"), path=str(path))
    return add_lint_comments(path, path, lint_file(path).findings)
