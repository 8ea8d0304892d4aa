"""Small text helpers the rules share: what counts as Chinese, sentences, excerpts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

#: sentence ends; ；and ： also open a new "sentence start" for inline items (一是……；二是……)
SENTENCE_END = "。！？"
CLOSERS = "”’）》」』"


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FA1F


def is_cjk(ch: str) -> bool:
    """Han characters and the punctuation that lives in Chinese text (full-width, “”‘’…—)."""
    if not ch:
        return False
    o = ord(ch)
    return (is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E
            or 0x2018 <= o <= 0x201D or ch in "…—·")


@dataclass(frozen=True)
class Sentence:
    start: int      # offset in the paragraph text
    text: str       # including its closing punctuation


def sentences(text: str, ends: str = SENTENCE_END) -> list[Sentence]:
    """Split at 。！？ (keeping a closing quote or bracket with its sentence)."""
    out: list[Sentence] = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in ends:
            j = i + 1
            while j < len(text) and (text[j] in ends or text[j] in CLOSERS):
                j += 1
            out.append(Sentence(start, text[start:j]))
            start = i = j
            continue
        i += 1
    if start < len(text) and text[start:].strip():
        out.append(Sentence(start, text[start:]))
    return out


def starts(text: str) -> Iterator[int]:
    """Offsets where a sentence or clause begins: 0 and after 。！？；： (and closing quotes)."""
    yield 0
    for m in re.finditer(r"[。！？；：][”’）》]*", text):
        if m.end() < len(text):
            yield m.end()


def excerpt(text: str, start: int, end: int, width: int = 8) -> str:
    """``…context[match]context…`` for a message; the match itself stays verbatim."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return ("…" if start > width else "") + left + text[start:end] + right + ("…" if end + width < len(text) else "")


def content_chars(text: str) -> int:
    """Characters of content: whitespace is not counted (as ``Speech.text_length``)."""
    return len("".join(text.split()))
