"""Never overwrite what the user wrote: the checks every command makes before it writes a file.

An output path is refused when it is a directory or not a regular file (a device, a FIFO,
/proc), when it is one of the command's own inputs (``draft OUTLINE --sources OUTLINE``),
or when it lies inside a phrase bank (bank files are changed by ``drafter phrases`` and
``drafter mine`` only, under the bank's lock and journal). An output that already exists
is replaced only with ``--force``; the replacement is atomic, so the old file is either
still there whole or replaced whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from drafter.errors import WriteError, os_reason
from drafter.i18n import _


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def bank_holding(path: Path) -> Path | None:
    """The phrase bank directory ``path`` lies in, if any (a folder with phrases/ and deleted.yaml
    or categories.yaml)."""
    for parent in Path(path).resolve().parents:
        if (parent / "phrases").is_dir() and ((parent / "deleted.yaml").is_file()
                                              or (parent / "categories.yaml").is_file()):
            return parent
    return None


def check_output(out: str | Path, *, inputs: Iterable[str | Path | None] = (), force: bool = False,
                 option: str = "-o") -> Path:
    """Refuse to write ``out`` if that would destroy something (see the module doc); return it."""
    out = Path(out)
    if out.is_dir():
        raise WriteError(_("is a directory; give {option} a file name").format(option=option), path=str(out))
    if out.exists() and not out.is_file():
        raise WriteError(_("is not a regular file (a device, pipe or system file); give {option} a file "
                           "name").format(option=option), path=str(out))
    for source in inputs:
        if source is not None and Path(source).exists() and _same(out, Path(source)):
            raise WriteError(_("is an input of this command; writing there would destroy it; choose another "
                               "{option}").format(option=option), path=str(out))
    bank = bank_holding(out)
    if bank is not None:
        raise WriteError(_("lies inside the phrase bank {bank}; bank files are written only by drafter phrases "
                           "and drafter mine; choose another {option}").format(bank=bank, option=option),
                         path=str(out))
    if out.exists() and not force:
        raise WriteError(_("already exists; pass --force to replace it (or choose another {option})").format(
            option=option), path=str(out))
    _probe(out)
    return out


def _probe(out: Path) -> None:
    """Make (and remove) an empty file beside ``out``, where the atomic write puts its temp file:
    a missing folder, a read-only or system file system (``/proc``), a folder the user may not
    write is then one line before anything is computed, not after."""
    where = out.parent
    while not where.exists() and where != where.parent:     # the writer makes missing folders: probe the
        where = where.parent                                # nearest one that is there
    try:
        fd, name = tempfile.mkstemp(dir=where, prefix=f".{out.name}.", suffix=".probe")
    except OSError as err:
        raise WriteError(_("cannot write: {reason}; the old file, if any, is unchanged").format(
            reason=os_reason(err)), path=str(out)) from None
    os.close(fd)
    try:
        os.unlink(name)
    except OSError:
        pass
