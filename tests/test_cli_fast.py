"""drafter/fastcli.py and the fast path of drafter/cli.py: a command that declares its command
line (``FAST``) runs without typer, with the same arguments typer would pass, and every line
the fast reader does not take goes to typer (its messages and exit codes)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import drafter.commands
from drafter.cli import command_names, main, register_commands
from drafter.console import echo
from drafter.fastcli import Spec, parse

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "tests" / "fixtures" / "bank"
OUTLINE = ROOT / "examples" / "研讨发言.yaml"
#: modules with a fast command line: a command's own, or ``_<group>_<sub>`` for a group's subcommand
FAST = [m.name for m in pkgutil.iter_modules(drafter.commands.__path__)
        if hasattr(importlib.import_module(f"drafter.commands.{m.name}"), "FAST")]


def _command(name: str):
    """The click command typer builds for the command (or subcommand) of module ``name``."""
    import typer

    path = name[1:].split("_", 1) if name.startswith("_") else [name]
    command = typer.main.get_command(register_commands([path[0]]))
    for part in path:
        command = command.commands[part]
    return command


def test_the_common_commands_declare_their_command_line():
    assert {"draft", "export", "check", "_phrases_search"} <= set(FAST)
    assert "_phrases_search" not in command_names()


@pytest.mark.parametrize("name", FAST)
def test_each_spec_is_the_typer_signature(name):
    spec: Spec = importlib.import_module(f"drafter.commands.{name}").FAST
    defaults = {}
    options, flags, arguments, required, multiple, kinds = {}, {}, [], set(), set(), {}
    for param in _command(name).params:
        if param.param_type_name == "argument":
            arguments.append(param.name)
            assert param.required and param.nargs == 1
        elif param.name != "help":
            assert param.nargs == 1 and not param.secondary_opts and not param.envvar
            target = flags if param.is_flag else options
            target.update({opt: param.name for opt in param.opts})
            if param.required:
                required.add(param.name)
            if param.multiple:
                multiple.add(param.name)
            elif not param.is_flag and param.default is not None:
                defaults[param.name] = param.default
        kinds[param.name] = param.type.name
        if param.type.name == "path":      # fastcli converts as a path that only must be readable
            t = param.type
            assert (t.exists, t.file_okay, t.dir_okay, t.readable, t.writable, t.resolve_path, t.allow_dash,
                    t.type) == (False, True, True, True, False, False, False, None)
    assert tuple(arguments) == spec.arguments
    assert options == spec.options and flags == spec.flags and required == spec.required
    assert multiple == spec.multiple and defaults == spec.defaults
    for param, kind in kinds.items():
        expected = "int" if param in spec.ints else "str" if param in spec.strings else \
            "boolean" if param in spec.flags.values() else "path"
        assert kind == expected, param


def _typer_kwargs(name, args, monkeypatch) -> dict:
    """What typer passes to the command's ``run`` for this command line."""
    module = importlib.import_module(f"drafter.commands.{name}")
    seen: dict = {}
    if name.startswith("_"):       # the group's module calls it by the name it imported it as
        module = importlib.import_module(f"drafter.commands.{name[1:].split('_')[0]}")
        monkeypatch.setattr(module, "run_search", lambda **kw: seen.update(kw) or 0)
    else:
        monkeypatch.setattr(module, "run", lambda **kw: seen.update(kw))
    _command(name).main(list(args), standalone_mode=False)
    return seen


DRAFT_LINES = [
    [str(OUTLINE)],
    [str(OUTLINE), "-o", "x.docx", "--seed", "3"],
    ["--seed=+7", "-o", "out.txt", str(OUTLINE), "--strict", "--force"],
    [str(OUTLINE), "--bank", str(BANK), "--templates", "t", "--layout", "large-print", "--reference-doc", "r.docx",
     "--sources", "s.yaml", "--lint-comments", "-o", "a.docx", "-o", "b.docx"],
    [str(OUTLINE), "--out=x.md", "--seed", " 12 "],
]


@pytest.mark.parametrize("args", DRAFT_LINES)
def test_draft_lines_read_as_typer_reads_them(args, monkeypatch):
    spec = importlib.import_module("drafter.commands.draft").FAST
    assert parse(spec, args) == _typer_kwargs("draft", args, monkeypatch)


@pytest.mark.parametrize("args", [
    ["坚定"], ["落实 发展", "-c", "金句", "--category", "论述", "-t", "a", "--tag=b", "-n", "5", "--exact"],
    ["--json", "-b", str(BANK), "-s", "001", "-m", "2", "x", "--limit=0", "--min-count", "1"],
])
def test_phrases_search_lines_read_as_typer_reads_them(args, monkeypatch):
    spec = importlib.import_module("drafter.commands._phrases_search").FAST
    assert parse(spec, args) == _typer_kwargs("_phrases_search", args, monkeypatch)


