"""Shared fixtures: where the corpus and gold trees are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    assert files, "corpus/ is empty"
    return files


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch):
    """Tests assert on the English msgids; tests of the Chinese interface set the language themselves
    (tests/test_i18n.py). Subprocesses inherit DRAFTER_LANG."""
    from drafter import i18n

    monkeypatch.setenv("DRAFTER_LANG", "en")
    monkeypatch.setattr(i18n, "_override", None)
