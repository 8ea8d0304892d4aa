"""drafter/commands/*, in-process through ``drafter.cli.main`` (what the console script runs): exit codes,
what goes to stdout and stderr, and the usage errors each command refuses before it computes anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from speechtext import SPEECH

from drafter.cli import main
from drafter.commands.check import fix_command
from drafter.commands.parse import describe
from drafter.parser import parse_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIRST = sorted(CORPUS.glob("*.txt"))[0]
BANK = ROOT / "tests" / "fixtures" / "bank"


def drafter(capsys, *args) -> tuple[int, str, str]:
    """Run the command in this process: (exit code, stdout, stderr)."""
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def speech_txt(tmp_path) -> Path:
    path = tmp_path / "讲话.txt"
    path.write_text(SPEECH, encoding="utf-8")
    return path


# ---------------------------------------------------------------- parse

def test_describe_shows_the_title_block_counts_and_indented_headings():
    text = describe(parse_text(SPEECH, "s.txt"))
    lines = text.splitlines()
    assert lines[0] == "s.txt"
    assert "  title: 在全区推进高质量发展大会上的讲话" in lines
    assert "  speaker: 区委书记 张三" in lines and "  salutation: 同志们：" in lines
    assert "  opening: 1 paragraphs, 32 characters" in lines
    assert "    一、提高政治站位  (no body text)" in lines
    assert "      （一）深化理论学习  (1 paragraphs, 22 characters)" in lines
    assert lines[-2].startswith("  closing: 1 paragraphs — 同志们，让我们团结一心")
    assert lines[-1] == f"  3 headings, {parse_text(SPEECH, 's.txt').text_length()} characters in all"


def test_describe_of_a_speech_without_closing_says_none():
    text = describe(parse_text("标题\n一、要点\n正文内容。\n", "s.txt"))
    assert "  closing: (none)" in text.splitlines()


def test_parse_exits_1_when_some_files_fail_and_still_prints_the_others(capsys, speech_txt, tmp_path):
    code, out, err = drafter(capsys, "parse", "--json", speech_txt, tmp_path / "missing.txt")
    assert code == 1
    assert json.loads(out)["title"] == "在全区推进高质量发展大会上的讲话"
    assert err.count("\n") == 1 and "missing.txt" in err


def test_parse_exits_2_when_nothing_parsed(capsys, tmp_path):
    code, out, err = drafter(capsys, "parse", tmp_path / "missing.txt")
    assert (code, out) == (2, "") and err.startswith("drafter: ")


# ---------------------------------------------------------------- export

def test_export_to_markdown_and_text(capsys, speech_txt, tmp_path):
    code, _out, err = drafter(capsys, "export", speech_txt, "-o", tmp_path / "a.md")
    assert code == 0 and err.strip() == f"drafter: wrote {tmp_path / 'a.md'}"
    md = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert md.startswith("# 在全区推进高质量发展大会上的讲话")
    code, _out, _err = drafter(capsys, "export", tmp_path / "a.md", "-o", tmp_path / "b.txt")
    assert code == 0
    back = parse_text((tmp_path / "b.txt").read_text(encoding="utf-8"), "b.txt")
    assert back.content() == parse_text(SPEECH, "s.txt").content()


def test_export_refuses_to_replace_without_force_and_keeps_the_file(capsys, speech_txt, tmp_path):
    out = tmp_path / "a.txt"
    out.write_text("old", encoding="utf-8")
    code, _o, err = drafter(capsys, "export", speech_txt, "-o", out)
    assert code == 2 and "already exists; pass --force" in err
    assert out.read_text(encoding="utf-8") == "old"
    code, _o, _e = drafter(capsys, "export", speech_txt, "-o", out, "--force")
    assert code == 0 and out.read_text(encoding="utf-8") != "old"


def test_export_never_writes_over_its_input(capsys, speech_txt):
    code, _o, err = drafter(capsys, "export", speech_txt, "-o", speech_txt, "--force")
    assert code == 2 and "is an input of this command" in err
    assert speech_txt.read_text(encoding="utf-8") == SPEECH


def test_export_to_an_unknown_suffix_is_one_line(capsys, speech_txt, tmp_path):
    code, _o, err = drafter(capsys, "export", speech_txt, "-o", tmp_path / "a.odt")
    assert code == 2 and "cannot write .odt: use .docx, .pdf, .md or .txt" in err
    assert not (tmp_path / "a.odt").exists()


# ---------------------------------------------------------------- check

def test_fix_command_quotes_paths_and_names_the_layout():
    assert fix_command(Path("我的 发言.docx"), None) == "drafter export '我的 发言.docx' -o '我的 发言-排版.docx'"
    assert fix_command(Path("a/b.docx"), "large-print") == \
        "drafter export a/b.docx -o 'a/b-排版.docx' --layout large-print"


def test_check_a_failing_document_prints_the_fix(capsys, tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("标题")
    d.add_paragraph("正文。")
    d.save(tmp_path / "plain.docx")
    code, out, _err = drafter(capsys, "check", tmp_path / "plain.docx")
    assert code == 1
    lines = out.splitlines()
    assert lines[-2].endswith("of 15 rules failed (gbt9704 layout)")
    assert lines[-1].startswith(f"to fix: drafter export {tmp_path / 'plain.docx'} -o '{tmp_path / 'plain-排版.docx'}'")
    code, out, _err = drafter(capsys, "check", "--json", tmp_path / "plain.docx", "--layout", "large-print")
    data = json.loads(out)
    assert code == 1 and data["layout"] == "large-print" and data["fix"].endswith("--layout large-print")


def test_check_with_an_unknown_layout_suggests_the_nearest(capsys, tmp_path):
    code, out, err = drafter(capsys, "check", tmp_path / "x.docx", "--layout", "large-prnt")
    assert code == 2 and out == ""
    assert "no layout named 'large-prnt'; did you mean 'large-print'?" in err


def test_exported_docx_passes_check(capsys, speech_txt, tmp_path):
    assert drafter(capsys, "export", speech_txt, "-o", tmp_path / "a.docx")[0] == 0
    code, out, _err = drafter(capsys, "check", tmp_path / "a.docx")
    assert code == 0 and out.splitlines()[-1].endswith("all 15 rules pass (gbt9704 layout)")


# ---------------------------------------------------------------- lint usage

@pytest.mark.parametrize("args, message", [
    ([], "give one or more files to lint (or --list-rules)"),
    (["{f}", "--in-place"], "--in-place and --output only go with --fix"),
    (["{f}", "--fix", "--in-place", "-o", "{o}"], "--in-place and --output exclude each other"),
    (["{f}", "{f}", "--fix", "-o", "{o}"], "--output needs exactly one file"),
    (["{f}", "--comments", "{o}.docx"], "--comments needs exactly one .docx file to comment on"),
    (["{f}", "--fix", "--comments", "{o}.docx"], "--comments and --fix exclude each other"),
])
def test_lint_refuses_options_that_do_not_go_together(capsys, speech_txt, tmp_path, args, message):
    args = [a.format(f=speech_txt, o=tmp_path / "out") for a in args]
    code, out, err = drafter(capsys, "lint", *args)
    assert code == 2 and out == "" and message in err
    assert not list(tmp_path.glob("out*"))


def test_lint_two_files_prints_a_total(capsys, speech_txt, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(SPEECH.replace("2025", "2024"), encoding="utf-8")
    code, out, _err = drafter(capsys, "lint", speech_txt, other)
    assert code in (0, 1)
    assert out.splitlines()[-1].startswith("total: 2 files, ")


def test_lint_json_keeps_stdout_machine_readable(capsys, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("标题\n\n同志们：\n一、要点\n我们要抓好落实,确保见效.XX同志要负责。\n", encoding="utf-8")
    code, out, err = drafter(capsys, "lint", "--json", path)
    assert code == 1
    findings = [json.loads(line) for line in out.splitlines()]
    assert findings and all(set(f) == {"file", "paragraph", "level", "rule", "message"} for f in findings)
    assert {"halfwidth-punct", "placeholder"} <= {f["rule"] for f in findings}
    assert "error" in err  # the summary goes to stderr


def test_lint_list_rules_names_every_builtin_rule(capsys):
    from drafter.lint import builtin_rules

    code, out, _err = drafter(capsys, "lint", "--list-rules")
    assert code == 0
    ids = {line.split()[0] for line in out.splitlines()}
    assert set(builtin_rules()) <= ids


# ---------------------------------------------------------------- new, templates

def test_new_prints_an_outline_that_loads(capsys, tmp_path):
    from drafter.compose.outline import load_outline

    code, out, _err = drafter(capsys, "new", "研讨发言", "--theme", "以学促干", "--bank", BANK)
    assert code == 0 and "以学促干" in out
    path = tmp_path / "o.yaml"
    path.write_text(out, encoding="utf-8")
    outline = load_outline(path)
    assert outline.type == "研讨发言" and outline.sections


def test_new_refuses_an_existing_output_before_writing(capsys, tmp_path):
    out = tmp_path / "o.yaml"
    out.write_text("keep", encoding="utf-8")
    code, _o, err = drafter(capsys, "new", "研讨发言", "-o", out, "--bank", BANK)
    assert code == 2 and "already exists" in err and out.read_text(encoding="utf-8") == "keep"


def test_templates_show_prints_the_source_and_unknown_names_suggest(capsys):
    code, out, _err = drafter(capsys, "templates", "show", "研讨发言")
    assert code == 0 and "{%" in out
    code, out, err = drafter(capsys, "templates", "show", "研讨发")
    assert code == 2 and out == "" and "研讨发言" in err


def test_templates_list_has_one_tab_separated_line_per_template(capsys):
    code, out, _err = drafter(capsys, "templates", "list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and rows and all(len(r) == 4 for r in rows)
    assert {"研讨发言", "党课"} <= {r[0] for r in rows}
    assert all(Path(r[3]).is_file() for r in rows)


# ---------------------------------------------------------------- draft usage, mine usage

@pytest.mark.parametrize("args, message", [
    (["--lint-comments"], "--lint-comments applies to .docx output only"),
    (["-o", "{t}/a.md", "--layout", "large-print"], "--layout and --reference-doc apply to .docx and .pdf output"),
    (["-o", "{t}/a.txt", "--sources", "{t}/a.txt"], "-o and --sources name the same file"),
])
def test_draft_refuses_options_that_do_not_go_together(capsys, tmp_path, args, message):
    outline = ROOT / "examples" / "研讨发言.yaml"
    code, out, err = drafter(capsys, "draft", outline, *[a.format(t=tmp_path) for a in args])
    assert code == 2 and out == "" and message in err
    assert list(tmp_path.iterdir()) == []


def test_draft_sources_may_not_overwrite_the_outline(capsys, tmp_path):
    outline = tmp_path / "o.yaml"
    outline.write_bytes((ROOT / "examples" / "研讨发言.yaml").read_bytes())
    code, _o, err = drafter(capsys, "draft", outline, "--sources", outline, "--force")
    assert code == 2 and "is an input of this command" in err
    assert outline.read_bytes() == (ROOT / "examples" / "研讨发言.yaml").read_bytes()


def test_mine_refuses_negative_jobs(capsys, tmp_path):
    code, _o, err = drafter(capsys, "mine", FIRST, "-o", tmp_path / "bank", "--jobs", "-1")
    assert code == 2 and "--jobs must be 0 (one per CPU) or more" in err
    assert not (tmp_path / "bank").exists()


def test_progress_bar_draws_nothing_for_few_files_or_when_quiet():
    from drafter.commands.mine import PROGRESS_FROM, ProgressBar

    with ProgressBar(enabled=True) as bar:
        bar.update(1, PROGRESS_FROM - 1)
        assert bar.bar is None
    with ProgressBar(enabled=False) as bar:
        bar.update(1, PROGRESS_FROM * 10)
        assert bar.bar is None
    with ProgressBar(enabled=True) as bar:
        bar.update(3, PROGRESS_FROM)
        assert bar.bar is not None and bar.bar.tasks[0].completed == 3
    assert bar.bar.finished is False  # stopped, not completed: mining said 3 of 10


# ---------------------------------------------------------------- the root command

def test_version_and_unknown_command(capsys):
    from drafter import __version__

    code, out, _err = drafter(capsys, "--version")
    assert code == 0 and out.strip() == f"drafter {__version__}"
    code, out, err = drafter(capsys, "parsee")
    assert code == 2 and "parse" in err


def test_bad_lang_is_one_line(capsys):
    code, _o, err = drafter(capsys, "--lang", "fr", "parse", FIRST)
    assert code == 2 and err.strip() == "drafter: --lang: 'fr': en | zh"


def test_an_os_error_becomes_one_line(capsys, monkeypatch, speech_txt, tmp_path):
    import errno

    import drafter.writers as writers

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "a.md"))

    monkeypatch.setattr(writers, "write_text_atomic", full)
    code, _o, err = drafter(capsys, "export", speech_txt, "-o", tmp_path / "a.md")
    assert code == 2
    assert err.strip() == f"drafter: {tmp_path / 'a.md'}: the disk is full (no space left on device); free some space " \
                          "and run it again"


def test_a_bug_is_one_line_unless_debugging(capsys, monkeypatch, speech_txt, tmp_path):
    import drafter.commands.parse as parse_command

    monkeypatch.setattr(parse_command, "describe", lambda speech: 1 / 0)
    code, _o, err = drafter(capsys, "parse", speech_txt)
    assert code == 2 and "internal error: ZeroDivisionError" in err and "Traceback" not in err
    monkeypatch.setenv("DRAFTER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["parse", str(speech_txt)])


# ---------------------------------------------------------------- fonts

@pytest.fixture
def fontconfig(monkeypatch):
    """fontconfig as the test says: which families are installed and what stands in."""
    import drafter.fonts as fonts

    state = {"installed": set(), "present": True}
    monkeypatch.setattr(fonts, "has_fontconfig", lambda: state["present"])
    monkeypatch.setattr(fonts, "installed_families", lambda: {f.lower() for f in state["installed"]})
    monkeypatch.setattr(fonts, "substitute", lambda font: "Noto Serif CJK SC" if "仿宋" in font else font)
    return state


def test_fonts_missing_are_named_with_their_stand_in_and_exit_1(capsys, fontconfig):
    from drafter.fonts import needed_fonts
    from drafter.layouts import load_layout

    everything = {n.font for n in needed_fonts(load_layout(None))}
    fontconfig["installed"] = everything - {"仿宋_GB2312", "方正小标宋简体"}
    code, out, _err = drafter(capsys, "fonts")
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("MISSING  仿宋_GB2312: ") and line.endswith("→ shown as Noto Serif CJK SC")
               for line in lines)
    assert any(line.startswith("MISSING  方正小标宋简体: title") and line.endswith("→ no stand-in found")
               for line in lines)
    assert lines[-1].startswith(f"2 of {len(everything)} fonts missing (gbt9704 layout): install them")


def test_fonts_all_installed_exit_0(capsys, fontconfig):
    from drafter.fonts import needed_fonts
    from drafter.layouts import load_layout

    fontconfig["installed"] = {n.font for n in needed_fonts(load_layout(None))}
    code, out, _err = drafter(capsys, "fonts", "--json")
    data = json.loads(out)
    assert code == 0 and data["fontconfig"] is True and all(f["installed"] for f in data["fonts"])


def test_fonts_without_fontconfig_cannot_tell_and_exit_0(capsys, fontconfig):
    fontconfig["present"] = False
    code, out, _err = drafter(capsys, "fonts")
    assert code == 0
    assert all(line.startswith("?") for line in out.splitlines()[:-1])
    assert "fontconfig (fc-list) not found" in out.splitlines()[-1]
