"""A bank saved without its whole text in memory (issue 16): phrase files are rendered piece by
piece (``yamlio.phrase_chunks``) straight into the journal (``journal.commit`` with a streamed
text), and a mine's phrases are folded without holding them twice (``fold_mined(consume=True)``).
The bytes written must be those of the whole-text path."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from smallbank import mined

from drafter.bank import Bank, index, journal, load_bank, merge_mined, save_bank
from drafter.bank.merge import fold_mined
from drafter.bank.yamlio import phrase_chunks, render_phrases

PHRASES = [mined(f"第{n}条要抓落实", "金句" if n % 3 else "结尾", count=n, sources=[(f"{n % 4}.txt", n)],
                 tags=["落实"] if n % 2 else []) for n in range(1, 40)]


def snapshot(bank_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(bank_dir).as_posix(): p.read_bytes() for p in sorted(bank_dir.rglob("*"))
            if p.is_file() and not p.name.startswith(".index") and not p.name.startswith(".lock")}


def test_pieces_join_to_the_whole_file():
    whole = render_phrases(PHRASES)
    pieces = list(phrase_chunks(PHRASES, size=4))
    assert len(pieces) == 10 and "".join(pieces) == whole
    assert list(phrase_chunks([])) == []


def test_a_bank_saved_in_small_pieces_is_byte_identical(tmp_path, monkeypatch):
    save_bank(Bank(phrases=list(PHRASES)), tmp_path / "whole")
    monkeypatch.setattr("drafter.bank.yamlio.phrase_chunks.__defaults__", (3,))
    save_bank(Bank(phrases=list(PHRASES)), tmp_path / "pieces")
    assert snapshot(tmp_path / "pieces") == snapshot(tmp_path / "whole")


def test_a_streamed_file_is_written_and_an_unchanged_one_left_out(tmp_path):
    (tmp_path / "phrases").mkdir()
    moved, digests = journal.commit(tmp_path, {"phrases/金句.yaml": partial(iter, ["一\n", "二\n"])})
    assert moved == ["phrases/金句.yaml"] and set(digests) == {"phrases/金句.yaml"}
    assert (tmp_path / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "一\n二\n"
    before = (tmp_path / "phrases" / "金句.yaml").stat().st_mtime_ns
    moved, again = journal.commit(tmp_path, {"phrases/金句.yaml": partial(iter, ["一\n二", "\n"])})
    assert moved == [] and again == digests and not journal.pending(tmp_path)
    assert (tmp_path / "phrases" / "金句.yaml").stat().st_mtime_ns == before
    moved, _ = journal.commit(tmp_path, {"phrases/金句.yaml": partial(iter, ["三\n"])})
    assert moved == ["phrases/金句.yaml"]
    assert (tmp_path / "phrases" / "金句.yaml").read_text(encoding="utf-8") == "三\n"


def test_the_index_takes_streamed_files_from_memory(tmp_path, monkeypatch):
    merge_mined(tmp_path, list(PHRASES), {})

    def unread(path):
        raise AssertionError(f"{path} parsed again: note_saved did not index it from memory")

    with monkeypatch.context() as patch:
        patch.setattr("drafter.bank.indexbuild._read_raw", unread)
        cached = index.cached_phrases(tmp_path)
    assert cached is not None and len(cached) == len(PHRASES)
    assert save_bank(load_bank(tmp_path), tmp_path) == []      # nothing changed, nothing moved
    assert sorted(p.text for p in load_bank(tmp_path).phrases) == sorted(p.text for p in PHRASES)


def test_consuming_the_mined_phrases_folds_the_same(tmp_path):
    twice = PHRASES + [mined("第1条要抓落实", "结尾", sources=[("z.txt", 9)])]
    taken = list(twice)
    assert fold_mined(taken, consume=True) == fold_mined(list(twice)) and taken == []
    merge_mined(tmp_path / "kept", list(twice), {})
    merge_mined(tmp_path / "consumed", list(twice), {}, consume=True)
    assert snapshot(tmp_path / "consumed") == snapshot(tmp_path / "kept")
