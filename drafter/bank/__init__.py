"""The phrase bank: a directory of plain YAML (the truth) plus a derived index (for speed).

Public face: ``Phrase``, ``Source``, ``Bank``, ``load_bank``, ``save_bank``, ``merge_mined``,
``make_id``, ``default_bank_dir``. See docs/bank-format.md for the files.
"""

from drafter.bank.lock import bank_lock
from drafter.bank.merge import MergeReport, merge_mined
from drafter.bank.phrase import (DEFAULT_CATEGORIES, Bank, Phrase, Source, fold, make_id,
                                 slot_names, unique_id)
from drafter.bank.store import default_bank_dir, load_bank, packaged_bank_dir, save_bank

__all__ = ["Phrase", "Source", "Bank", "load_bank", "save_bank", "merge_mined", "MergeReport",
           "make_id", "unique_id", "fold", "slot_names", "default_bank_dir", "packaged_bank_dir",
           "bank_lock", "DEFAULT_CATEGORIES"]
