"""``drafter parse FILE...``: print the tree of each speech (or one JSON object per file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

from drafter.errors import DrafterError
from drafter.i18n import N_, _

ORDER = 10

HELP = N_("""Parse speeches into their structure: title, speaker, salutation, opening, sections, closing.

Exit status: 0 all parsed, 1 some files could not be read, 2 none could.

Examples:

    drafter parse corpus/
    drafter parse 讲话.docx --json""")


def register(app: typer.Typer) -> None:
    app.command("parse", help=HELP)(parse)


def parse(
    paths: List[Path] = typer.Argument(..., metavar="FILE...",
                                       help=N_("Speech files (.txt .md .docx) or directories of them.")),
    as_json: bool = typer.Option(False, "--json", help=N_("One JSON object per file, one per line.")),
) -> None:
    """Parse speeches into their structure: title, speaker, salutation, opening, sections, closing."""
    from drafter.parser import parse_file  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.readers import iter_sources  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    parsed = failed = 0
    for source in iter_sources(paths):
        if isinstance(source, DrafterError):
            typer.echo(f"drafter: {source}", err=True)
            failed += 1
            continue
        try:
            speech = parse_file(source)
        except DrafterError as err:
            typer.echo(f"drafter: {err}", err=True)
            failed += 1
            continue
        parsed += 1
        if as_json:
            typer.echo(json.dumps(speech.to_dict(), ensure_ascii=False))
        else:
            typer.echo(describe(speech))
    if parsed == 0:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def describe(speech) -> str:
    """The tree as a person reads it: title block, counts, indented headings."""
    def chars(texts):
        return sum(len(t) for t in texts)

    none = _("(none)")
    lines = [f"{speech.source}", "  " + _("title: {value}").format(value=speech.title or none)]
    if speech.speaker:
        lines.append("  " + _("speaker: {value}").format(value=speech.speaker))
    if speech.date:
        lines.append("  " + _("date: {value}").format(value=speech.date))
    lines.append("  " + _("salutation: {value}").format(value=speech.salutation or none))
    lines.append("  " + _("opening: {paras} paragraphs, {chars} characters").format(
        paras=len(speech.opening), chars=chars(speech.opening)))
    for depth, section in speech.walk():
        label = section.marker or "·"
        body = (_("{paras} paragraphs, {chars} characters").format(paras=len(section.body), chars=chars(section.body))
                if section.body else _("no body text"))
        lines.append(f"  {'  ' * depth}{label}{section.heading}  " + _("({body})").format(body=body))
    if speech.closing:
        first = speech.closing[0]
        lines.append("  " + _("closing: {paras} paragraphs — {start}").format(
            paras=len(speech.closing), start=first[:30] + ("…" if len(first) > 30 else "")))
    else:
        lines.append("  " + _("closing: {value}").format(value=none))
    total = speech.text_length()
    lines.append("  " + _("{headings} headings, {chars} characters in all").format(
        headings=len(list(speech.walk())), chars=total))
    return "\n".join(lines)
