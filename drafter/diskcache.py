"""Small derived values kept between runs under ``$XDG_CACHE_HOME/drafter/<kind>/`` (``~/.cache``).

What is kept is always made from things the user has (a layout profile, the code that builds
from it) and named by what it was made from: ``key`` is a string holding the identity of every
input. The file is named by the key's CRC-32 and holds the whole key, which ``load`` compares,
so two keys never share a value. Values are plain data (str, bytes, numbers, tuples, lists,
dicts, code objects) stored with ``marshal``, the format of Python's own .pyc files: built in,
nothing to import, fast to read. marshal does not check what it reads, and a code object with
one byte changed can crash the interpreter when run, so a file is the format, the key (its
length, then its UTF-8), the CRC-32 of the marshalled value (which catches every change of up to
four bytes in a row, and costs a quarter of a cryptographic digest on the draft's path), then
the value: nothing is unmarshalled before the key and the CRC match, and the value is read
straight from the bytes of the file (not copied first). Writes are atomic (temp file, then
rename); a missing, damaged or foreign file reads as None, and a cache folder that cannot be
written only costs the time of making the value again. At most ``keep`` files stay per kind
(the newest).
"""

from __future__ import annotations

import marshal
import os
import tempfile
import zlib
from pathlib import Path

#: first bytes of every file: a file of another format (or another program) is not read
FORMAT = b"drafter-diskcache-4\n"


def folder(kind: str) -> Path | None:
    """The cache folder of ``kind``, or None when there is no home to put it in."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home directory
        return None
    return Path(base) / "drafter" / kind


def _path(kind: str, key: str) -> Path | None:
    where = folder(kind)
    return None if where is None else where / f"{zlib.crc32(key.encode('utf-8')):08x}.bin"


def load(kind: str, key: str):
    """The value stored for exactly ``key``, or None."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _head(key)
    if not data.startswith(head) or len(data) < len(head) + 4:
        return None
    payload = memoryview(data)[len(head) + 4:]  # not copied: a prepared bank is megabytes
    if zlib.crc32(payload) != int.from_bytes(data[len(head):len(head) + 4], "little"):
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def store(kind: str, key: str, value, keep: int = 16) -> bool:
    """Keep ``value`` for ``key``; False when it was not kept (not plain data, or no writable folder)."""
    path = _path(kind, key)
    if path is None:
        return False
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain data
        return False
    data = _head(key) + zlib.crc32(payload).to_bytes(4, "little") + payload
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent, keep)
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _head(key: str) -> bytes:
    """What a file for ``key`` starts with: the format, the key's length and the key."""
    encoded = key.encode("utf-8")
    return FORMAT + len(encoded).to_bytes(4, "little") + encoded


def _prune(where: Path, keep: int) -> None:
    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:  # removed meanwhile by another process
            return 0.0

    for old in sorted(where.glob("*.bin"), key=age, reverse=True)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass
