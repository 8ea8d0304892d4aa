"""Headless Chromium for the ``drafter serve`` page tests, driven by Playwright.

Debian's ``chromium`` (installed by .ci/run) is launched directly: Playwright never
downloads a browser here. Missing Chromium or Playwright skips the tests with the reason,
except under CI=true, where they must run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def need_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright is not installed (pip install playwright; never `playwright install`)"
    if problem is None and not os.access(CHROMIUM, os.X_OK):
        problem = f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does)"
    if problem is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run under CI: {problem}")
    pytest.skip(problem)


@contextmanager
def browser(viewport=(1400, 1000)):
    """A fresh Chromium profile (its own --user-data-dir), closed and removed at the end."""
    from playwright.sync_api import sync_playwright
    profile = tempfile.mkdtemp(prefix="drafter-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=ARGS, accept_downloads=True,
                viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
