"""A test hook for crash tests: die by SIGKILL right after the k-th durable write step.

Set ``DRAFTER_TEST_KILL_AFTER=k`` (a positive integer) in a child process's environment
and it kills itself with SIGKILL just after its k-th write step (a file renamed into
place, a journal entry written, a file removed). The attack tests use it to stop a
``mine`` or ``phrases add`` between any two of the files it writes. It is read from the
environment only; nothing else turns it on, and without it ``step`` does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "DRAFTER_TEST_KILL_AFTER"
_done = 0


def step() -> None:
    """Count one durable write step; die here if the test hook asks for it."""
    global _done
    spec = os.environ.get(ENV)
    if not spec:
        return
    _done += 1
    if spec.isdigit() and _done == int(spec):
        os.kill(os.getpid(), signal.SIGKILL)
