"""The XML parts of the .docx files drafter writes, for comparing two versions of the writer.

    PYTHONPATH=CHECKOUT python tools/docx_parts.py OUT_DIR

writes, for every corpus speech (``corpus/*.txt``, read and parsed) and every example outline
(drafted with seed 0), the .docx in each shipped layout and once with a reference document,
then unpacks every part of each into ``OUT_DIR/<case>/`` with the timestamps of
``docProps/core.xml`` masked. Run it for the old and the new checkout and ``diff -r`` the two
folders: what differs is what the change changed.
"""

from __future__ import annotations

import re
import sys
import tempfile
import zipfile
from pathlib import Path

STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def speeches():
    import drafter
    from drafter.compose import draft
    from drafter.parser import parse_file

    root = Path(drafter.__file__).resolve().parent.parent  # the checkout on PYTHONPATH
    for path in sorted((root / "corpus").glob("*.txt")):
        yield f"corpus-{path.stem[:3]}", parse_file(path)
    for path in sorted((root / "examples").glob("*.yaml")):
        yield f"draft-{path.stem}", draft(path, seed=0).speech


def reference_doc(folder: Path) -> Path:
    """A reference document as a user would have it: Normal restyled, margins moved, text inside."""
    import docx
    from docx.shared import Mm, Pt

    ref = docx.Document()
    ref.styles["Normal"].font.size = Pt(15)
    ref.sections[0].left_margin = Mm(30)
    ref.add_paragraph("旧内容")
    path = folder / "ref.docx"
    ref.save(path)
    return path


def main() -> None:
    out = Path(sys.argv[1])
    from drafter.writers import write

    with tempfile.TemporaryDirectory() as tmp:
        ref = reference_doc(Path(tmp))
        for name, speech in speeches():
            cases = {layout: {"layout": layout} for layout in ("gbt9704", "large-print", "windows")}
            cases["reference"] = {"reference_doc": ref}
            for case, options in cases.items():
                path = Path(tmp) / f"{name}-{case}.docx"
                write(speech, path, **options)
                folder = out / f"{name}-{case}"
                with zipfile.ZipFile(path) as z:
                    (folder).mkdir(parents=True, exist_ok=True)
                    (folder / "_members.txt").write_text("\n".join(z.namelist()) + "\n", encoding="utf-8")
                    for member in z.namelist():
                        data = z.read(member)
                        if member == "docProps/core.xml":
                            data = STAMP.sub(b"<time>", data)
                        target = folder / member
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(data)
    print(f"parts written under {out}")


if __name__ == "__main__":
    main()
