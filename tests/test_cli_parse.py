"""`drafter parse`: readable tree, JSON lines, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import CORPUS

from drafter.parser import parse_file

NAME = "002_940c483cb8458f87"


def run(*args):
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")


def test_json_is_one_object_per_file_in_the_documented_shape():
    result = run("parse", "--json", CORPUS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    obj = json.loads(lines[2])
    assert set(obj) >= {"source", "title", "speaker", "salutation", "opening", "sections", "closing"}
    assert "同志们" in lines[2]  # Chinese unescaped
    section = obj["sections"][0]
    assert set(section) >= {"marker", "heading", "body", "sections"}
    assert section["marker"] == "一、" and section["sections"][0]["marker"] == "（一）"
    assert obj == parse_file(CORPUS / f"{NAME}.txt").to_dict() | {"source": obj["source"]}


def test_readable_output_indents_headings_and_counts(monkeypatch):
    monkeypatch.setenv("DRAFTER_LANG", "zh")  # the labels in the writer's language
    result = run("parse", CORPUS / f"{NAME}.txt")
    assert result.returncode == 0
    assert "    一、高质量发展是全面建设社会主义现代化国家的首要任务" in result.stdout
    assert "      （一）中国式现代化的本质要求" in result.stdout
    assert "        一要把新发展理念转化为促进高质量发展的实际行动" in result.stdout
    assert "称呼：同志们：" in result.stdout


def test_bad_inputs_one_line_each_exit_2_when_nothing_parsed(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    result = run("parse", binary, empty, doc, nothing, tmp_path / "missing.txt")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 5 and "Traceback" not in result.stderr
    for path, line in zip([binary, empty, doc, nothing, tmp_path / "missing.txt"], lines):
        assert str(path) in line


def test_good_files_still_parse_beside_bad_ones(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf")
    result = run("parse", "--json", doc, CORPUS / f"{NAME}.txt")
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "old.doc" in result.stderr
