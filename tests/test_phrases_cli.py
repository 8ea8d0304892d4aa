"""``drafter phrases``: every subcommand, through the real CLI entry point."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from smallbank import BASE, CLOSING, make_bank, mined

from drafter.bank import Source, load_bank, make_id, merge_mined
from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args):
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


CORPUS = [*BASE, mined("把惠民生的事办实、暖民心的事办细、顺民意的事办好", "排比", count=2, tags=["民生"]), CLOSING]


@pytest.fixture
def bank(tmp_path):
    return make_bank(tmp_path / "bank", CORPUS)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and not p.name.startswith((".index", ".lock"))}


# --- reading -----------------------------------------------------------------------------------

def test_list_json_lines_have_the_documented_fields(capsys, bank):
    code, out, _ = run(capsys, "phrases", "list", "--bank", str(bank), "--json")
    rows = jsonl(out)
    assert code == 0 and len(rows) == 4
    assert {"id", "text", "category", "tags", "slots", "count", "sources"} <= set(rows[0])
    assert [r["category"] for r in rows] == sorted(r["category"] for r in rows)
    code, out, _ = run(capsys, "phrases", "list", "--bank", str(bank), "-c", "结尾", "--json")
    assert [r["text"] for r in jsonl(out)] == ["发言完毕，谢谢大家！"]
    assert jsonl(out)[0]["sources"] == [{"file": "c.txt", "para": 9}]


def test_search_substring_all_words_width_and_spacing(capsys, bank):
    def texts(*args):
        code, out, _ = run(capsys, "phrases", "search", *args, "--bank", str(bank), "--json")
        return code, [r["text"] for r in jsonl(out)]

    assert texts("九分落实") == (0, ["一分部署、九分落实"])
    assert texts("九分 一分")[1] == ["一分部署、九分落实"]                 # all words, any order
    assert texts("发言完毕,谢谢大家!")[1] == ["发言完毕，谢谢大家！"]       # half-width typed
    assert texts("功成 不必")[1] == ["功成不必在我、功成必定有我"]          # spacing ignored
    assert texts("没有这句话") == (1, [])


def test_search_ranks_exact_then_substring_then_words_then_count(capsys, tmp_path):
    directory = tmp_path / "b"
    merge_mined(directory, [mined("抓落实", count=1), mined("狠抓落实见实效", count=1),
                            mined("真抓实干抓好落实", count=1), mined("重实效抓落实", count=9),
                            mined("落实要抓紧", count=50, tags=["抓"])], {})
    code, out, _ = run(capsys, "phrases", "search", "抓落实", "--bank", str(directory), "--json")
    assert [r["text"] for r in jsonl(out)] == ["抓落实", "重实效抓落实", "狠抓落实见实效"]
    code, out, _ = run(capsys, "phrases", "search", "抓 落实", "--bank", str(directory), "--json")
    order = [r["text"] for r in jsonl(out)]
    assert order == ["抓落实", "重实效抓落实", "狠抓落实见实效", "落实要抓紧", "真抓实干抓好落实"]
    code, out, _ = run(capsys, "phrases", "search", "落实", "--bank", str(directory), "--json")
    assert [r["text"] for r in jsonl(out)][0] == "落实要抓紧"        # starts with it, most used


def test_search_filters_category_tag_source_min_count(capsys, bank):
    def ids(*args):
        return [r["text"] for r in jsonl(run(capsys, "phrases", "search", "的", "--bank", str(bank),
                                              "--json", *args)[1])]

    def listed(*args):
        return [r["text"] for r in jsonl(run(capsys, "phrases", "list", "--bank", str(bank),
                                              "--json", *args)[1])]

    assert ids("-c", "排比") == ["把惠民生的事办实、暖民心的事办细、顺民意的事办好"]
    assert ids("-c", "金句") == []
    assert listed("-t", "落实") == ["一分部署、九分落实"]
    assert listed("--source", "b.t") == ["功成不必在我、功成必定有我"]
    assert listed("--min-count", "3") == ["发言完毕，谢谢大家！", "一分部署、九分落实"]


def test_show_prints_the_entry_as_yaml(capsys, bank):
    pid = make_id("金句", "一分部署、九分落实")
    code, out, _ = run(capsys, "phrases", "show", pid, "--bank", str(bank))
    assert code == 0 and out.startswith(f"- id: {pid}\n  text: 一分部署、九分落实\n")
    code, _, err = run(capsys, "phrases", "show", "金句-nothere", "--bank", str(bank))
    assert code == 2 and "no phrase with id" in err


# --- writing -----------------------------------------------------------------------------------

def test_add_then_search_finds_it(capsys, bank):
    code, out, _ = run(capsys, "phrases", "add", "抓铁有痕、踏石留印", "-c", "金句", "-t", "作风",
                       "--bank", str(bank), "--json")
    added = json.loads(out)
    assert code == 0 and added["origin"] == "user" and added["tags"] == ["作风"]
    code, out, _ = run(capsys, "phrases", "search", "踏石留印", "--bank", str(bank), "--json")
    assert [r["id"] for r in jsonl(out)] == [added["id"]]


@pytest.mark.parametrize("args, reason", [
    (["", "-c", "金句"], "empty text"),
    (["有{}空槽", "-c", "金句"], "slot without a name"),
    (["一分部署，九分落实", "-c", "金句"], "already has this text"),   # 、 vs ，: not the same...
    (["新的一句", "-c", "新类别"], "unknown category"),
    (["新的一句", "-c", "a/b", "--new-category"], "bad category name"),
])
def test_invalid_add_is_refused_with_reason_and_changes_nothing(capsys, bank, args, reason):
    if reason == "already has this text":
        args = ["一分部署、 九分落实", "-c", "对仗"]                  # ...spacing is, in any category
    before = snapshot(bank)
    code, _, err = run(capsys, "phrases", "add", *args, "--bank", str(bank))
    assert code == 2 and reason in err and err.count("\n") == 1
    assert snapshot(bank) == before


def test_add_new_category_and_slots(capsys, bank):
    code, out, _ = run(capsys, "phrases", "add", "推动{地名}高质量发展", "-c", "口号",
                       "--new-category", "--bank", str(bank), "--json")
    assert code == 0 and json.loads(out)["slots"] == ["地名"]
    assert "口号" in load_bank(bank).categories


def test_edit_text_category_and_tags_keeps_the_id(capsys, bank):
    pid = make_id("金句", "一分部署、九分落实")
    code, out, _ = run(capsys, "phrases", "edit", pid, "--text", "一分部署，九分落实", "-c", "对仗",
                       "-t", "作风", "--untag", "落实", "--bank", str(bank), "--json")
    row = json.loads(out)
    assert code == 0 and row["id"] == pid and row["category"] == "对仗" and row["tags"] == ["作风"]
    assert not (bank / "phrases" / "金句.yaml").exists()          # its only entry moved away
    assert load_bank(bank).get(pid).text == "一分部署，九分落实"


def test_edit_refuses_a_duplicate_text(capsys, bank):
    before = snapshot(bank)
    code, _, err = run(capsys, "phrases", "edit", make_id("金句", "一分部署、九分落实"),
                       "--text", "发言完毕,谢谢大家!", "--bank", str(bank))
    assert code == 2 and "already has this text" in err and snapshot(bank) == before


def test_edit_in_editor(capsys, bank, monkeypatch, tmp_path):
    pid = make_id("结尾", "发言完毕，谢谢大家！")
    script = tmp_path / "ed.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text(encoding='utf-8').replace('谢谢大家', '谢谢各位')"
                      " + '  note: 常用\\n', encoding='utf-8')\n", encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    code, out, err = run(capsys, "phrases", "edit", pid, "--bank", str(bank))
    assert code == 0, err
    p = load_bank(bank).get(pid)
    assert p.text == "发言完毕，谢谢各位！" and p.extra == {"note": "常用"}


def test_edit_in_editor_with_broken_yaml_keeps_the_edit_and_the_bank(capsys, bank, monkeypatch):
    pid = make_id("结尾", "发言完毕，谢谢大家！")
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c \"import sys; "
                       f"open(sys.argv[1], 'a').write('  tags: [oops\\n')\"")
    before = snapshot(bank)
    code, _, err = run(capsys, "phrases", "edit", pid, "--bank", str(bank))
    assert code == 2 and "malformed YAML" in err and "kept" in err
    assert snapshot(bank) == before


def test_rm_then_remine_does_not_bring_it_back(capsys, bank):
    pid = make_id("金句", "一分部署、九分落实")
    code, out, _ = run(capsys, "phrases", "rm", pid, "--bank", str(bank))
    assert code == 0 and "removed" in out
    merge_mined(bank, CORPUS, {"研讨发言": {"documents": 3}})
    assert load_bank(bank).get(pid) is None
    code, _, _ = run(capsys, "phrases", "search", "九分落实", "--bank", str(bank))
    assert code == 1
    code, _, err = run(capsys, "phrases", "rm", pid, "--bank", str(bank))
    assert code == 2 and "no phrase with id" in err


def test_rm_of_an_unknown_id_removes_nothing(capsys, bank):
    before = snapshot(bank)
    code, _, _ = run(capsys, "phrases", "rm", make_id("金句", "一分部署、九分落实"), "金句-0000",
                     "--bank", str(bank))
    assert code == 2 and snapshot(bank) == before


def test_merge_folds_duplicates_unites_sources_reports_conflicts(capsys, bank, tmp_path):
    other = tmp_path / "other"
    merge_mined(other, [mined("一分部署、九分落实", count=1, sources=[("z.txt", 5)], tags=["部署"]),
                        mined("功成不必在我、功成必定有我", "金句"),
                        mined("空谈误国、实干兴邦", sources=[("z.txt", 7)])], {"党课": {"documents": 1}})
    code, out, err = run(capsys, "phrases", "merge", str(other), "--bank", str(bank))
    assert code == 0 and "1 added" in out and "conflict" in err and "对仗" in err
    merged = load_bank(bank)
    p = merged.get(make_id("金句", "一分部署、九分落实"))
    assert p.sources == [Source("a.txt", 1), Source("z.txt", 5)] and p.tags == ["落实", "部署"]
    assert p.count == 3
    assert merged.get(make_id("金句", "空谈误国、实干兴邦")) is not None
    assert set(merged.skeletons) == {"研讨发言", "党课"}
    assert len([q for q in merged.phrases if "功成不必在我" in q.text]) == 1


def test_import_lines_from_txt_and_docx(capsys, bank, tmp_path):
    import docx
    txt = tmp_path / "金句.txt"
    txt.write_text("抓铁有痕、踏石留印\n\n空谈误国、实干兴邦\n一分部署、九分落实\n", encoding="utf-8")
    code, out, err = run(capsys, "phrases", "import", str(txt), "-c", "金句", "--bank", str(bank))
    assert code == 0 and "imported 2" in out and "skipped 1" in out and "already has" in err
    document = docx.Document()
    for line in ("功以才成、业由才广", "为官避事平生耻"):
        document.add_paragraph(line)
    document.save(tmp_path / "lines.docx")
    code, out, _ = run(capsys, "phrases", "import", str(tmp_path / "lines.docx"), "-c", "金句",
                       "-t", "人才", "--bank", str(bank), "--json")
    rows = jsonl(out)
    assert [r["text"] for r in rows] == ["功以才成、业由才广", "为官避事平生耻"]
    assert rows[0]["tags"] == ["人才"] and rows[0]["sources"] == [{"file": "lines.docx", "para": 1}]


def test_import_lines_needs_a_category(capsys, bank, tmp_path):
    txt = tmp_path / "x.txt"
    txt.write_text("抓铁有痕、踏石留印\n", encoding="utf-8")
    code, _, err = run(capsys, "phrases", "import", str(txt), "--bank", str(bank))
    assert code == 2 and "--category" in err


def test_import_harvests_a_speech(capsys, tmp_path):
    pytest.importorskip("drafter.mining")
    speech = sorted((ROOT / "corpus").glob("*.txt"))[0]
    directory = tmp_path / "fresh"
    code, out, err = run(capsys, "phrases", "import", str(speech), "--bank", str(directory),
                         "--json")
    rows = jsonl(out)
    assert code == 0, err
    assert len(rows) > 5 and all(r["origin"] == "user" for r in rows)
    assert all(r["sources"] and r["sources"][0]["file"] == speech.name for r in rows)
    merge_mined(directory, [], {})                           # a re-mine keeps imported phrases
    assert len(load_bank(directory).phrases) == len(rows)


def test_export_csv_and_yaml(capsys, bank, tmp_path):
    import csv
    import io

    import yaml
    code, out, _ = run(capsys, "phrases", "export", "--bank", str(bank))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 4 and rows[0].keys() >= {"id", "text", "sources"}
    target = tmp_path / "out.yaml"
    code, _, _ = run(capsys, "phrases", "export", "-f", "yaml", "-c", "排比", "-o", str(target),
                     "--bank", str(bank))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [d["category"] for d in data] == ["排比"]
    code, _, err = run(capsys, "phrases", "export", "-f", "xml", "--bank", str(bank))
    assert code == 2 and "csv or yaml" in err


def test_stats(capsys, bank):
    code, out, _ = run(capsys, "phrases", "stats", "--bank", str(bank), "--json")
    figures = json.loads(out)
    assert code == 0 and figures["phrases"] == 4
    assert figures["categories"] == {"对仗": 1, "排比": 1, "结尾": 1, "金句": 1}
    assert figures["tags"] == {"民生": 1, "落实": 1} and figures["sources"]["a.txt"] == 2
    code, out, _ = run(capsys, "phrases", "stats", "--bank", str(bank))
    assert "phrases: 4" in out


# --- validate ----------------------------------------------------------------------------------

def test_validate_clean_bank(capsys, bank):
    assert run(capsys, "phrases", "validate", "--bank", str(bank))[0] == 0


def test_validate_reports_every_problem_with_file_and_line(capsys, bank):
    (bank / "phrases" / "金句.yaml").write_text(textwrap.dedent("""\
        - id: 金句-1
          text: 重复的一句
          category: 金句
        - id: 金句-1
          text: 重复的一句。
          category: 金句
        - id: 金句-2
          text: ''
        - id: 金句-3
          text: 有{}空槽
          slots: ['']
        - id: 金句-4
          text: 把{地名}建设好
          category: 怪类
        - id: 金句-5
          text: 重复 的一句
        """), encoding="utf-8")
    (bank / "phrases" / "结尾.yaml").write_text("- id: x\n  text: [broken\n", encoding="utf-8")
    code, out, _ = run(capsys, "phrases", "validate", "--bank", str(bank))
    assert code == 1
    path = bank / "phrases" / "金句.yaml"
    expected = [f"{path}:4: duplicate id 金句-1", f"{path}:7: 金句-2: empty text",
                f"{path}:9: 金句-3: slot without a name ({{}}) in text",
                f"{path}:9: 金句-3: slot without a name in slots",
                f"{path}:12: 金句-4: unknown category 怪类", f"{path}:12: 金句-4: slot {{地名}}",
                f"{path}:15: 金句-5: duplicate text (same as 金句-1"]
    for line in expected:
        assert any(o.startswith(line) for o in out.splitlines()), line
    assert any(o.startswith(f"{bank / 'phrases' / '结尾.yaml'}:3") and "malformed YAML" in o
               for o in out.splitlines())


# --- safety ------------------------------------------------------------------------------------

def test_syntax_error_gives_file_and_line_and_touches_nothing(capsys, bank):
    path = bank / "phrases" / "排比.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("count: 2", "count: [2"),
                    encoding="utf-8")
    before = snapshot(bank)
    for args in (["list"], ["search", "民生"], ["add", "新的一句", "-c", "金句"],
                 ["rm", make_id("金句", "一分部署、九分落实")]):
        code, _, err = run(capsys, "phrases", *args, "--bank", str(bank))
        assert code == 2 and err.startswith(f"drafter: {path}:") and "malformed YAML" in err, args
        assert err.split(":")[2].strip().isdigit()
    assert snapshot(bank) == before


ADDER = """
import sys
from drafter.bank.edit import add_phrase
for i in range(int(sys.argv[3])):
    add_phrase(sys.argv[1], f"{sys.argv[2]}第{i}句话", "金句")
