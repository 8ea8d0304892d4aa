"""drafter/bank/edit.py as a library: every edit is checked before anything is written, keeps ids, and
touches only the phrase files of the categories it changes."""

from __future__ import annotations

import pytest
from smallbank import BASE, CLOSING, make_bank, mined

from drafter.bank import load_bank, make_id, merge_mined
from drafter.bank.edit import (
    add_many,
    add_phrase,
    check_text,
    edit_in_editor,
    edit_phrase,
    merge_bank,
    remove_phrases,
    replace_entry,
)
from drafter.errors import BankError

CORPUS = [*BASE, CLOSING]


@pytest.fixture
def bank(tmp_path):
    return make_bank(tmp_path / "bank", CORPUS)


def files(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((directory / "phrases").glob("*.yaml"))}


def texts(directory) -> set[str]:
    return {p.text for p in load_bank(directory).phrases}


# ---------------------------------------------------------------- check_text

@pytest.mark.parametrize("text, reason", [
    ("   ", "empty text"),
    ("在{}推进", "slot without a name"),
    ("在{ }推进", "slot without a name"),
])
def test_check_text_refuses_what_is_not_a_phrase(text, reason):
    with pytest.raises(BankError, match=reason) as info:
        check_text(text)
    assert info.value.key == "text"


@pytest.mark.parametrize("text", ["{{ 地名 }}在推进", "{% if x %}推进{% endif %}", "第一行\n第二行", "有\x07控制符"])
def test_check_text_refuses_template_code_line_breaks_and_control_characters(text):
    with pytest.raises(BankError):
        check_text(text)


def test_check_text_strips_and_keeps_named_slots():
    assert check_text("  在{地名}推进高质量发展  ") == "在{地名}推进高质量发展"


# ---------------------------------------------------------------- add

def test_add_stores_a_user_phrase_with_its_slots_and_only_rewrites_its_category(bank):
    before = files(bank)
    p = add_phrase(bank, "推动{地名}高质量发展取得新成效", "金句", tags=["发展", "发展", " "])
    assert p.origin == "user" and p.slots == ["地名"] and p.tags == ["发展"] and p.id.startswith("金句-")
    after = files(bank)
    assert {name for name in after if after[name] != before.get(name)} == {"金句.yaml"}
    assert load_bank(bank).get(p.id).text == "推动{地名}高质量发展取得新成效"


def test_add_refuses_a_duplicate_even_with_other_punctuation_or_spacing(bank):
    with pytest.raises(BankError, match="already has this text as 金句-"):
        add_phrase(bank, "一分部署、九分落实", "金句")
    before = files(bank)
    with pytest.raises(BankError, match="already has this text as 结尾-"):
        add_phrase(bank, " 发言完毕, 谢谢大家! ", "金句")  # half-width marks, spaces, another category
    assert files(bank) == before


def test_add_to_an_unknown_category_suggests_and_needs_new_category(bank):
    with pytest.raises(BankError, match="pass --new-category") as info:
        add_phrase(bank, "新的一句话", "金局")
    assert info.value.key == "category" and "金句" in info.value.message
    p = add_phrase(bank, "新的一句话", "感悟", create_category=True)
    assert "感悟" in load_bank(bank).categories and load_bank(bank).get(p.id) is not None


def test_removing_then_adding_back_lifts_the_tombstone(bank):
    pid = make_id("金句", "一分部署、九分落实")
    gone = remove_phrases(bank, [pid])
    assert [p.id for p in gone] == [pid]
    loaded = load_bank(bank)
    assert loaded.get(pid) is None and pid in loaded.deleted
    add_phrase(bank, "一分部署、九分落实", "金句")
    assert pid not in load_bank(bank).deleted


def test_remove_is_all_or_nothing(bank):
    pid = make_id("金句", "一分部署、九分落实")
    before = files(bank)
    with pytest.raises(BankError, match="no phrase with id 'nope'"):
        remove_phrases(bank, [pid, "nope"])
    assert files(bank) == before and load_bank(bank).get(pid) is not None


def test_remove_the_same_id_twice_in_one_call_removes_it_once(bank):
    pid = make_id("结尾", "发言完毕，谢谢大家！")
    assert len(remove_phrases(bank, [pid, pid])) == 1


