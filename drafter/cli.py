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

from drafter.errors import DrafterError

app = typer.Typer(
    name="drafter",
    help="Offline drafting assistant for Chinese speeches: parse, mine, draft, export, check, lint.",
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
                                       help="Print the version and exit.")) -> None:
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
    try:
        app(args=argv, prog_name="drafter")
    except DrafterError as err:
        typer.echo(f"drafter: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("drafter: interrupted", err=True)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - a bug must still not end in a traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        typer.echo(f"drafter: internal error: {type(err).__name__}: {err} "
                   "(this is a bug in drafter; DRAFTER_DEBUG=1 shows the traceback)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