def test_a_fast_search_prints_what_typer_printed(capsys, monkeypatch):
    import drafter.cli as cli

    for args in (["坚定", "--bank", BANK], ["没有这样的话吧", "--bank", BANK, "--exact"],
                 ["发展", "--bank", BANK, "--json", "-n", "3"]):
        fast = _run(capsys, "phrases", "search", *args)
        with monkeypatch.context() as m:
            register_commands(["phrases"])
            m.setattr(cli, "_fast_call", lambda args: None)
            slow = _run(capsys, "phrases", "search", *args)
        assert fast == slow and fast[2]


def test_check_lines_read_as_typer_reads_them(monkeypatch):
    spec = importlib.import_module("drafter.commands.check").FAST
    for args in (["a.docx"], ["--json", "a.docx", "--layout=large-print"]):
        assert parse(spec, args) == _typer_kwargs("check", args, monkeypatch)


def test_a_fast_check_prints_what_typer_printed(capsys, tmp_path, monkeypatch):
    """Passing and failing checks (exit 0 / 1), text and JSON, through both paths."""
    import drafter.cli as cli

    monkeypatch.chdir(tmp_path)
    assert _run(capsys, "draft", OUTLINE, "--bank", BANK, "-o", "d.docx")[0] == 0
    for args in (["d.docx"], ["d.docx", "--json"], ["d.docx", "--layout", "large-print"]):
        fast = _run(capsys, "check", *args)
        with monkeypatch.context() as m:
            register_commands(["check"])
            m.setattr(cli, "_fast_call", lambda args: None)
            slow = _run(capsys, "check", *args)
        assert fast == slow and fast[1]
    assert _run(capsys, "check", "d.docx", "--layout", "large-print")[0] == 1


def test_export_lines_read_as_typer_reads_them(monkeypatch):
    spec = importlib.import_module("drafter.commands.export").FAST
    for args in (["a.txt", "-o", "a.docx"], ["--force", "-o", "b.md", "a.txt", "--layout", "gbt9704"]):
        assert parse(spec, args) == _typer_kwargs("export", args, monkeypatch)


@pytest.mark.parametrize("args", [
    [], ["--help"], [str(OUTLINE), "--help"], [str(OUTLINE), "-h"], [str(OUTLINE), "--seed", "x"],
    [str(OUTLINE), "--seed"], [str(OUTLINE), "--seed", "-1"], [str(OUTLINE), "-o"], [str(OUTLINE), "--out="],
    [str(OUTLINE), "-ox.docx"], [str(OUTLINE), "--strict=1"], [str(OUTLINE), "--unknown"], ["--", str(OUTLINE)],
    [str(OUTLINE), "extra"], ["-"], [""], [str(OUTLINE), "--sd", "1"],
])
def test_other_lines_are_left_to_typer(args):
    assert parse(importlib.import_module("drafter.commands.draft").FAST, args) is None


def test_a_required_option_missing_is_left_to_typer():
    assert parse(importlib.import_module("drafter.commands.export").FAST, ["a.txt"]) is None


def test_an_unreadable_path_is_left_to_typer(tmp_path):
    import os

    locked = tmp_path / "locked.yaml"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who reads any file (root)")
        assert parse(importlib.import_module("drafter.commands.draft").FAST, [str(locked)]) is None
    finally:
        locked.chmod(0o600)


def _run(capsys, *args) -> tuple[int, str, str]:
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    out = capsys.readouterr()
    return code, out.out, out.err


def test_usage_errors_of_a_fast_command_are_typers(capsys):
    code, _out, err = _run(capsys, "draft", OUTLINE, "--seed", "x", "--lang", "en")
    assert (code, err) == (2, "drafter: invalid value for --seed: not a whole number (see: drafter draft --help)\n")


def test_a_drafter_usage_error_on_the_fast_path_is_one_line_exit_2(capsys, tmp_path):
    code, out, err = _run(capsys, "draft", OUTLINE, "--bank", BANK, "--lint-comments", "--lang", "en")
    assert (code, out) == (2, "") and err == "drafter: --lint-comments applies to .docx output only (use -o NAME.docx)\n"


def test_a_fast_draft_prints_what_typer_printed(capsys, tmp_path, monkeypatch):
    """The same draft, stdout and stderr (warnings, the used-bank line) through both paths."""
    monkeypatch.chdir(tmp_path)
    fast = _run(capsys, "draft", OUTLINE, "--bank", BANK, "--seed", "1")
    register_commands(["draft"])
    import drafter.cli as cli

    monkeypatch.setattr(cli, "_fast_call", lambda args: None)
    slow = _run(capsys, "draft", OUTLINE, "--bank", BANK, "--seed", "1")
    assert fast == slow and fast[0] == 0 and fast[1] and "tests/fixtures/bank" in fast[2]


