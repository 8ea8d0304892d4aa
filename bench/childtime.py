"""What the benches share: the CPU time of one child process, and a past revision's drafter/ unpacked."""

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


def unpack(rev: str, into: Path) -> Path:
    """drafter/ as it was at ``rev``, written under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "drafter"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into
