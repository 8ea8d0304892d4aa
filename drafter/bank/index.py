"""Derived index of a bank (placeholder until the SQLite index lands: parses every file)."""

from __future__ import annotations

from pathlib import Path

from drafter.bank.phrase import Phrase


def cached_phrases(bank_dir: Path) -> list[Phrase]:
    from drafter.bank.store import phrase_files, read_phrase_file
    out: list[Phrase] = []
    for path in phrase_files(bank_dir):
        out.extend(read_phrase_file(path))
    return out
