"""One error module: everything a user can get wrong ends up as a DrafterError.

The CLI catches DrafterError once (in ``drafter.cli.main``) and prints ``str(err)``
on one line, exit code 2. Library code raises it with the place at fault
(path, line, column or key path) so the message says where to look.
"""

from __future__ import annotations

import errno
import os

from drafter.i18n import _


class DrafterError(Exception):
    """A problem the user can fix: bad input file, bad outline, bad bank entry."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None, line: int | None = None,
                 column: int | None = None, key: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.key = key

    def where(self) -> str:
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        text = self.message
        if self.key:
            text = f"{self.key}: {text}"
        where = self.where()
        return f"{where}: {text}" if where else text


class ReadError(DrafterError):
    """A file that cannot be read as a speech (wrong format, binary, empty, missing)."""


class OutlineError(DrafterError):
    """An outline that is not valid YAML or does not have the expected keys and types."""


class BankError(DrafterError):
    """A phrase bank that cannot be loaded or an edit that would make it invalid."""


class TemplateError(DrafterError):
    """A Jinja template that fails to render (undefined variable, syntax error)."""


class LayoutError(DrafterError):
    """A layout profile or reference document that cannot be used."""


class WriteError(DrafterError):
    """An output that cannot or must not be written (full disk, read-only, a directory, an input)."""


class UsageError(DrafterError):
    """Options that do not go together or a command asked for the impossible (found by a command).

    The root command prints it as one line and exits 2, as for a click usage error, so a
    command module raises it instead of reaching back into ``drafter.cli``.
    """


def N_(message: str) -> str:  # drafter.i18n.N_, marks a message for extraction (translated where shown)
    return message


def os_reason(err: OSError) -> str:
    """What an OSError means for the user, in a few words (full disk, read-only, ...)."""

    known = {errno.ENOSPC: N_("the disk is full (no space left on device); free some space and run it again"),
             errno.EDQUOT: N_("the disk quota is used up; free some space and run it again"),
             errno.EFBIG: N_("the file grew past the largest file this process may write (ulimit -f); "
                             "raise that limit and run it again"),
             errno.EROFS: N_("the file system is read-only; write somewhere else"),
             errno.EACCES: N_("permission denied"),
             errno.EPERM: N_("operation not permitted"),
             errno.ELOOP: N_("symbolic link loop (a link that points back to itself)"),
             errno.EISDIR: N_("is a directory; give a file name")}
    return _(known[err.errno]) if err.errno in known else (err.strerror or str(err))
