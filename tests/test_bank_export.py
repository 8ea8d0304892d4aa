"""drafter/bank/export.py: CSV a spreadsheet opens (lists joined with ;, sources as file:para), the bank's
own YAML, and an editable copy of the shipped bank holding its files and none of the derived ones."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from drafter.bank import Phrase, Source
from drafter.bank.export import CSV_COLUMNS, copy_packaged_bank, export_text, format_stats
from drafter.errors import BankError

PHRASES = [Phrase("金句-1", "一分部署，九分落实", "金句", ["落实", "作风"], [], 3, [Source("a.txt", 2), Source("b.txt", 5)],
                  "mined"),
           Phrase("排比-2", '在{地名}说"好"', "排比", [], ["地名"], 1, [], "user")]


def test_csv_has_the_documented_columns_and_survives_commas_and_quotes():
    rows = list(csv.reader(io.StringIO(export_text(PHRASES, "csv"))))
    assert rows[0] == CSV_COLUMNS
    assert rows[1] == ["金句-1", "一分部署，九分落实", "金句", "落实;作风", "", "3", "a.txt:2;b.txt:5", "mined"]
    assert rows[2] == ["排比-2", '在{地名}说"好"', "排比", "", "地名", "1", "", "user"]


def test_yaml_export_is_the_banks_own_entries():
    data = yaml.safe_load(export_text(PHRASES, "yaml"))
    assert [d["id"] for d in data] == ["排比-2", "金句-1"]  # sorted by id, as a phrases file
    assert data[1]["sources"] == [{"file": "a.txt", "para": 2}, {"file": "b.txt", "para": 5}]


def test_an_unknown_format_names_the_option():
    with pytest.raises(BankError, match="unknown export format 'xml': use csv or yaml") as info:
        export_text(PHRASES, "xml")
    assert info.value.key == "--format"


def test_format_stats_lists_each_figure():
    text = format_stats({"phrases": 4, "deleted": 1, "origins": {"mined": 3, "user": 1},
                         "categories": {"金句": 3, "结尾": 1}, "tags": {"落实": 2}, "sources": {}})
    lines = text.splitlines()
    assert lines[0] == "phrases: 4 (mined 3, user 1); deleted: 1"
    assert "       3  金句" in lines and lines[-1] == "sources:"


def test_the_copy_of_the_shipped_bank_has_its_files_and_none_of_the_derived_ones(tmp_path):
    from drafter.bank import load_bank, packaged_bank_dir

    source = packaged_bank_dir()
    load_bank(source)  # reading it makes its index and lock files where the folder is writable
    copy_packaged_bank(tmp_path / "mine")
    copied = {p.relative_to(tmp_path / "mine").as_posix() for p in (tmp_path / "mine").rglob("*")}
    assert "categories.yaml" in copied and any(c.startswith("phrases/") for c in copied)
    assert not [c for c in copied if c.startswith((".index.sqlite", ".lock", ".journal", ".drafting-cache"))], copied
    assert len(load_bank(tmp_path / "mine").phrases) == len(load_bank(source).phrases)


def test_copying_over_an_existing_folder_needs_force(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    with pytest.raises(BankError, match="already exists; pass --force"):
        copy_packaged_bank(target)
    copy_packaged_bank(target, force=True)
    assert (target / "categories.yaml").is_file()
