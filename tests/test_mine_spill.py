"""Mining in memory bounded by the bank (issue 16, ``drafter/mining/spill.py``): past the budget
``DRAFTER_MINE_SPILL_MB`` the accumulator's entries go to sorted runs on disk and are folded by an
external merge. The bank must be byte-identical to an unspilled mine's, with one process or two,
and the runs must be gone afterwards, also when mining is interrupted.

The budget is set to 1 MB here (about 680 entries), so a 2.2 MB file spills a dozen times;
bench/stream_bench.py runs the 200 MB case (peak memory)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from attack import ROOT, clean_success, run_cli

from drafter.mining import run as mining_run
from drafter.mining.accumulate import Accumulator
from drafter.mining.run import collect
from drafter.mining.spill import spilling

STREAM = {"DRAFTER_STREAM_MB": "1", "DRAFTER_STREAM_PART_MB": "1"}
SPILL = {"DRAFTER_MINE_SPILL_MB": "1"}
SPEECHES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus-public").rglob("*.txt"))


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """About 2.2 MB of speeches, each copy after the first made distinct (a number in every
    sentence, as bench/stream_bench.py makes them): most candidates then fold away at the end."""
    path = tmp_path_factory.mktemp("spill") / "dump.txt"
    texts = [p.read_text(encoding="utf-8").strip() for p in SPEECHES]
    out, size, n = [], 0, 0
    while size < 2.2 * 2**20:
        copy = n // len(texts)
        text = texts[n % len(texts)]
        text = text if copy == 0 else text.replace("。", f"（第{copy}份）。")
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        n += 1
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def bank_files(bank: Path) -> dict[str, bytes]:
    """Every file of the bank but the search index (a cache of it, built with the time it was)."""
    return {p.relative_to(bank).as_posix(): p.read_bytes() for p in sorted(bank.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock") and p.name != ".index.sqlite"}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".drafter-spill-")]


def test_a_streamed_file_mined_with_a_tiny_spill_budget_gives_the_same_bank(big, tmp_path):
    plain, spilled = tmp_path / "plain", tmp_path / "spilled"
    clean_success(run_cli(["mine", str(big), "-o", str(plain), "-q"], env=STREAM, timeout=300, mem_mb=400),
                  timeout=300)
    result = run_cli(["mine", str(big), "-o", str(spilled), "-q"], env={**STREAM, **SPILL}, timeout=300,
                     mem_mb=400)
    clean_success(result, timeout=300)
    want = bank_files(plain)
    assert len(want["phrases/论述.yaml"]) > 100_000
    assert bank_files(spilled) == want
    assert leftovers(tmp_path) == []


def test_two_jobs_with_a_tiny_spill_budget_give_the_one_process_bank(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, path in enumerate(SPEECHES):
        shutil.copy(path, corpus / f"{i:03d}-{path.name}")
    plain, spilled = tmp_path / "plain", tmp_path / "spilled"
    clean_success(run_cli(["mine", str(corpus), "-o", str(plain), "-q"], timeout=300, mem_mb=400), timeout=300)
    result = run_cli(["mine", str(corpus), "-o", str(spilled), "-q", "--jobs", "2"], env=SPILL, timeout=300,
                     mem_mb=400)
    clean_success(result, timeout=300)
    assert bank_files(spilled) == bank_files(plain)
    assert leftovers(tmp_path) == []


def test_the_runs_are_written_and_merged_in_key_order(big, tmp_path, monkeypatch):
    """Runs (a budget of 200 entries; the pass sorting by count writes dozens) fold to the phrases an accumulator that never spilled gives."""
    monkeypatch.setenv("DRAFTER_STREAM_MB", "1")
    monkeypatch.setenv("DRAFTER_STREAM_PART_MB", "1")
    want = collect([big]).phrases()
    with spilling(tmp_path / "bank", 1) as spill:
        spill.capacity = 200
        acc = collect([big], spill=spill)
        assert len(acc.runs) >= 3       # one a part (of 1 MB): the budget is checked as each part is in
        assert acc.paras and acc.sets
        got = acc.phrases()
        assert list(spill.folder.iterdir()) == []      # each pass removes the runs it has read
        # used up by the fold, as the runs are, not held beside the phrases (issue 16: 530 → 448 MB at 200 MB)
        assert acc.paras == {} and acc.sets == {} and acc.where == {}
    assert [(p.id, p.text, p.count, p.sources, p.tags, p.extra) for p in got] == \
        [(p.id, p.text, p.count, p.sources, p.tags, p.extra) for p in want]


def test_an_interrupted_mine_leaves_no_runs_and_no_bank(big, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_STREAM_MB", "1")
    monkeypatch.setenv("DRAFTER_STREAM_PART_MB", "1")
    monkeypatch.setenv("DRAFTER_MINE_SPILL_MB", "1")
    seen: list[int] = []

    def interrupted(self):
        seen.append(len(self.runs))
        raise KeyboardInterrupt

    monkeypatch.setattr(Accumulator, "phrases", interrupted)
    with pytest.raises(KeyboardInterrupt):
        mining_run.mine([big], tmp_path / "bank")
    assert seen and seen[0] > 0          # it had spilled
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "bank").exists()
