"""Readers of a bank while it is saved (issue 16): a reader sees the old bank or the new one,
never some files of each; a lock left by a killed process never blocks a reader.

A writer process saves the bank over and over, each save stamping every phrase of every
category file with one version tag (so one save changes all the files). Reader processes
load it meanwhile, from the YAML and through the index, and record every load whose phrases
carry more than one version. Without the read lock (``bank/lock.py`` ``reading``) these
mixtures show up within a few hundred loads; with it there are none.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time

import pytest
from attack import ROOT, clean_success, run_cli

from drafter.bank import load_bank, save_bank
from drafter.bank.lock import SWAP_NAME

SECONDS = 4.0


def _versions(bank) -> set[str]:
    return {t for p in bank.phrases for t in p.tags if t.startswith("ver")}


def _writer(bank_dir: str, stop: float) -> None:
    n = 0
    while time.monotonic() < stop:
        n += 1
        bank = load_bank(bank_dir)
        for p in bank.phrases:
            p.tags = [f"ver{n}"]
        save_bank(bank, bank_dir)
    os._exit(0)


def _reader(bank_dir: str, stop: float, use_index: bool, out) -> None:
    loads = mixed = 0
    seen: set[str] = set()
    try:
        while time.monotonic() < stop:
            versions = _versions(load_bank(bank_dir, use_index=use_index))
            loads += 1
            seen |= versions
            mixed += len(versions) > 1
        out.put((loads, mixed, len(seen)))
    except BaseException as err:      # noqa: BLE001 - reported to the test
        out.put((loads, mixed, repr(err)))
    out.close()
    out.join_thread()
    os._exit(0)


@pytest.fixture(scope="module")
def bank_of_many_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers")
    corpus = root / "corpus"
    corpus.mkdir()
    for f in sorted((ROOT / "corpus").glob("*.txt"))[:3]:
        shutil.copy(f, corpus / f.name)
    bank = root / "bank"
    clean_success(run_cli(["mine", str(corpus), "-o", str(bank), "-q"], timeout=60))
    assert len(list((bank / "phrases").glob("*.yaml"))) >= 4
    bank_ = load_bank(bank)
    for p in bank_.phrases:
        p.tags = ["ver0"]
    save_bank(bank_, bank)
    return bank


@pytest.mark.parametrize("use_index", [False, True], ids=["yaml", "index"])
def test_a_reader_during_saves_sees_the_old_bank_or_the_new_never_a_mixture(bank_of_many_files, tmp_path,
                                                                              use_index):
    bank = tmp_path / "bank"
    shutil.copytree(bank_of_many_files, bank)
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    stop = time.monotonic() + SECONDS
    procs = [ctx.Process(target=_writer, args=(str(bank), stop))]
    procs += [ctx.Process(target=_reader, args=(str(bank), stop, use_index, out)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [out.get(timeout=SECONDS + 60) for _ in range(2)]
    assert all(isinstance(r[2], int) for r in results), results
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    loads = sum(r[0] for r in results)
    mixed = sum(r[1] for r in results)
    versions = max(r[2] for r in results)
    assert versions >= 3, f"the readers saw only {versions} versions: the writer hardly ran"
    assert mixed == 0, f"{mixed} of {loads} loads saw files of two different saves"
    assert len(_versions(load_bank(bank))) == 1


def test_a_lock_left_by_a_killed_process_never_blocks_a_reader(bank_of_many_files, tmp_path):
    """A process that dies while holding the writer lock and the swap lock (exclusively) leaves
    both files behind; the OS drops the locks with it, so readers and writers go on at once."""
    import fcntl
    bank = tmp_path / "bank"
    shutil.copytree(bank_of_many_files, bank)
    pid = os.fork()
    if pid == 0:
        for name in (".lock", SWAP_NAME):
            fd = os.open(bank / name, os.O_RDWR | os.O_CREAT)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    assert (bank / ".lock").exists() and (bank / SWAP_NAME).exists()
    for argv in (["phrases", "list", "--bank", str(bank)], ["phrases", "validate", "--bank", str(bank)],
                 ["phrases", "add", "锁留下之后加的一句", "-c", "金句", "--bank", str(bank)]):
        result = run_cli(argv)
        clean_success(result, timeout=5)
    assert "锁留下之后加的一句" in {p.text for p in load_bank(bank).phrases}
