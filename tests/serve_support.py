"""Helpers for the ``drafter serve`` tests: an in-process client and a live server on loopback.

The live server binds 127.0.0.1 on a port the OS picks, runs in a thread of the test
process, and is stopped when the ``with`` block ends, so no test leaves a server behind.
"""

from __future__ import annotations

import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
#: what the page's scripts send with every write
WRITE = {"X-Drafter": "1", "Origin": ORIGIN}


def writable_bank(target: Path) -> Path:
    """A copy of the shipped bank that tests may change."""
    from drafter.bank.export import copy_packaged_bank
    copy_packaged_bank(target)
    return target


def outline_folder(target: Path, *names: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names or [p.name for p in EXAMPLES.glob("*.yaml")]:
        shutil.copy(EXAMPLES / name, target / name)
    return target


def config(root: Path, bank: Path | None = None, port: int = PORT, **kw):
    from drafter.bank import packaged_bank_dir
    from drafter.serve import ServeConfig
    return ServeConfig(bank=bank or packaged_bank_dir(), root=root, port=port, **kw)


def client(cfg):
    from starlette.testclient import TestClient

    from drafter.serve import make_app
    return TestClient(make_app(cfg), base_url=f"http://127.0.0.1:{cfg.port}")


@contextmanager
def live_server(cfg):
    """Serve ``cfg`` on 127.0.0.1 and a free port; yields the page's URL; stops at the end."""
    import uvicorn

    from drafter.serve import make_app
    from drafter.serve.run import bind
    cfg.host, cfg.port = "127.0.0.1", 0
    sock = bind(cfg)
    server = uvicorn.Server(uvicorn.Config(make_app(cfg), log_level="warning", access_log=False,
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield cfg.url()
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
