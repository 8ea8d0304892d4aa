"""Keep the Chinese catalog in step with the code (needs Babel: pip install -e '.[test]').

    python scripts/i18n.py update    # extract every _()/N_()/ngettext() literal, merge into the .po, compile .mo
    python scripts/i18n.py missing   # list msgids that have no Chinese yet (exit 1 if any)
    python scripts/i18n.py compile   # .po → .mo only (after editing translations by hand)

Workflow: wrap the string in code, run ``update``, write the msgstr in
drafter/locale/zh_CN/LC_MESSAGES/drafter.po, run ``compile``; commit the .po and the .mo.
On a merge conflict in the .mo, resolve the .po and run ``compile`` again.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "M_": (1,)}


def extract() -> Catalog:
    """Every marked literal in the package (what ``pybabel extract -F babel.cfg -k N_`` finds)."""
    template = Catalog(project="drafter")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        template.add(message, None, [(f"drafter/{filename}", lineno)], auto_comments=comments,
                     context=context)
    return template


def load_po() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="zh_CN", domain="drafter")


def save_po(catalog: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    PO.write_bytes(buf.getvalue())


def compile_mo(catalog: Catalog | None = None) -> None:
    catalog = catalog or load_po()
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    MO.write_bytes(buf.getvalue())


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    out = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        strings = entry.string if entry is not None else None
        if isinstance(strings, (tuple, list)):
            ok = all(strings)
        else:
            ok = bool(strings)
        if entry is None or not ok or entry.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        catalog = load_po()
        catalog.update(extract(), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        save_po(catalog)
        compile_mo(load_po())
        todo = missing(load_po(), extract())
        print(f"{PO.relative_to(ROOT)}: {len(todo)} without Chinese")
        return 0
    if command == "compile":
        compile_mo()
        return 0
    if command == "missing":
        todo = missing(load_po(), extract())
        for msgid in todo:
            print(msgid)
        return 1 if todo else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
