"""The README shows what a user gets, and stays true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exactly_two_setup_commands_install_then_draft_and_install_then_test():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup, re.S)
    assert len(commands) == 2
    draft, test = commands
    assert "pip install" in draft and "drafter draft examples/" in draft
    assert "pip install" in test and "pytest" in test
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_example_outline_in_the_readme_is_the_shipped_one():
    outline = (ROOT / "examples" / "研讨发言.yaml").read_text(encoding="utf-8").rstrip()
    assert f"```yaml\n{outline}\n```" in README


def test_the_first_page_picture_exists():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures and all((ROOT / p).is_file() for p in pictures)


def test_every_command_is_documented():
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert names
    for name in names:
        assert f"`drafter {name}" in README, name


def test_the_picture_shows_what_drafter_makes_today():
    """docs/first-page.txt is the draft the picture was rendered from: a change to drafting that
    changes it means the picture is stale (re-make both with docs/update_readme_picture.py)."""
    import sys
    sys.path.insert(0, str(ROOT / "docs"))
    from update_readme_picture import readme_draft

    from drafter.writers import render

    shown = (ROOT / "docs" / "first-page.txt").read_text(encoding="utf-8")
    assert render(readme_draft(), "txt") == shown, "README picture is stale: run python docs/update_readme_picture.py"
