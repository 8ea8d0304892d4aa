"""The attack tests' own bounds (tests/attack.py): work is bounded in CPU seconds, waiting in wall
seconds stretched by the machine's load, so a busy machine fails no case and a real hang or a
runaway loop still fails one."""

from __future__ import annotations

import signal
import time

import pytest

from tests.attack import Result, clean_success, run_cli, wall_bound


def _busy(_argv):
    while True:
        pass


def _hang(_argv):
    time.sleep(3600)


def _quick(_argv):
    print("done")


def test_a_runaway_loop_is_stopped_by_its_cpu_bound():
    result = run_cli([], timeout=1, target=_busy)
    assert result.signal in (signal.SIGXCPU, signal.SIGKILL), result
    assert result.cpu >= 0.9
    with pytest.raises(AssertionError):
        clean_success(result, timeout=1)


def test_a_hang_is_stopped_by_its_wall_bound():
    result = run_cli([], timeout=1, target=_hang)
    assert result.signal == signal.SIGKILL, result
    assert result.cpu < 0.5                         # it waited: only the wall bound could stop it
    assert wall_bound(1, 1.0) <= result.seconds <= wall_bound(1, result.load) + 3
    with pytest.raises(AssertionError, match="killed by signal"):
        clean_success(result, timeout=1)


def test_a_case_within_its_bounds_passes():
    result = run_cli([], timeout=5, target=_quick)
    clean_success(result, timeout=5)
    assert result.out.strip() == "done" and result.cpu < 1 and result.load >= 1


def test_the_wall_bound_stretches_with_the_load_not_the_cpu_bound():
    assert wall_bound(10, 1.0) == 10
    assert wall_bound(10, 7.5) == 75
    # 30 s of wall time, 2 of them CPU, at load factor 7.5: the machine was busy, not drafter
    clean_success(Result(0, "", "", 30.0, cpu=2.0, load=7.5), timeout=10)
    with pytest.raises(AssertionError, match="CPU"):
        clean_success(Result(0, "", "", 12.0, cpu=11.0, load=7.5), timeout=10)
    with pytest.raises(AssertionError, match="load factor"):
        clean_success(Result(0, "", "", 30.0, cpu=2.0, load=1.0), timeout=10)