"""


def test_two_processes_adding_at_once_keep_both_entries(bank):
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(bank), who, "15"], cwd=ROOT)
             for who in ("甲", "乙")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    texts = {p.text for p in load_bank(bank, use_index=False).phrases}
    assert {f"{w}第{i}句话" for w in "甲乙" for i in range(15)} <= texts
    assert len(texts) == 4 + 30


CRASHER = """
import os, sys, time
import drafter.atomic as atomic
from drafter.bank.edit import add_phrase
real = os.replace
def slow_replace(src, dst):
    if str(dst).endswith("金句.yaml"):
        print("writing", flush=True)
        time.sleep(60)
    real(src, dst)
os.replace = slow_replace
add_phrase(sys.argv[1], "写到一半的一句", "金句")
"""


def test_crash_mid_write_leaves_old_bank_intact_and_unlocked(capsys, bank):
    before = snapshot(bank)
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, str(bank)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"       # journal committed, not yet moved
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = {k: v for k, v in snapshot(bank).items() if not k.startswith(".journal/")}
    assert after == before                                   # no bank file half-changed
    start = time.monotonic()
    code, _, _ = run(capsys, "phrases", "add", "崩溃之后的一句", "-c", "金句", "--bank", str(bank))
    assert code == 0 and time.monotonic() - start < 10      # the lock died with the process
    texts = {p.text for p in load_bank(bank).phrases}
    assert {"崩溃之后的一句", "写到一半的一句"} <= texts       # the committed update was finished
    assert not (bank / ".journal").exists()


# --- default bank --------------------------------------------------------------------------------

def test_writing_to_the_shipped_bank_is_refused_with_a_way_out(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "phrases", "add", "一句话", "-c", "金句")
    assert code == 2 and "drafter phrases init" in err and "--bank" in err
    code, out, _ = run(capsys, "phrases", "init")
    assert code == 0 and (tmp_path / "phrasebank" / "categories.yaml").exists()
    assert not (tmp_path / "phrasebank" / ".index.sqlite").exists()
    code, out, _ = run(capsys, "phrases", "add", "一句新话", "-c", "金句", "--json")
    assert code == 0
    assert any(p.text == "一句新话" for p in load_bank(tmp_path / "phrasebank").phrases)
    code, _, err = run(capsys, "phrases", "init")
    assert code == 2 and "--force" in err


def test_reading_commands_use_the_shipped_bank(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "phrases", "list", "--json", "-n", "3")
    assert code == 0 and len(jsonl(out)) == 3


def test_missing_bank_dir_is_one_clear_line(capsys, tmp_path):
    code, _, err = run(capsys, "phrases", "list", "--bank", str(tmp_path / "none"))
    assert code == 2 and "no phrase bank" in err and err.count("\n") == 1


def test_reindex(capsys, bank):
    code, out, _ = run(capsys, "phrases", "reindex", "--bank", str(bank))
    assert code == 0 and "rebuilt" in out and (bank / ".index.sqlite").exists()


def test_missing_editor_is_one_clear_line(capsys, bank, monkeypatch):
    monkeypatch.setenv("VISUAL", "no-such-editor-xyz")
    code, _, err = run(capsys, "phrases", "edit", make_id("金句", "一分部署、九分落实"),
                       "--bank", str(bank))
    assert code == 2 and "cannot run the editor" in err and err.count("\n") == 1


HOLDER = """
import sys, time
from drafter.bank import bank_lock
with bank_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(30)
"""


def test_a_busy_bank_fails_with_a_clear_message_after_the_timeout(bank):
    from drafter.bank import bank_lock
    from drafter.errors import BankError
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(bank)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BankError, match="busy"):
            with bank_lock(bank, timeout=0.3):
                pass
    finally:
        holder.kill()
        holder.wait()
    with bank_lock(bank, timeout=5):                      # free again once the holder is gone
        with bank_lock(bank, timeout=0):                  # and re-entrant within a process
            pass
