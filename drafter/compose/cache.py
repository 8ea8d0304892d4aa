"""What a long-running process (``drafter serve``) keeps warm between drafts.

A draft from the command line opens the bank, reads every line's analysis, builds the
``BankView`` and compiles the templates, then exits: nothing is worth keeping. A server
drafts the same outline again and again (every click on 起草, every alternative asked
for), and would spend most of a second each time rebuilding what did not change. With the
cache switched on (``enable()``; ``drafter serve`` does), ``draft`` keeps:

* the opened bank (its phrases and skeletons), keyed by the bank folder and the name,
  size and modification time of each file in it and in ``phrases/`` (hidden derived files,
  the index and the drafting cache, excepted; inode and change time too, since bank writes
  replace files): any edit, by the page or by the command line, changes a stamp and the bank
  is opened afresh;
* per opened bank, what is worked out from its phrases: the candidate records and one
  ``BankView`` per occasion (type, year, speaker level, title and theme words, vars: what
  ``admission.Speech`` reads of the outline), so sections, points and pins may change freely;
* the Jinja environment (templates compile once; Jinja itself recompiles a template whose
  file changed) with ``_frames.yaml`` read from it, keyed by the template search path and
  the stamps of the files on it.

A big bank (drawn through its index per draft) is not kept. Off by default: nothing
changes for a one-shot command. Entries are few (the newest ``KEEP`` of each kind) and
held behind a lock, since the server drafts in worker threads; two threads that miss at
once both build, and one result is kept.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

from drafter.bank import default_bank_dir
from drafter.compose import env as envmod

#: how many banks, views per bank, and environments are kept (the newest)
KEEP = 4

_enabled = False
_lock = threading.Lock()
_banks: OrderedDict = OrderedDict()
_envs: OrderedDict = OrderedDict()


def enable(on: bool = True) -> None:
    """Keep banks, views and environments warm in this process (or stop, and forget them)."""
    global _enabled
    _enabled = on
    if not on:
        clear()


def enabled() -> bool:
    return _enabled


def clear() -> None:
    with _lock:
        _banks.clear()
        _envs.clear()


def _stamps(folder: Path) -> tuple:
    out = []
    try:
        with os.scandir(folder) as it:
            for entry in it:
                if entry.name.startswith("."):
                    continue
                st = entry.stat()
                out.append((entry.name, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_size))
    except OSError:
        return ()
    return tuple(sorted(out))


def _bank_key(bank):
    if not _enabled or (bank is not None and not isinstance(bank, (str, Path))):
        return None
    directory = Path(bank if bank is not None else default_bank_dir()).resolve()
    if not directory.is_dir():
        return None
    return (str(directory), _stamps(directory), _stamps(directory / "phrases"))


def _remember(table: OrderedDict, key, value) -> None:
    with _lock:
        table[key] = value
        table.move_to_end(key)
        while len(table) > KEEP:
            table.popitem(last=False)


def _recall(table: OrderedDict, key):
    with _lock:
        value = table.get(key)
        if value is not None:
            table.move_to_end(key)
        return value


def open_bank(bank, opener):
    """``opener(bank)`` → (bank, finder), or the bank opened before if no file of it changed."""
    key = _bank_key(bank)
    if key is None:
        return opener(bank)
    hit = _recall(_banks, key)
    if hit is not None:
        return hit, None
    bank_obj, finder = opener(bank)
    if finder is None:  # a small bank, read whole: worth keeping
        bank_obj._drafter_memo = {}
        _remember(_banks, key, bank_obj)
    return bank_obj, finder


def per_bank(bank_obj, key, make):
    """``make()``, kept with ``bank_obj`` when it is a bank this cache opened (else made afresh)."""
    memo = getattr(bank_obj, "_drafter_memo", None) if _enabled else None
    if memo is None:
        return make()
    with _lock:
        if key in memo:
            return memo[key]
    value = make()
    with _lock:
        memo[key] = value
        views = [k for k in memo if isinstance(k, tuple) and k[:1] == ("view",)]
        for old in views[:-KEEP]:
            del memo[old]
    return value


def occasion_key(occasion) -> tuple:
    """What a ``BankView`` depends on of the outline (see ``admission.Speech``)."""
    return ("view", occasion.type, occasion.year, occasion.level, occasion.wanted, occasion.places,
            tuple(sorted(occasion.fields)), occasion.setting,  # read from the speaker too (admission.Speech)
            repr(sorted((str(k), repr(v)) for k, v in occasion.vars.items())))


def environment(templates, make_env):
    """``make_env(templates)``, or the one made before for the same template files."""
    if not _enabled:
        return make_env(templates)
    path = envmod.search_path(templates)
    key = (tuple((str(p.resolve()), _stamps(p)) for p in path), envmod.max_chars())
    hit = _recall(_envs, key)
    if hit is not None:
        return hit
    made = make_env(templates)
    made._drafter_memo = {}
    _remember(_envs, key, made)
    return made


def per_environment(environment, key, make):
    """``make()``, kept with an environment this cache made."""
    return per_bank(environment, key, make)
