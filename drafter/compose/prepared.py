"""A small bank prepared for drafting, kept between runs, so a one-shot ``drafter draft`` is quick.

Before a draft can choose a line it must know, for every line of the bank, what it prints
as, its role, words, fields of work and ties (``units.prepare``): about half a second for the
shipped bank, paid again by every command. None of it depends on the outline, only on the
bank's files and on the code that reads them, so it is kept in the user's cache folder
(``$XDG_CACHE_HOME/drafter/drafting/``, drafter/diskcache.py), never inside the bank:

* the key names the bank folder, the size, modification and change time and inode of each
  phrase file, ``skeletons.yaml`` and ``SOURCES-*.tsv`` (read under the bank's reading lock,
  so never half of a save), and a fingerprint of drafter's own code and data files: any
  edit of the bank, by any program, or any change of drafter makes a new key;
* the value is what a draft reads of the bank: its skeletons, the source years, how many
  phrases it holds (a bank past pool.BIG_BANK is still drawn through its index), the
  prepared lines and where each word is in them (``units.index_lines``) (plain data: strings,
  numbers, tuples, bytes; what each line is about marshalled on its own and read only for the
  units a draft asks about, ``_stored``); diskcache checks the CRC-32 of the whole value before
  reading it, so a file damaged on disk is a miss, not a wrong draft;
* it is stored only when the bank's stamps are the same after the lines were prepared as
  before (a save meanwhile: not kept), and only for a bank read whole (a big bank is drawn
  through its index per draft, compose/pool.py).

A missing, damaged or foreign file reads as a miss; a cache folder that cannot be written
costs only the time of preparing again. Invariant: whatever ``units.prepare`` or a ``Unit``
holds must be made by code in ``code_fingerprint`` (drafter's modules and data files).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

from drafter import diskcache
from drafter.bank.files import SKELETONS, phrase_files
from drafter.bank.journal import reading

KIND = "drafting"
#: bumped when the stored layout changes (also covered by the code fingerprint)
FORMAT = "prepared-4"
#: how many prepared banks are kept (the newest)
KEEP = 8


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any module or data file drafting reads a bank with changes."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1(sys.version.encode("utf-8"))
    for folder in (root, root / "compose", root / "bank", root / "data"):
        try:
            names = sorted(e.name for e in os.scandir(folder) if e.is_file())
        except OSError:
            continue
        for name in names:
            if name.endswith((".py", ".txt", ".yaml", ".yml", ".json")):
                h.update(f"{folder.name}/{name}\0".encode("utf-8"))
                try:
                    h.update((folder / name).read_bytes())
                except OSError:
                    h.update(b"?")
    return h.hexdigest()[:20]


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path.name}:-"
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def bank_key(directory: Path) -> str | None:
    """The identity of a bank folder's drafting inputs as they are now, or None (no folder)."""
    try:
        directory = Path(directory).resolve()
        if not directory.is_dir():
            return None
        with reading(directory):
            files = [*phrase_files(directory), directory / SKELETONS, *sorted(directory.glob("SOURCES-*.tsv"))]
            stamps = [_stamp(p) for p in files]
    except (OSError, ValueError):
        return None
    return "\n".join([FORMAT, code_fingerprint(), str(directory), *stamps])


def load(key: str | None):
    """(skeletons, source years, phrase count, (prepared lines, their index)) stored for ``key``, or None."""
    if key is None:
        return None
    value = diskcache.load(KIND, key)  # None when the file's CRC-32 does not match: damaged on disk
    if not (isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], dict)
            and isinstance(value[1], dict) and isinstance(value[2], int)):
        return None
    lines = value[3]
    if not (isinstance(lines, tuple) and len(lines) == 2 and isinstance(lines[0], list)
            and isinstance(lines[1], tuple) and len(lines[1]) == 2):
        return None
    return value


def store(key: str | None, directory: Path, skeletons: dict, years: dict, count: int, lines: tuple) -> bool:
    """Keep a bank's prepared lines and their index (``units.prepare``, ``units.index_lines``),
    if the bank is still as ``key`` says (else False)."""
    if key is None or bank_key(directory) != key:
        return False
    return diskcache.store(KIND, key, (skeletons, years, count, _stored(lines)), keep=KEEP)


def _stored(lines: tuple) -> tuple:
    """``(prepared lines, their index)`` as kept on disk. What a line is about (its words,
    compounds, sources and fields, the last item) is marshalled on its own: reading the bank
    makes one bytes object of it, and only the few hundred units a draft asks about read it
    (``units.StoredUnit``) — the shipped bank read in ~15 ms instead of ~55 (measured). Every
    role, category, level, tie, tag, slot and word of the index is one object however many
    lines hold it: marshal writes an object met again as a reference, so reading makes each
    once instead of once per line. Equal values only, so what a draft reads is the same; a
    line of another layout is kept as it is."""
    one: dict[str, str] = {}
    s = one.setdefault
    out = []
    for line in lines[0]:
        try:
            uid, text, role, category, tags, slots, level, ties, newest, where, about = line
            line = (uid, text, s(role, role), s(category, category), tuple([s(t, t) for t in tags]),
                    tuple([s(t, t) for t in slots]), level if level is None else s(level, level),
                    tuple([(s(k, k), s(t, t)) for k, t in ties]), newest, where if where is None else s(where, where),
                    about if type(about) is bytes else marshal.dumps(about))
        except (TypeError, ValueError):  # not of the layout units.prepare makes: as it is
            pass
        out.append(line)
    by_word, by_compound = lines[1]
    return out, ({s(w, w): v for w, v in by_word.items()}, {s(w, w): v for w, v in by_compound.items()})
