"""Set phrases: short clauses that recur, word for word, across different speeches.

Some of a writer's best lines are not sentences of their own but clauses inside longer ones
(坚持一张蓝图绘到底，对已有的部署…; 要追求利在长远，坚持一张蓝图绘到底，统筹推进…). No
single speech shows that such a clause is a saying; a corpus does, when the same clause comes
back in different sentences of different speeches. Many ordinary clauses recur too (推动高质量
发展, 习近平总书记强调), so a clause is a candidate only when its own shape marks it as a set
phrase, never by a list of known phrases:

* it opens with a numeral and a measure word (一张蓝图绘到底, 一个都不能少);
* its start comes back inside it, a reduplicated frame: the first two characters (一锤接着
  一锤敲, 统一思想统一行动) or the first one twice more (用心用情用力); a first character
  coming back once is common in plain policy wording (新时代新征程, 压紧压实责任) and is not enough;
* it is two four-character halves echoing each other at one place (真抓实干、埋头苦干 written
  without a mark: 真抓实干埋头苦干).

A candidate is 5–9 Han characters, with no 的 (a set phrase is terse), after a leading
subject, modal or verb of adherence is dropped (我们要 / 坚持 / 继续…); a reduplicated
numeral frame at the end of a clause is taken alone (以钉钉子精神一锤接着一锤敲 → 一锤接着
一锤敲). Per document, candidates are recorded with the sentence they came from; merged over
the corpus, a candidate seen in two different sentences of two different files is a 金句
(:func:`recurs`). Sentences, not file names, tell copies apart: the same speech filed twice
is one source.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u9fff"
#: Han characters but 的 (U+7684): a set phrase is terse
HAN_NOT_DE = "\u3400-\u7683\u7685-\u9fff"
#: what may precede a set phrase in its clause: subject, adverb, modal or a verb of adherence
LEAD = (r"(?:我们|大家)?(?:都|还|更|也|就(?!业)|仍)?(?:要(?![素求点害件])|将(?!军)|必须|务必|应当)?"
        r"(?:坚持|继续|始终|切实|真正|努力|做到|发扬|保持|把(?![握关]))?")
#: the characters LEAD can start with (tried only then: most clauses start otherwise)
LEAD_FIRST = "我大都还更也就仍要将必务应坚继始切真努做发保把"
#: a set phrase is 5–9 Han characters to the end of its clause, no 的 (possessive: a clause
#: too long fails at once, with no backtracking), and does not end in a locative (NOT_LOCATIVE)
TERSE = rf"(?=[{HAN_NOT_DE}]{{5,9}}+$)"
NOT_LOCATIVE = "(?<![上中里时际们])"
#: the shapes of a set phrase
SHAPE = (rf"{TERSE}(?:"
         rf"[一两三四五六七八九十][张个件条任茬锤棒级代届场盘根颗]"  # numeral + measure word
         rf"|(?P<a>..).*?(?P=a)"                                     # first two characters again
         rf"|(?P<b>.)(?:.+?(?P=b)){{2}}"                              # first character thrice
         rf"|...(?P<r>.)...(?P=r)$"                                  # 4 + 4 rhyming halves
         rf")")
#: a clause that is a set phrase, or one after a lead-in (the longest lead-in that leaves one)
SHAPED = re.compile(rf"(?:(?=[{LEAD_FIRST}]){LEAD})?(?P<p>{SHAPE}.*{NOT_LOCATIVE})")
#: a clause closing in a reduplicated numeral frame after a lead-in of any shape (以钉钉子精神
#: 一锤接着一锤敲): the frame alone
FRAMED = re.compile(rf"[{HAN}]{{1,8}}?(?P<p>{TERSE}一(?P<f>.).{{0,2}}一(?P=f).?{NOT_LOCATIVE})")


NUMERALS = frozenset("一两三四五六七八九十")
_LEAD_FIRST = frozenset(LEAD_FIRST)
_shaped = SHAPED.fullmatch
_framed = FRAMED.fullmatch


def set_phrase(clause: str) -> str | None:
    """The set-phrase candidate a clause is or ends in, or None."""
    out: list[tuple[str, str, int]] = []
    sentence_candidates([(clause, "")], clause, 0, out)
    return out[0][0] if out else None


def sentence_candidates(parts: list[tuple[str, str]], sentence: str, para: int,
                        out: list[tuple[str, str, int]]) -> None:
    """Append ``(candidate, sentence, para)`` for each candidate among a sentence's clauses.

    Runs for every clause of a corpus, so nearly all are refused before any regex (and
    without a call per clause): a clause with no lead-in is a candidate only if it is short
    and its first character is a numeral or comes back (or its 4th and 8th agree), and a
    frame needs a 一.
    """
    for clause, _ in parts:
        n = len(clause)
        if n < 5 or n > 13:
            continue
        first = clause[0]
        m = None
        if first in _LEAD_FIRST or (n <= 9 and (first in NUMERALS or clause.find(first, 2) > 0
                                               or (n == 8 and clause[3] == clause[7]))):
            m = _shaped(clause)
        if m is None and "一" in clause:
            m = _framed(clause)
        if m is not None:
            out.append((m.group("p"), sentence, para))


#: sentences and files kept per candidate while merging: two of each decide, the smallest kept
#: so that any order of merging keeps the same ones
KEEP = 2


def smallest(kept: list[str], more) -> list[str]:
    """The ``KEEP`` smallest distinct values of ``kept`` and ``more`` (sorted)."""
    return sorted(set(kept).union(more))[:KEEP]


def recurs(sentences: list[str], files: list[str]) -> bool:
    """Seen in two different sentences and two different files (so in two sentences of two files).

    If a clause is seen in sentences s≠t and files f≠g, some two sightings differ in both:
    the sighting in s and one in another file, or, if every other file holds s only, the
    sighting of t (in s's file) and that one.
    """
    return len(sentences) >= KEEP and len(files) >= KEEP
