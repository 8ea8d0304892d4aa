"""The ``drafter`` command: a thin typer layer over the library.

Each command lives in ``drafter/commands/<name>.py`` with a ``register(app)`` function
(and an ``ORDER`` number for the help listing); this module finds them, builds the
app, and turns every ``DrafterError`` into one line on stderr with exit code 2.
Commands import their heavy modules (python-docx, jinja2) inside the function body,
so ``drafter --help`` and light commands start fast.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer
from typer.core import TyperGroup

from drafter.errors import DrafterError
from drafter.i18n import N_, _, set_language

HELP = N_("Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint.")


def split_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """Take ``--lang X`` / ``--lang=X`` out of ``args`` (anywhere before ``--``)."""
    lang, rest, i = None, [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang, i = arg.split("=", 1)[1], i + 1
            continue
        rest.append(arg)
        i += 1
    return lang, rest


class DrafterGroup(TyperGroup):
    """The root command: picks the language (``--lang``) before anything is parsed or shown."""

    def main(self, args=None, *pargs, **kwargs):
        from drafter import i18n

        args = list(sys.argv[1:] if args is None else args)
        lang, args = split_lang(args)
        saved = i18n._override
        if lang is not None:
            try:
                set_language(lang)
            except ValueError:
                typer.echo(f"drafter: --lang: {lang!r}: en | zh", err=True)
                sys.exit(2)
        translate_help(self)
        try:
            return super().main(args, *pargs, **kwargs)
        finally:
            i18n._override = saved


def translate_help(command) -> None:
    """Help texts are English msgids (marked ``N_``): show them in the current language."""
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, _(text))
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = _(param.help)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)


app = typer.Typer(
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
        from drafter import __version__
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help=N_("Print the version and exit.")),
          lang: str = typer.Option(None, "--lang", metavar="en|zh",
                                   help=N_("Language of messages and help (default: from the locale, "
                                           "else Chinese; also DRAFTER_LANG)."))) -> None:
    """Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint."""


def _register_commands() -> None:
    from drafter import commands

    modules = [importlib.import_module(f"drafter.commands.{m.name}")
               for m in pkgutil.iter_modules(commands.__path__)]
    for module in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        module.register(app)


_register_commands()


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit (for option-combination errors found in the CLI)."""
    typer.echo(f"drafter: {message}", err=True)
    raise typer.Exit(code)


def main(argv: list[str] | None = None) -> None:
    lang, argv = split_lang(list(sys.argv[1:] if argv is None else argv))
    if lang is not None:
        try:
            set_language(lang)
        except ValueError:
            typer.echo(f"drafter: --lang: {lang!r}: en | zh", err=True)
            sys.exit(2)
    try:
        app(args=argv, prog_name="drafter")
    except DrafterError as err:
        typer.echo(f"drafter: {err}", err=True)
        sys.exit(err.exit_code)
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
