"""The phrase bank: a directory of plain YAML (the truth) plus a derived index (for speed).

Public face: ``Phrase``, ``Source``, ``Bank``, ``load_bank``, ``save_bank``, ``merge_mined``,
``make_id``, ``default_bank_dir``. See docs/bank-format.md for the files.

Names are imported on first use, so ``phrases search`` on a fresh index never pays for
importing PyYAML (a command's start-up time is most of what a writer waits for).
"""

from __future__ import annotations

import importlib

_HOME = {
    "Phrase": "phrase", "Source": "phrase", "Bank": "phrase", "make_id": "phrase",
    "unique_id": "phrase", "fold": "phrase", "slot_names": "phrase",
    "DEFAULT_CATEGORIES": "phrase",
    "load_bank": "store", "save_bank": "store", "default_bank_dir": "store",
    "packaged_bank_dir": "store",
    "merge_mined": "merge", "MergeReport": "merge",
    "bank_lock": "lock",
}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'drafter.bank' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"drafter.bank.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
