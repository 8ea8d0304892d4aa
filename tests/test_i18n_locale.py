"""Issue 14's must-show, as a new user meets it: with LANG=zh_CN.UTF-8 and no --lang every help
page, a bad outline, a missing file, check of a plain document and lint of the planted-error
document speak Chinese; with LANG=en_US.UTF-8 they speak English (tests/test_i18n.py holds the
--json byte-identity and the catalog checks)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u4e00-\u9fff]")
LINT = ROOT / "tests" / "fixtures" / "lint"
#: the lint fixtures with a planted error each, joined into one document
PLANTED = ("placeholder", "numbering-skip", "unpaired", "halfwidth-punct", "repeated-sentence", "overused-phrase")


def env(lang: str) -> dict:
    out = {k: v for k, v in os.environ.items()
           if k not in ("DRAFTER_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    out["LANG"] = lang
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return out


def run(args, lang, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                          cwd=cwd, env=env(lang), timeout=120)


def words(text: str) -> str:
    """What drafter says, without the file names and quoted text it repeats (which may be Chinese)."""
    text = re.sub(r"\S*/\S*", "", text)                  # paths
    text = re.sub(r"[“'‘«（(]?[^\s]*[\u4e00-\u9fff][^\s]*\.(txt|yaml|docx)", "", text)
    return text


def command_paths():
    from typer.main import get_command

    from drafter.cli import app
    out = []

    def walk(cmd, prefix):
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            out.append(prefix + [name])
            walk(sub, prefix + [name])
    walk(get_command(app), [])
    return out


@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_every_help_page_follows_lang(lang, monkeypatch):
    from typer.testing import CliRunner

    from drafter.cli import app
    for var in ("DRAFTER_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)
    runner = CliRunner()
    for path in [[]] + command_paths():
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        summary = lines[1]  # the line under the usage line: what the command does
        if lang.startswith("zh"):
            assert lines[0].startswith("用法："), (path, lines[0])
            assert HAN.search(summary), (path, summary)
            assert "Options" not in result.output and "Usage" not in result.output, path
        else:
            assert lines[0].startswith("Usage:"), (path, lines[0])
            # English words (Chinese terms it names, such as 同志们：, may stand among them)
            assert len(re.findall("[A-Za-z]{2,}", summary)) >= 3 > len(HAN.findall(summary)) / 4, (path, summary)
            assert "用法" not in result.output and "选项" not in result.output, path


def test_bad_outline_missing_file_check_and_lint_follow_lang(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 在专题研讨会上的发言\nsection:\n  - 坚持以学促干\n", encoding="utf-8")
    planted = tmp_path / "planted.txt"
    planted.write_text("".join((LINT / f"{name}.txt").read_text(encoding="utf-8") for name in PLANTED),
                       encoding="utf-8")
    import docx as python_docx
    plain = tmp_path / "plain.docx"
    document = python_docx.Document()
    document.add_paragraph("同志们：今天我们召开会议。")
    document.save(plain)
    cases = {
        "bad outline": (["draft", str(bad)], "stderr", 2, "未知的键", "unknown key 'section': did you mean 'sections'?"),
        "missing file": (["draft", str(tmp_path / "nosuch.yaml")], "stderr", 2, "提纲文件不存在", "no such outline file"),
        "check": (["check", str(plain)], "stdout", 1, "不通过", "FAIL"),
        "lint": (["lint", str(planted)], "stdout", 1, "个错误", "error"),
    }
    for what, (args, stream, code, zh_text, en_text) in cases.items():
        zh, en = run(args, "zh_CN.UTF-8"), run(args, "en_US.UTF-8")
        assert zh.returncode == en.returncode == code, (what, zh.returncode, en.returncode, zh.stderr)
        zh_out, en_out = getattr(zh, stream), getattr(en, stream)
        assert zh_text in zh_out and en_text not in zh_out, (what, zh_out)
        assert en_text in en_out, (what, en_out)
        for line in en_out.splitlines():  # English but for what it quotes of the user's files
            said = re.sub(r"“[^”]*”|'[^']*'|\([^)]*[\u4e00-\u9fff][^)]*\)|[^\s:]*[\u4e00-\u9fff]+[^\s:]*", "",
                          words(line))
            assert not HAN.search(said), (what, line)
        # every finding of the planted document is a Chinese line in Chinese
        if what == "lint":
            findings = [line for line in zh_out.splitlines() if ": " in line and "planted.txt:" in line]
            assert len(findings) >= len(PLANTED)
            assert all(re.search(r"(错误|警告|提示) [a-z-]+: .*[\u4e00-\u9fff]", line) for line in findings), findings
