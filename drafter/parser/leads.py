"""Unnumbered lead sentences: a parallel run of short sentences that each open a paragraph and head the
text after them (a .docx or .md says so with a bold lead). Returns cut candidates (paragraph, offset, marker)."""

from __future__ import annotations

import re

from drafter import markers as mk
from drafter.markers import item_at
from drafter.model import marker_number
from drafter.parser.closing import CLOSING_FORMULA
from drafter.parser.front import SALUTATION
from drafter.parser.items import _item_cands, _item_matches
from drafter.parser.numbered import _numbered_para
from drafter.parser.state import _UNSET, _Para

_ATTRIBUTION = re.compile(r"(指出|强调|认为|要求|提出|说|讲)[，：:]|：")

_NOT_LEAD = mk.NOT_LEAD


_SENTENCE_END = re.compile("[。！？]")


def _first_sentence(text: str) -> str | None:
    """The first sentence of ``text`` if it is short enough to be a lead (None otherwise): only the
    first LEAD_MAX_CHARS + 1 characters are looked at."""
    m = _SENTENCE_END.search(text, 0, mk.LEAD_MAX_CHARS + 1)
    if m:
        return text[:m.end()]
    return text if len(text) <= mk.LEAD_MAX_CHARS else None


def _lead_candidate(p: _Para) -> str | None:
    """The first sentence of a paragraph if it could be an unnumbered lead sentence (its words
    checked too: NOT_LEAD, unless it is set off by a dash). The cheap tests come first."""
    s = _first_sentence(p.text)
    if s is None:
        return None
    core = s.rstrip("。！？")
    if not mk.LEAD_MIN_CHARS <= len(core) <= mk.LEAD_MAX_CHARS or s[0] in _NOT_LEAD_FIRST:
        return None  # “…” 《…》 quote or title; （新华社……电）: an attribution, not a lead
    if s.startswith("——"):
        if not s.endswith(("。", "！", "？")) or _NOT_LEAD_WORDS_DASHED.search(s):
            return None  # ——习近平在……的演讲: an attribution
    elif _NOT_LEAD_WORDS.search(s):
        return None
    if core.count("“") != core.count("”") or item_at(core, 0) or _numbered_para(p):
        return None  # a sentence cut inside a quotation; (a marker at the start of s is one of p.text)
    return s


#: a lead sentence never opens with these
_NOT_LEAD_FIRST = frozenset("“‘《（(")
#: the words that make a short first sentence no lead, in one search: an attribution (习近平总书记指出，),
#: a closing formula (以上…), a salutation (同志们：) and, unless it is set off by a dash, NOT_LEAD
#: (CLOSING_FORMULA and SALUTATION are anchored at the start; ATTRIBUTION cannot match the closing
#: 。！？ a sentence has over its core, so searching the sentence is searching its core)
_NOT_LEAD_WORDS_DASHED = re.compile("|".join(f"(?:{r.pattern})" for r in (_ATTRIBUTION, CLOSING_FORMULA, SALUTATION)))
_NOT_LEAD_WORDS = re.compile("|".join(f"(?:{r.pattern})" for r in (_NOT_LEAD, _ATTRIBUTION, CLOSING_FORMULA, SALUTATION)))


_ANNOUNCE = re.compile(r"(?:谈|讲|汇报|交流|说|从)(?:一下|了|以下)?([两二三四五六七八九])(?:点|个方面)")


def _announced(paras: list[_Para]) -> int | None:
    """How many points the paragraphs before the sections said would follow (下面，我谈三点体会)."""
    for p in reversed(paras):
        m = _ANNOUNCE.search(p.text)
        if m:
            return 2 if m.group(1) == "两" else marker_number(m.group(1) + "是")
    return None


def _lead_sentence(p: _Para) -> str | None:
    """The paragraph's first sentence if it could be a lead sentence (worked out once per paragraph)."""
    s = p.lead_sentence
    if s is _UNSET:
        # (a sentence set off by a dash, ——我们要……。, is an enumerated lead whatever its words)
        s = p.lead_sentence = _lead_candidate(p)
    return s


def _shared_frame(items: list[str]) -> int:
    """How many of ``items`` share a two-character opening with another (parallel frames)."""
    heads: dict[str, int] = {}
    for s in items:
        heads[s[:2]] = heads.get(s[:2], 0) + 1
    return sum(c for c in heads.values() if c >= 2)


