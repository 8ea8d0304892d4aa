"""Changing a bank from the CLI: add, edit, remove, import, merge another writer's bank.

Every operation holds the bank lock across load-change-save, so two writers at once
both land; checks the change before writing anything (an edit that would make the bank
invalid is refused with the reason); and rewrites only the phrase files it touched.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from drafter.bank.index import lookup
from drafter.bank.lock import bank_lock
from drafter.bank.phrase import (
    DEFAULT_CATEGORIES,
    ORIGINS,
    SLOT_RE,
    Bank,
    Phrase,
    fold,
    make_id,
    slot_names,
    text_problem,
    unique_id,
)
from drafter.bank.store import check_category_name, load_bank, save_bank
from drafter.bank.yamlio import phrase_from_dict, render_phrase
from drafter.errors import BankError
from drafter.i18n import N_, _, translate
from drafter.suggest import unknown


def check_text(text: str) -> str:
    """The text as stored: stripped; refused when empty, with a nameless ``{}`` slot, with a
    control character or line break (a phrase is one line of a speech, and a .docx cannot hold
    most of them), or with template syntax (``{% %}``, ``{{ }}``: a phrase is data, never code)."""
    text = text.strip()
    if not text:
        raise BankError(_("empty text: a phrase needs words"), key="text")
    problem = text_problem(text)
    if problem:
        raise BankError(f"{text!r}: {translate(problem)}", key="text")
    if any(not name.strip() for name in SLOT_RE.findall(text)):
        raise BankError(_("slot without a name in {text!r}: write {{name}}, e.g. {{地名}}").format(text=text), key="text")
    return text


def check_category(bank: Bank, category: str, create: bool) -> None:
    check_category_name(category)
    if category in bank.categories:
        return
    if not create:
        raise BankError(unknown(N_("category"), category, bank.categories) + _("; add it to categories.yaml "
                        "or pass --new-category"), key="category")
    bank.categories[category] = DEFAULT_CATEGORIES.get(category, "")


def _load(bank_dir, categories, create: bool = False) -> Bank:
    """The bank, or on a big bank just the categories an edit touches (see ``load_bank``)."""
    return load_bank(bank_dir, create=create, categories=set(categories))


def _categories_of(bank_dir, ids) -> set[str]:
    if not Path(bank_dir).is_dir():
        return set()
    return {category for _pid, category in lookup(Path(bank_dir), ids=list(ids))}


def _same_text(bank: Bank, bank_dir, text: str, except_id: str | None = None):
    """(id, category) of another phrase with this text: in memory, or in categories not loaded."""
    for p in bank.with_text(text):
        if p.id != except_id:
            return p.id, p.category
    if bank.partial is not None:
        for pid, category in lookup(Path(bank_dir), key=fold(text)):
            if category not in bank.partial and pid != except_id:
                return pid, category
    return None


def _refuse_duplicate(bank: Bank, bank_dir, text: str, except_id: str | None = None) -> None:
    other = _same_text(bank, bank_dir, text, except_id)
    if other is not None:
        raise BankError(_("the bank already has this text as {pid} ({category})").format(pid=other[0],
                                                                                      category=other[1]), key="text")


def _untombstone(bank: Bank, phrase: Phrase) -> None:
    """Adding a phrase back on purpose lifts its tombstone."""
    for pid, text in list(bank.deleted.items()):
        if pid == phrase.id or (text and fold(text) == phrase.key):
            del bank.deleted[pid]


def _find(bank: Bank, pid: str) -> Phrase:
    phrase = bank.get(pid)
    if phrase is None:
        raise BankError(_("no phrase with id {pid!r} (drafter phrases search finds ids)").format(pid=pid), key="id")
    return phrase


def new_phrase(bank: Bank, bank_dir, text: str, category: str, tags=(), *, sources=(),
               count: int = 1, create_category: bool = False) -> Phrase:
    """A checked phrase with a fresh id, not yet in the bank."""
    text = check_text(text)
    check_category(bank, category, create_category)
    _refuse_duplicate(bank, bank_dir, text)
    return Phrase(id=_fresh_id(bank, category, text), text=text, category=category,
                  tags=_dedup(tags), slots=slot_names(text), count=count,
                  sources=sorted(set(sources)), origin="user")


def _fresh_id(bank: Bank, category: str, text: str) -> str:
    """An id in use nowhere (ids start with their category, whose file is loaded)."""
    for digits in (8, 12, 16, 40):
        pid = make_id(category, text, digits)
        if bank.get(pid) is None:
            return pid
    raise BankError(_("cannot make a unique id for {text}").format(text=repr(text)))


def _dedup(items) -> list[str]:
    out: list[str] = []
    for item in items:
        item = str(item).strip()
        if item and item not in out:
            out.append(item)
    return out


def add_phrase(bank_dir: str | Path, text: str, category: str, tags=(), *,
               create_category: bool = False) -> Phrase:
    with bank_lock(bank_dir):
        bank = _load(bank_dir, {category}, create=True)
        phrase = new_phrase(bank, bank_dir, text, category, tags, create_category=create_category)
        _untombstone(bank, phrase)
        bank.add(phrase)
        save_bank(bank, bank_dir, only={category})
    return phrase


def edit_phrase(bank_dir: str | Path, pid: str, *, text: str | None = None,
                category: str | None = None, add_tags=(), remove_tags=(),
                create_category: bool = False) -> Phrase:
    """Change text, category or tags of one phrase; its id stays (other files refer to it)."""
    with bank_lock(bank_dir):
        bank = _load(bank_dir, _categories_of(bank_dir, [pid]) | ({category} if category else set()))
        old = _find(bank, pid)
        new = replace(old, tags=list(old.tags))
        if text is not None:
            new.text = check_text(text)
            _refuse_duplicate(bank, bank_dir, new.text, except_id=pid)
            new.slots = slot_names(new.text)
        if category is not None:
            check_category(bank, category, create_category)
            new.category = category
        new.tags = _dedup([t for t in [*old.tags, *add_tags] if t not in set(remove_tags)])
        return _put(bank, bank_dir, old, new)


def _put(bank: Bank, bank_dir, old: Phrase, new: Phrase) -> Phrase:
    bank.phrases = [new if p is old else p for p in bank.phrases]
    bank.invalidate()
    save_bank(bank, bank_dir, only={old.category, new.category})
    return new


def replace_entry(bank_dir: str | Path, pid: str, entry: dict, expected: Phrase | None = None,
                  create_category: bool = False) -> Phrase:
    """Replace one phrase by a hand-edited entry (``phrases edit ID`` through $EDITOR).

    ``expected`` is the phrase as it was shown to the user: if someone changed it in the
    meantime the edit is refused rather than silently undoing their change.
    """
    if not isinstance(entry, dict):
        raise BankError(_("the entry must be a mapping (id: ..., text: ...)"))
    with bank_lock(bank_dir):
        wanted = {str(entry["category"])} if entry.get("category") else set()
        bank = _load(bank_dir, _categories_of(bank_dir, [pid]) | wanted)
        old = _find(bank, pid)
        if expected is not None and old.to_dict() != expected.to_dict():
            raise BankError(_("{pid} was changed by someone else while you edited it; run edit again").format(pid=pid),
                            key="id")
        if str(entry.get("id", pid)) != pid:
            raise BankError(_("the id cannot change (it is {pid}); rm and add instead").format(pid=pid), key="id")
        try:
            new = phrase_from_dict({**entry, "id": pid}, old.category)
        except ValueError as err:
            raise BankError(str(err), key=pid) from None
        new.text = check_text(new.text)
        _refuse_duplicate(bank, bank_dir, new.text, except_id=pid)
        if new.category != old.category:
            check_category(bank, new.category, create_category)
        if new.origin not in ORIGINS:
            raise BankError(_("origin must be one of {origins}").format(origins=", ".join(ORIGINS)), key="origin")
        if new.count < 0:
            raise BankError(_("count cannot be negative"), key="count")
        return _put(bank, bank_dir, old, new)


def remove_phrases(bank_dir: str | Path, ids: list[str]) -> list[Phrase]:
    """Remove phrases and tombstone them, so a re-mine does not bring them back."""
    with bank_lock(bank_dir):
        bank = _load(bank_dir, _categories_of(bank_dir, ids))
        gone = [_find(bank, pid) for pid in dict.fromkeys(ids)]   # all or nothing
        for p in gone:
            bank.deleted[p.id] = p.text
        drop = {id(p) for p in gone}
        bank.phrases = [p for p in bank.phrases if id(p) not in drop]
        bank.invalidate()
        save_bank(bank, bank_dir, only={p.category for p in gone})
    return gone


@dataclass
class AddReport:
    added: list[Phrase] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # "text: reason"


def add_many(bank_dir: str | Path, phrases: list[Phrase], *, create_category: bool = False,
             revive: bool = True) -> AddReport:
    """Add many phrases at once (import); ones that would be invalid are skipped with a reason."""
    report = AddReport()
    with bank_lock(bank_dir):
        bank = _load(bank_dir, {p.category for p in phrases}, create=True)
        touched: set[str] = set()
        for p in phrases:
            try:
                if not revive and bank.is_deleted(p):
                    raise BankError(_("deleted earlier (in deleted.yaml)"))
                fresh = new_phrase(bank, bank_dir, p.text, p.category, p.tags, sources=p.sources,
                                   count=p.count, create_category=create_category)
            except BankError as err:
                report.skipped.append(f"{p.text}: {err.message}")
                continue
            fresh.extra = dict(p.extra)
            if p.slots and not fresh.slots:
                fresh.slots = list(p.slots)
            _untombstone(bank, fresh)
            bank.add(fresh)
            touched.add(fresh.category)
            report.added.append(fresh)
        if report.added:
            save_bank(bank, bank_dir, only=touched)
    return report


@dataclass
class BankMergeReport:
    added: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)     # same text: sources and tags united
    conflicts: list[str] = field(default_factory=list)  # told to the user; ours kept
    skipped: list[str] = field(default_factory=list)    # deleted in ours


def _fold_into(ours: Phrase, theirs: Phrase) -> Phrase:
    sources = sorted(set(ours.sources) | set(theirs.sources))
    return replace(ours, tags=_dedup([*ours.tags, *theirs.tags]), sources=sources,
                   count=max(ours.count, theirs.count, len(sources)))


def merge_bank(bank_dir: str | Path, other_dir: str | Path) -> BankMergeReport:
    """Fold another writer's bank into this one.

    Same text (after folding): one entry, sources and tags united, count the larger
    (the two banks may have seen the same speeches). Same id with another text: theirs
    gets a new id. A different category for the same text, or a different skeleton or
    alias under the same name, is a conflict: ours is kept and the conflict reported.
    Phrases our bank deleted stay deleted.
    """
    report = BankMergeReport()
    theirs = load_bank(other_dir)
    with bank_lock(bank_dir):
        bank = load_bank(bank_dir, create=True)
        by_key = {p.key: p for p in bank.phrases}
        taken = {p.id: p.key for p in bank.phrases}
        for other in sorted(theirs.phrases, key=lambda p: p.id):
            mine = by_key.get(other.key)
            if mine is not None:
                if mine.category != other.category:
                    report.conflicts.append(f"{mine.id}: category {mine.category} here, "
                                            f"{other.category} in {other_dir}; kept {mine.category}")
                merged = _fold_into(mine, other)
                if merged != mine:
                    bank.phrases = [merged if p is mine else p for p in bank.phrases]
                    by_key[other.key] = merged
                    report.folded.append(mine.id)
                continue
            if bank.is_deleted(other):
                report.skipped.append(other.id)
                continue
            new = replace(other, tags=list(other.tags), sources=list(other.sources))
            if new.id in taken:
                new.id = unique_id(new.category, new.text, taken)
                report.conflicts.append(f"{other.id}: another text has this id here; "
                                        f"added theirs as {new.id}")
            bank.categories.setdefault(new.category, theirs.categories.get(new.category, ""))
            bank.phrases.append(new)
            by_key[new.key] = new
            taken[new.id] = new.key
            report.added.append(new.id)
        for name, mine_map, their_map in (("skeleton", bank.skeletons, theirs.skeletons),
                                          ("alias", bank.aliases, theirs.aliases)):
            for key, value in their_map.items():
                if key not in mine_map:
                    mine_map[key] = value
                elif mine_map[key] != value:
                    report.conflicts.append(f"{name} {key}: differs in {other_dir}; kept ours")
        bank.invalidate()
        save_bank(bank, bank_dir)
    return report


__all__ = ["add_phrase", "edit_phrase", "replace_entry", "remove_phrases", "add_many",
           "merge_bank", "new_phrase"]


def edit_in_editor(directory: Path, pid: str, new_category: bool) -> Phrase | None:
    """Open phrase ``pid`` as YAML in $VISUAL/$EDITOR (else vi) and save what the user wrote.

    The lock is not held while the editor is open; the save is refused if someone changed the
    phrase meanwhile. None when the user saved no change. On a failed editor, malformed YAML or
    an invalid entry nothing changes and the edit is kept in a temp file the error names.
    """


    before = load_bank(directory).get(pid)
    if before is None:
        raise BankError(_("no phrase with id {pid!r}").format(pid=pid), key="id")
    original = render_phrase(before)
    fd, tmp = tempfile.mkstemp(prefix=f"drafter-{pid}-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(original)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        status = subprocess.call([*shlex.split(editor), tmp])
    except OSError as err:
        os.unlink(tmp)
        raise BankError(_("cannot run the editor {editor!r} ({error}); set VISUAL or EDITOR, "
                          "or edit with --text/--category/--tag").format(editor=editor, error=err.strerror)) from None
    if status != 0:
        raise BankError(_("the editor ({editor}) failed; your edit is kept in {tmp}").format(editor=editor, tmp=tmp))
    edited = Path(tmp).read_text(encoding="utf-8")
    if edited == original:
        os.unlink(tmp)
        return None
    try:
        data = yaml.safe_load(edited)
        entry = data[0] if isinstance(data, list) and len(data) == 1 else data
        p = replace_entry(directory, pid, entry, expected=before, create_category=new_category)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise BankError(_("malformed YAML: {problem}; nothing changed, your edit is kept").format(problem=err.problem),
                        path=tmp, line=line) from None
    except BankError as err:
        raise BankError(_("{error}; nothing changed, your edit is kept in {tmp}").format(error=err, tmp=tmp)) from None
    os.unlink(tmp)
    return p
