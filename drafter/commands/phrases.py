"""``drafter phrases ...``: find, curate and check the phrase bank.

Each subcommand parses its options, calls one function of ``drafter.bank`` and prints.
Reading commands use ``--bank DIR`` or the default bank (./phrasebank, else the one that
ships with drafter); writing commands refuse the shipped bank and say how to get an
editable copy (``drafter phrases init``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from drafter.atomic import write_text_atomic
from drafter.commands._phrases_search import _as_json, _bank, _line, _print
from drafter.commands._phrases_search import run as run_search
from drafter.errors import BankError, UsageError
from drafter.i18n import N_, _, ngettext

ORDER = 30

phrases_app = typer.Typer(name="phrases", no_args_is_help=True, add_completion=False,
                          rich_markup_mode=None,
                          help=N_("""Find, add, edit and check phrases in the phrase bank.

Which bank: --bank, else DRAFTER_BANK, else the project's bank found from the current folder,
else the built-in one (docs/bank-format.md).

Examples:

    drafter phrases search 理想信念
    drafter phrases add "{地名}发展正当其时" -c 金句
    drafter phrases init"""))

BankOpt = typer.Option(None, "--bank", "-b", metavar="DIR", help=N_("Bank folder (default: DRAFTER_BANK, else the "
                       "project's bank found from the current folder, else the built-in one)."))
JsonOpt = typer.Option(False, "--json", help=N_("One JSON object per phrase, one per line."))
CatOpt = typer.Option(None, "--category", "-c", metavar="C", help=N_("Only these categories (repeatable)."))
TagOpt = typer.Option(None, "--tag", "-t", metavar="T", help=N_("Only phrases with this tag (repeatable: all of them)."))
SourceOpt = typer.Option("", "--source", "-s", metavar="TEXT", help=N_("Only phrases seen in a source file whose name "
                         "contains this."))
MinOpt = typer.Option(0, "--min-count", "-m", metavar="N", help=N_("Only phrases seen at least this often."))


def register(app: typer.Typer) -> None:
    app.add_typer(phrases_app, name="phrases")


@phrases_app.command("list")
def list_(category: Optional[List[str]] = CatOpt, tag: Optional[List[str]] = TagOpt,
          source: str = SourceOpt, min_count: int = MinOpt,
          limit: int = typer.Option(0, "--limit", "-n", help=N_("At most this many (0: all).")),
          bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """List phrases in bank order (category, then id)."""
    from drafter.bank.search import Query, search  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    query = Query(categories=category or [], tags=tag or [], source=source, min_count=min_count,
                  limit=limit or None)
    _print(search(_bank(bank), query, ranked=False), as_json)


@phrases_app.command("search")
def search_(text: str = typer.Argument(..., metavar="TEXT", help=N_("Words to find (substring, or all the words).")),
            category: Optional[List[str]] = CatOpt, tag: Optional[List[str]] = TagOpt,
            source: str = SourceOpt, min_count: int = MinOpt,
            limit: int = typer.Option(50, "--limit", "-n", help=N_("At most this many (0: all).")),
            exact: bool = typer.Option(False, "--exact", help=N_("Only exact matches (no near matches "
                                          "after them).")),
            bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """Search phrases, best match first (width and spacing ignored), then near matches (a
    wrong, missing or extra character: ≈ before them, "near": true in JSON); exit 1 if none."""
    code = run_search(text=text, category=category, tag=tag, source=source, min_count=min_count, limit=limit,
                      exact=exact, bank=bank, as_json=as_json)
    if code:
        raise typer.Exit(code)


@phrases_app.command("show")
def show(ids: List[str] = typer.Argument(..., metavar="ID...", help=N_("Phrase ids.")),
         bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """Show whole entries, as YAML (or JSON)."""
    from drafter.bank import load_bank  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.bank.yamlio import render_phrase  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    loaded = load_bank(_bank(bank))
    for pid in ids:
        p = loaded.get(pid)
        if p is None:
            raise BankError(_("no phrase with id {pid!r}").format(pid=pid), key="id")
        typer.echo(_as_json(p) if as_json else render_phrase(p).rstrip("\n"))


@phrases_app.command("add")
def add(text: str = typer.Argument(..., metavar="TEXT", help=N_("The phrase; write slots as {name}, e.g. {地名}.")),
        category: str = typer.Option(..., "--category", "-c", help=N_("Its category (金句, 排比, ...).")),
        tag: Optional[List[str]] = typer.Option(None, "--tag", "-t", help=N_("A theme word (repeatable).")),
        new_category: bool = typer.Option(False, "--new-category", help=N_("Allow a category the bank "
                                          "does not have yet (it is added to categories.yaml).")),
        bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """Add a phrase of your own."""
    from drafter.bank.edit import add_phrase  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    p = add_phrase(_bank(bank, write=True), text, category, tag or [], create_category=new_category)
    typer.echo(_as_json(p) if as_json else _("added {phrase}").format(phrase=_line(p)))


@phrases_app.command("edit")
def edit(pid: str = typer.Argument(..., metavar="ID", help=N_("The phrase id.")),
         text: Optional[str] = typer.Option(None, "--text", help=N_("New text.")),
         category: Optional[str] = typer.Option(None, "--category", "-c", help=N_("New category.")),
         tag: Optional[List[str]] = typer.Option(None, "--tag", "-t", help=N_("Add this tag.")),
         untag: Optional[List[str]] = typer.Option(None, "--untag", help=N_("Remove this tag.")),
         new_category: bool = typer.Option(False, "--new-category", help=N_("Allow a new category.")),
         bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """Change a phrase; with no options, open it in $EDITOR (VISUAL, EDITOR, else vi)."""
    from drafter.bank.edit import edit_in_editor, edit_phrase  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    directory = _bank(bank, write=True)
    if text is None and category is None and not tag and not untag:
        p = edit_in_editor(directory, pid, new_category)
        if p is None:
            typer.echo(_("{pid}: no change").format(pid=pid))
    else:
        p = edit_phrase(directory, pid, text=text, category=category, add_tags=tag or [],
                        remove_tags=untag or [], create_category=new_category)
    if p is not None:
        typer.echo(_as_json(p) if as_json else _("edited {phrase}").format(phrase=_line(p)))


@phrases_app.command("rm")
def rm(ids: List[str] = typer.Argument(..., metavar="ID...", help=N_("Phrase ids to remove.")),
       bank: Optional[Path] = BankOpt) -> None:
    """Remove phrases; they are remembered in deleted.yaml so a re-mine does not bring them back."""
    from drafter.bank.edit import remove_phrases  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    for p in remove_phrases(_bank(bank, write=True), ids):
        typer.echo(_("removed {phrase}").format(phrase=_line(p)))


@phrases_app.command("merge")
def merge(other: Path = typer.Argument(..., metavar="BANK_DIR", help=N_("Another writer's bank directory.")),
          bank: Optional[Path] = BankOpt) -> None:
    """Fold another bank into this one: duplicates folded, sources united, conflicts reported."""
    from drafter.bank.edit import merge_bank  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    report = merge_bank(_bank(bank, write=True), other)
    for line in report.conflicts:
        typer.echo(_("conflict: {line}").format(line=line), err=True)
    typer.echo(_("merged {other}: {added} added, {folded} folded into existing, {skipped} skipped (deleted "
                 "here), {conflicts} conflicts").format(other=other, added=len(report.added),
                                                        folded=len(report.folded), skipped=len(report.skipped),
                                                        conflicts=len(report.conflicts)))


@phrases_app.command("import")
def import_(path: Path = typer.Argument(..., metavar="FILE", help=N_("A .txt/.md/.docx: lines (one phrase each) "
                                        "or a speech to harvest.")),
            category: Optional[str] = typer.Option(None, "--category", "-c",
                                                   help=N_("Category of the lines (needed for lines; "
                                                   "for a speech, keep only this category).")),
            tag: Optional[List[str]] = typer.Option(None, "--tag", "-t", help=N_("Tag every phrase.")),
            lines: bool = typer.Option(False, "--lines", help=N_("Treat the file as lines.")),
            speech: bool = typer.Option(False, "--speech", help=N_("Treat the file as a speech.")),
            new_category: bool = typer.Option(False, "--new-category", help=N_("Allow a new category.")),
            bank: Optional[Path] = BankOpt, as_json: bool = JsonOpt) -> None:
    """Import phrases from a file (auto: short lines are a list, anything else a speech)."""
    from drafter.bank.harvest import import_file  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    if lines and speech:
        raise UsageError(_("--lines and --speech exclude each other"))
    mode = "lines" if lines else "speech" if speech else "auto"
    report = import_file(_bank(bank, write=True), path, category=category, tags=tag or [],
                         mode=mode, create_category=new_category)
    if as_json:
        _print(report.added, as_json)
    for reason in report.skipped:
        typer.echo(_("skipped: {reason}").format(reason=reason), err=True)
    if not as_json:
        typer.echo(_("imported {added} phrases from {path}, skipped {skipped}").format(
            added=len(report.added), path=path, skipped=len(report.skipped)))


@phrases_app.command("export")
def export(fmt: str = typer.Option("csv", "--format", "-f", help=N_("csv or yaml.")),
           output: Optional[Path] = typer.Option(None, "--output", "-o", help=N_("File (default stdout).")),
           category: Optional[List[str]] = CatOpt, tag: Optional[List[str]] = TagOpt,
           source: str = SourceOpt, min_count: int = MinOpt,
           bank: Optional[Path] = BankOpt,
           force: bool = typer.Option(False, "--force", help=N_("Replace an output file that already exists.")),) -> None:
    """Export phrases as CSV (for a spreadsheet) or YAML (the bank's own entry format)."""
    from drafter.bank.export import export_text  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.bank.search import Query, search  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    query = Query(categories=category or [], tags=tag or [], source=source, min_count=min_count)
    if output is not None:
        from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        check_output(output, force=force)
    text = export_text(search(_bank(bank), query, ranked=False), fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


@phrases_app.command("stats")
def stats(bank: Optional[Path] = BankOpt,
          as_json: bool = typer.Option(False, "--json", help=N_("The figures as one JSON object.")),
          top: int = typer.Option(10, "--top", metavar="N", help=N_("How many tags and sources to list."))) -> None:
    """How many phrases, by category, tag and source."""
    from drafter.bank.export import bank_stats, format_stats  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    figures = bank_stats(_bank(bank), top=top)
    typer.echo(json.dumps(figures, ensure_ascii=False) if as_json else format_stats(figures))


@phrases_app.command("validate")
def validate(bank: Optional[Path] = BankOpt,
             as_json: bool = typer.Option(False, "--json", help=N_("One JSON object per problem, one per line."))
             ) -> None:
    """Check the bank; print every problem with file and line; exit 1 if there is any."""
    from drafter.bank.validate import validate_bank  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    directory = _bank(bank)
    problems = validate_bank(directory)
    for p in problems:
        typer.echo(json.dumps({"path": p.path, "line": p.line, "message": p.message},
                              ensure_ascii=False) if as_json else str(p))
    if problems:
        typer.echo(ngettext("{n} problem in {bank}", "{n} problems in {bank}", len(problems)).format(
            n=len(problems), bank=directory), err=True)
        raise typer.Exit(1)
    if not as_json:
        typer.echo(_("{bank}: ok").format(bank=directory))


@phrases_app.command("init")
def init(target: Path = typer.Argument(Path("phrasebank"), metavar="[DIR]", help=N_("Where to put the copy.")),
         force: bool = typer.Option(False, "--force", help=N_("Copy even if the target exists."))) -> None:
    """Copy the bank shipped with drafter to DIR (default ./phrasebank) so you can edit it."""
    from drafter.bank.export import copy_packaged_bank  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    copy_packaged_bank(target, force=force)
    typer.echo(_("copied the shipped phrase bank to {target}").format(target=target))


@phrases_app.command("reindex")
def reindex(bank: Optional[Path] = BankOpt) -> None:
    """Rebuild the bank's search index from scratch (it is also refreshed automatically)."""
    from drafter.bank.index import rebuild  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    directory = _bank(bank)
    rebuild(directory)
    typer.echo(_("{bank}: index rebuilt").format(bank=directory))


#: each subcommand's help, with an example (set here, apart from the functions, so they stay short)
HELPS = {
    "list": N_("""List phrases in bank order (category, then id).

Example:

    drafter phrases list -c 金句 -n 20"""),
    "search": N_("""Search phrases, best match first (width and spacing ignored), then near matches (a wrong, missing or extra character: ≈ before them, "near": true in JSON); exit 1 if none.

Examples:

    drafter phrases search 理想信念 -c 金句
    drafter phrases search 坚定理想新念"""),
    "show": N_("""Show whole entries, as YAML (or JSON).

Example:

    drafter phrases show 金句-1a2b3c4d"""),
    "add": N_("""Add a phrase of your own.

Example:

    drafter phrases add "{地名}发展正当其时" -c 金句 -t 发展"""),
    "edit": N_("""Change a phrase; with no options, open it in $EDITOR (VISUAL, EDITOR, else vi).

Examples:

    drafter phrases edit 金句-1a2b3c4d --tag 发展
    drafter phrases edit 金句-1a2b3c4d"""),
    "rm": N_("""Remove phrases; they are remembered in deleted.yaml so a re-mine does not bring them back.

Example:

    drafter phrases rm 金句-1a2b3c4d"""),
    "merge": N_("""Fold another bank into this one: duplicates folded, sources united, conflicts reported.

Example:

    drafter phrases merge ../同事的词库"""),
    "import": N_("""Import phrases from a file (auto: short lines are a list, anything else a speech).

Examples:

    drafter phrases import 金句摘抄.txt -c 金句
    drafter phrases import 新讲话.docx"""),
    "export": N_("""Export phrases as CSV (for a spreadsheet) or YAML (the bank's own entry format).

Example:

    drafter phrases export -o 词库.csv"""),
    "stats": N_("""How many phrases, by category, tag and source.

Example:

    drafter phrases stats --top 20"""),
    "validate": N_("""Check the bank; print every problem with file and line; exit 1 if there is any.

Example:

    drafter phrases validate --bank phrasebank"""),
    "init": N_("""Copy the bank shipped with drafter to DIR (default ./phrasebank) so you can edit it.

Example:

    drafter phrases init"""),
    "reindex": N_("""Rebuild the bank's search index from scratch (it is also refreshed automatically).

Example:

    drafter phrases reindex"""),
}
for _info in phrases_app.registered_commands:
    if _info.name in HELPS:
        _info.help = HELPS[_info.name]
