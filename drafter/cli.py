"""The ``drafter`` command: a thin typer layer over the library.

Each command lives in ``drafter/commands/<name>.py`` with a ``register(app)`` function
(and an ``ORDER`` number for the help listing); this module finds them, registers the
one asked for (all of them for help or an unknown name), and turns every
``DrafterError`` into one line on stderr with exit code 2.
Commands import their heavy modules (python-docx, jinja2) inside the function body,
so ``drafter --help`` and light commands start fast.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
import sys

import typer

from drafter import CLI_GC_THRESHOLDS, __version__, commands
from drafter.clihelp import DrafterGroup, split_lang
from drafter.errors import DrafterError, os_reason
from drafter.i18n import N_, _, set_language

HELP = N_("Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint.")


_app = typer.Typer(
    name="drafter",
    cls=DrafterGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=N_("Print the version and exit.")),
          lang: str = typer.Option(None, "--lang", metavar="en|zh",
                                   help=N_("Language of messages and help (default: from the locale, "
                                           "else Chinese; also DRAFTER_LANG)."))) -> None:
    """Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint."""


_registered: set[str] = set()


def command_names() -> list[str]:
    """The commands, one module each in drafter/commands/, named like the command."""

    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__))


def register_commands(names: list[str] | None = None) -> typer.Typer:
    """Register the commands named (all by default), each once; return the app.

    ``main`` registers only the command it was asked to run: importing ten command
    modules and letting typer build every command's parameters is most of a short
    command's start-up. Help, an unknown command or no command register them all.
    """
    modules = [importlib.import_module(f"drafter.commands.{name}")
               for name in (command_names() if names is None else names) if name not in _registered]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        module.register(_app)
        _registered.add(module.__name__.rsplit(".", 1)[1])
    return _app


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


def main(argv: list[str] | None = None) -> None:
    gc.set_threshold(*CLI_GC_THRESHOLDS)  # a short-lived process (see drafter/__init__.py)
    lang, argv = split_lang(list(sys.argv[1:] if argv is None else argv))
    if lang is not None:
        try:
            set_language(lang)
        except ValueError:
            typer.echo("drafter: " + _("--lang: {lang}: en | zh").format(lang=repr(lang)), err=True)
            sys.exit(2)
    register_commands(_command_in(argv))
    try:
        _app(args=argv, prog_name="drafter")
    except DrafterError as err:
        typer.echo(f"drafter: {err}", err=True)
        sys.exit(err.exit_code)
    except OSError as err:          # a write or read the OS refused: full disk, read-only, a directory
        typer.echo(f"drafter: {os_error_line(err)}", err=True)
        sys.exit(2)
    except RecursionError:
        typer.echo("drafter: " + _("input nested too deeply to process"), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("drafter: " + _("interrupted"), err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - a bug must still not end in a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        typer.echo("drafter: " + _("internal error: {error} (this is a bug in drafter; DRAFTER_DEBUG=1 "
                                   "shows the traceback)").format(error=f"{type(err).__name__}: {err}"),
                   err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
