"""Word .docx: paragraph text, with heading styles and bold leading runs kept as hints."""

from __future__ import annotations

import re
import zipfile

from docx.oxml.ns import qn
from pathlib import Path

from drafter.errors import ReadError

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def open_document(path: str | Path):
    """The python-docx Document at ``path``; anything that is not a readable .docx is a ReadError.

    "not a .docx file": not a zip at all (an old .doc or .wps renamed); "not a valid .docx
    file": a zip whose parts are missing or damaged (lxml's XMLSyntaxError is a SyntaxError).
    """
    import docx  # python-docx
    from docx.opc.exceptions import OpcError

    path = Path(path)
    if not path.is_file():
        raise ReadError("file not found" if not path.exists() else "not a file", path=str(path))
    if not zipfile.is_zipfile(path):
        raise ReadError("not a .docx file (an old .doc renamed? open and save it as .docx)", path=str(path))
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, SyntaxError) as err:
        raise ReadError(f"not a valid .docx file, it is damaged ({err}); open and re-save it in Word or WPS",
                        path=str(path)) from err
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}", path=str(path)) from err


def read_docx(path: Path):
    from drafter.readers import Hint, RawDoc

    document = open_document(path)
    lines: list[str] = []
    hints: dict[int, Hint] = {}
    for paragraph in document.paragraphs:
        text = paragraph.text.replace("\n", "").replace("\r", "")
        lines.append(text)
        hint = _hint(paragraph)
        if hint is not None and text.strip():
            hints[len(lines)] = hint
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("document has no text", path=str(path))
    return RawDoc(path=path, text=text, hints=hints, rejoin=False)


def _heading_level(paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return int(m.group(1))
        ppr = style.element.pPr
        if ppr is not None:
            outline = ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
            if outline is not None:
                value = int(outline.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"))
                return value + 1 if value < 9 else None
        style = style.base_style
    return None


def _hint(paragraph):
    from drafter.readers import Hint

    level = _heading_level(paragraph)
    runs = [r for r in paragraph.runs if r.text]
    last_font = _east_asian_font(runs[-1]) if runs else None
    lead = []
    for run in runs:
        # a lead is set off by bold or by a heading font (黑体/楷体 against a 仿宋 body)
        if run.bold or _east_asian_font(run) != last_font:
            lead.append(run.text)
        else:
            break
    lead_text = "".join(lead).strip()
    if lead_text == paragraph.text.strip():
        lead_text = ""  # a wholly bold paragraph is emphasis, not a lead
    if level is None and not lead_text:
        return None
    return Hint(level=level, lead=lead_text, style=paragraph.style.name if paragraph.style else "")


def _east_asian_font(run) -> str | None:
    rpr = run._element.rPr
    fonts = rpr.rFonts if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None
