"""drafter/bank/store.py: a save writes only what changed and reports it, removes the file of a category left
empty, writes a partial bank's categories only, refuses category names that cannot be file names, and
reading refuses bank files of the wrong shape naming the file."""

from __future__ import annotations

import pytest

from drafter.bank import Phrase, load_bank
from drafter.bank.phrase import Bank, make_id
from drafter.bank.store import check_category_name, read_mapping, save_bank
from drafter.errors import BankError


def _phrase(text, category="金句"):
    return Phrase(make_id(category, text), text, category)


@pytest.fixture
def bank(tmp_path):
    directory = tmp_path / "bank"
    save_bank(Bank(phrases=[_phrase("一分部署、九分落实"), _phrase("谢谢大家", "结尾")]), directory)
    return directory


def test_a_new_bank_has_its_files_and_a_gitignore_for_the_derived_ones(bank):
    names = {p.relative_to(bank).as_posix() for p in bank.rglob("*") if p.is_file()}
    assert {"phrases/金句.yaml", "phrases/结尾.yaml", "categories.yaml", "deleted.yaml", ".gitignore"} <= names
    assert ".lock*" in (bank / ".gitignore").read_text(encoding="utf-8")


def test_saving_the_same_bank_again_writes_nothing(bank):
    before = {p: p.stat().st_mtime_ns for p in bank.rglob("*.yaml")}
    assert save_bank(load_bank(bank), bank) == []
    assert {p: p.stat().st_mtime_ns for p in bank.rglob("*.yaml")} == before


def test_a_save_reports_the_files_it_changed(bank):
    loaded = load_bank(bank)
    loaded.add(_phrase("功成不必在我"))
    assert save_bank(loaded, bank) == ["phrases/金句.yaml"]


def test_a_category_left_without_phrases_loses_its_file(bank):
    loaded = load_bank(bank)
    loaded.phrases = [p for p in loaded.phrases if p.category != "结尾"]
    loaded.invalidate()
    changed = save_bank(loaded, bank)
    assert "phrases/结尾.yaml" in changed and not (bank / "phrases" / "结尾.yaml").exists()
    assert {p.category for p in load_bank(bank).phrases} == {"金句"}


def test_a_partial_bank_writes_only_its_categories(bank):
    part = load_bank(bank, categories={"金句"})
    if part.partial is None:
        pytest.skip("this bank loads whole (no index yet)")
    assert {p.category for p in part.phrases} == {"金句"}
    part.add(_phrase("真抓实干"))
    assert save_bank(part, bank) == ["phrases/金句.yaml"]
    assert {p.text for p in load_bank(bank).phrases} == {"一分部署、九分落实", "谢谢大家", "真抓实干"}
    with pytest.raises(ValueError, match="cannot save"):
        save_bank(part, bank, only={"结尾"})


@pytest.mark.parametrize("name", ["", " 金句", "a/b", "a\\b", ".hidden", "两 个", "a:b", "问?", "x\0"])
def test_category_names_that_cannot_be_file_names_are_refused(name):
    with pytest.raises(BankError, match="bad category name") as info:
        check_category_name(name)
    assert info.value.key == "category"


def test_a_save_with_a_bad_category_writes_nothing(bank):
    loaded = load_bank(bank)
    before = {p.name: p.read_bytes() for p in (bank / "phrases").iterdir()}
    loaded.add(_phrase("坏的", "a/b"))
    with pytest.raises(BankError):
        save_bank(loaded, bank)
    assert {p.name: p.read_bytes() for p in (bank / "phrases").iterdir()} == before


def test_a_mapping_file_of_the_wrong_shape_names_the_file(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(BankError, match="aliases.yaml must be a mapping") as info:
        read_mapping(path, "aliases.yaml")
    assert info.value.path == str(path) and info.value.line == 1
    assert read_mapping(tmp_path / "missing.yaml", "x") == {}
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    assert read_mapping(tmp_path / "empty.yaml", "x") == {}


def test_a_phrases_file_that_is_not_a_list_names_the_file(bank):
    (bank / "phrases" / "金句.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(BankError, match="a phrases file must be a list of entries") as info:
        load_bank(bank, use_index=False)
    assert info.value.path.endswith("金句.yaml")


def test_an_entry_with_a_bad_count_names_its_line(bank):
    text = (bank / "phrases" / "金句.yaml").read_text(encoding="utf-8")
    (bank / "phrases" / "金句.yaml").write_text(text + "- id: 金句-x\n  text: 新\n  count: many\n", encoding="utf-8")
    with pytest.raises(BankError, match="count must be a whole number") as info:
        load_bank(bank, use_index=False)
    assert info.value.line == text.count("\n") + 1


def test_a_missing_bank_is_an_empty_bank_only_when_creating(tmp_path):
    assert load_bank(tmp_path / "none", create=True).phrases == []
    with pytest.raises(BankError):
        load_bank(tmp_path / "none")
