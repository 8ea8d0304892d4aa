"""Running drafter commands as a hostile user would, each with a time and memory bound.

``run_cli(argv)`` forks the test process (drafter already imported, so a case costs
milliseconds, not an interpreter start), and in the child limits the address space to
``mem_mb`` above what it already uses (RLIMIT_AS), arms an alarm for ``timeout`` seconds,
redirects stdout and stderr, and calls ``drafter.cli.main(argv)`` exactly as the
``drafter`` script does. The parent waits (killing the child on timeout) and returns what
it saw. A case that needs a fresh interpreter (the kill loop) uses ``subprocess`` instead.
"""

from __future__ import annotations

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


@dataclass
class Child:
    pid: int
    argv: tuple
    out_file: object
    err_file: object
    start: float
    timeout: float
    kill_after: float | None


def run_cli(argv: list[str], *, timeout: float = 10, mem_mb: int = 500, cwd: str | Path | None = None,
            env: dict[str, str] | None = None, kill_after: float | None = None,
            user: int | None = None, fsize: int | None = None) -> Result:
    """Run ``drafter argv`` in a forked child; ``kill_after`` seconds on, SIGKILL it (crash tests);
    ``user``: as that uid (permission tests, run as root); ``fsize``: no file it writes may grow
    past that many bytes (RLIMIT_FSIZE, SIGXFSZ ignored: the write fails with EFBIG, as a full
    disk fails it with ENOSPC; what a full disk test can use where no small disk can be mounted)."""
    return wait_cli(spawn_cli(argv, timeout=timeout, mem_mb=mem_mb, cwd=cwd, env=env, kill_after=kill_after,
                              user=user, fsize=fsize))


def spawn_cli(argv: list[str], *, timeout: float = 10, mem_mb: int = 500, cwd: str | Path | None = None,
              env: dict[str, str] | None = None, kill_after: float | None = None,
              user: int | None = None, fsize: int | None = None) -> Child:
    """Start ``drafter argv`` in a forked child (see the module doc); ``wait_cli`` collects it."""
    warm()
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
            signal.alarm(int(timeout) + 1)
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
            from drafter.cli import main
            try:
                main(list(argv))
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
    return Child(pid, tuple(argv), out_file, err_file, start, timeout, kill_after)


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
    deadline = child.start + child.timeout + 2
    status = None
    while True:
        done, status = os.waitpid(child.pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic()
        if now > deadline or (child.kill_after is not None and now - child.start > child.kill_after):
            os.kill(child.pid, signal.SIGKILL)
            _, status = os.waitpid(child.pid, 0)
            break
        for handle in (child.out_file, child.err_file):
            if isinstance(handle, _Pipe):
                handle.drain()
        time.sleep(0.002)
    seconds = time.monotonic() - child.start
    child.out_file.seek(0)
    child.err_file.seek(0)
    out = child.out_file.read().decode("utf-8", "replace")
    err = child.err_file.read().decode("utf-8", "replace")
    child.out_file.close()
    child.err_file.close()
    if os.WIFEXITED(status):
        return Result(os.WEXITSTATUS(status), out, err, seconds, None, child.argv)
    return Result(None, out, err, seconds, os.WTERMSIG(status), child.argv)


def clean_failure(result: Result, *names: str, timeout: float = 10) -> str:
    """Assert a refusal as drafter promises: exit 2, one line, naming each of ``names``; return it."""
    assert result.signal is None, f"killed by signal {result.signal} (time or memory bound): {result.err}"
    assert result.code == 2, f"exit {result.code}: {result.err}"
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert "Usage:" not in result.err, result.err
    assert result.seconds < timeout, f"took {result.seconds:.1f} s"
    lines = result.lines
    assert len(lines) == 1, f"expected one line from {result.argv}, got: {result.err!r} {result.out[-300:]!r}"
    for name in names:
        assert str(name) in lines[0], f"{name!r} not named in: {lines[0]}"
    return lines[0]


def clean_success(result: Result, timeout: float = 10) -> None:
    assert result.signal is None, f"killed by signal {result.signal}: {result.err}"
    assert result.code == 0, f"exit {result.code}: {result.err}"
    assert "internal error" not in result.err and "Traceback" not in result.err, result.err
    assert result.seconds < timeout, f"took {result.seconds:.1f} s"


def snapshot(directory: Path, skip=(".index.sqlite", ".lock")) -> dict[str, bytes]:
    """Every file under ``directory`` by relative path (derived files left out)."""
    out = {}
    for path in sorted(Path(directory).rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if path.is_file() and not any(rel.startswith(s) for s in skip):
            out[rel] = path.read_bytes()
    return out
