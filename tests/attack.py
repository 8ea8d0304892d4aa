"""Running drafter commands as a hostile user would, each with a time and memory bound.

``run_cli(argv)`` forks the test process (drafter already imported, so a case costs
milliseconds, not an interpreter start), and in the child limits the address space to
``mem_mb`` above what it already uses (RLIMIT_AS) and its CPU time to ``timeout`` seconds
(RLIMIT_CPU: SIGXCPU past it), redirects stdout and stderr, and calls ``drafter.cli.main(argv)``
exactly as the ``drafter`` script does. The parent waits and returns what it saw, with the
child's CPU seconds (wait4).

Two bounds, because the machine is shared (load 15 on two cores is common while the suite runs):
the work a case does is bounded in CPU seconds, which load does not stretch (a runaway loop is
stopped by RLIMIT_CPU and fails the case); a case that waits without working (a FIFO, a lock, a
retry loop with sleeps) is bounded in wall seconds, ``timeout`` times the load factor (the
1-minute load per CPU, at least 1, the highest seen while the case ran), past which the parent
kills it. So a case is not failed for the machine being busy, and a real hang still fails.
A case that needs a fresh interpreter (the kill loop) uses ``subprocess`` instead.
"""

from __future__ import annotations

import math
import os
import resource
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    code: int | None        # exit code; None when killed (timeout, memory, signal)
    out: str
    err: str
    seconds: float
    signal: int | None = None
    argv: tuple = ()
    #: CPU seconds (user + system) the child used
    cpu: float = 0.0
    #: the load factor its wall bound was stretched by (``load_factor``)
    load: float = 1.0

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _vm_size() -> int:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_WARM = ("drafter.cli", "docx", "jinja2", "jinja2.sandbox", "yaml", "drafter.readers.docx", "drafter.parser",
         "drafter.compose", "drafter.lint", "drafter.mining.run", "drafter.check", "drafter.writers.docx",
         "drafter.writers.docx_prepare",
         "drafter.bank.edit", "drafter.bank.index", "drafter.bank.validate", "drafter.bank.search",
         "drafter.layouts", "drafter.lint.fix")


_warmed = False


def warm() -> None:
    """Import what the commands import lazily and run a parse and a lint once in this process,
    so every forked case starts warm (compiled patterns, loaded tables)."""
    global _warmed
    if _warmed:
        return
    import contextlib
    import importlib
    import io
    for name in _WARM:
        importlib.import_module(name)
    from drafter.cli import main
    speech = next((ROOT / "corpus").glob("*.txt"))
    for argv in (["parse", str(speech)], ["lint", str(speech)]):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                main(argv)
            except SystemExit:
                pass
    _warmed = True


def load_factor() -> float:
    """How much slower than an idle machine wall time runs now: the 1-minute load average per
    CPU, at least 1."""
    try:
        return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
    except OSError:
        return 1.0


def wall_bound(timeout: float, load: float) -> float:
    """Wall seconds a case may take before it counts as hung: ``timeout`` stretched by the load."""
    return timeout * load


@dataclass
class Child:
    pid: int
    argv: tuple
    out_file: object
    err_file: object
    start: float
    timeout: float
    kill_after: float | None
    load: float = 1.0


def run_cli(argv: list[str], *, timeout: float = 10, mem_mb: int = 500, cwd: str | Path | None = None,
            env: dict[str, str] | None = None, kill_after: float | None = None,
            user: int | None = None, fsize: int | None = None, target=None) -> Result:
    """Run ``drafter argv`` in a forked child; ``kill_after`` seconds on, SIGKILL it (crash tests);
    ``user``: as that uid (permission tests, run as root); ``fsize``: no file it writes may grow
    past that many bytes (RLIMIT_FSIZE, SIGXFSZ ignored: the write fails with EFBIG, as a full
    disk fails it with ENOSPC; what a full disk test can use where no small disk can be mounted);
    ``target``: a function of argv run instead of ``drafter.cli.main`` (tests of this harness)."""
    return wait_cli(spawn_cli(argv, timeout=timeout, mem_mb=mem_mb, cwd=cwd, env=env, kill_after=kill_after,
                              user=user, fsize=fsize, target=target))


