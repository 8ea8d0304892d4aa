"""Word's navigation pane and a table of contents list every heading, lead sentences included.

The navigation pane shows paragraphs with an outline level (a style's or the paragraph's own
``w:outlineLvl``); a test reads those back from the XML. LibreOffice builds a table of contents
from the same levels: a rendering test has it insert one and finds every heading in it, in order.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.compose import draft
from drafter.ooxml import StyleSheet, first_attr
from drafter.writers import write
from tests.rendering import pdf_text, require_tools, squeeze, toc_pdf

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: lead-sentence drafts (研讨发言, 交流发言) and numbered ones
OUTLINES = ("研讨发言", "交流发言", "研讨发言-编号", "党课", "辅导报告")


def navigation_pane(path: Path) -> list[tuple[int, str]]:
    """(level, paragraph text) of every paragraph Word's navigation pane lists, in order."""
    document = docx.Document(str(path))
    sheet = StyleSheet(document)
    out = []
    for paragraph in document.paragraphs:
        value = first_attr(sheet.para_layers(paragraph._p), "w:outlineLvl", "w:val")
        if value is not None and int(value) < 9:
            out.append((int(value) + 1, paragraph.text))
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("outline")
    result = {}
    for name in OUTLINES:
        speech = draft(EXAMPLES / f"{name}.yaml", seed=0).speech
        result[name] = (speech, write(speech, out / f"{name}.docx"))
    return result


@pytest.mark.parametrize("name", OUTLINES)
def test_the_navigation_pane_lists_every_heading_in_order(written, name):
    speech, path = written[name]
    nav = navigation_pane(path)
    headings = speech.headings()
    assert headings and len(nav) == len(headings), (nav, headings)
    for (_level, text), (_depth, marker, heading) in zip(nav, headings):
        assert text.startswith(marker + heading), (text, marker, heading)
    levels = [level for level, _ in nav]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_lead_sentences_are_at_level_1_and_their_items_below(written):
    speech, path = written["研讨发言"]
    nav = navigation_pane(path)
    assert [lvl for lvl, _ in nav] == [min(d, 2) for d, _, _ in speech.headings()]
    assert nav[0][1].startswith("着力在强化理论武装上下功夫。")


def test_a_libreoffice_table_of_contents_lists_every_heading(written, tmp_path):
    require_tools()
    for name in ("研讨发言", "研讨发言-编号"):
        speech, path = written[name]
        text = squeeze(pdf_text(toc_pdf(path, tmp_path)))
        toc = text[:text.index(squeeze(speech.title)[:10])]  # the contents come before the title
        at = 0
        for _, marker, heading in speech.headings():
            found = toc.find(squeeze(marker + heading), at)
            assert found >= 0, (name, marker + heading, toc[at:at + 80])
            at = found
