"""Limits on what drafter reads, so a hostile or broken input ends in one clear line, not a hang
or runaway memory. Each can be raised with an environment variable (see docs/limits.md).

* an input file (speech, outline, layout, rules, bank file) larger than ``DRAFTER_MAX_INPUT_MB``
  (default 64) is refused with a message naming the variable;
* a .docx part inflating past ``DRAFTER_MAX_DOCX_PART_MB`` (default 64), all parts together past
  ``DRAFTER_MAX_DOCX_TOTAL_MB`` (default 256), more than ``DRAFTER_MAX_DOCX_ENTRIES`` entries
  (default 2000), or a part compressed more than ``DRAFTER_MAX_DOCX_RATIO`` to one (default 200,
  for parts over 1 MB) is refused before anything is inflated;
* YAML nested deeper than ``DRAFTER_MAX_YAML_DEPTH`` (default 64), with more than
  ``DRAFTER_MAX_YAML_ALIASES`` aliases (default 200) or expanding to more than
  ``DRAFTER_MAX_YAML_NODES`` values (default 1,000,000) is refused;
* anything that is not a regular file (a FIFO, a device, a socket) is refused up front,
  since reading it could block forever or never end.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from drafter.errors import DrafterError, ReadError
from drafter.i18n import _

MB = 1024 * 1024


def limit(name: str, default: int) -> int:
    """An integer limit from the environment (``DRAFTER_<NAME>``), else the default."""
    raw = os.environ.get(f"DRAFTER_{name}", "").strip()
    if not raw:
        return default
    try:
        value = int(float(raw))
    except ValueError:
        raise DrafterError(_("DRAFTER_{name}={raw} is not a number").format(name=name, raw=repr(raw))) from None
    if value <= 0:
        raise DrafterError(_("DRAFTER_{name}={raw} must be a positive number").format(name=name, raw=repr(raw)))
    return value


def max_input_bytes() -> int:
    return limit("MAX_INPUT_MB", 64) * MB


def stat_input(path: str | Path, error: type[DrafterError] = ReadError, what: str = "file",
               max_bytes: int | None | bool = True) -> os.stat_result:
    """Check ``path`` may be read: exists, a regular file, under the size cap (``max_bytes=None``:
    none, for a file read part by part, ``readers/stream.py``). Returns its stat."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(_("{what} not found").format(what=_(what)) if what != "file"
                    else _("file not found: no such file or directory"), path=str(path)) from None
    except OSError as err:
        raise error(_os_reason(err, what), path=str(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(_("is a directory, expected a {what}").format(what=_(what)) if what != "file"
                    else _("is a directory (give its files, or use a command that takes directories)"),
                    path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise error(_("is not a regular file (a pipe, device or socket); drafter reads only files"),
                    path=str(path))
    cap = max_input_bytes() if max_bytes is True else max_bytes
    if cap is not None and st.st_size > cap:
        raise error(_("is {size:.0f} MB, over the {cap} MB limit for one input file; set DRAFTER_MAX_INPUT_MB={raise_to} "
                      "to raise it").format(size=st.st_size / MB, cap=cap // MB, raise_to=-(-st.st_size // MB) + 1),
                    path=str(path))
    return st


def read_input_bytes(path: str | Path, error: type[DrafterError] = ReadError, what: str = "file") -> bytes:
    """The bytes of a checked input file (never blocks on a FIFO; capped in size)."""
    stat_input(path, error, what)
    cap = max_input_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):      # swapped for a pipe since the stat
                raise error(_("is not a regular file (a pipe, device or socket); drafter reads only files"),
                            path=str(path))
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(cap + 1)
        finally:
            os.close(fd)
    except OSError as err:
        raise error(_os_reason(err, what), path=str(path)) from None
    if len(data) > cap:
        raise error(_("grew past the {value} MB limit for one input file while being read; set DRAFTER_MAX_INPUT_MB to raise it").format(value=cap // MB), path=str(path))
    return data


def _os_reason(err: OSError, what: str) -> str:
    if err.errno == errno.ELOOP:
        return _("symbolic link loop (a link that points back to itself)")
    if err.errno == errno.EACCES:
        return _("cannot read {what}: permission denied").format(what=_(what))
    return _("cannot read {what}: {reason}").format(what=_(what), reason=err.strerror or err)
