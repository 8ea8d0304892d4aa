"""drafter/bank/phrase.py and lock.py: ids from folded text, slots, what cannot be a phrase, the in-memory
bank's lookups kept current, tombstones by id or text, and the bank lock (re-entrant in a thread,
exclusive across threads, a clear message when busy)."""

from __future__ import annotations

import threading

import pytest

from drafter.bank.lock import bank_lock
from drafter.bank.phrase import Bank, Phrase, Source, fold, fold_all, make_id, slot_names, text_problem, unique_id
from drafter.errors import BankError


def test_ids_are_the_category_and_a_hash_of_the_folded_text():
    assert make_id("金句", "一分部署，九分落实") == make_id("金句", " 一分部署,九分落实 ")
    assert make_id("金句", "一分部署，九分落实").startswith("金句-") and len(make_id("金句", "x").split("-")[1]) == 8
    assert make_id("金句", "x", 12) != make_id("金句", "x") and make_id("金句", "x", 12).startswith(make_id("金句", "x"))
    assert make_id("金句", "甲") != make_id("金句", "乙") and make_id("金句", "甲") != make_id("结尾", "甲")


def test_unique_id_lengthens_on_a_collision_with_another_text_only():
    pid = make_id("金句", "甲")
    assert unique_id("金句", "甲", {}) == pid
    assert unique_id("金句", "甲", {pid: fold("甲")}) == pid           # the same text: the same id
    assert unique_id("金句", "甲", {pid: fold("乙")}) == make_id("金句", "甲", 12)


@pytest.mark.parametrize("texts", [["ＡＢＣ，  Def", "坚持 学习", "Σίσυφος", ""], ["甲", "乙"], []])
def test_fold_all_is_fold_of_each(texts):
    assert fold_all(texts) == [fold(t) for t in texts]


def test_fold_folds_width_case_and_spaces():
    assert fold("ＡＢＣ，　Ｄｅｆ") == fold("abc,def") == "abc,def"


def test_slot_names_in_order_once_without_the_free_slot():
    assert slot_names("在{地名}推进{工作}，{地名}要{…}再{ 年份 }") == ["地名", "工作", "年份"]
    assert slot_names("没有槽位") == []


@pytest.mark.parametrize("text, words", [("第一行\n第二行", "U+000A at position 4"), ("有\x07铃", "U+0007"),
                                         ("{% if %}", "template syntax {%"), ("{{ x }}", "template syntax {{"),
                                         ("{# c #}", "template syntax {#")])
def test_text_problem_names_what_and_where(text, words):
    assert words in text_problem(text)


def test_text_problem_is_none_for_phrases_with_slots():
    assert text_problem("在{地名}推进高质量发展") is None


def test_key_follows_an_edited_text():
    p = Phrase("金句-1", "一分部署", "金句")
    assert p.key == fold("一分部署")
    p.text = "九分落实"
    assert p.key == fold("九分落实")


def test_to_dict_keeps_unknown_keys_after_the_known_ones():
    p = Phrase("金句-1", "甲", "金句", sources=[Source("a.txt", 2)], extra={"note": "mine", "id": "ignored"})
    d = p.to_dict()
    assert list(d) == ["id", "text", "category", "tags", "slots", "count", "sources", "origin", "note"]
    assert d["id"] == "金句-1" and d["sources"] == [{"file": "a.txt", "para": 2}]


def _bank():
    return Bank(phrases=[Phrase("金句-a", "一分部署", "金句", tags=["落实"], count=2),
                         Phrase("金句-b", "九分落实", "金句", tags=["落实", "作风"], count=5),
                         Phrase("结尾-c", "谢谢大家", "结尾")])


def test_lookups_see_added_phrases():
    bank = _bank()
    assert bank.get("金句-a").text == "一分部署" and bank.with_text(" 一分部署 ")[0].id == "金句-a"
    bank.add(Phrase("金句-d", "真抓实干", "金句", count=9))
    assert bank.get("金句-d") is not None and bank.with_text("真抓实干")[0].id == "金句-d"
    assert [p.id for p in bank.by_category("金句")] == ["金句-d", "金句-b", "金句-a"]


def test_by_category_filters_by_all_tags():
    assert [p.id for p in _bank().by_category("金句", ["落实", "作风"])] == ["金句-b"]
    assert _bank().by_category("没有的类") == []


def test_invalidate_after_changing_phrases_in_place():
    bank = _bank()
    assert bank.get("结尾-c") is not None
    bank.phrases = [p for p in bank.phrases if p.id != "结尾-c"]
    bank.invalidate()
    assert bank.get("结尾-c") is None and bank.with_text("谢谢大家") == []


def test_a_tombstone_matches_by_id_or_by_folded_text():
    bank = _bank()
    bank.deleted = {"金句-zz": "一分部署，"}
    assert bank.is_deleted(Phrase("other-id", "一分部署,", "开篇"))
    assert not bank.is_deleted(Phrase("other-id", "九分落实", "金句"))
    bank.deleted["结尾-c"] = ""
    assert bank.is_deleted(bank.get("结尾-c"))  # by id, and the cache of texts is refreshed


# ---------------------------------------------------------------- lock

def test_the_lock_is_re_entrant_in_one_thread(tmp_path):
    with bank_lock(tmp_path / "bank"):
        with bank_lock(tmp_path / "bank"):
            pass
        with bank_lock(tmp_path / "bank", timeout=0):
            pass
    assert (tmp_path / "bank" / ".lock").exists()


def test_another_thread_waits_then_gets_a_clear_message(tmp_path):
    errors = []

    def other():
        try:
            with bank_lock(tmp_path, timeout=0.1):
                pass
        except BankError as err:
            errors.append(err)

    with bank_lock(tmp_path):
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert len(errors) == 1 and "bank is busy" in errors[0].message and errors[0].path == str(tmp_path)
    t = threading.Thread(target=other)  # released: the next one gets it
    t.start()
    t.join()
    assert len(errors) == 1


def test_the_lock_is_released_when_the_block_raises(tmp_path):
    with pytest.raises(RuntimeError):
        with bank_lock(tmp_path):
            raise RuntimeError("boom")
    done = []

    def grab():
        with bank_lock(tmp_path, timeout=0):
            done.append(True)

    t = threading.Thread(target=grab)
    t.start()
    t.join()
    assert done == [True]


def test_a_bank_folder_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BankError, match="cannot lock the bank"):
        with bank_lock(blocker / "bank"):
            pass
