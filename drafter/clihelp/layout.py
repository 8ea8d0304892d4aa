"""Text laid out for a terminal: display width (two columns for a wide, CJK, character),
lines wrapped at spaces or between Chinese characters (never starting with closing or ending
with opening punctuation), paragraphs re-wrapped with indented lines (examples) kept as
written, and two-column definitions. Plain text only: used by help pages (clihelp/pages.py)
and by ``drafter lint``'s report.
"""

from __future__ import annotations

import inspect
import re
import unicodedata

_CLOSING = set("，。、；：？！）》」』”’…—%,.;:?!)]}")
_OPENING = set("（《「『“‘([{")


def width_of(text: str) -> int:
    """Display columns: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    raw = re.findall(r"\[[^\]\n]{1,40}\]|\s+|[\x21-\x7e]+|.", text)
    out: list[str] = []
    for tok in raw:
        if out and not tok.isspace() and tok[0] in _CLOSING and not out[-1].isspace():
            out[-1] += tok  # never start a line with closing punctuation
        elif out and out[-1] and out[-1][-1] in _OPENING and not tok.isspace():
            out[-1] += tok  # never end a line with opening punctuation
        else:
            out.append(tok)
    return out


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns, breaking at spaces or between Chinese characters."""
    lines, line, used = [], "", 0  # used: width_of(line), kept as the line grows
    for tok in _tokens(text):
        if tok.isspace():
            if line:
                line += " "
                used += 1
            continue
        tok_width = width_of(tok)
        if line and used + tok_width > width:
            lines.append(line.rstrip())
            line, used = tok, tok_width
        else:
            line += tok
            used += tok_width
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def join_lines(lines: list[str]) -> str:
    """Join the lines of a paragraph: a space between Latin words, none between Chinese."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if text and width_of(text[-1]) == 1 and width_of(line[:1]) == 1:
            text += " "
        text += line
    return text


def paragraphs(text: str, width: int, indent: int = 2) -> list[str]:
    """A help text laid out: plain paragraphs re-wrapped, indented lines (examples) kept."""
    out: list[str] = []
    blocks = re.split(r"\n\s*\n", inspect.cleandoc(text).partition("\f")[0])
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip() != "\b"]
        if not lines:
            continue
        if out:
            out.append("")
        plain: list[str] = []
        verbatim = False
        for ln in lines:
            if ln.startswith((" ", "\t")) or verbatim and not ln.strip():
                if plain:
                    out.extend(" " * indent + w for w in wrap(join_lines(plain), width - indent))
                    plain = []
                out.append(" " * indent + ln.rstrip())
            else:
                plain.append(ln)
        if plain:
            out.extend(" " * indent + w for w in wrap(join_lines(plain), width - indent))
    return out


def definitions(rows: list[tuple[str, str]], width: int, indent: int = 2, max_col: int = 26) -> list[str]:
    """Two columns: the term, then its help wrapped in the rest of the line."""
    if not rows:
        return []
    col = min(max(width_of(term) for term, _help in rows), max_col) + 2
    out = []
    for term, text in rows:
        body = wrap(text, max(width - indent - col, 20)) if text else [""]
        if width_of(term) + 2 > col:
            out.append(" " * indent + term)
            out.extend(" " * (indent + col) + ln for ln in body if ln)
        else:
            out.append(" " * indent + term + " " * (col - width_of(term)) + body[0])
            out.extend(" " * (indent + col) + ln for ln in body[1:])
    return out
