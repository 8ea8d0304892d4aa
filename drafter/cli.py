"""The ``drafter`` command: a thin typer layer over the library.

Each command lives in ``drafter/commands/<name>.py`` with a ``register(app)`` function
(and an ``ORDER`` number for the help listing); this module finds them, registers the
one asked for (all of them for help or an unknown name), and turns every
``DrafterError`` into one line on stderr with exit code 2.
Commands import their heavy modules (python-docx, jinja2) inside the function body,
so ``drafter --help`` and light commands start fast. A command whose module declares its
command line (``FAST``, a ``fastcli.Spec``) and a ``run`` function is read by
``fastcli.parse`` when the line is a plain one and run without typer at all (~75 ms CPU);
any other line goes through typer as before (``_run_fast`` does what the root command,
``clihelp.root.DrafterGroup.main``, does around a command).
"""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import importlib.util
import os
import pkgutil
import sys
from functools import cache
from typing import TYPE_CHECKING, Any, Callable

from drafter import CLI_GC_THRESHOLDS, __version__, commands, i18n
from drafter.bank.locate import flush_announcements
from drafter.console import echo
from drafter.errors import DrafterError, UsageError, os_reason
from drafter.fastcli import help_width, parse, split_lang
from drafter.i18n import N_, _, set_language

if TYPE_CHECKING:
    import typer

HELP = N_("Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint.")


@cache
def _typer_app() -> typer.Typer:
    """The typer app, its root options and no command yet (``register_commands`` adds them)."""
    import typer  # noqa: PLC0415 - the CLI framework (+75 ms CPU, measured): the fast path runs without it

    from drafter.clihelp.root import DrafterGroup  # noqa: PLC0415 - imports typer: as above

    app = typer.Typer(name="drafter", cls=DrafterGroup, help=HELP, no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False, rich_markup_mode=None)

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"drafter {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                           help=N_("Print the version and exit.")),
              lang: str = typer.Option(None, "--lang", metavar="en|zh",
                                       help=N_("Language of messages and help (default: from the locale, "
                                               "else Chinese; also DRAFTER_LANG)."))) -> None:
        """Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint."""

    return app


_registered: set[str] = set()


def command_names() -> list[str]:
    """The commands, one module each in drafter/commands/, named like the command (a module whose
    name starts with ``_`` is part of one: ``_phrases_search`` is ``phrases search`` run without typer)."""

    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


def register_commands(names: list[str] | None = None) -> typer.Typer:
    """Register the commands named (all by default), each once; return the app.

    ``main`` registers only the command it was asked to run: importing ten command
    modules and letting typer build every command's parameters is most of a short
    command's start-up. Help, an unknown command or no command register them all.
    """
    modules = [importlib.import_module(f"drafter.commands.{name}")
               for name in (command_names() if names is None else names) if name not in _registered]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        module.register(_typer_app())
        _registered.add(module.__name__.rsplit(".", 1)[1])
    return _typer_app()


def _command_in(args: list[str]) -> list[str] | None:
    """The command ``args`` ask for, as a list for ``register_commands``; None: all of them;
    none for ``--version`` before any command (it answers before a command would run)."""
    first = next((a for a in args if not a.startswith("-")), None)
    if "--version" in args[:args.index(first) if first in args else len(args)]:
        return []
    if first is None or first != args[0] or first not in command_names():
        return None
    return [first]


def __getattr__(name: str):
    if name == "app":  # the whole app (tests, other programs): every command registered
        return register_commands()
    raise AttributeError(f"module 'drafter.cli' has no attribute {name!r}")


def os_error_line(err: OSError) -> str:
    """One line for an OSError: the file and what it means (full disk, read-only ...)."""
    name = err.filename if err.filename is not None else ""
    return f"{name}: {os_reason(err)}" if name else os_reason(err)


def _fast_call(args: list[str]) -> tuple[Callable[..., Any], dict[str, Any]] | None:
    """The ``run`` function and its arguments when the command line is one ``fastcli`` reads:
    a command whose module declares ``FAST``, or a group's subcommand with a module of its
    own, ``drafter/commands/_<group>_<sub>.py`` (the group's module imports typer)."""
    if not args or args[0].startswith("-") or os.environ.get("_DRAFTER_COMPLETE"):
        return None
    if args[0] not in command_names():
        return None
    name, rest = args[0], args[1:]
    if rest and rest[0].isidentifier() and importlib.util.find_spec(f"drafter.commands._{name}_{rest[0]}"):
        name, rest = f"_{name}_{rest[0]}", rest[1:]
    module = importlib.import_module(f"drafter.commands.{name}")
    spec, run = getattr(module, "FAST", None), getattr(module, "run", None)
    if spec is None or run is None:
        return None
    kwargs = parse(spec, rest)
    return None if kwargs is None else (run, kwargs)


