"""``phrases validate``: everything wrong with a bank, each problem with its file and line.

Unlike ``load_bank`` (which stops at the first broken file), this reads every file on its
own, so one run lists all the broken files and all the bad entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from drafter.bank.files import ALIASES, CATEGORIES, DELETED, SKELETONS, check_dir, phrase_files
from drafter.bank.index import read_file_with_sig
from drafter.bank.journal import reading
from drafter.bank.phrase import FREE_SLOT, ORIGINS, SLOT_RE, Phrase, text_problem
from drafter.bank.store import load_categories, load_deleted, read_mapping
from drafter.errors import BankError
from drafter.i18n import M_, Message, translate

_ID_LINE = re.compile(r"^- id: (.*)$", re.M)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {translate(self.message)}"


def _id_lines(path: Path) -> dict[str, list[int]]:
    """Where each ``- id:`` line is (in order, for repeated ids), to point problems at entries."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    out: dict[str, list[int]] = {}
    for match in _ID_LINE.finditer(text):
        raw = match.group(1).strip()
        try:
            value = str(yaml.safe_load(raw)) if raw else ""
        except yaml.YAMLError:
            value = raw
        out.setdefault(value, []).append(text.count("\n", 0, match.start()) + 1)
    return out


def _slot_problems(p: Phrase) -> list[Message]:
    found: list[Message] = []
    names = [n.strip() for n in SLOT_RE.findall(p.text)]
    if any(not n for n in names):
        found.append(M_("slot without a name ({}) in text"))
    if any(not s.strip() for s in p.slots):
        found.append(M_("slot without a name in slots"))
    listed = set(p.slots)
    missing = [n for n in names if n and n != FREE_SLOT and n not in listed]
    if missing:
        found.append(M_("slot {{{name}}} used in text but not listed in slots", name=missing[0]))
    unused = [s for s in p.slots if s.strip() and s not in names]
    if unused:
        found.append(M_("slot {name} listed but not used in text", name=unused[0]))
    return found


def _entry_problems(p: Phrase, categories: dict, deleted: dict) -> list[Message]:
    found: list[Message] = []
    if not p.text.strip():
        found.append(M_("empty text"))
    elif problem := text_problem(p.text):
        found.append(problem)
    if p.category not in categories:
        found.append(M_("unknown category {category} (not in categories.yaml)", category=p.category))
    if p.origin not in ORIGINS:
        found.append(M_("origin {origin!r} is not one of {origins}", origin=p.origin, origins=", ".join(ORIGINS)))
    if p.count < 0:
        found.append(M_("negative count"))
    if p.id in deleted:
        found.append(M_("listed in deleted.yaml but still present"))
    return found + _slot_problems(p)


def validate_bank(bank_dir: str | Path) -> list[Problem]:
    """All problems of the bank at ``bank_dir``; an empty list means it is valid."""
    bank_dir = Path(bank_dir)
    check_dir(bank_dir)
    with reading(bank_dir):            # a save a crash interrupted is finished first; none moves files meanwhile
        return _problems(bank_dir)


def _problems(bank_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    small = {}
    for name, loader in ((CATEGORIES, load_categories), (DELETED, load_deleted),
                         (SKELETONS, lambda d: read_mapping(d / SKELETONS, SKELETONS)),
                         (ALIASES, lambda d: read_mapping(d / ALIASES, ALIASES))):
        try:
            small[name] = loader(bank_dir)
        except BankError as err:
            problems.append(Problem(err.path or str(bank_dir / name), err.line, err.message))
            small[name] = {}
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for path in phrase_files(bank_dir):
        try:
            phrases, _sig = read_file_with_sig(path)
        except BankError as err:
            problems.append(Problem(err.path or str(path), err.line, err.message))
            continue
        lines = _id_lines(path)
        for p in phrases:
            where = lines[p.id].pop(0) if lines.get(p.id) else None
            for message in _entry_problems(p, small[CATEGORIES], small[DELETED]):
                problems.append(Problem(str(path), where, M_("{id}: {message}", id=p.id, message=message)))
            if p.id in seen_ids:
                problems.append(Problem(str(path), where,
                                        M_("duplicate id {id} (also in {file})", id=p.id, file=seen_ids[p.id])))
            else:
                seen_ids[p.id] = path.name
            if p.key and p.key in seen_texts:
                problems.append(Problem(str(path), where, M_(
                    "{id}: duplicate text (same as {other} once width and spaces are ignored)",
                    id=p.id, other=seen_texts[p.key])))
            elif p.key:
                seen_texts[p.key] = p.id
    return problems
