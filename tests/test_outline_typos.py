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
