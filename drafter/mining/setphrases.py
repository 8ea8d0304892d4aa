"""Set phrases: short clauses that recur, word for word, across different speeches.

Some of a writer's best lines are not sentences of their own but clauses inside longer ones
(坚持一张蓝图绘到底，对已有的部署…; 要追求利在长远，坚持一张蓝图绘到底，统筹推进…). No
single speech shows that such a clause is a saying; a corpus does, when the same clause comes
back in different sentences of different speeches. Many ordinary clauses recur too (推动高质量
发展, 习近平总书记强调), so a clause is a candidate only when its own shape marks it as a set
phrase, never by a list of known phrases:

* it opens with a numeral and a measure word (一张蓝图绘到底, 一个都不能少);
* its first character comes back inside it, a reduplicated frame (一锤接着一锤敲, 用心用情用力);
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
#: a clause that may hold a candidate: Han characters only (no slot, quote or figure), short
CLAUSE = re.compile(f"[{HAN}]{{5,13}}")
#: what may precede a set phrase in its clause: subject, adverb, modal or a verb of adherence
LEAD = re.compile(r"(?:我们|大家)?(?:都|还|更|也|就(?!业)|仍)?(?:要(?![素求点害件])|将(?!军)|必须|务必|应当)?"
                  r"(?:坚持|继续|始终|切实|真正|努力|做到|发扬|保持|把(?![握关]))?")
#: the shapes of a set phrase (the whole remainder of the clause, 5–9 characters, no 的)
SHAPE = re.compile(
    rf"(?=[^的]{{4,8}}[^的上中里时际们]$)(?:"
    rf"[一两三四五六七八九十][张个件条任茬锤棒级代届场盘根颗]"   # numeral + measure word
    rf"|(.)[{HAN}]+?\1"                                                   # first character again
    rf"|...(.)...\2$"                                                        # 4 + 4 rhyming halves
    rf")")
#: a reduplicated numeral frame closing a clause after a lead-in of any shape (…一锤接着一锤敲)
NUMERAL_FRAME = re.compile(rf"一([{HAN}])[{HAN}]{{0,2}}一\1[{HAN}]?$")


def set_phrase(clause: str) -> str | None:
    """The set-phrase candidate a clause is or ends in, or None (most clauses: cheap to refuse)."""
    if not 5 <= len(clause) <= 13 or not CLAUSE.fullmatch(clause):
        return None
    rest = clause[LEAD.match(clause).end():]
    if len(rest) >= 5 and SHAPE.match(rest):
        return rest
    if SHAPE.match(clause):
        return clause
    if "一" in clause:
        frame = NUMERAL_FRAME.search(clause, 1)
        if frame and frame.start() and len(clause) - frame.start() >= 5:
            return clause[frame.start():]
    return None


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
