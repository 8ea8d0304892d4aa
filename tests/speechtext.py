"""Helpers for tests about speech text: which characters a tree holds."""

from __future__ import annotations

import re
from collections import Counter

from drafter.model import Speech

_IGNORED = re.compile(r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
                      r"\u2010-\u2027\u2030-\u205e!-/:-@\[-`{-~]")


def content_chars(texts) -> Counter:
    """Characters that carry content: everything but whitespace and punctuation."""
    return Counter(_IGNORED.sub("", "".join(texts)))


def tree_texts(speech: Speech) -> list[str]:
    texts = [speech.title, speech.speaker or "", speech.date or "", speech.salutation or ""]
    texts += speech.opening + speech.closing
    for _, s in speech.walk():
        texts += [s.marker, s.heading] + s.body
    return texts
