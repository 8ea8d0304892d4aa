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


# ---- every example outline, both numbering styles, cut down to two sections and to sections
# without points: drafted, written to .txt/.md/.docx and parsed back to the outline's headings


def _outline_headings(nodes, depth=1):
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append((depth, node))
        else:
            out.append((depth, node["heading"]))
            out.extend(_outline_headings(node.get("points") or [], depth + 1))
    return out


def _variant(data: dict, numbering: str, shape: str) -> dict:
    sections = data["sections"]
    if shape.startswith("two"):
        sections = sections[:2]
    if shape.endswith("nopoints"):
        sections = [{"heading": s if isinstance(s, str) else s["heading"]} for s in sections]
    return dict(data, numbering=numbering, sections=sections)


#: (shape, seeds, formats): every shape in .txt and .md; .docx (slow to write) for two of them
SHAPES = [("full", (0, 1, 2), ("txt", "md")), ("two", (0,), ("txt", "md", "docx")),
          ("nopoints", (1,), ("txt", "md")), ("two-nopoints", (2,), ("txt", "md", "docx"))]


@pytest.mark.parametrize("numbering", ["lead", "numbered"])
@pytest.mark.parametrize("shape,seeds,formats", SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("outline", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_outlines_parse_back_to_their_headings(tmp_path, outline, shape, seeds, formats, numbering):
    import yaml

    data = _variant(yaml.safe_load(outline.read_text(encoding="utf-8")), numbering, shape)
    path = tmp_path / "outline.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    want = _outline_headings(data["sections"])
    for seed in seeds:
        speech = draft(path, seed=seed).speech
        assert [(d, s.heading) for d, s in speech.walk()] == want
        for suffix in formats:
            written = write(speech, tmp_path / f"draft-{seed}.{suffix}")
            got = [(d, s.heading) for d, s in parse_file(written).walk()]
            assert got == want, f"seed {seed}, .{suffix}"
