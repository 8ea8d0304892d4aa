#!/usr/bin/env python3
"""Render the first page of a .docx to PNG, as LibreOffice sets it with free stand-in fonts.

    python docs/render_first_page.py DRAFT.docx OUT.png

LibreOffice (headless) → PDF → ``pdftoppm -png -r 80 -f 1 -l 1``. ``tests/render/fonts.conf``
maps 仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体 and 宋体 to the Fandol fonts
(texlive-lang-chinese), which set Han characters 1 em wide like the official fonts, so
the picture shows the real line and page breaks. Used for the README picture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).resolve().parent.parent / "tests" / "render" / "fonts.conf"
TIMEOUT = 180


def render_first_page(docx: Path, png: Path, dpi: int = 80) -> Path:
    """Write page 1 of ``docx`` to ``png``; raises RuntimeError with the reason on failure."""
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} not found (apt-get install libreoffice-writer-nogui poppler-utils)")
    if not docx.is_file():
        raise RuntimeError(f"{docx}: file not found")
    with tempfile.TemporaryDirectory(prefix="drafter-render-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(work))
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                       env=env, check=True, capture_output=True, timeout=TIMEOUT)
        pdf = work / (docx.stem + ".pdf")
        if not pdf.is_file():
            raise RuntimeError(f"{docx}: LibreOffice wrote no PDF")
        stem = work / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(stem)], check=True, capture_output=True, timeout=TIMEOUT)
        png.parent.mkdir(parents=True, exist_ok=True)
        tmp_png = png.with_name(png.name + ".tmp")
        shutil.copyfile(stem.with_suffix(".png"), tmp_png)
        os.replace(tmp_png, png)  # atomic: no half-written picture
    return png


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        out = render_first_page(Path(argv[0]), Path(argv[1]))
    except (RuntimeError, subprocess.SubprocessError) as err:
        print(f"render_first_page: {err}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
