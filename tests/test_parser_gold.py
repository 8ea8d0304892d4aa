"""All five corpus speeches parse to the structure in tests/fixtures/gold/*.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.normalize import normalize
from drafter.parser import parse_file
from conftest import CORPUS, GOLD

GOLD_FILES = sorted(GOLD.glob("*.yaml"))


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_corpus_speech_parses_to_gold(gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    speech = parse_file(CORPUS / f"{gold_path.stem}.txt")
    assert speech.title == gold["title"]
    assert speech.salutation == gold["salutation"]
    assert len(speech.opening) == gold["opening_paragraphs"]
    expected = [(d, m, normalize(h)) for d, m, h in gold["headings"]]
    assert speech.headings() == expected
    if gold["closing_first"] is None:
        assert speech.closing == []
    else:
        # gold gives the first sentence of the first closing paragraph and the whole last one
        assert speech.closing[0].startswith(gold["closing_first"])
        assert speech.closing[-1] == gold["closing_last"]


def test_gold_covers_the_whole_corpus():
    assert [p.stem for p in GOLD_FILES] == [p.stem for p in sorted(CORPUS.glob("*.txt"))]


FIXTURES = Path(__file__).resolve().parent / "fixtures"
MORE = sorted(FIXTURES.glob("speeches/*.yaml")) + sorted(FIXTURES.glob("speeches_more/*.yaml"))


@pytest.mark.parametrize("gold_path", MORE, ids=[p.stem for p in MORE])
def test_more_speeches_of_the_genre_parse_to_their_structure(gold_path):
    """Speeches written for these tests, as writers' folders hold them: numbered and lead styles, items
    inline or as paragraphs, titles over two lines, speaker and date lines (二〇二四年九月十二日, 2023年11月),
    named salutations, web-page chrome, PDF text hard-wrapped with page numbers, real pdftotext output."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    speech = parse_file(gold_path.with_suffix(".txt"))
    for key in ("title", "salutation", "speaker", "date"):
        if key in gold:
            assert getattr(speech, key) == gold[key], key
    assert len(speech.opening) == gold["opening_paragraphs"]
    assert speech.headings() == [(d, m, normalize(h)) for d, m, h in gold["headings"]]
    if gold["closing_first"] is None:
        assert speech.closing == []
    else:
        assert speech.closing[0].startswith(gold["closing_first"])
        assert speech.closing[-1] == gold["closing_last"]
