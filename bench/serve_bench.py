"""Draft in the page of ``drafter serve``: from the click on 起草 to the speech laid out, for a
3,000-character outline with the shipped bank. Target: under 0.3 s (median).

Printed beside it, measured in the same run: the same request without the browser (HTTP
POST /api/draft to JSON), and the composer alone in this process (``drafter.compose.draft``):
warm, with the cache the server keeps (drafter/compose/cache.py: the floor the page cannot go
under), and cold, without it (what every draft cost before the server kept anything warm).

Usage: python bench/serve_bench.py [--runs N]
Needs Debian's chromium and the playwright package (without them: the HTTP figure only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

#: a 3,000-character outline (the one draft_bench used before it moved to the example outline)
OUTLINE = """\
type: 研讨发言
numbering: numbered
title: 在理论学习中心组“以学促干”专题研讨会上的发言
speaker: XX区委副书记 张三
theme: 以学促干
length: 3000
vars: {地名: 滨江区}
sections:
  - heading: 坚持以学促干，在学思践悟中把牢方向
    points: [强化理论武装, 深入调查研究]
  - heading: 坚持埋头苦干，在履职尽责中展现作为
    points: [干在发展的关键处, 干在民生的第一线]
  - heading: 坚持真抓实干，在转变作风中锤炼党性
"""

TARGET = 0.3


def start_server(folder: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--port", "0", "--dir", str(folder),
                             "--bank", str(ROOT / "drafter" / "data" / "phrasebank")],
                            cwd=folder, env=env, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    if "http://" not in line:
        proc.kill()
        sys.exit(f"the server did not start: {line}{proc.stderr.read()}")
    return proc, line[line.index("http://"):].split()[0]


def page_times(url: str, runs: int) -> list[float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not os.access("/usr/bin/chromium", os.X_OK):
        return None
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    times = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium",
                                                       headless=True, args=args)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=60000)
        page.select_option("#open-file", "bench.yaml")
        page.click("#open-outline")
        page.wait_for_function("() => document.querySelector('[data-key=length]').value === '3000'", timeout=60000)
        for i in range(runs + 1):
            page.fill("#seed", str(i))
            page.dispatch_event("#seed", "change")
            page.evaluate("() => { window.drafterLastDraftMs = null; }")
            page.click("#draft")
            page.wait_for_function("() => window.drafterLastDraftMs !== null", timeout=60000)
            if i:  # the first warms the server's imports and caches
                times.append(page.evaluate("() => window.drafterLastDraftMs") / 1000)
        chars = int(page.inner_text("#fig-length"))
        context.close()
    print(f"  (the page's draft has {chars} characters)")
    return times


def http_times(url: str, outline: dict, runs: int) -> list[float]:
    import httpx
    headers = {"X-Drafter": "1", "Origin": url.rstrip("/")}
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        r = httpx.post(url + "api/draft", json={"outline": outline, "seed": i}, headers=headers, timeout=60)
        elapsed = time.perf_counter() - start
        r.raise_for_status()
        if i:
            times.append(elapsed)
    return times


def composer_times(outline: dict, runs: int, warm: bool) -> list[float]:
    from drafter.compose import cache, draft
    bank = ROOT / "drafter" / "data" / "phrasebank"
    cache.enable(warm)
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        draft(outline, bank=bank, seed=i)
        if i:
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    import yaml
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    outline = yaml.safe_load(OUTLINE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench.yaml").write_text(OUTLINE, encoding="utf-8")
        proc, url = start_server(folder)
        try:
            page = page_times(url, args.runs)
            http = http_times(url, outline, args.runs)
        finally:
            proc.terminate()
            proc.wait(10)
    warm = composer_times(outline, args.runs, warm=True)
    cold = composer_times(outline, args.runs, warm=False)
    med = statistics.median
    print(f"draft of a 3,000-character outline, median of {args.runs} runs (target: page < {TARGET} s)")
    if page is None:
        print("  page (click → speech laid out):  not measured (needs /usr/bin/chromium and playwright)")
    else:
        verdict = "ok" if med(page) < TARGET else "OVER TARGET"
        print(f"  page (click → speech laid out):  {med(page):.3f} s  [{verdict}]")
    print(f"  HTTP POST /api/draft → JSON:     {med(http):.3f} s")
    print(f"  anchor: drafter.compose.draft in this process, warm (server's cache): {med(warm):.3f} s")
    print(f"  anchor: drafter.compose.draft in this process, cold (no cache):      {med(cold):.3f} s")


if __name__ == "__main__":
    main()
