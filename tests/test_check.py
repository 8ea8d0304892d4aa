"""drafter check: drafter's own output passes every rule; python-docx defaults fail, rules named."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from drafter.check import check_docx
from drafter.cli import app
from drafter.compose import draft
from drafter.errors import ReadError
from drafter.writers import write

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
runner = CliRunner()


def _failed(results) -> dict[str, str]:
    return {r.rule: r.found for r in results if not r.ok}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("check")
    return {p.stem: write(draft(p, seed=0).speech, out / f"{p.stem}.docx") for p in EXAMPLES}


@pytest.fixture
def default_doc(tmp_path) -> Path:
    """A speech typed into python-docx's default document, styles as they come."""
    d = docx.Document()
    d.add_paragraph("在专题研讨会上的发言", style="Title")
    d.add_paragraph("一、提高政治站位", style="Heading 1")
    d.add_paragraph("（一）深化理论学习", style="Heading 1")
    d.add_paragraph("我们要“学深悟透”，2026年要见成效。" * 4)
    path = tmp_path / "default.docx"
    d.save(path)
    return path


def test_examples_are_all_checked():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_drafter_output_passes_every_rule(drafted, name):
    results = check_docx(drafted[name])
    assert not _failed(results), _failed(results)
    assert len(results) == 15


def test_large_print_output_passes_its_own_layout_only(tmp_path):
    path = write(draft(EXAMPLES[0], seed=0).speech, tmp_path / "big.docx", layout="large-print")
    assert not _failed(check_docx(path, "large-print"))
    failed = _failed(check_docx(path))
    assert {"grid", "sizes", "line spacing"} <= set(failed)
    assert "18 pt (小二) (want 16 pt (三号))" in failed["sizes"]


def test_python_docx_defaults_fail_with_rules_named(default_doc):
    failed = _failed(check_docx(default_doc))
    assert {"page size", "margins", "grid", "style fonts", "run fonts", "latin font", "punctuation font",
            "sizes", "line spacing", "indent", "alignment", "language", "heading levels",
            "page numbers"} <= set(failed)
    assert "215.9 × 279.4 mm" in failed["page size"]
    assert "theme:majorEastAsia (want 方正小标宋简体)" in failed["run fonts"]
    assert "ja-JP" in failed["language"]
    assert "（一）深化理论学习" in failed["heading levels"] and "want level 2" in failed["heading levels"]
    assert "39 characters" in failed["grid"]


def test_fixing_one_thing_fixes_its_rule(default_doc, tmp_path):
    d = docx.Document(str(default_doc))
    for s in d.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    d.save(tmp_path / "a4.docx")
    failed = _failed(check_docx(tmp_path / "a4.docx"))
    assert "page size" not in failed and "margins" not in failed and "run fonts" in failed


def test_wrong_run_font_is_found(drafted, tmp_path):
    d = docx.Document(str(drafted["研讨发言"]))
    body = [p for p in d.paragraphs if p.style.name == "Normal"][-1]
    rfonts = body.runs[-1]._r.rPr.rFonts
    rfonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体")
    body.runs[-1].font.size = Pt(15)
    d.save(tmp_path / "edited.docx")
    failed = _failed(check_docx(tmp_path / "edited.docx"))
    assert set(failed) == {"run fonts", "sizes"}
    assert "宋体 (want 仿宋_GB2312)" in failed["run fonts"] and "15 pt (小三)" in failed["sizes"]


def test_missing_and_non_docx_files(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        check_docx(tmp_path / "none.docx")
    txt = tmp_path / "speech.docx"
    txt.write_text("同志们：", encoding="utf-8")
    with pytest.raises(ReadError, match="not a .docx"):
        check_docx(txt)


def test_cli_prints_one_line_per_rule_and_exits_by_result(drafted, default_doc):
    ok = runner.invoke(app, ["check", str(drafted["党课"])])
    assert ok.exit_code == 0, ok.output
    lines = ok.output.strip().splitlines()
    assert len(lines) == 16 and all(ln.startswith("pass  ") for ln in lines[:15])
    assert lines[-1].endswith("all 15 rules pass (gbt9704 layout)")
    bad = runner.invoke(app, ["check", str(default_doc)])
    assert bad.exit_code == 1
    assert "FAIL  page size: 215.9 × 279.4 mm (want 210 × 297 mm)" in bad.output


def test_cli_json(default_doc):
    result = runner.invoke(app, ["check", "--json", str(default_doc)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["layout"] == "gbt9704"
    assert {r["rule"] for r in data["rules"] if not r["ok"]} >= {"page size", "page numbers"}


def test_cli_bad_file_is_one_line_exit_2(tmp_path):
    from drafter.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(tmp_path / "none.docx")])
    assert exit_info.value.code == 2


def test_export_txt_to_docx_passes_check(tmp_path):
    corpus = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[0]
    out = tmp_path / "office.docx"
    result = runner.invoke(app, ["export", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not _failed(check_docx(out))
    md = runner.invoke(app, ["export", str(out), "-o", str(tmp_path / "back.md")])
    assert md.exit_code == 0 and (tmp_path / "back.md").read_text(encoding="utf-8").startswith("#")


def test_export_layout_only_for_docx(tmp_path):
    corpus = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[0]
    result = runner.invoke(app, ["export", str(corpus), "-o", str(tmp_path / "x.md"), "--layout", "large-print"])
    assert result.exit_code == 2 and "apply to .docx and .pdf output only" in result.output
