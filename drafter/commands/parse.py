"""``drafter parse FILE...``: print the tree of each speech (or one JSON object per file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List

import typer

ORDER = 10


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)


def parse(
    paths: List[Path] = typer.Argument(..., help="Speech files (.txt .md .docx) or directories of them."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per file, one per line."),
) -> None:
    """Parse speeches into their structure: title, speaker, salutation, opening, sections, closing."""
    from drafter.errors import DrafterError
    from drafter.parser import parse_file
    from drafter.readers import iter_sources

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

    lines = [f"{speech.source}", f"  标题：{speech.title or '（无）'}"]
    if speech.speaker:
        lines.append(f"  讲话人：{speech.speaker}")
    if speech.date:
        lines.append(f"  日期：{speech.date}")
    lines.append(f"  称呼：{speech.salutation or '（无）'}")
    lines.append(f"  开头：{len(speech.opening)} 段，{chars(speech.opening)} 字")
    for depth, section in speech.walk():
        label = section.marker or "·"
        body = f"{len(section.body)} 段，{chars(section.body)} 字" if section.body else "无正文"
        lines.append(f"  {'  ' * depth}{label}{section.heading}  （{body}）")
    if speech.closing:
        first = speech.closing[0]
        lines.append(f"  结尾：{len(speech.closing)} 段 — {first[:30]}{'…' if len(first) > 30 else ''}")
    else:
        lines.append("  结尾：（无）")
    total = speech.text_length()
    lines.append(f"  共 {len(list(speech.walk()))} 个标题，{total} 字")
    return "\n".join(lines)
