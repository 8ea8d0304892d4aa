"""Where things are in a bank folder: the file names and the phrase files there are.

Below both the store (which reads and writes them) and the index (which mirrors them), so
neither has to import the other to find a file.
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import BankError
from drafter.i18n import _

PHRASES_DIR = "phrases"
SKELETONS = "skeletons.yaml"
ALIASES = "aliases.yaml"
CATEGORIES = "categories.yaml"
DELETED = "deleted.yaml"


def phrase_files(bank_dir: Path) -> list[Path]:
    folder = Path(bank_dir) / PHRASES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".yaml" and not p.name.startswith("."))


def check_dir(bank_dir: Path) -> None:
    if not Path(bank_dir).is_dir():
        raise BankError(_("no phrase bank here (not a directory); pass --bank DIR or run drafter mine"),
                        path=bank_dir)
