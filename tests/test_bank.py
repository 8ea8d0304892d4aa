"""The bank's storage: load/save round trips, determinism, errors with file and line, merges."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from smallbank import mined

from drafter.bank import Bank, Phrase, Source, load_bank, make_id, merge_mined, save_bank
from drafter.bank.yamlio import render_phrases, scalar
from drafter.errors import BankError


def snapshot(bank_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bank_dir)): p.read_bytes()
            for p in sorted(bank_dir.rglob("*")) if p.is_file() and not p.name.startswith(".index")}


def test_round_trip_keeps_fields_order_and_unknown_keys(tmp_path):
    p = Phrase(id="金句-1", text="一分部署、九分落实", category="金句", tags=["部署", "落实"],
               slots=[], count=2, sources=[Source("b.txt", 3), Source("a.txt", 9)], origin="mined",
               extra={"note": "我加的", "weight": 3})
    save_bank(Bank(phrases=[p]), tmp_path)
    text = (tmp_path / "phrases" / "金句.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["- id: 金句-1", "  text: 一分部署、九分落实", "  category: 金句"]
    assert text.index("a.txt") < text.index("b.txt")          # sources sorted
    assert text.index("origin") < text.index("note") < text.index("weight")
    from drafter.bank.fastparse import fast_parse
    assert fast_parse(render_phrases([p]), "金句") == load_bank(tmp_path, use_index=False).phrases
    back = load_bank(tmp_path).phrases[0]
    assert back.extra == {"note": "我加的", "weight": 3}
    assert back.sources == [Source("a.txt", 9), Source("b.txt", 3)]
    assert (back.text, back.tags, back.count) == (p.text, p.tags, 2)


def test_save_is_deterministic_and_writes_only_changed_files(tmp_path):
    bank = Bank(phrases=[mined("功成不必在我、功成必定有我"), mined("发言完毕，谢谢大家！", "结尾")],
                skeletons={"研讨发言": {"documents": 4}})
    save_bank(bank, tmp_path)
    first = snapshot(tmp_path)
    assert save_bank(load_bank(tmp_path), tmp_path) == []
    assert snapshot(tmp_path) == first


def test_syntax_error_names_file_and_line_and_touches_nothing(tmp_path):
    save_bank(Bank(phrases=[mined("一分部署、九分落实")]), tmp_path)
    path = tmp_path / "phrases" / "金句.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: x\n  text: [unclosed\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(BankError) as err:
        load_bank(tmp_path)
    assert str(err.value).startswith(f"{path}:")
    assert err.value.line is not None and err.value.line >= 10
    with pytest.raises(BankError):
        merge_mined(tmp_path, [mined("新的一句话")], {})
    assert snapshot(tmp_path) == before


def test_wrong_shape_names_the_entry_line(tmp_path):
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "金句.yaml").write_text(
        "- id: a\n  text: 好\n- id: b\n  text: 坏\n  count: many\n", encoding="utf-8")
    with pytest.raises(BankError, match="count") as err:
        load_bank(tmp_path)
    assert err.value.line == 3


def test_missing_dir_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="no phrase bank"):
        load_bank(tmp_path / "nope")


def test_crash_mid_write_leaves_old_bank_intact(tmp_path, monkeypatch):
    save_bank(Bank(phrases=[mined("一分部署、九分落实")]), tmp_path)
    before = snapshot(tmp_path)

    def boom(*args):
        raise OSError("disk died")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(BankError, match="disk died; nothing was changed"):
        save_bank(Bank(phrases=[mined("一分部署、九分落实", count=5), mined("别的")]), tmp_path)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before
    assert not [p for p in tmp_path.rglob("*.tmp")]
    assert load_bank(tmp_path).phrases[0].count == 1


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(text=texts, tag=texts, file=texts)
def test_emitted_yaml_reads_back_exactly(text, tag, file):
    p = Phrase(id=make_id("金句", text), text=text, category="金句", tags=[tag],
               sources=[Source(file, 1)], origin="user")
    data = yaml.safe_load(render_phrases([p]))
    assert data[0]["text"] == text and data[0]["tags"] == [tag]
    assert data[0]["sources"] == [{"file": file, "para": 1}]


@pytest.mark.parametrize("value", ["yes", "null", "1", "2024-01-01", "- a", "a: b", "a #b", " x",
                                   "{地名}的发展", "把{地名}建设好", "x\u2028y"])
def test_scalar_quotes_what_would_not_read_back(value):
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value


# --- merge_mined -------------------------------------------------------------------------------

CORPUS = [mined("一分部署、九分落实", count=2, sources=(("a.txt", 1), ("b.txt", 4))),
          mined("功成不必在我、功成必定有我", "对仗"), mined("发言完毕，谢谢大家！", "结尾")]


def test_mining_twice_is_byte_identical(tmp_path):
    merge_mined(tmp_path, CORPUS, {"研讨发言": {"documents": 2}})
    first = snapshot(tmp_path)
    merge_mined(tmp_path, list(reversed(CORPUS)), {"研讨发言": {"documents": 2}})
    assert snapshot(tmp_path) == first


def test_remine_updates_counts_keeps_user_and_edited_entries(tmp_path):
    merge_mined(tmp_path, CORPUS, {})
    bank = load_bank(tmp_path)
    edited = bank.get(make_id("对仗", "功成不必在我、功成必定有我"))
    edited.tags = ["担当"]
    bank.phrases.append(Phrase(id="金句-user1", text="我加的一句", category="金句"))
    save_bank(bank, tmp_path)
    again = [mined("一分部署、九分落实", count=7), mined("功成不必在我、功成必定有我", "对仗", count=9),
             mined("发言完毕，谢谢大家！", "结尾")]
    report = merge_mined(tmp_path, again, {})
    after = load_bank(tmp_path)
    assert after.get(make_id("金句", "一分部署、九分落实")).count == 7
    kept = after.get(edited.id)
    assert kept.tags == ["担当"] and kept.count == 1
    assert after.get("金句-user1").text == "我加的一句"
    assert set(report.kept) == {edited.id, "金句-user1"}
    merge_mined(tmp_path, again, {})                      # still edited on the next mine
    assert load_bank(tmp_path).get(edited.id).tags == ["担当"]


def test_deleted_stay_deleted_including_hand_deletions(tmp_path):
    merge_mined(tmp_path, CORPUS, {})
    bank = load_bank(tmp_path)
    gone = make_id("金句", "一分部署、九分落实")
    bank.deleted[gone] = "一分部署、九分落实"
    bank.phrases = [p for p in bank.phrases if p.id != gone]
    save_bank(bank, tmp_path)
    (tmp_path / "phrases" / "结尾.yaml").unlink()          # deleted by hand, no tombstone
    report = merge_mined(tmp_path, CORPUS, {})
    after = load_bank(tmp_path)
    assert after.get(gone) is None
    assert after.get(make_id("结尾", "发言完毕，谢谢大家！")) is None
    assert report.tombstoned == [make_id("结尾", "发言完毕，谢谢大家！")]
    assert after.deleted[make_id("结尾", "发言完毕，谢谢大家！")] == "发言完毕，谢谢大家！"
    # a deleted text stays gone even when the miner files it under another category
    merge_mined(tmp_path, [mined("一分部署、九分落实", "对仗")], {})
    assert not [p for p in load_bank(tmp_path).phrases if p.text == "一分部署、九分落实"]


def test_prune_drops_untouched_mined_entries_no_longer_mined(tmp_path):
    merge_mined(tmp_path, CORPUS, {"党课": {"documents": 1}})
    report = merge_mined(tmp_path, CORPUS[:1], {})
    assert sorted(report.dropped) == sorted(p.id for p in CORPUS[1:])
    bank = load_bank(tmp_path)
    assert [p.id for p in bank.phrases] == [CORPUS[0].id] and bank.skeletons == {}


def test_mined_duplicates_are_folded(tmp_path):
    merge_mined(tmp_path, [mined("一分部署，九分落实", sources=(("a.txt", 1),)),
                           mined("一分部署, 九分落实", sources=(("b.txt", 2),))], {})
    [p] = load_bank(tmp_path).phrases                     # width and spacing do not matter
    assert p.count == 2 and p.sources == [Source("a.txt", 1), Source("b.txt", 2)]


# --- the index ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(text=texts, tags=st.lists(st.text(max_size=4), max_size=3),
       files=st.lists(st.text(max_size=4), max_size=3))
def test_index_rows_carry_phrases_exactly(text, tags, files):
    from drafter.bank.rows import phrase_from_row
    from drafter.bank.rows import row_of as _row
    p = Phrase(id="金句-1", text=text, category="金句", tags=tags,
               sources=[Source(f, n) for n, f in enumerate(files, 1)], extra={"k": [1, "二"]})
    back = phrase_from_row(_row(p))
    p.sources = sorted(set(p.sources))                 # as reading its file gives it
    assert back == p and back.key == p.key


def test_load_through_the_index_equals_load_from_yaml(tmp_path):
    bank = Bank(phrases=[mined("一分部署、九分落实", count=2, sources=(("a.txt", 1), ("b.txt", 4))),
                         mined("功成不必在我", "对仗", tags=("担当",))])
    bank.phrases[0].extra = {"note": "x"}
    save_bank(bank, tmp_path)
    for _ in range(2):                                     # first builds the index, then uses it
        assert load_bank(tmp_path).phrases == load_bank(tmp_path, use_index=False).phrases


def test_stale_index_is_never_used_even_with_mtime_and_size_put_back(tmp_path):
    from drafter.bank.search import search
    save_bank(Bank(phrases=[mined("一分部署、九分落实")]), tmp_path)
    assert [p.text for p in search(tmp_path, text="部署")] == ["一分部署、九分落实"]
    path = tmp_path / "phrases" / "金句.yaml"
    st_before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("一分部署", "十分部署"),
                    encoding="utf-8")
    os.utime(path, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    assert path.stat().st_size == st_before.st_size
    assert [p.text for p in search(tmp_path, text="部署")] == ["十分部署、九分落实"]


def test_dates_in_unknown_keys_keep_their_type(tmp_path):
    import datetime
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "金句.yaml").write_text(
        "- id: 金句-1\n  text: 好\n  category: 金句\n  added: 2024-05-01\n", encoding="utf-8")
    for _ in range(2):
        assert load_bank(tmp_path).phrases[0].extra == {"added": datetime.date(2024, 5, 1)}


@settings(max_examples=80, deadline=None)
@given(entries=st.lists(st.tuples(texts, st.lists(texts, max_size=2),
                                  st.lists(st.tuples(texts, st.integers(1, 99)), max_size=2)),
                        min_size=1, max_size=4))
def test_fast_reader_agrees_with_pyyaml(entries):
    from drafter.bank.fastparse import fast_parse
    from drafter.bank.yamlio import parse_phrase_file
    phrases = [Phrase(id=f"金句-{n}", text=t, category="金句", tags=tags, origin="mined",
                      sources=[Source(f, p) for f, p in srcs]) for n, (t, tags, srcs) in enumerate(entries)]
    text = render_phrases(phrases)
    fast = fast_parse(text, "金句")
    slow = parse_phrase_file(Path("金句.yaml"), text)
    assert fast is None or fast == slow
    if all("\\" not in t and "\"" not in t for t, _, _ in entries):
        assert fast is not None


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(st.tuples(texts, st.sampled_from(["金句", "对仗"]),
                                  st.lists(st.text(max_size=3), max_size=2),
                                  st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(1, 3)),
                                           max_size=3)),
                        min_size=1, max_size=5))
def test_index_after_save_equals_the_yaml(tmp_path_factory, entries):
    directory = tmp_path_factory.mktemp("bank")
    phrases = [Phrase(id=f"{c}-{n}", text=t, category=c, tags=tags, origin="mined",
                      sources=[Source(f, p) for f, p in srcs])
               for n, (t, c, tags, srcs) in enumerate(entries)]
    save_bank(Bank(phrases=phrases), directory)
    assert load_bank(directory).phrases == load_bank(directory, use_index=False).phrases


def test_edits_on_a_misfiled_bank_lose_nothing(tmp_path):
    from drafter.bank.edit import add_phrase, remove_phrases
    save_bank(Bank(phrases=[mined("一分部署、九分落实"), mined("功成不必在我", "对仗")]), tmp_path)
    moved = (tmp_path / "phrases" / "对仗.yaml").read_text(encoding="utf-8")
    (tmp_path / "phrases" / "对仗.yaml").unlink()
    with open(tmp_path / "phrases" / "金句.yaml", "a", encoding="utf-8") as handle:
        handle.write(moved)                                # a 对仗 entry filed by hand in 金句.yaml
    add_phrase(tmp_path, "抓铁有痕", "金句")
    remove_phrases(tmp_path, [make_id("金句", "一分部署、九分落实")])
    texts = {p.text: p.category for p in load_bank(tmp_path, use_index=False).phrases}
    assert texts == {"抓铁有痕": "金句", "功成不必在我": "对仗"}


def test_partial_bank_refuses_to_save_what_it_did_not_load(tmp_path):
    save_bank(Bank(phrases=[mined("一分部署、九分落实"), mined("功成不必在我", "对仗")]), tmp_path)
    bank = load_bank(tmp_path, categories={"金句"})
    assert bank.partial == {"金句"} and [p.category for p in bank.phrases] == ["金句"]
    with pytest.raises(ValueError):
        save_bank(bank, tmp_path, only={"对仗"})
    bank.phrases.clear()
    save_bank(bank, tmp_path)                              # writes 金句 only: 对仗 untouched
    assert [p.text for p in load_bank(tmp_path).phrases] == ["功成不必在我"]


def test_pick_ranks_by_theme_words_then_count(tmp_path):
    from drafter.bank.search import pick
    save_bank(Bank(phrases=[mined("抓落实见实效", count=1), mined("重实效", count=9, tags=("落实",)),
                            mined("发展是第一要务", count=5), mined("民生改善", "对仗", count=99)]),
              tmp_path)
    assert [p.text for p in pick(tmp_path, "金句", ["落实", "实效"])] == \
        ["重实效", "抓落实见实效", "发展是第一要务"]
    assert [p.text for p in pick(tmp_path, "金句", ["落实"], limit=1)] == ["重实效"]
    assert [p.text for p in pick(tmp_path, "金句", [], tags=["落实"])] == ["重实效"]


def _widen(text: str) -> str:
    """Half-width ASCII to full-width, with a space after every other character."""
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    return " ".join(wide[i:i + 2] for i in range(0, len(wide), 2))


@settings(max_examples=30, deadline=None)
@given(text=st.text(st.sampled_from("一分部署九分落实抓铁有痕abcXYZ12,.;:!?()"), min_size=2,
                    max_size=12))
def test_search_ignores_width_and_spacing(tmp_path_factory, text):
    from drafter.bank.search import search
    directory = tmp_path_factory.mktemp("bank")
    save_bank(Bank(phrases=[Phrase(id="金句-1", text=text, category="金句")]), directory)
    for query in (text, _widen(text), text.upper(), text[1:]):
        assert [p.id for p in search(directory, text=query)] == ["金句-1"], query
