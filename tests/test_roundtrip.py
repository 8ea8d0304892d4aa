"""Readers and writers meet in the model: a draft written out and parsed back is the same tree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafter.compose.draft import draft
from drafter.parser import parse_file
from drafter.writers import write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

sys.path.insert(0, str(ROOT / "tools"))
from roundtrip_check import outline_headings, variant  # noqa: E402  (tools/ is scripts, not a package)


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


# ---- every example outline, both numbering styles, cut down to two sections and to sections
# without points: drafted, written to .txt/.md/.docx and parsed back to the outline's headings


#: (shape, seeds, formats): every shape in .txt and .md; .docx (slow to write) for two of them
SHAPES = [("full", (0, 1, 2), ("txt", "md")), ("two", (0,), ("txt", "md", "docx")),
          ("nopoints", (1,), ("txt", "md")), ("two-nopoints", (2,), ("txt", "md", "docx"))]


@pytest.mark.parametrize("numbering", ["lead", "numbered"])
@pytest.mark.parametrize("shape,seeds,formats", SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("outline", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_outlines_parse_back_to_their_headings(tmp_path, outline, shape, seeds, formats, numbering):
    import yaml

    data = variant(yaml.safe_load(outline.read_text(encoding="utf-8")), numbering, shape)
    path = tmp_path / "outline.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    want = outline_headings(data["sections"])
    for seed in seeds:
        speech = draft(path, seed=seed).speech
        assert [(d, s.heading) for d, s in speech.walk()] == want
        for suffix in formats:
            written = write(speech, tmp_path / f"draft-{seed}.{suffix}")
            got = [(d, s.heading) for d, s in parse_file(written).walk()]
            assert got == want, f"seed {seed}, .{suffix}"


# ---- the outlines the benches draft, and the starting outline `drafter new` writes for every type: each
# bench outline in one numbering style and shape (together they cover every pair), every starter in both
# styles; written to .txt, .md and .docx and parsed back (tools/roundtrip_check.py runs the whole matrix)

BENCH_OUTLINES = sorted((Path(__file__).resolve().parent.parent / "bench" / "outlines").glob("*.yaml"))
_SHAPE_NAMES = [s[0] for s in SHAPES]


def _round_trips(tmp_path, data: dict, seed: int, formats=("txt", "md", "docx")) -> None:
    import yaml

    path = tmp_path / "outline.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    want = outline_headings(data["sections"])
    speech = draft(path, seed=seed).speech
    assert [(d, s.heading) for d, s in speech.walk()] == want
    for suffix in formats:
        written = write(speech, tmp_path / f"draft.{suffix}")
        assert [(d, s.heading) for d, s in parse_file(written).walk()] == want, f".{suffix}"


#: lead-style drafts the parser does not read back yet (none today; 09 and 11 read back since the
#: opening's count groups lead paragraphs of any comma pattern)
_NOT_YET: dict[str, str] = {}


@pytest.mark.parametrize("k", [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=_NOT_YET[p.stem]))
                               if p.stem in _NOT_YET else k for k, p in enumerate(BENCH_OUTLINES)],
                         ids=[p.stem for p in BENCH_OUTLINES])
def test_bench_outlines_parse_back_to_their_headings(tmp_path, k):
    import yaml

    numbering, shape = ("lead", "numbered")[(k // 4) % 2], _SHAPE_NAMES[k % 4]
    data = variant(yaml.safe_load(BENCH_OUTLINES[k].read_text(encoding="utf-8")), numbering, shape)
    _round_trips(tmp_path, data, seed=k % 3)


def test_two_comma_lead_sections_announced_in_the_opening_parse_back(tmp_path):
    # bench/outlines/02: 发展特色产业，让农民腰包鼓起来 / 建设和美乡村，… share no opening words; the
    # opening's 从两个方面作简要交流 says there are two
    import yaml

    data = variant(yaml.safe_load(BENCH_OUTLINES[1].read_text(encoding="utf-8")), "lead", "two-nopoints")
    _round_trips(tmp_path, data, seed=0, formats=("txt",))


@pytest.mark.parametrize("numbering", ["lead", "numbered"])
def test_starter_outlines_parse_back_to_their_headings(tmp_path, numbering):
    import yaml

    from drafter.compose import env as envmod
    from drafter.compose.starter import new_outline

    for info in envmod.list_templates():
        data = yaml.safe_load(new_outline(info.name, theme="以学促干"))
        sections = [{"heading": s["heading"].replace("〔待填：", "").replace("〕", "")} for s in data["sections"]]
        _round_trips(tmp_path, dict(data, numbering=numbering, sections=sections), seed=1)
