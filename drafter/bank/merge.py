"""Re-mining is a merge: mined entries refresh, a user's work is never overwritten.

To tell a mined entry a user has since edited from one they have not, the bank keeps
``.manifest``: for each entry as ``mine`` last wrote it, a fingerprint of its content
(text, category, tags, slots, origin, extra keys; not count or sources). On the next
merge an entry whose fingerprint still matches is mined data and is replaced; one that
differs was edited by hand and is kept as it is; an id in the manifest that is gone
from the phrase files and not in deleted.yaml was deleted by hand and gets a tombstone.
The same goes for speech types in skeletons.yaml.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter.atomic import write_text_atomic
from drafter.bank.lock import bank_lock
from drafter.bank.phrase import DEFAULT_CATEGORIES, Bank, Phrase, unique_id
from drafter.bank.store import load_bank, save_bank

MANIFEST = ".manifest"
MANIFEST_HEADER = ("# drafter: fingerprints of entries as `drafter mine` last wrote them, used to\n"
                   "# spot hand edits and hand deletions on the next re-mine. Keep it in git; do not edit.\n")
SKELETON_PREFIX = "skeleton:"


@dataclass
class MergeReport:
    """What a merge did, by id (for the mine command's summary and for tests)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)       # user-added or hand-edited, left alone
    dropped: list[str] = field(default_factory=list)    # mined before, not mined now
    tombstoned: list[str] = field(default_factory=list)  # deleted by hand since the last mine
    skipped: list[str] = field(default_factory=list)    # mined but deleted or duplicating a kept entry


#: ``json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)`` made once: dumps builds
#: an encoder per call, a cost paid for every phrase of a mine
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


def fingerprint(value) -> str:
    """A short hash of what a user could edit; Phrase or any YAML value (a skeleton)."""
    if isinstance(value, Phrase):
        value = [value.text, value.category, value.tags, value.slots, value.origin, value.extra]
    return hashlib.sha1(_ENCODE(value).encode("utf-8")).hexdigest()[:12]


def read_manifest(bank_dir: Path) -> dict[str, str]:
    path = Path(bank_dir) / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and " " in line:
            fp, key = line.split(" ", 1)
            out[key] = fp
    return out


def manifest_text(manifest: dict[str, str]) -> str:
    return MANIFEST_HEADER + "".join(f"{fp} {key}\n" for key, fp in sorted(manifest.items()))


def write_manifest(bank_dir: Path, manifest: dict[str, str]) -> None:
    write_text_atomic(Path(bank_dir) / MANIFEST, manifest_text(manifest))


def _fold_order(p: Phrase) -> tuple:
    return p.category, p.key, p.id


def fold_mined(phrases: list[Phrase], consume: bool = False) -> dict[str, Phrase]:
    """Mined phrases by id: the same text twice is one entry (counts added, sources united).

    With ``consume`` the list is emptied and each phrase is made the folded entry itself (its
    id, sources and origin set in place), so the mined phrases are neither copied nor held twice
    (a mine's are its whole bank); without it they are left as they were."""
    out: dict[str, Phrase] = {}
    keys: dict[str, str] = {}
    ordered = sorted(phrases, key=_fold_order)
    ordered.reverse()                   # popped from the end: each let go once folded
    if consume:
        phrases.clear()
    while ordered:
        p = ordered.pop()
        pid = p.id or unique_id(p.category, p.text, keys)
        if pid in out and keys[pid] != p.key:
            pid = unique_id(p.category, p.text, keys)
        if pid in out:
            old = out[pid]
            out[pid] = replace(old, count=old.count + p.count,
                               sources=sorted(set(old.sources) | set(p.sources)))
            continue
        key = keys[pid] = p.key
        sources = sorted(set(p.sources)) if len(p.sources) > 1 else list(p.sources)
        if consume:
            # the caller let go of its phrases: each becomes the folded entry itself (a mine's
            # are its whole bank, made just before; copying every one cost a copy of the bank)
            p.id, p.sources, p.origin = pid, sources, "mined"
            if type(p.tags) is not list:
                p.tags = list(p.tags)
            if type(p.slots) is not list:
                p.slots = list(p.slots)
            if type(p.extra) is not dict:
                p.extra = dict(p.extra)
            out[pid] = p
            continue
        # what dataclasses.replace gives, built directly (one per mined phrase), the folded
        # text carried over in Phrase.key's cache
        q = out[pid] = Phrase(pid, p.text, p.category, list(p.tags), list(p.slots), p.count,
                              sources, "mined", dict(p.extra))
        q.__dict__["_key"] = (p.text, key)
    return out


def _merge_phrases(bank: Bank, mined: dict[str, Phrase], manifest: dict[str, str],
                   prune: bool, report: MergeReport) -> tuple[list[Phrase], dict[str, str]]:
    existing = {p.id: p for p in bank.phrases}
    for pid in sorted(manifest):
        if not pid.startswith(SKELETON_PREFIX) and pid not in existing and pid not in bank.deleted:
            bank.deleted[pid] = mined[pid].text if pid in mined else ""
            report.tombstoned.append(pid)
    result: dict[str, Phrase] = {}
    new_manifest: dict[str, str] = {}
    for pid, p in sorted(existing.items()):
        if bank.is_deleted(p):
            continue
        fp = manifest.get(pid)
        if fp is not None and fp == fingerprint(p):          # untouched mined entry
            if pid in mined:
                continue                                       # the new mining replaces it
            if prune:
                report.dropped.append(pid)
                continue
            new_manifest[pid] = fp
        elif fp is None and p.origin == "mined" and pid in mined:
            # no fingerprint (manifest lost): refresh the counts, keep the content
            p = replace(p, count=mined[pid].count, sources=list(mined[pid].sources))
            if fingerprint(p) == fingerprint(mined[pid]):
                new_manifest[pid] = fingerprint(p)
            report.updated.append(pid)
        else:
            if fp is not None:
                new_manifest[pid] = fp                         # stays recognisably hand-edited
            report.kept.append(pid)
        result[pid] = p
    taken_keys = {p.key for p in result.values()}
    for pid, p in sorted(mined.items()):
        if pid in result:
            continue
        if bank.is_deleted(p) or p.key in taken_keys:
            report.skipped.append(pid)
            continue
        (report.updated if pid in existing else report.added).append(pid)
        result[pid] = p
        taken_keys.add(p.key)
        new_manifest[pid] = fingerprint(p)
    return list(result.values()), new_manifest


def _merge_skeletons(bank: Bank, skeletons: dict, manifest: dict[str, str],
                     new_manifest: dict[str, str]) -> dict:
    out = {}
    for name, value in bank.skeletons.items():
        fp = manifest.get(SKELETON_PREFIX + str(name))
        if fp is None or fp != fingerprint(value):           # user-added or hand-edited type
            out[name] = value
            if fp is not None:
                new_manifest[SKELETON_PREFIX + str(name)] = fp
    for name, value in skeletons.items():
        if name not in out:
            out[name] = value
            new_manifest[SKELETON_PREFIX + str(name)] = fingerprint(value)
    return out


def merge_mined(bank_dir: str | Path, phrases: list[Phrase], skeletons: dict | None = None,
                *, aliases: dict | None = None, prune: bool = True,
                extra: dict[str, str] | None = None, consume: bool = False) -> MergeReport:
    """Merge freshly mined phrases and skeletons into the bank at ``bank_dir`` (created if new).

    Mined entries replace the untouched mined entries they match (new count, sources,
    tags); user-added and hand-edited entries are kept as they are; tombstoned ids and
    texts are not re-added; with ``prune``, untouched mined entries the new mining did not
    produce are dropped, so the bank mirrors the corpus. ``aliases`` only fills in names
    the bank's aliases.yaml lacks. The same input gives byte-identical files. The phrase
files and ``.manifest`` (and ``extra`` files) are written as one update (a crash between
them would make the next merge read the missing entries as deleted by hand). With
    ``consume`` the ``phrases`` list is emptied as they are folded (``fold_mined``).
    """
    bank_dir = Path(bank_dir)
    report = MergeReport()
    with bank_lock(bank_dir):
        bank = load_bank(bank_dir, create=True)
        manifest = read_manifest(bank_dir)
        mined = fold_mined(phrases, consume)
        bank.phrases, new_manifest = _merge_phrases(bank, mined, manifest, prune, report)
        bank.invalidate()
        bank.skeletons = _merge_skeletons(bank, skeletons or {}, manifest, new_manifest)
        for name, value in (aliases or {}).items():
            bank.aliases.setdefault(name, value)
        for p in bank.phrases:
            bank.categories.setdefault(p.category, DEFAULT_CATEGORIES.get(p.category, ""))
        save_bank(bank, bank_dir, extra={MANIFEST: manifest_text(new_manifest), **(extra or {})})
    return report


__all__ = ["merge_mined", "MergeReport", "fingerprint", "read_manifest", "write_manifest"]