def _lead_cuts(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """Lead sentences heading parallel paragraphs, as cut points ([] if none).

    A .docx says so with a bold leading sentence; plain text by a parallel group of
    short first sentences (same number of commas, shared frames count extra).
    """
    hinted = [(i, p.lead) for i, p in enumerate(paras)
              if p.lead and p.lead.endswith(("。", "！", "？")) and p.text.startswith(p.lead)]
    plain = [(i, lead) for i, lead in hinted if not item_at(lead, 0)]
    if plain:
        return [(i, 0, "") for i, _ in plain]
    found = _parallel_leads(paras)
    if found or not hinted:
        return found
    # only set-off 一是…。 items: a lone item a writer set off in bold
    return [(i, 0, item_at(lead, 0).written) for i, lead in hinted]


def _parallel_leads(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """The best parallel group of short first sentences (same number of commas; shared frames count).

    Short sentences standing alone as paragraphs, each with text after it, head what follows
    whatever their wording (强化理论武装。 / 在以案促改中警醒自我。).
    """
    sentences = [_lead_sentence(p) for p in paras]
    if len(sentences) - sentences.count(None) < 2:
        return []  # no run of two: neither standalone leads nor a parallel group
    alone = [s is not None and s == p.text and "，" not in s and len(s) <= mk.STANDALONE_LEAD_MAX_CHARS for s, p in zip(sentences, paras)]
    standalone = [i for i in range(len(paras) - 1) if alone[i] and not alone[i + 1]]
    if len(standalone) >= 2:
        return [(i, 0, "") for i in standalone]
    groups: dict[int, list[tuple[int, str]]] = {}
    for i, s in enumerate(sentences):
        if s is not None:
            groups.setdefault(s.count("，"), []).append((i, s))
    best, best_score = None, 0
    for commas, members in groups.items():
        frame = _shared_frame([s for _, s in members])
        # two leads, or leads with commas (坚持…，在…中…), must share a frame to count as parallel,
        # unless the opening announced just that many points (我谈四点认识)
        if len(members) < 2 or ((len(members) == 2 or commas) and frame < 2
                                and _announced(paras[:members[0][0]]) != len(members)
                                and not (len(members) == 2 and not commas
                                         and _pair_heads_sections(paras, sentences, members))):
            continue
        score = (len(members) * 2 + frame, -commas)
        if best is None or score > best_score:
            best, best_score = members, score
    if not best:
        # the opening said how many points follow (我讲两个方面) and just that many paragraphs open with
        # a sentence that could lead, of whatever comma pattern: they are the points
        found = [i for i, s in enumerate(sentences) if s is not None]
        if len(found) >= 2 and _announced(paras[:found[0]]) == len(found):
            return [(i, 0, "") for i in found]
        return []
    heads: dict[str, int] = {}
    for _, sent in best:
        heads[sent[:2]] = heads.get(sent[:2], 0) + 1
    framed = [(i, sent) for i, sent in best if heads[sent[:2]] >= 2]
    if len(framed) >= 3 or (best_score[1] < 0 and len(framed) >= 2):
        best = framed  # 提升…/提升…/提升… : a fourth sentence of another shape is not one of them
    return [(i, 0, "") for i, _ in best]


def _pair_heads_sections(paras: list[_Para], sentences: list, pair: list[tuple[int, str]]) -> bool:
    """Two short lead sentences with nothing in common still head two sections when each heads an
    item run of its own (……。一要……二要……) or when no other paragraph opens with a sentence that
    could be a lead (a two-section 研讨发言: 在学习上再深入一步。/ 在落实上再加力一步。)."""
    (a, _), (b, _) = pair
    if all(len(s) <= mk.STANDALONE_LEAD_MAX_CHARS + 1 for _, s in pair) and (b - a >= 2 or b == len(paras) - 1) \
            and sum(s is not None for s in sentences) == 2:
        items = _item_matches(paras)
        # items, if any, are the first lead's points, right under it (一要…二要… after its paragraph)
        if not items or (items[0][0] == a + 1 and all(a < i < b for i, *_ in items)):
            return True
    for start, end in ((a, b), (b, len(paras))):
        firsts = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 1}
        seconds = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 2}
        if not firsts & seconds:
            return False
    return True
