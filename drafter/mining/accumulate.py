"""The bank being built while a corpus is mined: each document's contribution (``DocResult``)
merged into one ``Accumulator`` — counts added, capped source lists united, where each phrase
was seen by paragraph skeleton — and, once every document is in, near duplicates and copy
accidents folded (``fold_near``, ``fold_copies``) into the phrases the bank gets. Merging does
not depend on order, so ``--jobs`` gives the same bank (``mining/run.py`` drives it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from drafter.bank import Phrase, Source
from drafter.bank.phrase import fold as fold_text
from drafter.bank.phrase import fold_all, id_of_key
from drafter.mining.neardup import PARA_CAP, copy_accidents, near_groups, paragraph_copies
from drafter.mining.setphrases import recurs, smallest
from drafter.mining.skeletons import TypeStats, skeleton
from drafter.mining.slots import slots_in
from drafter.mining.spill import ABSENT, MAX_EXAMPLES, MAX_SOURCES, Spill, fold, union_sources


@dataclass
class DocResult:
    """One document's contribution: phrases keyed by (category, text), and its structure record."""

    file: str
    size: int = 0
    phrases: dict = field(default_factory=dict)   # (category, text) -> [count, [para...], [tag...], [example...]]
    sets: dict = field(default_factory=dict)      # set-phrase candidate -> [count, [para...], [tag...], [sentence...]]
    record: dict | None = None
    error: str | None = None
    #: para -> signature of the paragraph's skeleton (neardup.paragraph_signature), for paragraphs with phrases
    paras: dict = field(default_factory=dict)



@dataclass
class MineResult:
    """What a mining run did (for the command's summary, the bench and tests)."""

    files: int = 0
    bytes: int = 0
    phrases: int = 0
    types: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: what a user should know about how a file was mined (one read part by part)
    notes: list[str] = field(default_factory=list)
    #: what merging into the bank did (set by ``mine``; a bare ``collect`` leaves it unset)
    report: Any = None


def _note_where(where: dict, key, paras, signatures: dict) -> None:
    """Count ``key`` as seen once in each of these paragraphs (by skeleton hash)."""
    if key in where and where[key] is None:
        return
    seen = where.get(key)
    if seen is None:
        seen = where[key] = {}
    for p in paras:
        sig = signatures.get(p)
        if sig is not None:
            seen[sig[0]] = seen.get(sig[0], 0) + 1
    if len(seen) > PARA_CAP:
        where[key] = None


def _merge_where(where: dict, key, theirs: dict | None) -> None:
    if key in where and where[key] is None:
        return
    if theirs is None:
        where[key] = None
        return
    seen = where.setdefault(key, {})
    for h, times in theirs.items():
        seen[h] = seen.get(h, 0) + times
    if len(seen) > PARA_CAP:
        where[key] = None


#: where set-phrase candidates were seen is kept under this category
SET = "\0set"