def test_a_fast_draft_never_imports_typer(tmp_path):
    code = ("import sys\nfrom drafter.cli import main\ntry:\n"
            f"    main(['draft', {str(OUTLINE)!r}, '--bank', {str(BANK)!r}, '-o', {str(tmp_path / 'x.txt')!r}])\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "x.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("message, nl, err", [("纯文本", True, False), ("warn", True, True), ("", False, False),
                                             ("a\nb", False, True), ("\x1b[1mbold\x1b[0m", True, False)])
def test_echo_writes_what_typer_echo_writes(capsys, message, nl, err):
    import typer

    echo(message, nl=nl, err=err)
    ours = capsys.readouterr()
    typer.echo(message, nl=nl, err=err)
    assert ours == capsys.readouterr()


# ---------------------------------------------------------------- help pages kept

def _drafter(args, cache: Path, **env) -> subprocess.CompletedProcess:
    import os

    full = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "80", **env}
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=ROOT, env=full, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("args", [["--help"], ["draft", "--help"], ["phrases", "search", "--help"],
                                  ["--lang", "en", "phrases", "--help"]])
def test_a_kept_help_page_is_the_page_typer_shows(args, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")             # nothing can be kept under a file
    fresh = _drafter(args, blocked / "x")
    first, again = _drafter(args, tmp_path / "c"), _drafter(args, tmp_path / "c")
    assert list((tmp_path / "c" / "drafter" / "help").iterdir())
    for run in (first, again):
        assert (run.returncode, run.stdout, run.stderr) == (0, fresh.stdout, "")
    assert fresh.stdout.startswith(("用法：", "Usage:"))


def test_a_failing_help_line_is_not_kept(tmp_path):
    done = _drafter(["nosuch", "--help"], tmp_path / "c")
    assert done.returncode == 2 and done.stderr
    assert not (tmp_path / "c" / "drafter" / "help").exists()


def test_a_command_that_takes_help_as_a_value_is_not_kept(tmp_path):
    """`-c --help` gives --category the value "--help": the search runs, and what it printed is
    no help page to keep; nor is the output of --version, which answers before --help."""
    assert _drafter(["phrases", "search", "x", "-c", "--help", "--bank", str(BANK)], tmp_path / "c").returncode in (0, 1)
    done = _drafter(["--version", "--help"], tmp_path / "c")
    assert done.returncode == 0 and done.stdout.startswith("drafter ")
    assert not (tmp_path / "c" / "drafter" / "help").exists()


def test_a_help_page_is_kept_per_line_language_width_and_code(monkeypatch):
    import os

    import drafter.cli as cli

    monkeypatch.setenv("COLUMNS", "80")
    base = cli._help_key(["--help"])
    assert cli._help_key(["draft", "--help"]) != base
    monkeypatch.setenv("COLUMNS", "60")
    assert cli._help_key(["--help"]) != base
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("DRAFTER_LANG", "en" if "\0zh\0" in base else "zh")
    assert cli._help_key(["--help"]) != base
    monkeypatch.delenv("DRAFTER_LANG")
    for module in ("cli.py", "clihelp/pages.py", "commands/draft.py", "locale/zh_CN/LC_MESSAGES/drafter.mo"):
        st = os.stat(ROOT / "drafter" / module)
        folder, name = os.path.split(module)
        assert f"{folder or '.'}/{name}:{st.st_size}:{st.st_mtime_ns}" in base, module


def test_a_whole_process_draft_ends_as_an_in_process_one(capsys, tmp_path, monkeypatch):
    """`python -m drafter draft` ends its process without the interpreter's teardown
    (cli._leave): what it printed, its exit code, the exit functions and the file it wrote are
    those of the same command run in-process."""
    monkeypatch.chdir(tmp_path)
    inproc = _run(capsys, "draft", OUTLINE, "--bank", BANK, "--seed", "1")
    out = tmp_path / "x.docx"
    code = ("import atexit, runpy, sys\natexit.register(lambda: print('exit functions ran', file=sys.stderr))\n"
            f"sys.argv = ['drafter', 'draft', {str(OUTLINE)!r}, '--bank', {str(BANK)!r}, '--seed', '1']\n"
            "runpy.run_module('drafter', run_name='__main__')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (inproc[0], inproc[1])
    assert done.stderr == inproc[2] + "exit functions ran\n"
    to_file = _drafter(["draft", str(OUTLINE), "--bank", str(BANK), "--seed", "1", "-o", str(out)], tmp_path / "c")
    assert to_file.returncode == 0 and str(out) in to_file.stderr
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None and "word/document.xml" in z.namelist()
