"""``drafter lint`` on the command line: output lines, JSON, exit codes, --fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.cli import app
from drafter.lint import fix_text, lint_file
from drafter.lint.punctuation import replacements

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "lint"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["lint", *map(str, args)])


def test_lines_summary_and_exit_1_on_errors():
    result = run(FIXTURES / "numbering-sequence.txt")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (f"{FIXTURES / 'numbering-sequence.txt'}:6: error numbering-sequence: "
                        "三、 follows 一、; expected 二、")
    assert lines[-1].endswith("86 字, about 0 min 23 s at 220 字/分; 1 error, 0 warnings")


def test_clean_file_exits_0_and_warnings_do_not_fail():
    assert run(FIXTURES / "clean.txt").exit_code == 0
    result = run(FIXTURES / "overused-phrase.txt")
    assert result.exit_code == 0 and "warning overused-phrase" in result.output


def test_rate_changes_speaking_time():
    result = run("--rate", "171", FIXTURES / "clean.txt")
    assert "671 字, about 3 min 55 s at 171 字/分" in result.output


def test_json_lines_are_findings_only():
    result = runner.invoke(app, ["lint", "--json", str(FIXTURES / "placeholder.txt")])
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["paragraph"] for o in objects] == [1, 3, 4]
    assert set(objects[0]) == {"file", "paragraph", "level", "rule", "message"}
    assert objects[1]["rule"] == "placeholder" and objects[1]["level"] == "error"
    assert result.exit_code == 1


def test_target_option_and_bad_target():
    result = run("--target", "3000", FIXTURES / "clean.txt")
    assert "warning length-target: speech is 671 字" in result.output and result.exit_code == 0
    bad = runner.invoke(app, ["lint", "--target", "long", str(FIXTURES / "clean.txt")])
    assert bad.exit_code != 0


def test_unreadable_file_exit_2_but_others_still_linted(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(tmp_path / "old.doc", FIXTURES / "clean.txt")
    assert result.exit_code == 2
    assert "convert it to .docx" in result.output
    assert "clean.txt: 671 字" in result.output


def test_fix_writes_a_new_file_and_leaves_the_original(tmp_path):
    src = tmp_path / "s.txt"
    original = (FIXTURES / "halfwidth-punct.txt").read_text(encoding="utf-8")
    src.write_text(original, encoding="utf-8")
    result = run("--fix", src)
    assert result.exit_code == 0, result.output
    assert src.read_text(encoding="utf-8") == original
    fixed = (tmp_path / "s.fixed.txt").read_text(encoding="utf-8")
    assert "同志们：\n今年以来，全区上下坚持稳中求进工作总基调，各项工作取得明显成效。" in fixed
    assert "halfwidth-punct" not in result.output


def test_fix_in_place_and_output(tmp_path):
    src = tmp_path / "s.md"
    src.write_text("# 标题\n\n**一是加强学习。**要坚持学习,做到学深悟透.\n", encoding="utf-8")
    out = tmp_path / "out" / "fixed.md"
    assert run("--fix", "-o", out, src).exit_code == 0
    assert out.read_text(encoding="utf-8") == "# 标题\n\n**一是加强学习。**要坚持学习，做到学深悟透。\n"
    assert run("--fix", "--in-place", src).exit_code == 0
    assert src.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert run("--in-place", src).exit_code == 2


def test_fix_gbk_file_is_written_as_utf8(tmp_path):
    src = tmp_path / "g.txt"
    src.write_bytes("同志们:\n大家好,今天开会.\n".encode("gb18030"))
    run("--fix", src)
    assert (tmp_path / "g.fixed.txt").read_text(encoding="utf-8") == "同志们：\n大家好，今天开会。\n"


def test_docx_is_read_and_fixed_run_by_run(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("学习发言")
    p = doc.add_paragraph()
    p.add_run("一是加强学习,").bold = True
    p.add_run("做到XX学深悟透(一)。")
    path = tmp_path / "d.docx"
    doc.save(str(path))
    report = lint_file(path)
    assert {(f.paragraph, f.rule) for f in report.findings} == {(2, "placeholder"), (2, "halfwidth-punct")}
    assert run("--fix", path).exit_code == 1          # the placeholder stays an error
    fixed = docx.Document(str(tmp_path / "d.fixed.docx")).paragraphs[1]
    assert [r.text for r in fixed.runs] == ["一是加强学习，", "做到XX学深悟透（一）。"]
    assert fixed.runs[0].bold


def test_list_rules_includes_shipped_terms():
    result = run("--list-rules")
    assert result.exit_code == 0
    assert "halfwidth-punct" in result.output and "party-congress-name" in result.output


def test_bad_rules_file_is_one_line_error(tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text("rules:\n  - id: x\n    match: a\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "drafter", "lint", "--rules", str(bad),
                           str(FIXTURES / "clean.txt")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"drafter: {bad}:2: rules[0].write: 'write' is required (what to write instead, and why)"


CHINESE = st.sampled_from(list("我们要学习工作发展一二三的是。，“”（）"))
ASCII = st.sampled_from(list(",.:;!?()\"' 0123456789ABab\n"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(CHINESE, ASCII), max_size=60).map("".join))
def test_fix_removes_everything_the_rule_reports_and_nothing_else(text):
    fixed = fix_text(text)
    assert replacements(fixed) == []
    assert fix_text(fixed) == fixed
    if "..." not in text:
        assert len(fixed) == len(text)
        assert all(a == b or a in ",.:;!?()\"'" for a, b in zip(text, fixed))
    for line in fixed.splitlines():
        assert replacements(line) == []