# ---------------------------------------------------------------- edit

def test_edit_keeps_the_id_and_moves_between_categories(bank):
    pid = make_id("金句", "一分部署、九分落实")
    new = edit_phrase(bank, pid, text="一分部署、九分落实，落实见成效", category="对仗",
                      add_tags=["成效"], remove_tags=["落实"])
    assert new.id == pid and new.category == "对仗" and new.tags == ["成效"]
    loaded = load_bank(bank)
    assert loaded.get(pid).category == "对仗"
    assert pid not in {p.id for p in loaded.phrases if p.category == "金句"}


def test_edit_to_another_phrases_text_is_refused(bank):
    pid = make_id("金句", "一分部署、九分落实")
    with pytest.raises(BankError, match="already has this text as 对仗-"):
        edit_phrase(bank, pid, text="功成不必在我、功成必定有我")


def test_edit_to_its_own_text_is_allowed(bank):
    pid = make_id("金句", "一分部署、九分落实")
    assert edit_phrase(bank, pid, text="一分部署、九分落实").text == "一分部署、九分落实"


def test_edit_of_an_unknown_id(bank):
    with pytest.raises(BankError, match="no phrase with id") as info:
        edit_phrase(bank, "金句-00000000", text="x")
    assert info.value.key == "id"


# ---------------------------------------------------------------- replace_entry (the $EDITOR path)

def _entry(bank, pid) -> dict:
    return load_bank(bank).get(pid).to_dict()


def test_replace_entry_takes_the_hand_edit(bank):
    pid = make_id("金句", "一分部署、九分落实")
    entry = _entry(bank, pid) | {"text": "一分部署、九分落实、十分见效", "count": 7}
    new = replace_entry(bank, pid, entry, expected=load_bank(bank).get(pid))
    assert (new.text, new.count) == ("一分部署、九分落实、十分见效", 7)


@pytest.mark.parametrize("change, message", [
    ({"id": "金句-ffffffff"}, "the id cannot change"),
    ({"origin": "stolen"}, "origin must be one of"),
    ({"count": -1}, "count cannot be negative"),
    ({"text": ""}, "empty text"),
])
def test_replace_entry_refuses_bad_edits_and_changes_nothing(bank, change, message):
    pid = make_id("金句", "一分部署、九分落实")
    before = files(bank)
    with pytest.raises(BankError, match=message):
        replace_entry(bank, pid, _entry(bank, pid) | change)
    assert files(bank) == before


def test_replace_entry_refuses_what_is_not_a_mapping(bank):
    with pytest.raises(BankError, match="must be a mapping"):
        replace_entry(bank, make_id("金句", "一分部署、九分落实"), ["text"])


def test_replace_entry_refuses_when_someone_changed_it_meanwhile(bank):
    pid = make_id("金句", "一分部署、九分落实")
    shown = load_bank(bank).get(pid)
    edit_phrase(bank, pid, add_tags=["别人加的"])
    with pytest.raises(BankError, match="was changed by someone else"):
        replace_entry(bank, pid, shown.to_dict() | {"text": "我的改动"}, expected=shown)
    assert "别人加的" in load_bank(bank).get(pid).tags


# ---------------------------------------------------------------- edit in $EDITOR

def _editor(tmp_path, monkeypatch, script: str):
    path = tmp_path / "editor.py"
    path.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n" + script, encoding="utf-8")
    import sys
    monkeypatch.setenv("VISUAL", f"{sys.executable} {path}")


def test_editor_that_saves_nothing_changes_nothing(bank, tmp_path, monkeypatch):
    _editor(tmp_path, monkeypatch, "pass\n")
    before = files(bank)
    assert edit_in_editor(bank, make_id("金句", "一分部署、九分落实"), False) is None
    assert files(bank) == before


def test_editor_that_fails_keeps_the_edit_in_a_named_file(bank, tmp_path, monkeypatch):
    _editor(tmp_path, monkeypatch, "p.write_text('text: x', encoding='utf-8')\nsys.exit(3)\n")
    with pytest.raises(BankError, match="failed; your edit is kept in") as info:
        edit_in_editor(bank, make_id("金句", "一分部署、九分落实"), False)
    kept = info.value.message.rsplit(" ", 1)[1]
    assert open(kept, encoding="utf-8").read() == "text: x"


