"""``drafter phrases search``'s work and output, without typer: cli.py runs it straight from a
plain command line (``FAST``, see fastcli.py); commands/phrases.py registers it with typer for
every other line and shares the helpers below with the other ``phrases`` commands.
Not a command of its own (cli.command_names skips modules whose name starts with ``_``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from drafter.bank.locate import announce, resolve_bank
from drafter.console import echo
from drafter.errors import UsageError
from drafter.fastcli import Spec
from drafter.i18n import _

if TYPE_CHECKING:
    from drafter.bank.phrase import Phrase

#: ``phrases search``'s command line as commands/phrases.py's ``search_`` declares it
FAST = Spec(arguments=("text",),
            options={"--category": "category", "-c": "category", "--tag": "tag", "-t": "tag",
                     "--source": "source", "-s": "source", "--min-count": "min_count", "-m": "min_count",
                     "--limit": "limit", "-n": "limit", "--bank": "bank", "-b": "bank"},
            flags={"--exact": "exact", "--json": "as_json"},
            ints=frozenset({"min_count", "limit"}), strings=frozenset({"text", "category", "tag", "source"}),
            multiple=frozenset({"category", "tag"}), defaults={"source": "", "min_count": 0, "limit": 50})


def _bank(bank: Optional[Path], write: bool = False) -> Path:
    """The bank to use (drafter/bank/locate.py), said on stderr; writing to the shipped bank is
    refused (it would vanish on upgrade)."""
    choice = resolve_bank(bank)
    if write and choice.builtin:
        raise UsageError(_("the phrase bank shipped with drafter is read-only: run `drafter phrases init` to copy "
                           "it to ./phrasebank (used by default from then on), or pass --bank DIR"))
    announce(choice)
    return choice.path


def _line(p) -> str:
    tags = " #" + " #".join(p.tags) if p.tags else ""
    return f"{p.id}  {p.text}  [{p.category} ×{p.count}{tags}]"


def _as_json(p) -> str:
    return json.dumps({"id": p.id, "text": p.text, "category": p.category, "tags": p.tags,
                       "slots": p.slots, "count": p.count,
                       "sources": [s.to_dict() for s in p.sources], "origin": p.origin},
                      ensure_ascii=False)


def _print(phrases, as_json: bool) -> None:
    for p in phrases:
        echo(_as_json(p) if as_json else _line(p))


def run(text: str, category: Optional[list[str]], tag: Optional[list[str]], source: str, min_count: int,
        limit: int, exact: bool, bank: Optional[Path], as_json: bool) -> int:
    """Search phrases, best match first, then near matches; the exit code (1: none found)."""
    from drafter.bank.search import Query, search, search_near  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    query = Query(text=text, categories=category or [], tags=tag or [], source=source,
                  min_count=min_count, limit=limit or None)
    if exact:
        found = search(_bank(bank), query)
        near: list[Phrase] = []
    else:
        found, near = search_near(_bank(bank), query)
    _print(found, as_json)
    for p in near:
        echo(json.dumps({**json.loads(_as_json(p)), "near": True}, ensure_ascii=False)
             if as_json else f"≈ {_line(p)}")
    found = found + near
    if not found:
        echo("drafter: " + _("no phrase matches {text!r}").format(text=text), err=True)
        return 1
    return 0