def _run_fast(run: Callable[..., Any], kwargs: dict[str, Any], leave: bool = False) -> None:
    """The command, with what the root command (clihelp.root.DrafterGroup.main, through typer's
    main) does around it: the used-bank notice on success, a UsageError on one line, exit
    codes (130 on an interrupt, 1 on end of input or a closed pipe). ``leave``: this is the
    whole process (``main`` read the command line itself), so a command that finished ends
    it at once (``_leave``)."""
    saved = i18n._override
    flush_announcements(show=False)
    try:
        try:
            rv = run(**kwargs)
        except EOFError:
            echo(err=True)
            echo("drafter: " + _("aborted"), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            rv = 130
        except UsageError as err:
            echo(f"drafter: {err}", err=True)
            sys.exit(err.exit_code)
        except OSError as err:
            if err.errno != errno.EPIPE:
                raise
            from typer._click.utils import PacifyFlushWrapper  # noqa: PLC0415 - the CLI framework's (+75 ms CPU): only on a closed pipe

            sys.stdout = PacifyFlushWrapper(sys.stdout)  # what typer does on a closed pipe
            sys.stderr = PacifyFlushWrapper(sys.stderr)
            sys.exit(1)
        flush_announcements(show=rv in (None, 0, 1))
        code = rv if isinstance(rv, int) else 0
        if leave:
            _leave(code)
        sys.exit(code)
    finally:
        flush_announcements(show=False)
        i18n._override = saved


def _leave(code: int) -> None:
    """End the process with ``code`` now that its command is done and its files are written
    (each through drafter.atomic: closed and renamed): the streams flushed and the exit
    functions run, as at a normal exit, but without the interpreter's teardown, which frees
    every object one by one — for a draft the bank's prepared lines, ~700,000 objects, 40 ms
    CPU of a 330 ms command (measured). Not while another thread runs (a normal exit waits
    for it), under a profiler or a tracer (cProfile, coverage: they write at the normal exit),
    or when a stream cannot be flushed (the normal exit reports that)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return
    if "threading" in sys.modules and sys.modules["threading"].active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    os._exit(code)


def _help(argv: list[str]) -> None:
    """A help page as shown before for this very line, language, width and code (it is a pure
    function of them: typer builds every command's parameters to lay out ``drafter --help``,
    ~170 ms CPU); else typer shows it, and what went to stdout alone with exit 0 is kept when it
    was one help page (``clihelp.pages.pages_laid_out``: not a command that took "--help" as a value).
    Kept pages live in diskcache (kind ``help``)."""
    from drafter import diskcache  # noqa: PLC0415 - only for help lines

    key = _help_key(argv)
    page = diskcache.load("help", key)
    if isinstance(page, str):
        echo(page, nl=False)
        sys.exit(0)
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err  # what typer writes is also kept
    try:
        register_commands(_command_in(argv))
        _typer_app()(args=argv, prog_name="drafter")
    except SystemExit as done:
        pages = getattr(sys.modules.get("drafter.clihelp.pages"), "pages_laid_out", 0)
        if done.code in (0, None) and not err.seen and out.seen and pages == 1:
            diskcache.store("help", key, "".join(out.seen), keep=64)
        raise
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream


def _help_key(argv: list[str]) -> str:
    """What a help page is made from: the line, the language, the width it is laid out in,
    and the code (stamps of every file of the package, typer's, Python's version)."""
    import importlib.util  # noqa: PLC0415 - only for help lines

    root = os.path.dirname(os.path.abspath(__file__))
    stamps = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append(f"{os.path.relpath(folder, root)}/{name}:{st.st_size}:{st.st_mtime_ns}")
    spec = importlib.util.find_spec("typer")
    if spec is not None and spec.origin:
        st = os.stat(spec.origin)
        stamps.append(f"typer:{spec.origin}:{st.st_size}:{st.st_mtime_ns}")
    return "\0".join([*argv, "", i18n.language(), str(help_width()), sys.version, __version__, *stamps])


class _Tee:
    """A text stream that writes through to ``stream`` and keeps what was written."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.seen: list[str] = []

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        self.seen.append(text)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> None:
    gc.set_threshold(*CLI_GC_THRESHOLDS)  # a short-lived process (see drafter/__init__.py)
    whole_process = argv is None  # the command line of this process, not a caller's list
    lang, argv = split_lang(list(sys.argv[1:] if argv is None else argv))
    if lang is not None:
        try:
            set_language(lang)
        except ValueError:
            echo("drafter: " + _("--lang: {lang}: en | zh").format(lang=repr(lang)), err=True)
            sys.exit(2)
    try:
        fast = _fast_call(argv)
        if fast is not None:
            _run_fast(*fast, leave=whole_process)
        if "--help" in argv and "--" not in argv:
            _help(argv)
        register_commands(_command_in(argv))
        _typer_app()(args=argv, prog_name="drafter")
    except DrafterError as err:
        echo(f"drafter: {err}", err=True)
        sys.exit(err.exit_code)
    except OSError as err:          # a write or read the OS refused: full disk, read-only, a directory
        echo(f"drafter: {os_error_line(err)}", err=True)
        sys.exit(2)
    except RecursionError:
        echo("drafter: " + _("input nested too deeply to process"), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        echo("drafter: " + _("interrupted"), err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - a bug must still not end in a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        echo("drafter: " + _("internal error: {error} (this is a bug in drafter; DRAFTER_DEBUG=1 "
                             "shows the traceback)").format(error=f"{type(err).__name__}: {err}"),
             err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
