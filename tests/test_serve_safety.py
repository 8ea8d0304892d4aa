"""``drafter serve`` safety: loopback by default, Host and Origin checks, folders, body limits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from serve_support import ORIGIN, ROOT, WRITE, client, config, live_server, outline_folder, writable_bank  # noqa: E402

OUTLINE = {"type": "研讨发言", "title": "标题", "sections": ["一部分"]}


@pytest.fixture
def root(tmp_path):
    return outline_folder(tmp_path / "outlines", "研讨发言.yaml")


@pytest.fixture
def page(root):
    with client(config(root)) as c:
        yield c


def test_a_foreign_host_header_is_refused(page):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    for host in ("evil.example:8765", "evil.example", "127.0.0.1:9999", "localhost.evil.example:8765"):
        r = page.get("/api/files", headers={"Host": host})
        assert r.status_code == 421, host
        assert "Host" in r.json()["error"]
    r = page.post("/api/outline/save", json={"name": "x.yaml", "outline": OUTLINE},
                  headers={**WRITE, "Host": "evil.example:8765"})
    assert r.status_code == 421
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert page.get("/api/files", headers={"Host": host}).status_code == 200, host


def test_a_cross_origin_post_is_refused(page, root):
    r = page.post("/api/outline/save", json={"name": "evil.yaml", "outline": OUTLINE},
                  headers={"X-Drafter": "1", "Origin": "http://evil.example"})
    assert r.status_code == 403 and "Origin" in r.json()["error"]
    r = page.post("/api/outline/save", json={"name": "evil.yaml", "outline": OUTLINE},
                  headers={"X-Drafter": "1", "Origin": "null"})
    assert r.status_code == 403
    r = page.post("/api/outline/save", json={"name": "evil.yaml", "outline": OUTLINE},
                  headers={"X-Drafter": "1", "Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    # a plain HTML form from another site can set neither Origin to ours nor a custom header
    r = page.post("/api/outline/save", data={"name": "evil.yaml"}, headers={"Origin": ORIGIN})
    assert r.status_code == 403 and "X-Drafter" in r.json()["error"]
    assert not (root / "evil.yaml").exists()
    ok = page.post("/api/outline/save", json={"name": "ok.yaml", "outline": OUTLINE}, headers=WRITE)
    assert ok.status_code == 200 and (root / "ok.yaml").is_file()


def test_paths_outside_the_outline_folder_are_refused(page, root, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: 机密\nsections: [a]\n", encoding="utf-8")
    (root / "link.yaml").symlink_to(secret)
    (root / "out").symlink_to(tmp_path)
    for name in ("../secret.yaml", str(secret), "link.yaml", "out/secret.yaml", "/etc/passwd", "sub/../../secret.yaml"):
        r = page.get("/api/outline/open", params={"name": name})
        assert r.status_code in (400, 403), name
        assert "机密" not in r.text
    for name in ("../evil.yaml", str(tmp_path / "evil.yaml"), "out/evil.yaml"):
        r = page.post("/api/outline/save", json={"name": name, "outline": OUTLINE}, headers=WRITE)
        assert r.status_code == 403, name
    assert not (tmp_path / "evil.yaml").exists()
    r = page.post("/api/outline/save", json={"name": "notes.txt", "outline": OUTLINE}, headers=WRITE)
    assert r.status_code == 200 and r.json()["name"] == "notes.txt.yaml"
    assert "link.yaml" not in page.get("/api/files").json()["files"]


def test_mining_only_inside_the_outline_folder(tmp_path):
    root = outline_folder(tmp_path / "outlines", "研讨发言.yaml")
    bank = writable_bank(tmp_path / "bank")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("同志们：\n要坚持学习。\n", encoding="utf-8")
    (root / "speeches").mkdir()
    (root / "speeches" / "link").symlink_to(tmp_path / "elsewhere")
    with client(config(root, bank)) as page:
        for folder in ("..", str(tmp_path / "elsewhere"), "speeches"):
            r = page.post("/api/mine/folder", json={"folder": folder}, headers=WRITE)
            assert r.status_code == 403, folder


def test_bodies_have_a_size_limit(page):
    from drafter.serve.config import MAX_BODY
    big = {"outline": {**OUTLINE, "title": "长" * (MAX_BODY // 2)}}
    r = page.post("/api/outline/check", json=big, headers=WRITE)
    assert r.status_code == 413 and "too large" in r.json()["error"]

    def chunks():
        for _ in range(40):
            yield b"x" * 65536
    r = page.post("/api/outline/check", content=chunks(), headers=WRITE)
    assert r.status_code == 413


def test_a_real_server_refuses_the_same(root):
    """Over a real socket (uvicorn on 127.0.0.1): the Host check and the Origin check hold."""
    import httpx
    with live_server(config(root)) as url:
        port = url.rsplit(":", 1)[1].strip("/")
        assert httpx.get(url + "api/files").status_code == 200
        assert httpx.get(url + "api/files", headers={"Host": f"evil.example:{port}"}).status_code == 421
        r = httpx.post(url + "api/outline/check", json={"outline": OUTLINE},
                       headers={"X-Drafter": "1", "Origin": "http://evil.example"})
        assert r.status_code == 403
        r = httpx.post(url + "api/outline/check", json={"outline": OUTLINE},
                       headers={"X-Drafter": "1", "Origin": f"http://127.0.0.1:{port}"})
        assert r.status_code == 200


def test_wildcard_host_accepts_addresses_not_names(root):
    cfg = config(root, host="0.0.0.0")
    assert cfg.host_ok("192.0.2.7:8765") and cfg.host_ok("127.0.0.1:8765") and cfg.host_ok("localhost:8765")
    assert not cfg.host_ok("evil.example:8765") and not cfg.host_ok("192.0.2.7:80")
    cfg = config(root, host="192.0.2.7")
    assert cfg.host_ok("192.0.2.7:8765") and not cfg.host_ok("localhost:8765")


def test_listens_on_loopback_unless_told_and_warns_then(root):
    from drafter.serve.run import make_config, startup_messages
    cfg = make_config(folder=root)
    assert cfg.host == "127.0.0.1" and cfg.loopback()
    assert not any("warning" in line for line in startup_messages(cfg))
    lines = startup_messages(make_config(folder=root, host="0.0.0.0"))
    assert any("warning" in line for line in lines)


def test_the_command_starts_on_loopback_and_stops(root):
    """``drafter serve --port 0`` prints its 127.0.0.1 address, answers, and stops on SIGTERM."""
    import httpx
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", "0", "--dir", str(root)],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "http://127.0.0.1:" in line, line
        url = line[line.index("http://"):].split()[0].split("（")[0]
        assert httpx.get(url + "api/about", timeout=10).json()["root"] == str(root.resolve())
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode is not None


def test_bad_command_options_are_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "drafter", "serve", "--dir", str(tmp_path / "nope")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "nope" in r.stderr
