"""Sentences, clauses and items of Chinese text, cut at punctuation only.

Everything mining takes out of a speech is a whole unit of the language: a sentence (ends in
。！？), a clause (between ，；：) or an item of a series (between 、). Cutting only at
punctuation keeps every phrase whole without a word segmenter, and keeps mining fast.
Punctuation inside quotes and brackets does not cut: a quoted saying stays one unit.
"""

from __future__ import annotations

import re

OPEN = "“‘（《「『〔【"
CLOSE = "”’）》」』〕】"
ENDS = "。！？"
CLAUSE_SEPS = "，；："
TRAILERS = CLOSE + ENDS + "…"

_ENCLOSED = re.compile("[" + re.escape(OPEN + CLOSE) + "]")
_SENTENCE_FAST = re.compile(f"[^{ENDS}]+[{ENDS}]*|[{ENDS}]+")
_SENTENCE_MARKS = re.compile("[" + re.escape(OPEN + CLOSE + ENDS) + "]")
_CLAUSE_FAST = re.compile(f"([{CLAUSE_SEPS}])")
_CLAUSE_MARKS = re.compile("[" + re.escape(OPEN + CLOSE + CLAUSE_SEPS) + "]")
_ITEM_MARKS = re.compile("[" + re.escape(OPEN + CLOSE) + "、]")
_NOT_HAN = re.compile("[^\u3400-\u9fff]")
#: un-nested quoted or bracketed spans, which separators inside do not cut
_SPAN = r"“[^“”]*”|‘[^‘’]*’|（[^（）]*）|《[^《》]*》|「[^「」]*」"
# Runs of plain characters are taken whole and never given back (++): a token can only end
# where a separator or the end follows, never inside a run or a span, so backtracking into
# them could not find another match; it only cost time.
_CLAUSE_TOKENS = re.compile(f"((?:[^，；：“‘（《「]+|{_SPAN})++)([，；：]|$)")
_ITEM_TOKENS = re.compile(f"(?:[^、“‘（《「]+|{_SPAN})++")
_QUOTED = re.compile(r"“([^“”]+)”|‘([^‘’]+)’")


def sentences(text: str) -> list[str]:
    """Split at 。！？ outside quotes and brackets; closing quotes stay with their sentence."""
    if not _ENCLOSED.search(text):
        return [s for s in _SENTENCE_FAST.findall(text) if s]
    out: list[str] = []
    start = depth = 0
    n = len(text)
    for m in _SENTENCE_MARKS.finditer(text):
        i = m.start()
        if i < start:
            continue
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        if ch in ENDS or (ch in CLOSE and depth == 0 and i and text[i - 1] in ENDS):
            if depth:
                continue
            end = i + 1
            while end < n and text[end] in TRAILERS:
                end += 1
            out.append(text[start:end])
            start = end
    if start < n:
        out.append(text[start:])
    return out


def split_outside(text: str, marks: re.Pattern) -> list[tuple[str, str]]:
    """``[(piece, separator after it)]``: ``text`` cut at the separators ``marks`` matches, outside
    quotes and brackets (``marks`` matches the separators and the opening and closing marks)."""
    out: list[tuple[str, str]] = []
    start = depth = 0
    for m in marks.finditer(text):
        ch = m.group(0)
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append((text[start:m.start()], ch))
            start = m.end()
    out.append((text[start:], ""))
    return out


def clauses(sentence: str) -> list[tuple[str, str]]:
    """``[(clause, separator)]``: the sentence cut at ，；： (its end punctuation stripped)."""
    return body_clauses(strip_end(sentence))


def body_clauses(body: str) -> list[tuple[str, str]]:
    """:func:`clauses` of a sentence whose end punctuation is already stripped."""
    if not _ENCLOSED.search(body):
        parts = _CLAUSE_FAST.split(body)
        parts.append("")
        pairs = iter(parts)
        return list(zip(pairs, pairs))
    found = _CLAUSE_TOKENS.findall(body)
    # matches are disjoint and in order: they cover the body exactly when their lengths add up to it
    if found and sum(map(len, map("".join, found))) == len(body):
        if found[-1][1]:
            found.append(("", ""))
        return found
    return split_outside(body, _CLAUSE_MARKS)


def items(clause: str) -> list[str]:
    """The clause cut at 、 outside quotes: the members of a series."""
    if "、" not in clause:
        return [clause]
    if not _ENCLOSED.search(clause):
        return clause.split("、")
    found = _ITEM_TOKENS.findall(clause)
    if found and "、".join(found) == clause:
        return found
    return [p for p, _ in split_outside(clause, _ITEM_MARKS)]


def strip_end(sentence: str) -> str:
    """The sentence without its closing 。！？ (a closing quote that ends it is kept)."""
    return sentence.rstrip(ENDS)


def quoted(text: str) -> list[str]:
    """Contents of “…” and ‘…’ spans (innermost of each kind), in order."""
    if "“" not in text and "‘" not in text:
        return []
    return [a or b for a, b in _QUOTED.findall(text)]


def han_len(text: str) -> int:
    """Length without punctuation and slot braces: what 'a short sentence' is measured in."""
    return len(text) - len(_NOT_HAN.findall(text))