class Accumulator:
    """The bank being built: merged phrase entries and per-type structure counts.

    Set-phrase candidates are merged apart from the phrases (``sets``: text -> [count,
    sources, tags, smallest sentences, smallest files]); whether one joins the bank is decided
    only in :meth:`phrases`, once every document is in.

    With a ``spill`` (``mining/spill.py``), the phrase entries are written out as a sorted run
    whenever they pass its capacity (``runs``), and :meth:`phrases` folds them by an external
    merge: the same phrases, in memory bounded by the bank.
    """

    def __init__(self, spill: Spill | None = None) -> None:
        self.spill = spill
        self.runs: list = []
        self.entries: dict[tuple[str, str], list] = {}
        self.sets: dict[str, list] = {}
        self.types: dict[str, TypeStats] = {}
        self.result = MineResult()
        #: paragraph skeleton hash -> [times seen, signature]; phrase key -> {hash: times} or None
        self.paras: dict[int, list] = {}
        self.where: dict[tuple[str, str], dict | None] = {}

    def add(self, doc: DocResult, offset: int = 0) -> None:
        """Add one document's phrases; ``offset``: paragraphs before it in its file (a part of a
        file read part by part), added to its sources."""
        if doc.error:
            self.result.errors.append(doc.error)
            return
        self.result.files += 1
        self.result.bytes += doc.size
        name, entries = doc.file, self.entries
        for sig in doc.paras.values():
            seen = self.paras.get(sig[0])
            if seen is None:
                self.paras[sig[0]] = [1, sig]
            else:
                seen[0] += 1
        for key, (count, paras, tags, examples) in doc.phrases.items():
            _note_where(self.where, key, paras, doc.paras)
            entry = entries.get(key)
            if entry is None:
                sources = sorted((name, p + offset) for p in paras)[:MAX_SOURCES]
                entries[key] = [count, sources, set(tags), sorted(examples)[:MAX_EXAMPLES]]
                continue
            entry[0] += count
            kept = entry[1]
            # a full list changes only for a source before its last: the file name decides first
            if len(kept) < MAX_SOURCES or (name <= kept[-1][0]
                                           and (name, min(paras, default=0) + offset) < kept[-1]):
                entry[1] = sorted(set(kept).union((name, p + offset) for p in paras))[:MAX_SOURCES]
            entry[2].update(tags)
            if examples and (len(entry[3]) < MAX_EXAMPLES or min(examples) < entry[3][-1]):
                entry[3] = sorted(set(entry[3]).union(examples))[:MAX_EXAMPLES]
        for text, (count, paras, tags, sentences) in doc.sets.items():
            _note_where(self.where, (SET, text), paras, doc.paras)
            self._add_set(text, [count, sorted((doc.file, p + offset) for p in paras)[:MAX_SOURCES], set(tags),
                                 sentences, [doc.file]])
        if doc.record:
            self.types.setdefault(doc.record["type"], TypeStats()).add(doc.record)
        if self.spill is not None and len(entries) > self.spill.capacity:
            self.spill_now()

    def spill_now(self) -> None:
        """Write the phrase entries (with where each was seen) out as one run sorted by key."""
        if self.spill is None or not self.entries:
            return
        where = self.where
        self.runs.append(self.spill.write((key, entry, where.pop(key, ABSENT))
                                          for key, entry in sorted(self.entries.items())))
        self.entries = {}

    def _add_set(self, text: str, theirs: list) -> None:
        entry = self.sets.get(text)
        if entry is None:
            self.sets[text] = theirs
            return
        count, sources, tags, sentences, files = theirs
        entry[0] += count
        entry[1] = union_sources(entry[1], sources)
        entry[2].update(tags)
        entry[3] = smallest(entry[3], sentences)
        entry[4] = smallest(entry[4], files)

    def merge(self, other: "Accumulator") -> None:
        """Add another accumulator's documents (a worker's partial bank): the same as adding them here."""
        mine, theirs = self.result, other.result
        mine.files += theirs.files
        mine.bytes += theirs.bytes
        mine.errors.extend(theirs.errors)
        mine.notes.extend(theirs.notes)
        for key, (count, sources, tags, examples) in other.entries.items():
            entry = self.entries.get(key)
            if entry is None:
                self.entries[key] = [count, sources, tags, examples]
                continue
            entry[0] += count
            entry[1] = union_sources(entry[1], sources)
            entry[2].update(tags)
            if examples and (len(entry[3]) < MAX_EXAMPLES or examples[0] < entry[3][-1]):
                entry[3] = sorted(set(entry[3]).union(examples))[:MAX_EXAMPLES]
        for text, their_set in other.sets.items():
            self._add_set(text, their_set)
        for h, (seen, sig) in other.paras.items():
            mine_seen = self.paras.get(h)
            if mine_seen is None:
                self.paras[h] = [seen, sig]
            else:
                mine_seen[0] += seen
        for key, their_where in other.where.items():
            _merge_where(self.where, key, their_where)
        for kind, stats in other.types.items():
            if kind in self.types:
                self.types[kind].merge(stats)
            else:
                self.types[kind] = stats
        if other.runs:
            self.spill = self.spill or other.spill
            self.runs.extend(other.runs)
        if self.spill is not None and len(self.entries) > self.spill.capacity:
            self.spill_now()

    def phrases(self) -> list:

        source = partial(tuple.__new__, Source)  # Source(f, p) for an (f, p) tuple, without a Python call
        out = []
        if self.runs:
            items = fold(self)
        else:
            groups = paragraph_copies(self.paras)
            entries = fold_copies(self._with_set_phrases(groups), self.where, self.paras, groups)
            items = sorted(fold_near(entries).items())
        # every text folded in one pass (fold_all), for its id and as the phrase's cached key
        keys = fold_all([text for (_, text), _ in items])
        keys.reverse()
        items.reverse()     # popped from the end: each entry let go as its phrase is made, not held beside them all
        while items:
            (category, text), (count, sources, tags, examples) = items.pop()
            key = keys.pop()
            extra = {"examples": list(examples)} if examples else {}
            # (positional: id, text, category, tags, slots, count, sources, origin, extra — keywords
            # cost a fifth more, once per phrase of the bank)
            phrase = Phrase(id_of_key(category, key), text, category, sorted(tags),
                            slots_in(text) if "{" in text else [], count, list(map(source, sources)),
                            "mined", extra)
            phrase.__dict__["_key"] = (text, key)   # what Phrase.key would compute again
            out.append(phrase)
        return out

    def _with_set_phrases(self, groups: dict[int, int] | None = None) -> dict[tuple[str, str], list]:
        """The entries and, as 金句, the set-phrase candidates that recur (unless mined already):
        in two sentences of two files, and not only in copies of one paragraph (``groups``)."""

        entries = dict(self.entries)
        if self.sets:
            entries.update(self.set_phrases(set(fold_all([text for _, text in entries])), groups))
        return entries

    def set_phrases(self, taken: set[str], groups: dict[int, int] | None) -> dict[tuple[str, str], list]:
        """The set-phrase candidates that join the bank as 金句: those that recur, not only in
        copies of one paragraph, whose folded text no entry holds already (``taken``)."""
        out = {}
        for text, (count, sources, tags, sentences, files) in self.sets.items():
            if recurs(sentences, files) and fold_text(text) not in taken and self._beyond_copies(text, groups):
                out[("金句", text)] = [count, sources, tags, []]
        return out

    def _beyond_copies(self, text: str, groups: dict[int, int] | None) -> bool:
        """Was a set-phrase candidate seen in two paragraphs that are not copies of one another?"""
        seen = self.where.get((SET, text))
        if groups is None or not seen:  # too many paragraphs to tell, or none known
            return True
        return len({groups.get(h, h) for h in seen}) > 1

    def skeletons(self) -> dict:
        return {kind: skeleton(kind, stats) for kind, stats in sorted(self.types.items())}

    def release(self) -> None:
        """Let go of the tables :meth:`phrases` folds (entries, set-phrase candidates, paragraph
        skeletons, where each phrase was seen, the runs' names): once the phrases are made,
        only ``result`` and ``types`` are still read."""
        self.entries, self.sets, self.paras, self.where, self.runs = {}, {}, {}, {}, []


