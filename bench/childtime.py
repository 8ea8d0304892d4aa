"""What the benches share: the CPU time of one child process, a past revision's drafter/ unpacked, and the
environment and byte-compiled trees a bench runs "before" and "after" in."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    """CPU seconds (user + system) of one child process; exits with its error if it fails."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            sys.exit(f"command failed ({code}): {' '.join(cmd)}\n{err.read().decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


def unpack(rev: str, into: Path, paths: tuple[str, ...] = ("drafter",)) -> Path:
    """``paths`` (drafter/ unless told) as they were at ``rev``, written under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, *paths], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def env_for(tree: Path) -> dict:
    """The environment that runs ``tree``'s drafter (bytecode written, so a warm run reads .pyc)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_tree(tree: Path) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "drafter")], check=True,
                   stdout=subprocess.DEVNULL, env=env_for(tree))


def trees(before: str | None, tmp: Path, paths: tuple[str, ...] = ("drafter",)) -> dict[str, Path]:
    """{"before": the revision unpacked under tmp (when given), "after": this checkout}, compiled."""
    out = {"after": ROOT}
    if before:
        (tmp / "before").mkdir()
        out = {"before": unpack(before, tmp / "before", paths), "after": ROOT}
    for tree in out.values():
        compile_tree(tree)
    return out
