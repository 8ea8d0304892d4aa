"""``drafter lint --fix``: rewrite the mechanical findings (punctuation width) only.

The fixed copy goes to a new file (``NAME.fixed.txt`` beside the original, or the
path given) unless the caller asks for in place; either way the write is atomic.
Text files keep everything but the replaced marks (Markdown markup, line breaks,
hard wraps); they are written back as UTF-8. In a .docx the marks are replaced
inside their runs, so formatting stays; a ``...`` ellipsis there is left for the
writer, since it changes length across runs.
"""

from __future__ import annotations

from pathlib import Path

from drafter.atomic import atomic_open, write_text_atomic
from drafter.errors import ReadError
from drafter.i18n import _
from drafter.limits import read_input_bytes, stat_input
from drafter.lint.punctuation import fix_text, replacements
from drafter.readers import TEXT_SUFFIXES, read
from drafter.readers.text import decode


def fixed_path(path: Path) -> Path:
    """speech.txt → speech.fixed.txt (never the original)."""
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def fix_file(path: str | Path, out: str | Path | None = None, in_place: bool = False) -> tuple[Path, int]:
    """Write the punctuation-fixed file; return where it went and how many marks changed."""
    path = Path(path)
    stat_input(path)
    target = path if in_place else Path(out) if out else fixed_path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return target, _fix_docx(path, target)
    if suffix not in TEXT_SUFFIXES:
        read(path)      # raises the reader's own one-line explanation
        raise ReadError(_("--fix handles .txt, .md and .docx files"), path=str(path))
    data = read_input_bytes(path)           # FIFOs, huge files refused; bad bytes refused below
    text = decode(data, str(path))          # never U+FFFD: the file is refused, not rewritten
    count = len(replacements(text))
    write_text_atomic(target, fix_text(text))
    return target, count


def _fix_docx(path: Path, target: Path) -> int:
    import docx  # noqa: PLC0415 - python-docx (+lxml) costs ~100 ms to import: only for a .docx
    from docx.opc.exceptions import PackageNotFoundError  # noqa: PLC0415 - python-docx (+lxml) costs ~100 ms to import

    from drafter.ooxml import open_document  # noqa: PLC0415 - loads python-docx: only for a .docx
    open_document(path)             # refuses bombs, damaged and non-regular files first
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        raise ReadError(_("not a readable .docx file ({error})").format(error=err), path=str(path)) from None
    count = sum(_fix_paragraph(p) for p in _all_paragraphs(document))
    with atomic_open(target, "wb", encoding=None) as handle:
        document.save(handle)
    return count


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _fix_paragraph(paragraph) -> int:
    """Replace marks run by run (one character for one), keeping each run's formatting."""
    runs = list(paragraph.runs)
    text = "".join(r.text for r in runs)
    reps = [(a, new) for a, b, new in replacements(text) if b - a == len(new) == 1]
    if not reps:
        return 0
    chars = list(text)
    for a, new in reps:
        chars[a] = new
    pos = 0
    for run in runs:
        n = len(run.text)
        new_text = "".join(chars[pos:pos + n])
        if new_text != run.text:
            run.text = new_text
        pos += n
    return len(reps)