def fold_copies(entries: dict, where: dict, paras: dict, groups: dict[int, int]) -> dict:
    """The entries with the readings only a few copies of a paragraph give folded into the one
    most give (:func:`drafter.mining.neardup.copy_accidents`), as near duplicates fold."""
    keys = list(entries)
    return _folded(entries, keys, copy_accidents(keys, [entries[k][0] for k in keys], where, paras, groups))


def fold_near(entries: dict[tuple[str, str], list]) -> dict[tuple[str, str], list]:
    """The entries with near duplicates (:mod:`drafter.mining.neardup`) folded into the phrase
    that represents them: counts added, sources, tags and examples united (capped as in a merge);
    in key order."""
    keys = sorted(entries)  # in key order: near_groups sorts them by count alone, and so does the result
    into = near_groups(keys, [entries[k][0] for k in keys])
    return _folded(entries, keys, into) if into else {k: entries[k] for k in keys}


def _folded(entries: dict, keys: list, into: Mapping[int, int | None]) -> dict:
    """``entries`` with entry i folded into entry j for each i → j of ``into`` (left out for j None)."""
    if not into:
        return entries
    out = {k: entries[k] for i, k in enumerate(keys) if i not in into}
    for i, j in sorted(into.items()):
        if j is None:  # left out (neardup.copy_accidents)
            continue
        count, sources, tags, examples = entries[keys[i]]
        entry = out[keys[j]]
        if entry is entries[keys[j]]:  # copied before it changes: the accumulator stays as it was
            entry = out[keys[j]] = [entry[0], list(entry[1]), set(entry[2]), list(entry[3])]
        entry[0] += count
        entry[1] = union_sources(entry[1], sources)
        entry[2].update(tags)
        if examples:
            entry[3] = sorted(set(entry[3]).union(examples))[:MAX_EXAMPLES]
    return out
