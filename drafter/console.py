"""Lines on the terminal, written as the CLI framework writes them, without importing it.

``echo`` is ``typer.echo`` (click's ``echo``) for the common case — a ``str`` to a text stream
that takes UTF-8 or another non-ASCII encoding, with no ANSI escape in it: the text, a newline,
a flush. Anything else (bytes, an escape click would strip, a stream declared ASCII that
click re-wraps, a binary stream) is handed to ``typer.echo`` itself, so the output is the
same either way. The common commands print through this and start without typer
(drafter/cli.py's fast path: typer costs ~75 ms CPU of a short command).
"""

from __future__ import annotations

import codecs
import sys
from typing import Any


def echo(message: Any = None, nl: bool = True, err: bool = False) -> None:
    """``typer.echo(message, nl=nl, err=err)``."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not isinstance(message, str) or "\x1b" in message or not _plain_text(stream):
        import typer  # noqa: PLC0415 - the CLI framework (+75 ms CPU, measured): only for output it must shape itself

        typer.echo(message, nl=nl, err=err)
        return
    stream.write(message + "\n" if nl else message)
    stream.flush()


def _plain_text(stream: Any) -> bool:
    """A text stream click would write to as it is (not ASCII, which it wraps)."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or not encoding:
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False
