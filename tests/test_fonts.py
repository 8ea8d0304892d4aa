"""``drafter fonts``: what the layout needs, what is installed, what stands in; ``check`` says how to fix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import fonts as f
from drafter.layouts import load_layout

ROOT = Path(__file__).resolve().parent.parent
FONTS_CONF = ROOT / "tests" / "render" / "fonts.conf"


def run(*args, env=None):
    import os
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def test_the_layout_names_every_font_with_its_uses():
    needs = {n.font: n.uses for n in f.needed_fonts(load_layout("gbt9704"))}
    assert needs["仿宋_GB2312"][:3] == ["salutation", "body", "closing"]
    assert needs["方正小标宋简体"] == ["title"] and needs["黑体"] == ["heading 1"]
    assert needs["Times New Roman"] == ["Latin letters and digits"] and needs["宋体"] == ["page numbers"]
    windows = {n.font for n in f.needed_fonts(load_layout("windows"))}
    assert windows == {"宋体", "楷体", "仿宋", "黑体", "Times New Roman"}


def test_missing_fonts_and_their_stand_ins_from_fontconfig(monkeypatch):
    monkeypatch.setattr(f, "has_fontconfig", lambda: True)
    monkeypatch.setattr(f, "installed_families", lambda: {"黑体", "simhei", "times new roman"})
    monkeypatch.setattr(f, "substitute", lambda name: {"仿宋_GB2312": "FandolFang"}.get(name, name))
    report = {n.font: n for n in f.font_report(load_layout("gbt9704"))}
    assert report["黑体"].installed and report["Times New Roman"].installed
    assert report["仿宋_GB2312"].installed is False and report["仿宋_GB2312"].replaced_by == "FandolFang"
    assert report["楷体_GB2312"].replaced_by is None  # fontconfig had nothing better than the name itself


def test_without_fontconfig_it_cannot_tell(monkeypatch):
    monkeypatch.setattr(f, "has_fontconfig", lambda: False)
    assert all(n.installed is None for n in f.font_report(load_layout(None)))


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")
def test_the_command_with_the_stand_in_fonts():
    result = run("fonts", "--json", env={"FONTCONFIG_FILE": str(FONTS_CONF)})
    data = json.loads(result.stdout)
    assert data["layout"] == "gbt9704" and data["fontconfig"] is True
    by_font = {x["font"]: x for x in data["fonts"]}
    if (Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol") / "FandolFang-Regular.otf").is_file():
        assert by_font["仿宋_GB2312"]["replaced_by"] == "FandolFang"
    assert result.returncode == (1 if any(x["installed"] is False for x in data["fonts"]) else 0)
    text = run("fonts", env={"FONTCONFIG_FILE": str(FONTS_CONF)}).stdout
    assert "仿宋_GB2312: salutation, body" in text
    assert "--layout windows" in text or "all 6 fonts installed" in text


def test_check_says_how_to_fix_a_failing_document(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("在理论学习中心组专题研讨会上的发言")
    d.add_paragraph("同志们：")
    d.add_paragraph("今天，我们召开专题研讨会。")
    d.save(tmp_path / "plain.docx")
    result = run("check", str(tmp_path / "plain.docx"))
    assert result.returncode == 1
    assert f"to fix: drafter export {tmp_path / 'plain.docx'} -o" in result.stdout
    data = json.loads(run("check", str(tmp_path / "plain.docx"), "--json", "--layout", "windows").stdout)
    assert data["fix"].startswith("drafter export") and data["fix"].endswith("--layout windows")
    import shlex

    fixed = tmp_path / "plain-排版.docx"
    assert run(*shlex.split(data["fix"])[1:]).returncode == 0  # the command it gives works as given
    assert run("check", str(fixed), "--layout", "windows").returncode == 0
