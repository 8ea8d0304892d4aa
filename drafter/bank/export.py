"""Getting phrases out of a bank: CSV/YAML export, figures, an editable copy of the shipped bank."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections import Counter
from pathlib import Path

from drafter.bank.index import open_index
from drafter.bank.indexfill import token_tag
from drafter.bank.phrase import Phrase
from drafter.bank.rows import source_files
from drafter.bank.store import load_deleted, packaged_bank_dir
from drafter.bank.yamlio import render_phrases
from drafter.errors import BankError, WriteError, os_reason
from drafter.i18n import _

CSV_COLUMNS = ["id", "text", "category", "tags", "slots", "count", "sources", "origin"]


def export_text(phrases: list[Phrase], fmt: str) -> str:
    """CSV (lists joined with ;, sources as file:para) or the bank's own YAML entries."""
    if fmt == "yaml":
        return render_phrases(phrases)
    if fmt != "csv":
        raise BankError(_("unknown export format {fmt!r}: use csv or yaml").format(fmt=fmt), key="--format")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in phrases:
        writer.writerow([p.id, p.text, p.category, ";".join(p.tags), ";".join(p.slots), p.count,
                         ";".join(f"{s.file}:{s.para}" for s in p.sources), p.origin])
    return out.getvalue()


def bank_stats(bank_dir: str | Path, top: int = 10) -> dict:
    """Counts by category, the most used tags and the sources that gave most phrases."""
    conn = open_index(bank_dir)
    try:
        total = conn.execute("SELECT COUNT(*) FROM phrases").fetchone()[0]
        by_cat = dict(conn.execute("SELECT category, COUNT(*) FROM phrases GROUP BY category "
                                   "ORDER BY COUNT(*) DESC, category"))
        tags = [(token_tag(term), n) for term, n in conn.execute(
            "SELECT term, doc FROM grams_terms WHERE col = 't' AND term >= 't' AND term < 'u' "
            "AND doc > 0 ORDER BY doc DESC, term LIMIT ?", (top,))]
        sources = _top_sources(conn, top)
        origins = dict(conn.execute("SELECT origin, COUNT(*) FROM phrases "
                                    "GROUP BY 1 ORDER BY 1"))
    finally:
        conn.close()
    return {"phrases": total, "deleted": len(load_deleted(Path(bank_dir))), "origins": origins,
            "categories": by_cat, "tags": dict(tags), "sources": dict(sources)}


def _top_sources(conn, top: int) -> list[tuple[str, int]]:
    """The source files that gave most phrases (each phrase counted once per file)."""
    counts: Counter = Counter()
    for (packed,) in conn.execute("SELECT sources FROM phrases"):
        counts.update(set(source_files(packed)))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def format_stats(figures: dict) -> str:
    origins = ", ".join(f"{k} {v}" for k, v in figures["origins"].items()) or _("none")
    lines = [_("phrases: {n} ({origins}); deleted: {deleted}").format(
        n=figures["phrases"], origins=origins, deleted=figures["deleted"])]
    titles = {"categories": _("categories:"), "tags": _("tags:"), "sources": _("sources:")}
    for title in ("categories", "tags", "sources"):
        lines.append(titles[title])
        lines.extend(f"  {count:>6}  {name}" for name, count in figures[title].items())
    return "\n".join(lines)


def copy_packaged_bank(target: str | Path, force: bool = False) -> None:
    """An editable copy of the shipped bank (what its .gitignore lists as derived is left behind:
    the index, every lock file, a journal, the drafting cache)."""
    source, target = packaged_bank_dir(), Path(target)
    if not source.is_dir():
        raise BankError(_("this drafter ships no phrase bank; mine one with drafter mine"), path=source)
    if target.exists() and not force:
        raise BankError(_("already exists; pass --force to copy over it"), path=target)
    # copied whole into a hidden folder beside the target first, so a full disk or a kill leaves
    # no half-written bank (a full 2 MB disk left a cut-off 举措.yaml and eleven empty files,
    # and the error was shutil's list of every failure); then renamed, or with --force moved
    # over the old files one by one (a rename each: it needs no space and cannot cut a file)
    staging = target.parent / f".{target.name}.init-{os.getpid()}"
    failures: list[OSError] = []

    def copy(src, dst):
        try:
            return shutil.copy2(src, dst)
        except OSError as err:
            failures.append(err)
            raise

    try:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(source, staging, copy_function=copy,
                        ignore=shutil.ignore_patterns(".index.sqlite*", ".lock*", ".journal", ".drafting-cache.json"))
        if not target.exists():
            os.replace(staging, target)
            return
        for path in sorted(staging.rglob("*")):
            into = target / path.relative_to(staging)
            if path.is_dir():
                into.mkdir(exist_ok=True)
            else:
                os.replace(path, into)
    except (OSError, shutil.Error) as err:
        cause = failures[0] if failures else err if isinstance(err, OSError) else None
        raise WriteError(_("cannot copy the shipped bank here: {reason}; nothing was written").format(
            reason=os_reason(cause) if cause else str(err)), path=target) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
