"""The draft, new and templates commands: output, files, and one-line errors with exit code 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from drafter.cli import app

ROOT = Path(__file__).resolve().parent.parent
BANK = str(ROOT / "tests" / "fixtures" / "bank")
EXAMPLE = str(ROOT / "examples" / "研讨发言.yaml")
runner = CliRunner()


def run(*args):
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_draft_to_stdout_and_files(tmp_path):
    r = runner.invoke(app, ["draft", EXAMPLE, "--bank", BANK, "--seed", "1"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("在理论学习中心组“以学促干”专题研讨会上的发言\n")
    assert "同志们：" in r.stdout
    out, md, src = tmp_path / "d.txt", tmp_path / "d.md", tmp_path / "s.yaml"
    r = runner.invoke(app, ["draft", EXAMPLE, "--bank", BANK, "--seed", "1", "-o", str(out), "--sources", str(src)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").replace("\n", "") != ""
    sources = yaml.safe_load(src.read_text(encoding="utf-8"))
    assert sources["borrowed"] and all(b["phrase"] for b in sources["borrowed"])
    assert runner.invoke(app, ["draft", EXAMPLE, "--bank", BANK, "-o", str(md)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# ")


def test_sources_as_json(tmp_path):
    src = tmp_path / "s.json"
    r = runner.invoke(app, ["draft", EXAMPLE, "--bank", BANK, "--sources", str(src)])
    assert r.exit_code == 0
    data = json.loads(src.read_text(encoding="utf-8"))
    assert {"phrase", "category", "place", "text", "sources"} <= set(data["borrowed"][0])


@pytest.mark.parametrize("text, expected", [
    ("title: x\nsections:\n  - heading: [a\n", ":4:1: YAML syntax error"),
    ("sections: [a]\n", "title: missing required key 'title'"),
    ("title: x\n", "sections: missing required key 'sections'"),
    ("type: 述职报告\ntitle: x\nsections: [a]\n", ":1:7: type: unknown type '述职报告'"),
    ("title: x\nlength: 三千\nsections: [a]\n", ":2:9: length: expected a positive whole number"),
])
def test_bad_outline_one_line_exit_2(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    r = run("draft", str(path), "--bank", BANK)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"drafter: {path}") and expected in r.stderr


def test_missing_outline_file_exit_2(tmp_path):
    r = run("draft", str(tmp_path / "none.yaml"), "--bank", BANK)
    assert r.returncode == 2 and "no such outline file" in r.stderr and "Traceback" not in r.stderr


def test_strict_makes_missing_slots_an_error(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("title: x\nopening: 我代表{单位}发言。\nsections: [深入调查研究]\n", encoding="utf-8")
    r = run("draft", str(path), "--bank", BANK)
    assert r.returncode == 0 and "〔待补充：单位〕" in r.stdout and "warning" in r.stderr
    r = run("draft", str(path), "--bank", BANK, "--strict")
    assert r.returncode == 2 and "vars.单位" in r.stderr


def test_layout_options_need_docx(tmp_path):
    r = runner.invoke(app, ["draft", EXAMPLE, "--bank", BANK, "--layout", "large-print"])
    assert r.exit_code == 2


def test_user_templates_come_first_and_errors_name_the_line(tmp_path):
    mine = tmp_path / "tpl"
    mine.mkdir()
    (mine / "研讨发言.j2").write_text("@title {{ outline.title }}\n@salutation 同志们：\n{{ nosuch }}\n",
                                    encoding="utf-8")
    r = run("draft", EXAMPLE, "--bank", BANK, "--templates", str(mine))
    assert r.returncode == 2
    assert "研讨发言.j2:3" in r.stderr and "nosuch" in r.stderr and "Traceback" not in r.stderr
    r = run("templates", "list", "--templates", str(mine))
    assert str(mine / "研讨发言.j2") in r.stdout and "辅导报告" in r.stdout


def test_sandbox_blocks_unsafe_attribute_access(tmp_path):
    mine = tmp_path / "tpl"
    mine.mkdir()
    (mine / "研讨发言.j2").write_text("@title {{ outline.__class__.__mro__ }}\n", encoding="utf-8")
    r = run("draft", EXAMPLE, "--bank", BANK, "--templates", str(mine))
    assert r.returncode == 2 and "研讨发言.j2" in r.stderr and "Traceback" not in r.stderr


def test_templates_list_shows_builtins():
    r = runner.invoke(app, ["templates", "list"])
    names = [line.split("\t")[0] for line in r.stdout.splitlines()]
    assert {"研讨发言", "交流发言", "辅导报告", "党课"} <= set(names)


def test_new_writes_an_outline_that_drafts(tmp_path):
    out = tmp_path / "new.yaml"
    r = runner.invoke(app, ["new", "研讨发言", "--theme", "以学促干", "-o", str(out), "--bank", BANK])
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["type"] == "研讨发言" and data["theme"] == "以学促干"
    assert [s["heading"] for s in data["sections"]] == [
        "坚持以学促干，在学思践悟中把牢方向", "坚持埋头苦干，在履职尽责中展现作为", "坚持真抓实干，在转变作风中锤炼党性"]
    r = runner.invoke(app, ["draft", str(out), "--bank", BANK])
    assert r.exit_code == 0 and "坚持埋头苦干，在履职尽责中展现作为" in r.stdout
    r = run("new", "述职报告", "--bank", BANK)
    assert r.returncode == 2 and "unknown type '述职报告'" in r.stderr
