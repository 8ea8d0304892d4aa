"""Atomic file writes: a temp file in the same directory, fsync, then rename.

Nothing the user has is ever half-written: either the old file or the new one is there.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from drafter.errors import WriteError, os_reason
from drafter.faults import step
from drafter.i18n import _


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temp file beside ``path``; on success it replaces ``path``, on error it vanishes.

    A path that is a directory or not a regular file is refused (renaming over /dev/null
    would replace the device); an OSError (full disk, read-only) becomes a ``WriteError``
    naming ``path``, with the old file intact.
    """
    path = Path(path)
    if path.is_dir():
        raise WriteError(_("is a directory; give a file name"), path=str(path))
    if path.exists() and not path.is_file():
        raise WriteError(_("is not a regular file (a device, pipe or system file); give a file name"),
                         path=str(path))
    directory = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        os.chmod(tmp, _mode_for(path))
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        step()
    except BaseException as err:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(err, OSError):
            raise WriteError(_("cannot write: {reason}; the old file, if any, is unchanged").format(
                reason=os_reason(err)),
                             path=str(path)) from None
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a plain open() would give (mkstemp gives 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | Path, text: str) -> None:
    with atomic_open(path, "w") as handle:
        handle.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_open(path, "wb") as handle:
        handle.write(data)
