"""Mining past memory: the accumulator's phrase entries spilled to sorted runs on disk and
folded by an external merge, so a corpus of any size is mined in memory bounded by the bank
(what survives the fold) and a budget (``DRAFTER_MINE_SPILL_MB``), not by the corpus.

A corpus that does not repeat (200 MB of different speeches) gives a candidate entry for nearly
every sentence, and most of them fold away at the end (near duplicates, copy accidents). Held
until then they grow with the corpus (1.6 GB for 200 MB). Here, once the accumulator's entries
pass the budget (estimated at :data:`ENTRY_BYTES` each), they are written out as one run sorted
by key (pickled in chunks) and the accumulator starts afresh. The fold then reads the runs back
merged by key — equal keys merged as :meth:`Accumulator.merge` merges them, so each key's entry
is the one an unspilled run holds — and does what ``Accumulator.phrases`` does in memory, in
passes that hold only what the bank keeps:

1. the merged entries are written to one file, and what the copy fold needs is noted: the
   entries seen in a recurring paragraph (a group of ``SHORT_RATIO`` copies or more) rarely
   (the candidates) or often (the readings they fold into), and which set-phrase candidates an
   entry already holds;
2. the copy accidents are decided (:func:`drafter.mining.neardup.copy_accidents`'s rule), and
   the file is read again: a folded entry goes into its reading, the rest are sorted by count,
   then key, in runs again;
3. those runs merged are the order :func:`drafter.mining.neardup.near_groups` takes items in; a
   :class:`~drafter.mining.neardup.NearIndex` holds only the representatives, and each folded
   entry is added to its one.

The paragraph table (one signature per paragraph that gave a phrase) stays in memory while
collecting; the fold reads it once (paragraph groups and their sizes) and lets it go before the
passes, and lets the set-phrase candidates go once pass 2 has taken them: like the runs, an
accumulator's tables are used up by its fold (only ``result`` and ``types`` are read after). The runs
live in a temporary folder beside the bank (:func:`spilling`), removed when mining ends, also on
an error or Ctrl-C; the bank is written only after, by the journalled save, so a kill leaves it
as it was (and at most a ``.drafter-spill-*`` folder beside it).
"""

from __future__ import annotations

import heapq
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

from drafter.bank.phrase import fold_all
from drafter.errors import WriteError
from drafter.i18n import _
from drafter.limits import MB, limit
from drafter.mining.neardup import (
    MIN_SHORT_LEN,
    PARA_CAP,
    SHORT_RATIO,
    NearIndex,
    _longest_common,
    paragraph_copies,
    skeleton,
)

#: sources kept per phrase (the smallest by file, paragraph); ``count`` keeps counting past it
MAX_SOURCES = 12
MAX_EXAMPLES = 5
#: what one phrase entry and where it was seen cost in memory, about (measured: 104,055 entries
#: of a 20 MB corpus held 155 MB above the interpreter's own)
ENTRY_BYTES = 1536
#: records pickled together in a run file (one such chunk per run is in memory while merging)
CHUNK = 256
#: the budget, in MB, when ``DRAFTER_MINE_SPILL_MB`` is not set
DEFAULT_SPILL_MB = 128
#: where an entry's sightings are not known (never ``None``: that means too many paragraphs)
ABSENT = False


