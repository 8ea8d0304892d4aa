"""A typo in an outline key or value is an error naming the closest known one (issue 14)."""

from __future__ import annotations

import pytest

from drafter.compose.outline import load_outline
from drafter.errors import LayoutError, OutlineError
from drafter.suggest import closest


@pytest.mark.parametrize("text, where, best", [
    ("title: x\nsection:\n  - a\n", ":2:1: section", "'sections'"),
    ("title: x\nlenght: 3000\nsections: [a]\n", ":2:1: lenght", "'length'"),
    ("titel: x\nsections: [a]\n", ":1:1: titel", "'title'"),
    ("title: x\nnumbering: numberd\nsections: [a]\n", ":2:12: numbering", "'numbered'"),
    ("title: x\nsections:\n  - heading: a\n    point: [b]\n", ":4:5: sections[1].point", "'points'"),
])
def test_typo_names_the_closest_key(tmp_path, text, where, best):
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError) as err:
        load_outline(path)
    message = str(err.value)
    assert message.startswith(f"{path}{where}: ") and f"did you mean {best}?" in message


def test_unknown_type_names_the_closest_type(tmp_path):
    from drafter.compose import draft
    path = tmp_path / "o.yaml"
    path.write_text("type: 研讨发言稿\ntitle: x\nsections: [a]\n", encoding="utf-8")
    with pytest.raises(OutlineError, match=r":1:7: type: unknown type '研讨发言稿': did you mean '研讨发言'\?"):
        draft(path)


def test_new_with_a_typo_in_the_type():
    from drafter.compose.starter import new_outline
    with pytest.raises(OutlineError, match="did you mean '党课'"):
        new_outline("党科")


def test_unknown_layout_names_the_closest():
    from drafter.layouts import load_layout
    with pytest.raises(LayoutError, match="no layout named 'gbt9705'; did you mean 'gbt9704'"):
        load_layout("gbt9705")


def test_unknown_category_names_the_closest(tmp_path):
    import shutil

    from drafter.bank.edit import add_phrase
    from drafter.bank.locate import packaged_bank_dir
    from drafter.errors import BankError
    bank = tmp_path / "bank"
    shutil.copytree(packaged_bank_dir(), bank, ignore=shutil.ignore_patterns(".index.sqlite*", ".lock"))
    with pytest.raises(BankError, match="unknown category '金名': did you mean '金句'"):
        add_phrase(bank, "新的一句话在这里", "金名", [])


def test_no_suggestion_when_nothing_is_close():
    assert closest("述职报告", ["研讨发言", "党课", "辅导报告", "交流发言"]) is None
    assert closest("xyz", ["lead", "numbered"]) is None


def test_the_message_is_chinese_under_zh(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_LANG", "zh")
    path = tmp_path / "o.yaml"
    path.write_text("title: x\nsection: [a]\n", encoding="utf-8")
    with pytest.raises(OutlineError) as err:
        load_outline(path)
    assert "未知的键 'section'：是不是 'sections'？" in str(err.value)


def test_new_leaves_placeholders_that_lint_flags_and_draft_warns_about(tmp_path, monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    from drafter.compose.outline import unedited
    from drafter.compose.starter import new_outline
    from drafter.lint import lint_file

    root = Path(__file__).resolve().parent.parent
    text = new_outline("党课")
    path = tmp_path / "党课.yaml"
    path.write_text(text, encoding="utf-8")
    outline = load_outline(path)
    assert "主题" not in outline.title.replace("〔待填：主题〕", "")     # no bare 主题 the draft would use verbatim
    assert ("theme", "〔待填：主题〕") in unedited(outline)
    proc = subprocess.run([sys.executable, "-m", "drafter", "draft", str(path), "-o", str(tmp_path / "d.txt")],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "theme still holds 〔待填：主题〕 from drafter new" in proc.stderr
    report = lint_file(tmp_path / "d.txt")
    flagged = [f for f in report.findings if f.rule == "placeholder" and "〔待填：主题〕" in f.message]
    assert flagged and flagged[0].paragraph == 1                      # the title, first paragraph


def test_lint_flags_the_starter_text_of_older_versions(tmp_path):
    from drafter.lint import lint_file
    path = tmp_path / "old.txt"
    path.write_text("“主题”专题党课\n\n同志们：\n\n总之，“主题”是一项长期任务。\n", encoding="utf-8")
    rules = {f.paragraph for f in lint_file(path).findings if f.rule == "placeholder"}
    assert rules == {1, 3}


def test_draft_on_stdout_ends_with_a_newline():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "drafter", "draft", "examples/研讨发言.yaml"], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.endswith("\n")
    assert not proc.stdout.endswith("\n\n")
