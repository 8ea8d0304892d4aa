"""The units a long listing sentence holds (its measures, directives and statement), each a
sentence of its own: ``units_of`` (mining/extract.py calls it for body sentences)."""

from __future__ import annotations

import re

from drafter.mining.category import DIRECTIVE, FIRST_PERSON, STATEMENT
from drafter.mining.sentences import han_len
from drafter.roles import MEASURE_START, fixed_tie

#: a span of clauses that stands alone as a unit is this long (Han characters)
SPAN_MIN, SPAN_MAX = 8, 50
#: a clause opening like this says what the measure before it is for (…，让…; …，确保…): it
#: stays with that measure
PURPOSE = ("让", "使", "确保", "从而", "进而", "努力", "力争", "切实", "不断", "同时", "保证")
#: a clause opening like this leans on the one before it (…，就要…; …，都要…; …，才能…)
_LEANS = re.compile(r"^(?:就|都|也|还|又|更|才|而|则|即|但|并|且)(?!加)")
#: a clause opening like this leads into the one after it (以更大力度…，推进…; 在…下，…): it
#: belongs to no unit before it
_LEADS_IN = re.compile(r"^(?:以|为|在|对|按照|通过|围绕|针对|面对|随着|根据|依托|结合|基于|着眼|立足|从|经过|"
                       r"特别是|尤其是|其中|同时|此外)")
#: 把 opens a measure when a verb of placing follows (把纪律挺在前面, 把…作为…)
_BA = re.compile(r"^把[^，]{2,30}?(?:作为|摆在|放在|挺在|贯穿|融入|纳入|落实到|落到|扛在|抓在|转化为|当作)")
#: a directive clause with a subject of its own (精准脱贫要坚持…, 各地区各部门要…); not a time
#: or a pronoun (今后还要…, 这就要…), which needs the sentence before it
_SUBJECT_DIRECTIVE = re.compile(r"^(?!今后|目前|当前|今年|明年|这|那|其|此|对此|同时|为此)"
                                r"[^，。；：“”是也还]{2,10}?(?<![重主需只必不想快将纪摘提紧首总纲])都?"
                                r"(?:要(?![求素是点件害闻案务])|必须)")
#: a clause opening like this says something of the clause before it, its subject
_PREDICATES = re.compile(r"^(?:需要|关键|重在|贵在|是|就是|在于|离不开|有赖于|意味着)")
#: words that point outside the unit (这样一个关键时期, 上述目标, 以下工作): a unit must not need them
_POINTS_OUT = re.compile(r"这样|这个|这些|这一|上述|以下|如下|前述|此类|其中|他们|它们|其他方面|"
                         r"在[^，]{1,30}(?:下|中|上)$")


#: a unit ending in one of these stops before what it says (…的本质要求是：; …是)
_ENDS_OPEN = set("的和与及在把对以并而从被将让使于是为有")
_MODAL = re.compile("要|必须")
_COPULA = re.compile("是|在于|关键|根本|核心")


def _opening(with_statement: bool) -> re.Pattern:
    """The tests of :func:`_opens` as one pattern, in their order: a match at the start takes the
    first alternative that matches there, as the tests taken one by one would (one regex call
    per clause, not six: this runs for every clause of a long sentence)."""
    tests = [("leans", "|".join(map(re.escape, PURPOSE))), ("leans", _LEANS.pattern),
             ("directive", DIRECTIVE.pattern), ("directive", _SUBJECT_DIRECTIVE.pattern),
             ("measure", MEASURE_START.pattern), ("measure", _BA.pattern), ("leads", _LEADS_IN.pattern)]
    if with_statement:
        tests.append(("statement", STATEMENT.pattern))
    return re.compile("|".join(f"(?P<{name}{k}>{pattern})" for k, (name, pattern) in enumerate(tests)))


_OPENING = {True: _opening(True), False: _opening(False)}
#: what :func:`_opens` answers for the alternative that matched (none matching: "")
_OPENS = {"leans0": None, "leans1": None, "directive2": "要求", "directive3": "要求",
          "measure4": "举措", "measure5": "举措", "leads6": "", "statement7": "论述"}


