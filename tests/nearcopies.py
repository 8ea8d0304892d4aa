"""Near-copies of speeches for the near-duplicate tests: each one character different, with
punctuation variants, as a corpus gathered from many places holds them (re-typed, re-posted,
edited lightly).

A near-copy of a text changes, at places drawn by a seeded random generator:

* one Han character: replaced by another Han character of the same text (a slip of the
  input method), or dropped, or doubled;
* punctuation: one ，swapped for 、 or 、 for ，(or ；for ，), and a few full-width marks typed
  half-width (，→ , 。→ . ：→ : ；→ ;).
"""

from __future__ import annotations

import random
import re

_HAN = re.compile("[\u4e00-\u9fff]")
#: marks typed half-width (a half-width . is left out: after a quote or before a figure it is
#: not read as 。, which then joins two sentences)
HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?"}


def near_copy(text: str, rng: random.Random, half_width: int = 3, swap: bool = True, char: bool = True) -> str:
    """``text`` with one Han character changed and a few punctuation variants."""
    chars = list(text)
    han = [i for i, ch in enumerate(chars) if _HAN.match(ch)]
    i = rng.choice(han)
    how = rng.random() if char else 2
    if how < 0.6:
        others = [chars[k] for k in rng.sample(han, 50) if chars[k] != chars[i]]
        chars[i] = others[0]
    elif how < 0.8:
        chars[i] = ""
    elif how <= 1:
        chars[i] += chars[i]
    seps = [k for k, ch in enumerate(chars) if ch and ch in "，、"]
    k = rng.choice(seps)
    if swap:
        chars[k] = {"，": rng.choice("、；"), "、": "，"}[chars[k]]
    marks = [k for k, ch in enumerate(chars) if ch in HALF]
    for k in rng.sample(marks, min(half_width, len(marks))):
        chars[k] = HALF[chars[k]]
    return "".join(chars)


def write_near_copies(texts: dict[str, str], directory, copies: int, seed: int = 0, **how) -> list:
    """``copies`` near-copies of each ``name: text`` written to ``directory`` (UTF-8); their paths."""
    rng = random.Random(seed)
    out = []
    for name, text in sorted(texts.items()):
        stem = name.rsplit(".", 1)[0]
        for n in range(copies):
            path = directory / f"{stem}~{n:04d}.txt"
            path.write_text(near_copy(text, rng, **how), encoding="utf-8")
            out.append(path)
    return out