def test_editor_writing_an_invalid_entry_names_the_reason_and_keeps_the_bank(bank, tmp_path, monkeypatch):
    _editor(tmp_path, monkeypatch,
            "p.write_text(p.read_text(encoding='utf-8').replace('count: 3', 'count: -5'), encoding='utf-8')\n")
    before = files(bank)
    with pytest.raises(BankError, match="count cannot be negative; nothing changed, your edit is kept in"):
        edit_in_editor(bank, make_id("金句", "一分部署、九分落实"), False)
    assert files(bank) == before


def test_editor_of_an_unknown_id_opens_nothing(bank, tmp_path, monkeypatch):
    _editor(tmp_path, monkeypatch, "raise SystemExit('must not run')\n")
    with pytest.raises(BankError, match="no phrase with id 'x'"):
        edit_in_editor(bank, "x", False)


# ---------------------------------------------------------------- add_many (import)

def test_add_many_skips_invalid_and_duplicate_lines_with_a_reason(bank):
    report = add_many(bank, [mined("全新的一句"), mined("一分部署、九分落实"), mined("   "), mined("全新的一句")])
    assert [p.text for p in report.added] == ["全新的一句"]
    assert len(report.skipped) == 3
    assert report.skipped[0].startswith("一分部署、九分落实: the bank already has this text")
    assert "全新的一句" in texts(bank)


def test_add_many_does_not_revive_deleted_phrases_unless_asked(bank):
    pid = make_id("金句", "一分部署、九分落实")
    remove_phrases(bank, [pid])
    report = add_many(bank, [mined("一分部署、九分落实")], revive=False)
    assert report.added == [] and report.skipped == ["一分部署、九分落实: deleted earlier (in deleted.yaml)"]
    assert add_many(bank, [mined("一分部署、九分落实")]).added


def test_add_many_with_nothing_valid_writes_nothing(bank):
    before = files(bank)
    assert add_many(bank, [mined("一分部署、九分落实")]).added == []
    assert files(bank) == before


# ---------------------------------------------------------------- merge another writer's bank

def test_merge_unites_sources_adds_new_and_keeps_our_category(bank, tmp_path):
    other = tmp_path / "other"
    merge_mined(other, [mined("一分部署、九分落实", count=1, sources=[("z.txt", 5)], tags=["作风"]),
                        mined("功成不必在我、功成必定有我", "金句", sources=[("y.txt", 1)]),
                        mined("他们独有的一句", "结尾", sources=[("x.txt", 2)])], {})
    report = merge_bank(bank, other)
    merged = load_bank(bank)
    ours = merged.get(make_id("金句", "一分部署、九分落实"))
    assert sorted(s.file for s in ours.sources) == ["a.txt", "z.txt"]
    assert ours.count == 3 and ours.tags == ["落实", "作风"]
    assert any(c.startswith(make_id("对仗", "功成不必在我、功成必定有我") + ": category 对仗 here, 金句 in")
               for c in report.conflicts)
    assert merged.get(make_id("对仗", "功成不必在我、功成必定有我")).category == "对仗"
    assert report.added == [make_id("结尾", "他们独有的一句")]


def test_merge_keeps_our_deletions(bank, tmp_path):
    pid = make_id("结尾", "发言完毕，谢谢大家！")
    remove_phrases(bank, [pid])
    other = tmp_path / "other"
    merge_mined(other, [mined("发言完毕，谢谢大家！", "结尾", sources=[("q.txt", 1)])], {})
    report = merge_bank(bank, other)
    assert report.skipped == [pid] and load_bank(bank).get(pid) is None


def test_merging_a_bank_into_itself_changes_no_phrase(bank):
    before = {p.id: p.to_dict() for p in load_bank(bank).phrases}
    report = merge_bank(bank, bank)
    assert report.added == [] and report.conflicts == [] and report.folded == []
    assert {p.id: p.to_dict() for p in load_bank(bank).phrases} == before