def _opens(clause: str, first: bool) -> str | None:
    """The category of a unit a clause opens, "" when it leads into the next one, None when
    it continues the one before: it continues it when it says what that is for (PURPOSE) or
    leans on it (_LEANS); it opens a 要求 on a directive, a 举措 on a measure's verb (or 把…作为),
    nothing when it leads into the next (_LEADS_IN), a 论述 when first and a statement."""
    m = _OPENING[first].match(clause)
    return "" if m is None else _OPENS[m.lastgroup]   # type: ignore[index]  # lastgroup: a named group matched


def _split_when_drafted(found: tuple[str, str] | None, sentence: str, parts: list[tuple[str, str]]) -> bool:
    """Is this a whole 举措 sentence of measures only? Drafting cuts such a line into its measures
    itself (compose/units.py ``_clauses``), so mining its units again would only double them."""
    return found is not None and found[0] == "举措" and found[1] == sentence \
        and all(MEASURE_START.match(c) for c, _ in parts)


def units_of(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The units a long sentence of several measures holds, each a sentence of its own:
    ``[(category, text + 。)]``.

    A national report lists its measures in one sentence (建立健全…机制，完善…体系，健全…制度，
    推动…改革，…): a section can use one or two of them, and one clause may travel where the
    whole sentence (a figure, the centre's voice, a dated clause) may not. A unit is a clause
    that opens a measure (推进…), a directive (要…, 各地区各部门要…) or, first in its sentence,
    a statement (基础研究是科技创新的源头), with the clauses after it that say what it is for
    (…，让…; …，确保…) as far as they fit. Any other clause ends it: a clause with its own
    subject may report a result (…，重点群体就业保持稳定), and a lead-in (以更大力度…) belongs
    to what follows. A unit that is too short or too long, names a year, a figure or a
    meeting, reports what was done (了, 取得), speaks in the first person, points outside
    itself (这样一个…, 上述…), leaves a quote or bracket open, or is part of a colon's list is
    not one.
    """
    spans: list[list] = []   # [category, text, after a colon]
    current: list | None = None
    colon = False
    for i, (clause, sep) in enumerate(parts):
        if not clause:
            continue
        kind = _opens(clause, i == 0)
        if current is not None and current[1] == parts[i - 1][0] and _PREDICATES.match(clause):
            spans.pop()  # 打造高质量需求体系，需要…: the clause before is the sentence's subject
            current = None
        if kind:
            current = [kind, clause, colon]
            spans.append(current)
        elif kind is None and current is not None:
            longer = current[1] + parts[i - 1][1] + clause
            if han_len(longer) <= SPAN_MAX and not _POINTS_OUT.search(clause) and not FIRST_PERSON.search(clause):
                current[1] = longer
        else:
            if current is not None and current[0] == "论述":
                spans.pop()  # 高质量发展是指经济增长稳定，区域城乡发展均衡，…: a statement goes on
            current = None
        if sep == "：":
            colon, current = True, None  # what follows a colon belongs to its list
    out: list[tuple[str, str]] = []
    for kind, text, listed in spans:
        h = han_len(text)
        if listed or not SPAN_MIN <= h <= SPAN_MAX or "了" in text or "取得" in text or "{" in text:
            continue
        if text[-1] in _ENDS_OPEN:
            continue  # 总体要求是(：)
        if kind == "要求":
            said = _MODAL.split(text, 1)[-1]
            if han_len(said) < 6 or _LEADS_IN.match(said):
                continue  # 都必须严格遵守 (what?); 要以深化改革为强大动力 (to do what?)
        if kind == "论述" and ((h < 14 and not _COPULA.search(text)) or "、" in text and "，" not in text
                             and not _COPULA.search(text.replace("实事求是", ""))):
            continue  # 当前和今后一个时期: an opener; 解放思想、实事求是、…: a series
        if text.count("“") != text.count("”") or text.count("（") != text.count("）") \
                or FIRST_PERSON.search(text) or _POINTS_OUT.search(text) or fixed_tie(text):
            continue
        out.append((kind, text + "。"))
    return out
