"""Readers and writers meet in the model: a draft written out and parsed back is the same tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.draft import draft
from drafter.parser import parse_file
from drafter.writers import write

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("suffix", ["txt", "md", "docx"])
@pytest.mark.parametrize("outline", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_drafts_round_trip_through_every_writer(tmp_path, outline, suffix):
    for seed in (0, 1):
        speech = draft(outline, seed=seed).speech
        path = write(speech, tmp_path / f"draft-{seed}.{suffix}")
        assert parse_file(path).content() == speech.content()


def test_dates_are_kept_in_one_form():
    from drafter.model import Speech
    assert Speech(date="2026-11-21").to_dict()["date"] == "2026年11月21日"
    speech = Speech()
    speech.date = "2026/1/5"
    assert speech.content()["date"] == "2026年1月5日"
    assert Speech(date="2026年11月21日").date == "2026年11月21日"
