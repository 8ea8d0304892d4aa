"""Unpaired “” ‘’ （） 《》 within a paragraph.

Checked per paragraph because that is where a speech's quotations and titles
open and close; a mark left open is reported where it opens, a stray closing
mark where it stands. A list marker like ``1）`` at the start of a paragraph is
not a bracket.
"""

from __future__ import annotations

from typing import Iterator

from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, Finding
from drafter.lint.text import excerpt
from drafter.markers import CLOSE_BRACKET_MARKER

RULES = {"unpaired": (ERROR, N_("unpaired “” ‘’ （） 《》 in a paragraph"))}

PAIRS: tuple[tuple[str, str], ...] = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"))
LIST_MARKER = CLOSE_BRACKET_MARKER


def problems(text: str) -> list[tuple[int, str]]:
    """``[(offset, mark)]`` of every opening mark never closed and closing mark never opened."""
    skip = LIST_MARKER.match(text)
    out: list[tuple[int, str]] = []
    for open_, close in PAIRS:
        stack: list[int] = []
        for i, c in enumerate(text):
            if skip and i < skip.end():
                continue
            if c == open_:
                stack.append(i)
            elif c == close:
                if stack:
                    stack.pop()
                else:
                    out.append((i, c))
        out.extend((i, open_) for i in stack)
    return sorted(out)


def check(doc: Doc) -> Iterator[Finding]:
    for i, para in enumerate(doc.paras):
        found = problems(para.text)
        if not found:
            continue
        first, mark = found[0]
        opened = mark in "“‘（《"
        where = excerpt(para.text, first, first + 1)
        if len(found) > 1:
            msg = (M_("{mark} opened but never closed in this paragraph (and {more} more) ({where})", mark=mark,
                      more=len(found) - 1, where=where) if opened else
                   M_("{mark} closed but never opened in this paragraph (and {more} more) ({where})", mark=mark,
                      more=len(found) - 1, where=where))
        else:
            msg = (M_("{mark} opened but never closed in this paragraph ({where})", mark=mark, where=where)
                   if opened else
                   M_("{mark} closed but never opened in this paragraph ({where})", mark=mark, where=where))
        yield doc.finding(i, ERROR, "unpaired", msg, mark)
