"""The command line of the common commands read without the CLI framework.

typer (with the click it carries) is ~75 ms CPU of a command that runs in well under a
second, and building a command's parameters from its signature costs more on top. A command
module may declare its parameters as a ``Spec`` (``FAST``) beside its typer signature; then
``parse`` reads a command line into the keyword arguments typer would pass — for the plain
cases only: ``--opt value``, ``--opt=value``, ``-o value``, flags, positional arguments in
any order among them, each value converted as click converts it. Anything else (``--help``,
an unknown or clustered option, ``--``, a missing or empty value, a value that starts with
``-``, a bad number, a path click would refuse) returns None and the command goes through
typer, which gives its own answer, message and exit code. tests/test_cli_fast.py holds each
``Spec`` to its typer signature and ``parse`` to what typer passes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Spec:
    """A command's parameters as its typer signature declares them.

    ``arguments``: the positional parameters, in order, each required and taking one value
    (a path). ``options``: option name → parameter taking one value (``None`` when absent);
    ``flags``: option name → boolean parameter (False when absent). Values are paths
    (``pathlib.Path``) unless the parameter is in ``ints`` or ``strings``. ``required``:
    options that must be given (typer asks for them otherwise); ``multiple``: options that may
    be given again, each value kept in order (a list; None when absent); ``defaults``: an
    option's value when absent, if not None.
    """

    arguments: tuple[str, ...]
    options: dict[str, str]
    flags: dict[str, str] = field(default_factory=dict)
    ints: frozenset[str] = frozenset()
    strings: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    multiple: frozenset[str] = frozenset()
    defaults: dict[str, Any] = field(default_factory=dict)


def parse(spec: Spec, args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments typer would call the command with, or None: let typer read it."""
    values: dict[str, Any] = {name: None for name in spec.options.values()}
    values.update({name: False for name in spec.flags.values()})
    values.update(spec.defaults)
    given: dict[str, str] = {}
    repeated: dict[str, list[Any]] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            positional.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in spec.flags and not eq:
            values[spec.flags[name]] = True
        elif name in spec.options:
            if not eq:
                if i == len(args):
                    return None
                value, i = args[i], i + 1
            if not value or value.startswith("-"):
                return None
            target = spec.options[name]
            if target in spec.multiple:
                repeated.setdefault(target, []).append(value)
            else:
                given[target] = value                  # given twice: the last one counts
        else:
            return None
    if len(positional) != len(spec.arguments) or any(not v for v in positional):
        return None
    if not spec.required <= given.keys():
        return None
    given.update(zip(spec.arguments, positional))
    for name, raw in given.items():
        converted = _convert(spec, name, raw)
        if converted is None:
            return None
        values[name] = converted
    for name, raws in repeated.items():
        items = [_convert(spec, name, raw) for raw in raws]
        if any(item is None for item in items):
            return None
        values[name] = items
    return values


def _convert(spec: Spec, name: str, raw: str) -> Any:
    if name in spec.strings:
        return raw
    if name in spec.ints:
        try:
            return int(raw)                            # what click's INT does
        except ValueError:
            return None
    try:                                               # click's Path (readable, nothing else)
        os.stat(raw)
    except OSError:
        return Path(raw)
    except ValueError:
        return None
    return Path(raw) if os.access(raw, os.R_OK) else None


def help_width() -> int:
    """The width help pages are laid out in (clihelp/pages.py): the terminal's, 50 to 80 columns."""
    return max(50, min(shutil.get_terminal_size((80, 24)).columns, 80))


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