class Spill:
    """Where an accumulator spills, and how many entries it may hold before it does."""

    def __init__(self, folder: Path, budget_mb: int | None = None):
        self.folder = folder
        mb = limit("MINE_SPILL_MB", DEFAULT_SPILL_MB) if budget_mb is None else budget_mb
        self.capacity = max(1, mb * MB // ENTRY_BYTES)

    def write(self, records: Iterable) -> Path:
        """One run: ``records`` (already in order) pickled in chunks to a new file of the folder."""
        try:
            fd, name = tempfile.mkstemp(suffix=".run", dir=self.folder)
            with os.fdopen(fd, "wb") as out:
                chunk: list = []
                for record in records:
                    chunk.append(record)
                    if len(chunk) >= CHUNK:
                        pickle.dump(chunk, out, pickle.HIGHEST_PROTOCOL)
                        chunk = []
                if chunk:
                    pickle.dump(chunk, out, pickle.HIGHEST_PROTOCOL)
        except OSError as err:
            raise WriteError(_("could not write a temporary file of the mining run ({reason})").format(
                reason=err.strerror or err), path=str(self.folder)) from None
        return Path(name)


def read_run(path: Path) -> Iterator:
    """The records of one run, in order, a chunk at a time."""
    with path.open("rb") as f:
        while True:
            try:
                chunk = pickle.load(f)
            except EOFError:
                return
            yield from chunk


@contextmanager
def spilling(beside: Path, budget_mb: int | None = None) -> Iterator[Spill]:
    """A temporary folder for the runs beside ``beside`` (the bank), removed however mining ends."""
    parent = Path(os.path.abspath(beside)).parent
    while not parent.is_dir() and parent != parent.parent:
        parent = parent.parent
    try:
        folder = Path(tempfile.mkdtemp(prefix=".drafter-spill-", dir=parent))
    except OSError as err:
        raise WriteError(_("could not make a temporary folder for the mining run ({reason})").format(
            reason=err.strerror or err), path=str(parent)) from None
    try:
        yield Spill(folder, budget_mb)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def union_sources(kept: list, more: list) -> list:
    """Two sorted, capped source lists united (sorted, capped): only a smaller new one changes ``kept``."""
    if more and (len(kept) < MAX_SOURCES or more[0] < kept[-1]):
        return sorted(set(kept).union(more))[:MAX_SOURCES]
    return kept


def merge_entry(entry: list, theirs: list) -> None:
    """Add another's ``[count, sources, tags, examples]`` of the same key (as a merge does)."""
    count, sources, tags, examples = theirs
    entry[0] += count
    entry[1] = union_sources(entry[1], sources)
    entry[2].update(tags)
    if examples:
        entry[3] = sorted(set(entry[3]).union(examples))[:MAX_EXAMPLES]


def merge_where(mine: Any, theirs: Any) -> Any:
    """Where a key was seen, from two runs: ``None`` (too many paragraphs) wins, counts add."""
    if theirs is ABSENT:
        return mine
    if mine is ABSENT:
        return theirs
    if mine is None or theirs is None:
        return None
    seen = dict(mine)
    for h, times in theirs.items():
        seen[h] = seen.get(h, 0) + times
    return None if len(seen) > PARA_CAP else seen


def merged(runs: list[Path]) -> Iterator[tuple]:
    """``(key, entry, where)`` of every key in the runs, in key order, each key's records merged."""
    last: tuple | None = None
    for key, theirs, their_where in heapq.merge(*map(read_run, runs), key=itemgetter(0)):
        if last is not None and last[0] == key:
            merge_entry(last[1], theirs)
            last = (key, last[1], merge_where(last[2], their_where))
            continue
        if last is not None:
            yield last
        last = (key, theirs, their_where)
    if last is not None:
        yield last


def fold(acc: Any) -> list[tuple]:
    """``sorted(fold_near(fold_copies(acc._with_set_phrases(groups), ...)).items())`` of a
    spilled accumulator (``acc.runs``, ``acc.spill``), computed in passes (the module doc)."""
    spill: Spill = acc.spill
    assert spill is not None, "runs without a spill"  # runs are only ever written by a spill
    acc.spill_now()
    groups = paragraph_copies(acc.paras)
    size: dict[int, int] = {}
    for h, (seen, _sig) in acc.paras.items():
        size[groups[h]] = size.get(groups[h], 0) + seen
    # the paragraph table is read no further (groups and sizes say all the passes ask), so it is
    # let go before they run, as the runs are: ~100 MB at 200 MB of corpus, the passes' to reuse
    acc.paras = {}
    # pass 1: merged entries to one file; the copy fold's candidates and readings; set phrases held
    set_folds = dict(zip(fold_all(list(acc.sets)), acc.sets)) if acc.sets else {}
    taken: set[str] = set()
    candidates: list[tuple] = []
    readings: dict[int, list[tuple]] = {}
    chunk: list[tuple] = []

    def noted(records: Iterator[tuple]) -> Iterator[tuple]:
        for key, entry, where in records:
            if set_folds:
                chunk.append(key)
                if len(chunk) >= CHUNK:
                    _taken(chunk, set_folds, taken)
            if where:
                by_group: dict[int, int] = {}
                for h, times in where.items():
                    g = groups.get(h, h)
                    by_group[g] = by_group.get(g, 0) + times
                if all(size.get(g, 0) >= SHORT_RATIO and SHORT_RATIO * t <= size[g] for g, t in by_group.items()):
                    candidates.append((key, by_group))
                for g, times in by_group.items():
                    if size.get(g, 0) >= SHORT_RATIO and SHORT_RATIO * times > size[g]:
                        readings.setdefault(g, []).append((key, entry[0], times))
            yield key, entry

    whole = spill.write(noted(merged(acc.runs)))
    _taken(chunk, set_folds, taken)
    for run in acc.runs:
        run.unlink()
    acc.runs = []
    into = _copy_targets(candidates, readings)
    candidates.clear()
    readings.clear()
    # pass 2: copy accidents folded; the rest by count, then key, in runs
    targets = {j: None for j in into.values() if j is not None}
    held: dict[tuple, list] = {}
    moved: dict[tuple, list[list]] = {}
    by_count: list[Path] = []
    buffer: list[tuple] = []
    for key, entry in read_run(whole):
        if key in into:
            target = into[key]
            if target is not None:      # else left out (neardup.copy_accidents)
                moved.setdefault(target, []).append(entry)
        elif key in targets:
            held[key] = entry
        else:
            buffer.append((-entry[0], key, entry))
            if len(buffer) >= spill.capacity:
                by_count.append(spill.write(sorted(buffer, key=_by_count)))
                buffer = []
    whole.unlink()
    for key, entry in held.items():
        for theirs in moved.get(key, ()):
            merge_entry(entry, theirs)
        buffer.append((-entry[0], key, entry))
    held.clear()
    moved.clear()
    for category_text, entry in acc.set_phrases(taken, groups).items():
        buffer.append((-entry[0], category_text, entry))
    acc.sets, acc.where = {}, {}        # the set-phrase candidates are taken: nothing reads them again
    buffer.sort(key=_by_count)
    # pass 3: near duplicates, in the order near_groups takes them, only representatives held
    index = NearIndex()
    kept: list[tuple] = []
    slot: dict[int, int] = {}   # a representative's number (index.place) -> its place in kept
    for minus, key, entry in heapq.merge(buffer, *map(read_run, by_count), key=_by_count):
        j = index.place(key, -minus)
        if j is None:
            slot[index.placed - 1] = len(kept)
            kept.append((key, entry))
        else:
            merge_entry(kept[slot[j]][1], entry)
    for run in by_count:
        run.unlink()
    return sorted(kept, key=itemgetter(0))


def _by_count(record: tuple) -> tuple:
    return record[0], record[1]


def _taken(chunk: list, set_folds: dict, taken: set) -> None:
    """Which set-phrase candidates (by folded text) an entry of ``chunk`` holds already."""
    taken.update(f for f in fold_all([text for _, text in chunk]) if f in set_folds)
    chunk.clear()


def _copy_targets(candidates: list[tuple], readings: dict[int, list[tuple]]) -> dict[tuple, tuple | None]:
    """:func:`drafter.mining.neardup.copy_accidents` on keys: each candidate's reading (or None)."""
    into: dict[tuple, tuple | None] = {}
    for key, by_group in candidates:
        sk = skeleton(key[1])
        best = None
        for g in sorted(by_group):
            for j, count, _times in readings.get(g, ()):
                if j == key:
                    continue
                rank = (_longest_common(sk, skeleton(j[1])), count, j)
                if rank[0] >= MIN_SHORT_LEN and (best is None or rank > best[0]):
                    best = (rank, j)
        into[key] = best[1] if best is not None else None
    return into
