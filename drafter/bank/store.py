"""A bank directory on disk: load it whole, save it whole (only changed files are written).

Layout (see docs/bank-format.md): ``phrases/<category>.yaml``, ``skeletons.yaml``,
``aliases.yaml``, ``categories.yaml``, ``deleted.yaml``; derived files (``.index.sqlite``,
``.lock``) are ignored by git through the bank's own ``.gitignore``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from drafter.bank import journal

# where things are in a bank folder (drafter/bank/files.py; the index needs them too)
from drafter.bank.files import (
    ALIASES,
    CATEGORIES,
    DELETED,
    PHRASES_DIR,
    SKELETONS,
    check_dir,
    phrase_files,
)
from drafter.bank.journal import Text, reading
from drafter.bank.locate import packaged_bank_dir as packaged
from drafter.bank.locate import resolve_bank
from drafter.bank.lock import bank_lock
from drafter.bank.phrase import DEFAULT_CATEGORIES, Bank, Phrase
from drafter.errors import BankError, os_reason
from drafter.i18n import _

GITIGNORE_TEXT = "# derived files drafter rebuilds by itself\n.index.sqlite*\n.lock*\n.journal/\n.drafting-cache.json\n"
#: what earlier versions wrote (replaced by the current text on the next save)
OLD_GITIGNORE = {"# derived files drafter rebuilds by itself\n.index.sqlite*\n.lock\n.journal/\n.drafting-cache.json\n"}
DELETED_HEADER = ("# Tombstones: phrases a user removed (drafter phrases rm, or deleted by hand).\n"
                  "# Re-mining never brings these ids or texts back; delete a line to allow it again.\n")
CATEGORIES_HEADER = "# Phrase categories and what they hold; add your own.\n"


def packaged_bank_dir() -> Path:
    """The bank mined from corpus/ that ships inside the package."""
    return packaged()


def default_bank_dir() -> Path:
    """The bank to use when no --bank is given: DRAFTER_BANK, the project's, the user's, the
    built-in one (the rule is in drafter/bank/locate.py)."""
    return resolve_bank().path


def read_phrase_file(path: Path) -> list[Phrase]:
    from drafter.bank.yamlio import parse_phrase_file, read_text  # noqa: PLC0415 - PyYAML (+33 ms CPU, measured): `phrases search` on a fresh index never loads it
    return parse_phrase_file(path, read_text(path))


def read_mapping(path: Path, what: str) -> dict:
    from drafter.bank.yamlio import load_yaml  # noqa: PLC0415 - PyYAML (+33 ms CPU, measured): `phrases search` on a fresh index never loads it
    if not path.exists():
        return {}
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BankError(_("{what} must be a mapping (name: value)").format(what=what), path=path, line=1)
    return data


def load_deleted(bank_dir: Path) -> dict[str, str]:
    data = read_mapping(Path(bank_dir) / DELETED, "deleted.yaml")
    return {str(k): "" if v is None else str(v) for k, v in data.items()}


def load_categories(bank_dir: Path) -> dict:
    path = Path(bank_dir) / CATEGORIES
    return read_mapping(path, "categories.yaml") if path.exists() else dict(DEFAULT_CATEGORIES)


def load_bank(bank_dir: str | Path, *, create: bool = False, use_index: bool = True,
              categories: set[str] | None = None) -> Bank:
    """Read a bank. Malformed YAML raises BankError naming the file and line.

    With ``use_index`` (the default) phrase files whose derived index entry is fresh are
    read from the index instead of being parsed again, which is what makes big banks fast.
    With ``categories`` only those categories' phrases are loaded when that is safe (the
    bank's ``partial`` then says which; ``save_bank`` writes only those files).
    """
    bank_dir = Path(bank_dir)
    if create and not bank_dir.exists():
        return Bank()
    check_dir(bank_dir)
    with reading(bank_dir):       # never half of a save (bank/lock.py): its moves wait for this
        return _load(bank_dir, use_index, categories)


def _load(bank_dir: Path, use_index: bool, categories: set[str] | None) -> Bank:
    phrases: list[Phrase] | None = None
    partial = None
    if use_index:
        from drafter.bank.index import cached_phrases  # noqa: PLC0415 - index + sqlite3: compose imports this module for default_bank_dir (see compose/draft.py)
        if categories is not None:
            phrases = cached_phrases(bank_dir, set(categories))
            partial = None if phrases is None else frozenset(categories)
        if phrases is None:
            phrases = cached_phrases(bank_dir)
    else:
        phrases = []
        for path in phrase_files(bank_dir):
            phrases.extend(read_phrase_file(path))
    return Bank(phrases=phrases,
                skeletons=read_mapping(bank_dir / SKELETONS, "skeletons.yaml"),
                aliases=read_mapping(bank_dir / ALIASES, "aliases.yaml"),
                categories=load_categories(bank_dir),
                deleted=load_deleted(bank_dir), partial=partial)


def check_category_name(category: str) -> None:
    """Categories are file names; refuse the ones that cannot be."""
    if (not category or category != category.strip() or category.startswith(".")
            or any(c in category for c in "/\\\0:*?\"<>|") or any(c.isspace() for c in category)):
        raise BankError(_("bad category name {category!r}: it must be one word usable as a file name").format(
            category=category),
                        key="category")


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _changed(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True


def render_bank(bank: Bank, only: set[str] | None = None) -> tuple[dict[str, str], dict]:
    """Bank files as text, keyed by path relative to the bank, in write order; and the
    phrases of each rendered category (for the index).

    ``only`` limits the phrase files to those categories (an edit touches one or two of
    them; re-rendering 20 MB for each would be slow). Tombstones come first, so a crash
    between files never resurrects a removed phrase.
    """
    files, by_cat = _bank_files(bank, only)
    return {rel: text if isinstance(text, str) else "".join(text()) for rel, text in files.items()}, by_cat


def _bank_files(bank: Bank, only: set[str] | None) -> tuple[dict[str, Text], dict[str, list[Phrase]]]:
    """``render_bank`` with each phrase file streamed (``journal.Text``): its text made piece
    by piece as the journal writes it, never whole (a mined bank's are 134 MB at 200 MB of corpus)."""
    from drafter.bank.yamlio import dump_yaml, phrase_chunks  # noqa: PLC0415 - PyYAML (+33 ms CPU, measured): `phrases search` on a fresh index never loads it
    files: dict[str, Text] = {DELETED: dump_yaml(dict(sorted(bank.deleted.items())), DELETED_HEADER)}
    by_cat: dict[str, list[Phrase]] = {c: [] for c in only or ()}
    for p in bank.phrases:
        if only is None or p.category in only:
            by_cat.setdefault(p.category, []).append(p)
    for category in sorted(by_cat):
        check_category_name(category)
        if by_cat[category]:
            files[f"{PHRASES_DIR}/{category}.yaml"] = partial(phrase_chunks, by_cat[category])
    files[CATEGORIES] = dump_yaml(bank.categories, CATEGORIES_HEADER)
    files[ALIASES] = dump_yaml(bank.aliases)
    files[SKELETONS] = dump_yaml(bank.skeletons)
    return files, by_cat


def save_bank(bank: Bank, bank_dir: str | Path, *, only: set[str] | None = None,
              extra: dict[str, str] | None = None) -> list[str]:
    """Write the bank: only files whose text changed, all of them or none (a journal, see
    ``bank/journal.py``, so a crash never leaves files that disagree); returns those.
    ``extra`` adds files beside the bank's own (``.manifest``, ``themes.yaml``) to the same update.

    Phrase files of categories that no longer have phrases are removed, or their
    entries would come back on the next load. A partial bank (``load_bank(categories=)``)
    writes just its categories' files, or ``only`` a subset of them; a whole bank is
    always written whole (an entry filed by hand under another category's file must move).
    """
    bank_dir = Path(bank_dir)
    if bank.partial is None:
        only = None
    elif only is not None and not set(only) <= bank.partial:
        raise ValueError(_("bank holds only {partial}; cannot save {only}").format(partial=sorted(bank.partial), only=sorted(only)))
    else:
        only = set(bank.partial) if only is None else set(only)
    files, by_cat = _bank_files(bank, only)
    files.update(extra or {})
    with bank_lock(bank_dir):
        journal.recover(bank_dir)
        # a streamed phrase file is compared with the bank's as the journal writes it
        writes = {rel: text for rel, text in files.items()
                  if not isinstance(text, str) or _changed(bank_dir / rel, text)}
        if not (bank_dir / ".gitignore").exists() or _read_or_none(bank_dir / ".gitignore") in OLD_GITIGNORE:
            writes[".gitignore"] = GITIGNORE_TEXT
        removes = [f"{PHRASES_DIR}/{path.name}" for path in phrase_files(bank_dir)
                   if f"{PHRASES_DIR}/{path.name}" not in files and (only is None or path.stem in only)]
        moved, digests = _commit(bank_dir, writes, removes)
        changed = [rel for rel in moved if rel != ".gitignore"] + removes
        from drafter.bank.index import note_saved  # noqa: PLC0415 - index + sqlite3: compose imports this module for default_bank_dir (see compose/draft.py)
        note_saved(bank_dir, {rel: (digests[rel], ps) for c, ps in by_cat.items()
                              if ps and (rel := f"{PHRASES_DIR}/{c}.yaml") in digests})
    return changed


def _commit(bank_dir: Path, writes: dict[str, Text], removes: list[str]) -> tuple[list[str], dict[str, str]]:
    """The journal commit, with a full disk or a read-only bank as one clear line."""
    try:
        (bank_dir / PHRASES_DIR).mkdir(parents=True, exist_ok=True)
        return journal.commit(bank_dir, writes, removes)
    except OSError as err:
        committed = (bank_dir / journal.JOURNAL / journal.COMMIT).exists()
        raise BankError(_("cannot finish writing the bank: {reason}; the next drafter command completes it").format(
            reason=os_reason(err)) if committed else
            _("cannot write the bank: {reason}; nothing was changed").format(reason=os_reason(err)),
            path=bank_dir) from None
