"""Repeated sentences and overused four-character phrases.

A four-character phrase is one the document itself sets off as a phrase somewhere:
a run of exactly four Han characters standing between punctuation marks (扑下身子、
沉到一线、深入基层), the 四字格 a writer reaches for. Once a phrase is known, every use
counts, also inside longer runs (要真抓实干), since that is what a listener hears come
back. Numbered formulae (两个确立, 四个意识) are fixed terms, not style, and are not counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from drafter import markers
from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import WARNING, Finding
from drafter.lint.text import content_chars, sentences

RULES = {
    "repeated-sentence": (WARNING, N_("the same sentence (≥10 characters) twice")),
    "overused-phrase": (WARNING, N_("the same four-character phrase three or more times (or over --phrase-density)")),
}

_PUNCT = re.compile(r"[^\w]|_", re.UNICODE)
_FOUR = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]{4}(?![\u3400-\u9fff])")
#: a chunk cut by a 、 inside a phrase (…的责任感, 干部落实的) is not a four-character phrase
_PARTICLES = ("的", "了", "和", "与", "及")
_FORMULA = re.compile(f"^[两{markers.CN_NUMERALS}]个")
#: connectives that begin sentences without changing what they say (as item markers do)
_CONNECTIVE = re.compile(r"^(?:同时|此外|因此)")


def _key(sentence: str) -> str:
    """What two sentences must share to count as the same: their words, without punctuation
    or a leading 一是/同时 (two items with the same text are the same sentence)."""
    item = markers.item_at(sentence, 0)
    if item is not None:
        sentence = sentence[item.end:]
    return _CONNECTIVE.sub("", _PUNCT.sub("", sentence))


def check(doc: Doc) -> Iterator[Finding]:
    yield from _repeated_sentences(doc)
    yield from _overused_phrases(doc)


#: sentences a file read part by part remembers for repeats across its parts (by hash, about
#: 100 bytes each); past this many, repeats of those already remembered are still found
CARRY_SENTENCES = 1_000_000


def _repeated_sentences(doc: Doc) -> Iterator[Finding]:
    carry = doc.carry
    carried = carry is not None
    # sentence (its hash, in a file read part by part) → number of the paragraph it was first in
    seen: dict = doc.state("sentences", dict)
    for i, para in enumerate(doc.paras):
        number = doc.number(i)
        for s in sentences(para.text):
            key = _key(s.text)
            if len(key) < doc.options.sentence_min_chars:
                continue
            k = hash(key) if carried else key
            first = seen.get(k)
            if first is not None:
                where = (M_("earlier in this paragraph") if first == number
                         else M_("paragraph {para}", para=first))
                yield doc.finding(i, WARNING, "repeated-sentence",
                                  M_("sentence repeats {where}: {sentence}", where=where, sentence=s.text.strip()),
                                  s.text.strip())
            elif carry is None or len(seen) < CARRY_SENTENCES:
                seen[k] = number
            else:
                carry["sentences-full"] = number


def phrases(text: str) -> list[str]:
    """The four-character phrases of a paragraph, in order."""
    return [m.group() for m in _FOUR.finditer(text)
            if not _FORMULA.match(m.group()) and not m.group().startswith(_PARTICLES)
            and not m.group().endswith(_PARTICLES)]


def _overused_phrases(doc: Doc) -> Iterator[Finding]:
    opts = doc.options
    known = {ph for para in doc.paras for ph in phrases(para.text)}
    # every use of every known phrase, paragraph by paragraph, as ``text.count(ph)`` counts them
    # (left to right, not overlapping), in one pass over the text: not one pass per phrase
    places: dict[str, list[int]] = defaultdict(list)
    for i, para in enumerate(doc.paras):
        text = para.text
        after: dict[str, int] = {}    # phrase → where its last use here ends
        for k in range(len(text) - 3):
            ph = text[k:k + 4]
            if ph in known and k >= after.get(ph, 0):
                places[ph].append(i)
                after[ph] = k + 4
    total = sum(content_chars(p.text) for p in doc.paras) or 1
    for ph, where in sorted(places.items(), key=lambda kv: (kv[1][opts.phrase_min_count - 1]
                                                            if len(kv[1]) >= opts.phrase_min_count
                                                            else kv[1][-1], kv[0])):
        density = len(where) * 1000 / total
        over_count = len(where) >= opts.phrase_min_count
        over_density = opts.phrase_density is not None and density > opts.phrase_density
        if not (over_count or over_density):
            continue
        at = where[opts.phrase_min_count - 1] if over_count else where[-1]
        paras = "、".join(str(j + 1) for j in sorted(set(where)))
        yield doc.finding(at, WARNING, "overused-phrase",
                          M_("“{phrase}” used {n} times ({density:.1f} per 1,000 字; paragraphs {paras}); "
                             "vary the wording", phrase=ph, n=len(where), density=density, paras=paras), ph)
