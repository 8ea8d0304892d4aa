"""The interface speaks Chinese by default and English on request; every marked string has Chinese.

The catalog checks use Babel (a test dependency) the way scripts/i18n.py does.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.po"
MO = PO.with_suffix(".mo")
MARKERS = {"_", "N_", "M_", "gettext", "ngettext"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_has_chinese():
    tool = _tool()
    todo = tool.missing(tool.load_po(), tool.extract())
    # also literals Babel cannot see (a marker call nested inside an f-string)
    po = tool.load_po()
    for path, node in _marker_calls():
        if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            entry = po.get(node.args[0].value) if node.func.id != "ngettext" else next(
                (m for m in po if isinstance(m.id, tuple) and m.id[0] == node.args[0].value), None)
            if entry is None or not entry.string:
                todo.append(f"{node.args[0].value}  ({path.relative_to(ROOT)}:{node.lineno})")
    assert not todo, ("strings marked for translation with no Chinese in drafter.po "
                      "(python scripts/i18n.py update, then translate):\n" + "\n".join(todo))


def test_shipped_mo_matches_po():
    tool = _tool()
    po = {m.id: m.string for m in tool.load_po() if m.id and m.string and not m.fuzzy}
    with MO.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)._catalog
    shipped = {}
    for key, value in mo.items():
        if key == "":
            continue
        if isinstance(key, tuple):  # plural entry: (msgid, index)
            shipped.setdefault(key[0], {})[key[1]] = value
        else:
            shipped[key] = value
    expected = {}
    for msgid, string in po.items():
        if isinstance(msgid, (tuple, list)):
            expected[msgid[0]] = dict(enumerate(string)) if isinstance(string, (tuple, list)) else {0: string}
        else:
            expected[msgid] = string
    assert shipped == expected, "drafter.mo is stale: run python scripts/i18n.py compile"


def test_placeholders_survive_translation():
    tool = _tool()
    field = re.compile(r"\{[^{}]*\}")
    for message in tool.load_po():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        wanted = sorted(set(field.findall(ids[-1])))
        for string in strings:
            assert sorted(set(field.findall(string))) == wanted, (message.id, string)


def _marker_calls():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                yield path, node


def test_marked_strings_are_literals():
    """Babel extracts only plain literals: _(f"...") or _("a" + b) would never be translated.

    ``_(NAME)`` / ``_(obj.attr)`` / ``_(table[key])`` are allowed: they translate a literal marked
    ``N_()`` where it was defined.
    """
    def literal(arg):
        return isinstance(arg, ast.Constant) and isinstance(arg.value, str)

    bad = []
    for path, node in _marker_calls():
        count = 2 if node.func.id == "ngettext" else 1
        args = node.args[:count]
        indirect = node.func.id in ("_", "M_") and args and isinstance(args[0], (ast.Name, ast.Attribute,
                                                                                 ast.Subscript, ast.Call))
        if len(args) < count or not (indirect or all(literal(a) for a in args)):
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, "f-string or expression inside a translation marker: " + ", ".join(bad)


@pytest.mark.parametrize("env, expected", [
    ({}, "zh"),
    ({"LANG": "C.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "DRAFTER_LANG": "zh"}, "zh"),
])
def test_language_from_environment(env, expected):
    assert i18n.language(env) == expected


def test_set_language_overrides_environment(monkeypatch):
    monkeypatch.setenv("DRAFTER_LANG", "en")
    i18n.set_language("zh")
    try:
        assert i18n.language() == "zh"
        assert HAN.search(i18n._("interrupted"))
    finally:
        i18n.set_language(None)
    assert i18n._("interrupted") == "interrupted"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DRAFTER_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(extra)
    return env


def run(args, **env):
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True,
                          cwd=ROOT, env=_env(**env), timeout=60)


def test_help_is_chinese_by_default_and_english_on_request():
    zh = run(["--help"], LANG="zh_CN.UTF-8")
    assert zh.returncode == 0 and "离线的讲话稿起草助手" in zh.stdout
    default = run(["--help"])
    assert "离线的讲话稿起草助手" in default.stdout
    en = run(["--help"], LANG="en_US.UTF-8")
    assert "Offline drafting assistant" in en.stdout and not HAN.search(en.stdout.split("Commands")[0])
    forced = run(["--lang", "en", "--help"], LANG="zh_CN.UTF-8")
    assert "Offline drafting assistant" in forced.stdout
    back = run(["--help", "--lang=zh"], LANG="en_US.UTF-8")
    assert "离线的讲话稿起草助手" in back.stdout


def test_unknown_language_is_one_line_exit_2():
    proc = run(["--lang", "fr", "--help"])
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--lang" in proc.stderr


# --- help pages -----------------------------------------------------------------------------------

def _all_command_paths():
    from typer.main import get_command

    from drafter.cli import app

    root = get_command(app)
    paths = [[]]

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append(prefix + [name])
            walk(sub, prefix + [name])

    walk(root, [])
    return paths


FRAMEWORK_PLACEHOLDERS = re.compile(r"<(?:int|float|str|path|list|bool|text)[^>]*>|list\[|\{[A-Z_]+\}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_of_every_command_has_no_framework_placeholders(lang, monkeypatch):
    from typer.testing import CliRunner

    from drafter.cli import app

    monkeypatch.setenv("DRAFTER_LANG", lang)
    runner = CliRunner()
    for path in _all_command_paths():
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        text = result.output
        assert not FRAMEWORK_PLACEHOLDERS.search(text), (path, FRAMEWORK_PLACEHOLDERS.search(text).group(0))
        usage = text.splitlines()[0]
        assert "{" not in usage and "<" not in usage, (path, usage)
        for line in text.splitlines():
            from drafter.clihelp.layout import width_of
            assert width_of(line) <= 80, (path, line)


def test_wrap_breaks_between_chinese_characters_not_before_punctuation():
    from drafter.clihelp.layout import width_of, wrap

    text = "提示和帮助的语言（默认按系统语言环境，否则为中文；也可用环境变量 DRAFTER_LANG）。" * 2
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width_of(line) <= 30 for line in lines)
    assert not any(line[0] in "，。；）" for line in lines[1:])
    assert wrap("Speaking rate in 字 per minute", 12) == ["Speaking", "rate in 字", "per minute"]


def test_usage_errors_are_one_translated_line(monkeypatch):
    zh = run(["lint", "--fi"], LANG="zh_CN.UTF-8")
    assert zh.returncode == 2 and zh.stderr.count("\n") == 1
    assert "没有这个选项" in zh.stderr and "--fix" in zh.stderr and "drafter lint --help" in zh.stderr
    en = run(["check"], LANG="en_US.UTF-8")
    assert en.returncode == 2 and en.stderr == "drafter: missing argument FILE.docx (see: drafter check --help)\n"
    bad = run(["lint", "--rate", "x", "a.txt"], LANG="zh_CN.UTF-8")
    assert bad.returncode == 2 and "--rate 的值无效：不是整数" in bad.stderr


# --- machine-readable output does not change with the language -------------------------------------

def test_json_output_is_byte_identical_in_both_languages(tmp_path):
    docx = tmp_path / "发言.docx"
    made = run(["export", "corpus/" + sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))[0],
                "-o", str(docx)], LANG="en_US.UTF-8")
    assert made.returncode == 0, made.stderr
    lint_doc = tmp_path / "planted.txt"
    lint_doc.write_text("".join((ROOT / "tests" / "fixtures" / "lint" / f"{name}.txt").read_text(encoding="utf-8")
                                for name in ("placeholder", "numbering-skip", "unpaired", "halfwidth-punct",
                                             "repeated-sentence", "overused-phrase")), encoding="utf-8")
    commands = [
        ["lint", "--json", "--target", "5000", str(lint_doc)],
        ["check", "--json", str(docx)],
        ["parse", "--json", "corpus/"],
        ["phrases", "search", "--json", "精神", "--bank", "phrasebank"],
        ["phrases", "stats", "--json", "--bank", "phrasebank"],
    ]
    for args in commands:
        # warm-up: a first run may (re)build the bank's search index
        subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, cwd=ROOT, env=_env(), timeout=120)
        zh = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, cwd=ROOT,
                            env=_env(LANG="zh_CN.UTF-8"), timeout=120)
        en = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, cwd=ROOT,
                            env=_env(LANG="en_US.UTF-8"), timeout=120)
        assert zh.stdout and zh.stdout == en.stdout, args
        assert zh.returncode == en.returncode, args
        assert zh.stderr != en.stderr or not zh.stderr, args     # the human part does change


def test_lint_and_check_speak_chinese_by_default(tmp_path):
    lint = run(["lint", "tests/fixtures/lint/placeholder.txt"], LANG="zh_CN.UTF-8")
    assert "错误 placeholder: 残留占位符" in lint.stdout and "个错误" in lint.stdout
    en = run(["lint", "tests/fixtures/lint/placeholder.txt"], LANG="en_US.UTF-8")
    assert "error placeholder: leftover placeholder" in en.stdout
    missing = run(["draft", "nosuch.yaml"], LANG="zh_CN.UTF-8")
    assert missing.returncode == 2 and "提纲文件不存在" in missing.stderr
    plain = tmp_path / "plain.docx"
    import docx as python_docx
    document = python_docx.Document()
    document.add_paragraph("同志们：今天我们召开会议。")
    document.save(plain)
    check = run(["check", str(plain)], LANG="zh_CN.UTF-8")
    assert check.returncode == 1 and "不通过" in check.stdout and "条规则中" in check.stdout


def test_bank_problems_fonts_and_stats_speak_the_users_language_but_json_stays_english(tmp_path, monkeypatch):
    """phrases validate / stats and drafter fonts: Chinese for a person, the same English in --json."""
    from drafter import i18n
    from drafter.bank.edit import check_text
    from drafter.bank.export import format_stats
    from drafter.bank.validate import validate_bank
    from drafter.errors import BankError
    from drafter.fonts import needed_fonts
    from drafter.layouts import load_layout

    bank = tmp_path / "bank"
    (bank / "phrases").mkdir(parents=True)
    (bank / "phrases" / "金句.yaml").write_text(
        "- id: 金句-bad00001\n  text: 坚持{地名}\n  category: 金句\n  count: -1\n  origin: user\n", encoding="utf-8")
    problems = validate_bank(bank)
    machine = [p.message for p in problems]
    assert any("negative count" in m for m in machine) and any("used in text but not listed" in m for m in machine)
    monkeypatch.setattr(i18n, "_override", "zh")
    assert [p.message for p in problems] == machine                  # what --json prints does not change
    shown = "\n".join(str(p) for p in problems)
    assert "次数为负数" in shown and "文本中用到空位 {地名}" in shown
    assert "用法" not in shown and "negative" not in shown
    with pytest.raises(BankError, match="含有模板语法"):
        check_text("坚持{% if x %}")
    needs = needed_fonts(load_layout("gbt9704"))
    assert any("heading 1" in n.uses for n in needs)                   # --json keeps the English labels
    stats = format_stats({"phrases": 3, "origins": {"mined": 3}, "deleted": 0,
                          "categories": {"金句": 3}, "tags": {}, "sources": {}})
    assert stats.startswith("短语：3 条") and "类别：" in stats
