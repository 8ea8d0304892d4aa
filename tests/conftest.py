"""Shared fixtures: where the corpus and gold trees are."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"

_CACHE_HOME: str | None = None


def pytest_configure(config):
    """Derived caches (prepared banks, compiled templates, layouts: drafter/diskcache.py) go to a folder of
    this run, not the user's ~/.cache: tests start from a cold cache as a fresh machine does, and leave
    nothing behind. Set before any test runs, so subprocesses inherit it."""
    global _CACHE_HOME
    _CACHE_HOME = tempfile.mkdtemp(prefix="drafter-test-cache-")
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME


def pytest_unconfigure(config):
    if _CACHE_HOME:
        shutil.rmtree(_CACHE_HOME, ignore_errors=True)


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
