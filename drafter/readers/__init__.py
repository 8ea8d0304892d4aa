"""Readers: files as writers really keep them, into text plus structure hints.

``read(path)`` returns a ``RawDoc``; ``iter_sources(paths)`` walks files and
directories (recursively, in sorted order), yielding a ``ReadError`` in place of a
file that cannot be read so that one bad file does not stop a run.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Iterable, Iterator

from drafter.errors import ReadError
from drafter.i18n import _
from drafter.limits import stat_input
from drafter.readers.convert import read_converted

# what a reader returns, and the suffix tables, live in readers/raw.py (the readers import them)
from drafter.readers.raw import (  # noqa: F401
    CONVERTED_SUFFIXES,
    DOCX_SUFFIXES,
    SPEECH_SUFFIXES,
    TEXT_SUFFIXES,
    UNSUPPORTED,
    Hint,
    RawDoc,
)
from drafter.readers.text import read_text


def read(path: str | Path) -> RawDoc:
    """Read one speech. Refused up front (one ``ReadError`` line): a missing path, a directory,
    a FIFO or device (reading it could block forever), a symlink loop, an unreadable file, or
    a file over the size limit (``drafter/limits.py``)."""
    path = Path(path)
    stat_input(path)
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        return read_converted(path)
    if suffix in UNSUPPORTED:
        raise ReadError(_("{suffix} files cannot be read: {why}").format(suffix=suffix, why=_(UNSUPPORTED[suffix])),
                        path=str(path))
    if suffix in DOCX_SUFFIXES:
        from drafter.readers.docx import read_docx  # noqa: PLC0415 - python-docx (+lxml): +190 ms CPU (measured), .docx only
        return read_docx(path)
    return read_text(path)


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files to read, in order: each path as given, directories walked recursively and sorted.

    Inside directories only speech files (.txt .md .docx) and known unreadable formats
    (.doc .wps .pdf ...) are considered, the latter yielded as errors; hidden files are skipped.
    A folder that cannot be listed, a symlink loop or a link to a directory already being
    walked is yielded as an error in its place, and the walk goes on with the rest.
    """
    for p in paths:
        p = Path(p)
        try:
            exists, is_dir = p.exists(), p.is_dir()
        except OSError as err:          # a symlink loop given directly
            yield ReadError(_reason(err), path=str(p))
            continue
        if not exists:
            try:
                os.stat(p)
                reason = _("no such file or directory")
            except OSError as err:
                reason = (_("broken symbolic link (it points to nothing)")
                          if p.is_symlink() and err.errno == errno.ENOENT else
                          _("no such file or directory") if err.errno == errno.ENOENT else _reason(err))
            yield ReadError(reason, path=str(p))
        elif is_dir:
            found = False
            for f in _walk_sorted(p, set()):
                if isinstance(f, ReadError):
                    found = True
                    yield f
                    continue
                suffix = f.suffix.lower()
                if suffix in SPEECH_SUFFIXES:
                    found = True
                    yield f
                elif suffix in UNSUPPORTED:
                    found = True
                    yield ReadError(_("{suffix} files cannot be read: {why}").format(
                        suffix=suffix, why=_(UNSUPPORTED[suffix])), path=str(f))
            if not found:
                yield ReadError(_("directory holds no speeches (.txt, .md or .docx)"), path=str(p))
        else:
            yield p


def _reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return _("symbolic link loop (a link that points back to itself)")
    if err.errno == errno.EACCES:
        return _("permission denied")
    return _("cannot read: {error}").format(error=err.strerror or err)


def _walk_sorted(directory: Path, seen: set) -> Iterator[Path | ReadError]:
    """Files under ``directory`` in sorted order, one directory listing in memory at a time;
    errors (an unlistable folder, a link loop) in place of what could not be walked."""
    try:
        st = os.stat(directory)
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield ReadError(_("symbolic link back to a folder already being read (a loop)"),
                            path=str(directory))
            return
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as err:
        yield ReadError(_reason(err), path=str(directory))
        return
    seen = seen | {key}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as err:
            yield ReadError(_reason(err), path=entry.path)
            continue
        if is_dir:
            yield from _walk_sorted(Path(entry.path), seen)
        elif is_file:
            yield Path(entry.path)
        elif not entry.is_symlink():
            if Path(entry.name).suffix.lower() in SPEECH_SUFFIXES:
                yield ReadError(_("is not a regular file (a pipe, device or socket); skipped"), path=entry.path)
        else:
            try:
                os.stat(entry.path)
            except OSError as err:
                if Path(entry.name).suffix.lower() in SPEECH_SUFFIXES or err.errno == errno.ELOOP:
                    yield ReadError(_reason(err) if err.errno == errno.ELOOP else
                                    _("broken symbolic link (it points to nothing)"), path=entry.path)
