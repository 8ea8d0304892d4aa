"""One rule for the bank (drafter/bank/locate.py): --bank, DRAFTER_BANK, the project's bank found
upward from the current folder (drafter.toml or phrasebank/), the user's default, the built-in bank.
Every command that reads a bank says which one it used, on stderr, one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.bank.locate import packaged_bank_dir, resolve_bank

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "研讨发言.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A writer's folder with its own bank and a subfolder to draft from; no user config."""
    home = tmp_path / "home"
    proj = home / "发言稿"
    sub = proj / "2026" / "十一月"
    sub.mkdir(parents=True)
    shutil.copytree(packaged_bank_dir(), proj / "phrasebank",
                    ignore=shutil.ignore_patterns(".index.sqlite*", ".lock"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    return proj, sub


def _same(a, b):
    return Path(a).resolve() == Path(b).resolve()


def test_order_of_the_rule(project, monkeypatch, tmp_path):
    proj, sub = project
    other = tmp_path / "other-bank"
    choice = resolve_bank(None, cwd=sub)
    assert choice.how == "project" and _same(choice.path, proj / "phrasebank")
    monkeypatch.setenv("DRAFTER_BANK", str(other))
    assert resolve_bank(None, cwd=sub).how == "env" and _same(resolve_bank(None, cwd=sub).path, other)
    assert resolve_bank("given", cwd=sub).how == "option"


def test_drafter_toml_points_elsewhere_and_wins_over_a_lower_phrasebank(project, tmp_path):
    proj, sub = project
    shared = tmp_path / "shared-bank"
    shared.mkdir()
    (proj / "2026" / "drafter.toml").write_text('bank = "../../../shared-bank"\n', encoding="utf-8")
    choice = resolve_bank(None, cwd=sub)
    assert choice.how == "project-config" and _same(choice.path, shared)
    assert choice.origin.endswith("drafter.toml")


def test_user_default_then_builtin(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    assert resolve_bank(None, cwd=home / "work").how == "builtin"
    (home / ".config" / "drafter").mkdir(parents=True)
    (home / ".config" / "drafter" / "drafter.toml").write_text('bank = "~/我的词库"\n', encoding="utf-8")
    choice = resolve_bank(None, cwd=home / "work")
    assert choice.how == "user-config" and _same(choice.path, home / "我的词库")


def test_a_bad_drafter_toml_is_one_clear_error(project):
    from drafter.errors import BankError
    proj, sub = project
    (proj / "drafter.toml").write_text("bank = [1\n", encoding="utf-8")
    with pytest.raises(BankError) as err:
        resolve_bank(None, cwd=sub)
    assert "drafter.toml" in str(err.value)


def _draft(cwd, *extra, env=None):
    full = {k: v for k, v in os.environ.items() if k != "DRAFTER_BANK"}
    full.update(env or {})
    full["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "drafter", "draft", str(EXAMPLE), "-o", "out.md",
                           "--sources", "src.yaml", "--force", *extra], cwd=cwd, capture_output=True, text=True,
                          env=full, timeout=120)


def _banks_used(proc):
    return [line for line in proc.stderr.splitlines() if line.startswith("drafter: used bank")]


def test_draft_from_a_subfolder_uses_the_project_bank_and_says_so(project, tmp_path):
    proj, sub = project
    # a phrase only the project's bank has: its 溯源 shows the project bank was used
    import yaml
    proc = _draft(sub, env={"HOME": os.environ["HOME"], "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]})
    assert proc.returncode == 0, proc.stderr
    lines = _banks_used(proc)
    assert len(lines) == 1 and str((proj / "phrasebank").resolve()) in lines[0]
    assert "project" in lines[0]
    assert yaml.safe_load((sub / "src.yaml").read_text(encoding="utf-8"))["borrowed"]

    other = tmp_path / "elsewhere"
    shutil.copytree(proj / "phrasebank", other)
    with_env = _draft(sub, env={"DRAFTER_BANK": str(other)})
    assert with_env.returncode == 0 and len(_banks_used(with_env)) == 1
    assert str(other) in _banks_used(with_env)[0] and "DRAFTER_BANK" in _banks_used(with_env)[0]

    with_option = _draft(sub, "--bank", str(packaged_bank_dir()), env={"DRAFTER_BANK": str(other)})
    assert with_option.returncode == 0
    assert "--bank" in _banks_used(with_option)[0] and str(other) not in with_option.stderr


def test_the_bank_line_is_chinese_by_default(project):
    proj, sub = project
    proc = _draft(sub, env={"DRAFTER_LANG": "zh"})
    assert proc.returncode == 0
    assert any(line.startswith("drafter: 所用词库") for line in proc.stderr.splitlines()), proc.stderr


def test_a_failing_command_prints_its_error_line_only(project):
    proj, sub = project
    (sub / "bad.yaml").write_text("title: x\n", encoding="utf-8")
    full = {k: v for k, v in os.environ.items() if k != "DRAFTER_BANK"}
    proc = subprocess.run([sys.executable, "-m", "drafter", "draft", "bad.yaml"], cwd=sub, env=full,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_phrases_search_says_which_bank(project):
    from typer.testing import CliRunner

    from drafter.cli import app
    proj, sub = project
    cwd = os.getcwd()
    os.chdir(sub)
    try:
        result = CliRunner().invoke(app, ["phrases", "search", "精神", "-n", "1"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert "drafter: used bank" in result.stderr and "project" in result.stderr
