"""``drafter serve`` bank page routes: browse, search, add, edit, delete, mine; page and CLI at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from serve_support import ROOT, WRITE, client, config, live_server, outline_folder, writable_bank  # noqa: E402

CORPUS = ROOT / "corpus"


@pytest.fixture
def bank(tmp_path):
    return writable_bank(tmp_path / "bank")


@pytest.fixture
def root(tmp_path):
    return outline_folder(tmp_path / "outlines", "研讨发言.yaml")


@pytest.fixture
def page(root, bank):
    with client(config(root, bank)) as c:
        yield c


def cli(*args, bank: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "drafter", "phrases", *args, "--bank", str(bank)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def shown(pid: str, bank: Path) -> dict:
    r = cli("show", pid, "--json", bank=bank)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_browse_and_search(page):
    info = page.get("/api/bank").json()
    assert info["writable"] and info["stats"]["phrases"] > 100
    assert "金句" in info["categories"]
    listed = page.get("/api/bank/phrases", params={"category": "金句", "limit": 5}).json()
    assert len(listed["phrases"]) == 5 and listed["more"]
    assert {p["category"] for p in listed["phrases"]} == {"金句"}
    more = page.get("/api/bank/phrases", params={"category": "金句", "limit": 5, "offset": 5}).json()
    assert not {p["id"] for p in more["phrases"]} & {p["id"] for p in listed["phrases"]}
    found = page.get("/api/bank/phrases", params={"q": "以学促干"}).json()["phrases"]
    assert found and all("以学促干" in p["text"] or "以学促干" in p["tags"] for p in found)
    assert found[0]["sources"] and found[0]["sources"][0]["file"]
    tag = next(iter(info["stats"]["tags"]))
    tagged = page.get("/api/bank/phrases", params={"tag": tag}).json()["phrases"]
    assert tagged and all(tag in p["tags"] for p in tagged)


def test_add_edit_delete_and_the_cli_reads_them(page, bank):
    added = page.post("/api/bank/add", json={"text": "功成不必在我，功成必定有我。", "category": "金句",
                                             "tags": ["担当"]}, headers=WRITE).json()["phrase"]
    assert shown(added["id"], bank)["text"] == "功成不必在我，功成必定有我。"
    edited = page.post("/api/bank/edit", json={"id": added["id"], "text": "功成不必在我，功成必定有我！",
                                               "category": "金句", "tags": ["担当", "作为"],
                                               "was_tags": ["担当"]}, headers=WRITE).json()["phrase"]
    cli_view = shown(added["id"], bank)
    assert cli_view["text"] == edited["text"] == "功成不必在我，功成必定有我！"
    assert cli_view["tags"] == ["担当", "作为"]
    dup = page.post("/api/bank/add", json={"text": "功成不必在我，功成必定有我！", "category": "金句"},
                    headers=WRITE)
    assert dup.status_code == 400 and added["id"] in dup.json()["error"]
    r = page.post("/api/bank/delete", json={"id": added["id"]}, headers=WRITE)
    assert r.json()["removed"] == [added["id"]]
    assert cli("show", added["id"], bank=bank).returncode == 2


def test_the_shipped_bank_is_read_only_until_copied(root):
    from drafter.bank import packaged_bank_dir
    with client(config(root)) as page:
        assert not page.get("/api/bank").json()["writable"]
        r = page.post("/api/bank/add", json={"text": "新的一句话。", "category": "金句"}, headers=WRITE)
        assert r.status_code == 409 and "read-only" in r.json()["error"]
        copied = page.post("/api/bank/copy", headers=WRITE).json()
        assert Path(copied["dir"]) == (root / "phrasebank").resolve()
        assert page.get("/api/bank").json()["writable"]
        assert page.post("/api/bank/add", json={"text": "新的一句话。", "category": "金句"},
                         headers=WRITE).status_code == 200
    assert "新的一句话" not in "".join(p.read_text(encoding="utf-8")
                                   for p in Path(packaged_bank_dir()).rglob("*.yaml"))


def test_twenty_edits_from_the_page_and_the_cli_at_once_all_land(root, bank):
    """10 page requests (in server threads) and 10 CLI processes, all at the same time."""
    import httpx

    from drafter.bank import load_bank
    before = load_bank(bank)
    targets = [p for p in before.phrases if p.category == "论述"][:5]
    with live_server(config(root, bank)) as url:
        origin = url.rstrip("/")
        headers = {"X-Drafter": "1", "Origin": origin}

        def page_add(i):
            return httpx.post(url + "api/bank/add", json={"text": f"网页添加的第{i}句。", "category": "金句"},
                              headers=headers, timeout=60).status_code

        def page_tag(p):
            return httpx.post(url + "api/bank/edit", json={"id": p.id, "tags": [*p.tags, "网页标签"],
                                                          "was_tags": p.tags}, headers=headers, timeout=60).status_code

        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [subprocess.Popen([sys.executable, "-m", "drafter", "phrases", "add", f"命令行添加的第{i}句。",
                                   "-c", "要求", "--bank", str(bank)], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in range(5)]
        procs += [subprocess.Popen([sys.executable, "-m", "drafter", "phrases", "edit", p.id, "-t", "命令行标签",
                                    "--bank", str(bank)], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for p in targets]
        with ThreadPoolExecutor(10) as pool:
            codes = list(pool.map(page_add, range(5))) + list(pool.map(page_tag, targets))
        for proc in procs:
            assert proc.wait(120) == 0, proc.stderr.read()
    assert codes == [200] * 10
    after = load_bank(bank)
    texts = {p.text for p in after.phrases}
    assert all(f"网页添加的第{i}句。" in texts for i in range(5))
    assert all(f"命令行添加的第{i}句。" in texts for i in range(5))
    for p in targets:
        tags = after.get(p.id).tags
        assert "网页标签" in tags and "命令行标签" in tags, (p.id, tags)
    assert len(after.phrases) == len(before.phrases) + 10


def wait_for(page, job: dict) -> dict:
    deadline = time.monotonic() + 120
    seen = [job]
    while job["state"] == "running":
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
        job = page.get("/api/mine/status", params={"id": job["id"]}).json()
        seen.append(job)
    return job, seen


def test_mine_a_folder_with_progress(page, root, bank):
    from drafter.bank import load_bank
    (root / "speeches").mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        (root / "speeches" / path.name).write_bytes(path.read_bytes())
    extra = root / "speeches" / "新讲话.txt"
    extra.write_text((CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[0]).read_text(encoding="utf-8")
                     .replace("同志们", "同志们") + "\n要以钉钉子精神抓好各项任务落实见效。\n", encoding="utf-8")
    job = page.post("/api/mine/folder", json={"folder": "speeches"}, headers=WRITE).json()
    assert job["state"] == "running"
    job, seen = wait_for(page, job)
    assert job["state"] == "done", job
    assert job["total"] == 4 and job["done"] == 4
    assert job["summary"]["files"] == 4 and job["message"].startswith("mined 4 speeches")
    sources = {s.file for p in load_bank(bank).phrases for s in p.sources}
    assert "新讲话.txt" in sources


def test_mine_uploaded_files(page, bank):
    from drafter.bank import load_bank
    text = (sorted(CORPUS.glob("*.txt"))[1]).read_bytes()
    files = [("files", ("上传的讲话.txt", text, "text/plain"))]
    job = page.post("/api/mine/upload", files=files, headers=WRITE).json()
    job, _ = wait_for(page, job)
    assert job["state"] == "done", job
    assert "上传的讲话.txt" in {s.file for p in load_bank(bank).phrases for s in p.sources}
    bad = page.post("/api/mine/upload", files=[("files", ("x.exe", b"MZ", "application/octet-stream"))],
                    headers=WRITE)
    assert bad.status_code == 400 and ".txt" in bad.json()["error"]