def spawn_cli(argv: list[str], *, timeout: float = 10, mem_mb: int = 500, cwd: str | Path | None = None,
              env: dict[str, str] | None = None, kill_after: float | None = None,
              user: int | None = None, fsize: int | None = None, target=None) -> Child:
    """Start ``drafter argv`` in a forked child (see the module doc); ``wait_cli`` collects it."""
    warm()
    load = load_factor()
    if fsize is None:
        out_file, err_file = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    else:       # RLIMIT_FSIZE would cut off output written to a file too: pipes, drained by wait_cli
        out_file, err_file = _Pipe(), _Pipe()
    start = time.monotonic()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:                                    # the child: never returns
        code = 70
        try:
            limit = _vm_size() + mem_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            if fsize is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            cpu = math.ceil(timeout)        # SIGXCPU at the soft limit, SIGKILL at the hard one
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(out_file.fileno(), 1)
            os.dup2(err_file.fileno(), 2)
            # pytest replaces sys.stdout/sys.stderr with its capture objects: point them at fds 1 and 2
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            if user is not None:
                os.setgroups([])
                os.setgid(user)
                os.setuid(user)
            if cwd is not None:
                os.chdir(cwd)
            os.environ.update(env or {})
            if target is None:
                from drafter.cli import main as target
            try:
                target(list(argv))
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:                       # noqa: BLE001 - reported as a traceback
            import traceback
            traceback.print_exc()
            code = 71
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    for handle in (out_file, err_file):
        if isinstance(handle, _Pipe):
            handle.opened()
    return Child(pid, tuple(argv), out_file, err_file, start, timeout, kill_after, load)


class _Pipe:
    """A pipe standing in for an output file: the child writes to ``fileno()``, the parent
    ``drain``s it as it waits, so a talkative child never blocks on a full pipe."""

    def __init__(self):
        self.read_fd, self.write_fd = os.pipe()
        self.data = bytearray()

    def fileno(self) -> int:
        return self.write_fd

    def opened(self) -> None:           # in the parent, once the child has its copy
        os.close(self.write_fd)
        os.set_blocking(self.read_fd, False)

    def drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.read_fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self.data += chunk

    def seek(self, _pos) -> None:
        self.drain()

    def read(self) -> bytes:
        return bytes(self.data)

    def close(self) -> None:
        os.close(self.read_fd)


def wait_cli(child: Child) -> Result:
    """Wait for the child, killing it past its wall bound (or ``kill_after``); what it did."""
    load, looked = child.load, child.start
    status = usage = None
    while True:
        done, status, usage = os.wait4(child.pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic()
        if now - looked > 1:                    # the load may rise while the case runs
            load, looked = max(load, load_factor()), now
        if (now - child.start > wall_bound(child.timeout, load) + 2
                or (child.kill_after is not None and now - child.start > child.kill_after)):
            os.kill(child.pid, signal.SIGKILL)
            _, status, usage = os.wait4(child.pid, 0)
            break
        for handle in (child.out_file, child.err_file):
            if isinstance(handle, _Pipe):
                handle.drain()
        time.sleep(0.002)
    cpu = usage.ru_utime + usage.ru_stime
    seconds = time.monotonic() - child.start
    child.out_file.seek(0)
    child.err_file.seek(0)
    out = child.out_file.read().decode("utf-8", "replace")
    err = child.err_file.read().decode("utf-8", "replace")
    child.out_file.close()
    child.err_file.close()
    if os.WIFEXITED(status):
        return Result(os.WEXITSTATUS(status), out, err, seconds, None, child.argv, cpu, load)
    return Result(None, out, err, seconds, os.WTERMSIG(status), child.argv, cpu, load)


def within(result: Result, timeout: float) -> None:
    """The case's bounds: at most ``timeout`` CPU seconds of work, and no longer a wait than
    ``timeout`` wall seconds stretched by the load it ran under."""
    assert result.cpu < timeout, f"used {result.cpu:.1f} s of CPU (bound {timeout} s)"
    bound = wall_bound(timeout, result.load)
    assert result.seconds < bound, (f"took {result.seconds:.1f} s (bound {timeout} s × load factor "
                                    f"{result.load:.1f} = {bound:.1f} s), {result.cpu:.1f} s of it CPU")


def clean_failure(result: Result, *names: str, timeout: float = 10) -> str:
    """Assert a refusal as drafter promises: exit 2, one line, naming each of ``names``; return it."""
    assert result.signal is None, f"killed by signal {result.signal} (time or memory bound): {result.err}"
    assert result.code == 2, f"exit {result.code}: {result.err}"
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert "Usage:" not in result.err, result.err
    within(result, timeout)
    lines = result.lines
    assert len(lines) == 1, f"expected one line from {result.argv}, got: {result.err!r} {result.out[-300:]!r}"
    for name in names:
        assert str(name) in lines[0], f"{name!r} not named in: {lines[0]}"
    return lines[0]


def clean_success(result: Result, timeout: float = 10) -> None:
    assert result.signal is None, f"killed by signal {result.signal}: {result.err}"
    assert result.code == 0, f"exit {result.code}: {result.err}"
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    within(result, timeout)


def snapshot(directory: Path, skip=(".index.sqlite", ".lock")) -> dict[str, bytes]:
    """Every file under ``directory`` by relative path (derived files left out)."""
    out = {}
    for path in sorted(Path(directory).rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if path.is_file() and not any(rel.startswith(s) for s in skip):
            out[rel] = path.read_bytes()
    return out
