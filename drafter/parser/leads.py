"""Unnumbered lead sentences: a parallel run of short sentences that each open a paragraph and head the
text after them (a .docx or .md says so with a bold lead). Returns cut candidates (paragraph, offset, marker)."""

from __future__ import annotations

import re

from drafter import markers as mk
from drafter.markers import item_at, marker_number
from drafter.parser.closing import CLOSING_FORMULA
from drafter.parser.frames import _ATTRIBUTION, _NOT_LEAD_BUT_I, _WE_MUST, _first_sentence, _we_must_run
from drafter.parser.front import SALUTATION
from drafter.parser.items import _item_cands, _item_matches
from drafter.parser.numbered import _numbered_para
from drafter.parser.state import _UNSET, _Para

_NOT_LEAD = mk.NOT_LEAD


def _lead_candidate(p: _Para) -> str | None:
    """The first sentence of a paragraph if it could be an unnumbered lead sentence (its words
    checked too: NOT_LEAD, unless it is set off by a dash). The cheap tests come first."""
    s = _first_sentence(p.text)
    if s is None:
        return None
    core = s.rstrip("。！？")
    if not mk.LEAD_MIN_CHARS <= len(core) <= (mk.DASH_LEAD_MAX_CHARS if s.startswith(mk.LEAD_DASHES) else mk.LEAD_MAX_CHARS) \
            or s[0] in _NOT_LEAD_FIRST:
        return None  # “…” 《…》 quote or title; （新华社……电）: an attribution, not a lead
    if s.startswith(mk.LEAD_DASHES):
        if not s.endswith(("。", "！", "？")) or _NOT_LEAD_WORDS_DASHED.search(s) or mk.DASH_STATEMENT.match(s):
            return None  # ——习近平在……的演讲: an attribution
    elif _NOT_LEAD_WORDS.search(s):
        if _FIRST_PERSON_FRAME.match(s) and not _NOT_LEAD_BUT_I.search(s) and _plain(p, core):
            p.first_person = s  # 我们主张，……。: a lead only in a run sharing that frame (see _prefix_run)
        return None
    if not _plain(p, core):
        return None
    return s


def _plain(p: _Para, core: str) -> bool:
    """Not a sentence cut inside a quotation, nor a marker's (a marker at the start of s is one of p.text)."""
    return core.count("“") == core.count("”") and not item_at(core, 0) and not _numbered_para(p)


#: a first-person frame before a comma (我们主张，) and the words that make a sentence no lead even so
_FIRST_PERSON_FRAME = re.compile(r"^我们[^，。！？]{1,6}，")


#: a lead sentence never opens with these
_NOT_LEAD_FIRST = frozenset("“‘《（(")
#: the words that make a short first sentence no lead, in one search: an attribution (习近平总书记指出，),
#: a closing formula (以上…), a salutation (同志们：) and, unless it is set off by a dash, NOT_LEAD
#: (CLOSING_FORMULA and SALUTATION are anchored at the start; ATTRIBUTION cannot match the closing
#: 。！？ a sentence has over its core, so searching the sentence is searching its core; a salutation
#: never opens with a dash: ——我们纪念胡耀邦同志，就是要…… is a lead)
_NOT_LEAD_WORDS_DASHED = re.compile("|".join(f"(?:{r.pattern})" for r in (_ATTRIBUTION, CLOSING_FORMULA)))
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


def _lead_cuts(paras: list[_Para], top: bool = False) -> list[tuple[int, int, str]]:
    """Lead sentences heading parallel paragraphs, as cut points ([] if none).

    A .docx says so with a bold leading sentence; plain text by a parallel group of
    short first sentences (same number of commas, shared frames count extra).
    """
    hinted = [(i, p.lead) for i, p in enumerate(paras)
              if p.lead and p.lead.endswith(("。", "！", "？")) and p.text.startswith(p.lead)]
    plain = [(i, lead) for i, lead in hinted if not item_at(lead, 0)]
    if plain:
        return [(i, 0, "") for i, _ in plain]
    found = _parallel_leads(paras, top)
    if found or not hinted:
        return found
    # only set-off 一是…。 items: a lone item a writer set off in bold
    items = [(i, item_at(lead, 0)) for i, lead in hinted]
    return [(i, 0, item.written) for i, item in items if item is not None]  # (none is None: plain is empty)


def _parallel_leads(paras: list[_Para], top: bool = False) -> list[tuple[int, int, str]]:
    """The parallel leads of ``paras``: under a numbered heading, a report's directive leads when they are
    at least as many as the best group of another shape (see _parallel_group)."""
    sentences = [_lead_sentence(p) for p in paras]
    if len(paras) - sentences.count(None) < 2 and not any(p.first_person or p.text.startswith(_WE_MUST) for p in paras):
        # every rule below needs two sentences that could lead (three for a run or a shared frame; a
        # first-person frame counts for _prefix_run): most containers, an item's text, have fewer
        return []
    found = _parallel_group(paras, top, sentences)
    directive = [] if top else _directive_run(paras)
    # (at a speech's top level only in a text without numbered headings: 今后五年，…… paragraphs under a
    # report's （一） are not the report's sections)
    framed = [] if top and any(_numbered_para(p) for p in paras) else _prefix_run(paras)
    if len(framed) > max(len(found), len(directive)):
        return [(i, 0, "") for i in framed]
    we = _we_must_run(paras)
    if len(we) > max(len(found), len(directive)):
        return [(i, 0, "") for i in we]
    if not top:
        if len(directive) >= max(2, len(found)):
            return [(i, 0, "") for i in directive]
        run = _consecutive_run(paras)
        if run and (not found or {i for i, *_ in found} & set(run)):
            # 国民经济继续保持平稳较快增长。/ 改革开放深入推进。/ 社会事业加快发展，人民生活进一步改善。: one
            # run whatever their commas, with the group's other members
            # (a copula among the group, 2008年是极不平凡的一年。, is the section's own text)
            return [(i, 0, "") for i in sorted({i for i, *_ in found if not mk.COPULA.search(_lead_sentence(paras[i]) or "")}
                                               | set(run))]
    return found


def _consecutive_run(paras: list[_Para]) -> list[int]:
    """The longest run of three or more consecutive paragraphs that open with result leads ([] if none)."""
    best: list[int] = []
    run: list[int] = []
    for i, p in enumerate(paras):
        if _shapes(p)[1]:
            run.append(i)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return best if len(best) >= 3 else []


def _prefix_run(paras: list[_Para]) -> list[int]:
    """Paragraphs opening with sentences that share the words before their first comma (１９８４年，我国农业……。/
    １９８４年，我国工业……，……。 / 我们主张，各国……。), three or more of them whatever their commas after it
    (the first person is no objection in such a frame); [] if none."""
    by_frame: dict[str, list[int]] = {}
    for i, p in enumerate(paras):
        s = _lead_sentence(p) or p.first_person
        if s is None or s.startswith(mk.LEAD_DASHES):
            continue
        comma = s.find("，")
        if 2 <= comma <= _PREFIX_MAX_CHARS:
            by_frame.setdefault(s[:comma], []).append(i)
    best = max(by_frame.values(), key=len, default=[])
    if len(best) < 3 or len({_lead_sentence(paras[i]) or paras[i].first_person for i in best}) < len(best):
        return []  # (a sentence said again is a refrain)
    return best


#: the shared words before a comma that frame a run of leads are at most this long (１９８４年 / 我们主张)
_PREFIX_MAX_CHARS = 8


def _shapes(p: _Para) -> tuple[bool, bool]:
    """(directive lead, result lead): whether the paragraph opens with a directive lead (mk.DIRECTIVE_OPENING:
    加快发展服务业。) or with a short result (改革开放深入推进。) — a sentence of at most one comma that says what
    happened (a copula, 2008年是极不平凡的一年。, is a section's own text) and heads text after it in the
    paragraph. Worked out once per paragraph."""
    if p.shapes is None:
        s = _lead_sentence(p)
        if s is None or not s.endswith("。") or s.startswith(mk.LEAD_DASHES) or mk.COPULA.search(s) \
                or mk.ANNOUNCES.search(s):
            p.shapes = (False, False)  # (加强水利建设是一项迫切任务。: a statement about it, not a directive)
        else:
            n = len(s) - 1
            p.shapes = (n <= mk.DIRECTIVE_LEAD_MAX_CHARS and s.count("，") <= 2 and bool(mk.DIRECTIVE_OPENING.match(s)),
                        _result(s, n) and len(p.text) > len(s))
    return p.shapes


def _result(s: str, n: int) -> bool:
    """Whether sentence ``s`` (``n`` characters before its 。) has the shape of a result lead: at most
    RESULT_LEAD_MAX_CHARS with at most one comma, or up to RESULT_LEAD_LONG_MAX_CHARS as two clauses that each
    say what happened (see markers.RESULT_LEAD_LONG_MAX_CHARS)."""
    commas = s.count("，")
    if n <= mk.RESULT_LEAD_MAX_CHARS:
        return commas <= 1
    return n <= mk.RESULT_LEAD_LONG_MAX_CHARS and commas == 1 and not any(
        len(c) < _RESULT_CLAUSE_MIN_CHARS or mk.NOT_RESULT_CLAUSE.search(c) for c in s[:-1].split("，"))


#: each clause of a long result lead is at least this long (综合国力进一步增强)
_RESULT_CLAUSE_MIN_CHARS = 6


def _directive_lead(paras: list[_Para], i: int) -> bool:
    """Whether paragraph ``i`` opens with a directive lead heading text after it (in it, or a paragraph after)."""
    p = paras[i]
    if not _shapes(p)[0]:
        return False
    s = _lead_sentence(p)  # (not None: it has a shape)
    return i + 1 < len(paras) or (s is not None and len(p.text) > len(s))


def _directive_run(paras: list[_Para]) -> list[int]:
    """The paragraphs of a container under a numbered heading that open with directive leads, if two or more
    do ([] otherwise): 加快产业结构优化升级。/ 继续实施西部大开发战略，促进地区协调发展。/ 推进垄断行业改革。"""
    found = [i for i in range(len(paras)) if _directive_lead(paras, i)]
    return found if len(found) >= 2 else []


def _parallel_group(paras: list[_Para], top: bool = False,
                    sentences: list[str | None] | None = None) -> list[tuple[int, int, str]]:
    """The best parallel group of short first sentences (same number of commas; shared frames count).

    Short sentences standing alone as paragraphs, each with text after it, head what follows
    whatever their wording (强化理论武装。 / 在以案促改中警醒自我。), when they are a run: they share
    a frame, are headline lines without a closing mark, or come often enough to divide the text
    (an aphorism 真金不怕火炼。 and a greeting in a long speech do not). ``top``: the paragraphs are
    the whole speech's; ``sentences``: their _lead_sentence, when worked out already.
    """
    if sentences is None:
        sentences = [_lead_sentence(p) for p in paras]
    if len(sentences) - sentences.count(None) < 2:
        return []  # no run of two: neither standalone leads nor a parallel group
    # (a dashed sentence alone on its line is one of the dashed run: ———抗击非典取得重大胜利。)
    alone = [s is not None and s == p.text and "，" not in s and len(s) <= mk.STANDALONE_LEAD_MAX_CHARS
             and not s.startswith(mk.LEAD_DASHES) for s, p in zip(sentences, paras)]
    standalone = [i for i in range(len(paras) - 1) if alone[i] and not alone[i + 1]]
    if len(standalone) >= 2 and _standalone_run(paras, standalone):
        return [(i, 0, "") for i in standalone]
    groups: dict[int, list[tuple[int, str]]] = {}
    for i, s in enumerate(sentences):
        if s is not None:
            # sentences set off by a dash are one parallel run whatever their commas (——坚持……，就要……)
            groups.setdefault(_DASHED if s.startswith(mk.LEAD_DASHES) else s.count("，"), []).append((i, s))
    dashed = groups.get(_DASHED)
    if dashed:
        # a long sentence after a dash is a lead only with a frame repeated after the dash (——在前进道路上，)
        after = [m[1][2:4] for m in dashed]
        fits = [len(m[1]) <= mk.LEAD_MAX_CHARS + 1 or after.count(a) >= 2 for m, a in zip(dashed, after)]
        # (and so is one between two that fit, in the same run: ——民主法制建设取得新进步，……得到加强。 among
        # ——城乡公共文化服务体系逐步完善。 and ——人民生活显著改善。)
        dashed = [m for j, m in enumerate(dashed) if fits[j] or (
            0 < j < len(dashed) - 1 and fits[j - 1] and fits[j + 1]
            and m[0] - dashed[j - 1][0] <= _DASH_RUN_GAP and dashed[j + 1][0] - m[0] <= _DASH_RUN_GAP)]
        # a run of them is in paragraphs close together; the first run is this container's (a later
        # run, after other text, is a sibling structure: see build._later_runs)
        runs = [dashed[:1]]
        for m in dashed[1:]:
            if m[0] - runs[-1][-1][0] <= _DASH_RUN_GAP:
                runs[-1].append(m)
            else:
                runs.append([m])
        groups[_DASHED] = next((r for r in runs if len(r) >= 2 and _heads_text(paras, r)), [])
    best, best_score = None, (0, 0)  # (the score is read only once best is set)
    for commas, members in groups.items():
        frame = _shared_frame([s for _, s in members])
        # two leads, or leads with commas (坚持…，在…中…), must share a frame to count as parallel,
        # unless the opening announced just that many points (我谈四点认识)
        if len(members) < 2 or ((len(members) == 2 or commas) and frame < 2
                                and _announced(paras[:members[0][0]]) != len(members)
                                and not (len(members) == 2 and not commas
                                         and _pair_heads_sections(paras, sentences, members))):
            continue
        if len({s for _, s in members}) < len(members):
            continue  # a sentence said again (亲仁善邻，是中国自古以来的传统。) is a refrain, not parallel leads
        framed = _framed(members)
        if len(framed) < 3 and not commas and len(members) >= 3:
            # no shared frame (or two of many sharing one): the sentences must be a run, not topic
            # sentences scattered in a speech
            members = _unframed_run(paras, members, top)
            if not members:
                continue
        elif len(framed) >= 3 or (commas > 0 and len(framed) >= 2):
            # 提升…/提升…/提升… : a fourth sentence of another shape is not one of them (and the group
            # is scored by the ones that are)
            members, frame = framed, len(framed)
            if top and commas != _DASHED and len(members) * _TOP_SHARE <= len(paras):
                # a two-character opening shared across a whole speech is its subject (中国……。 ×3 in
                # fifty paragraphs): leads sharing no more divide the text more often than that; the
                # ones sharing three (中国将……。 ×2) are the run
                members = _framed(members, 3)
                if len(members) < 2:
                    continue
                frame = len(members)
        if commas != _DASHED and any(mk.FIGURE.search(s) for _, s in members):
            continue  # 中央财政安排社会保障资金2906亿元，比上年增长16.6%。 ×2: measures reported, not headings
        # (a dash sets leads off more surely than a shared opening does: it wins a tie)
        score = (len(members) * 2 + frame + (commas == _DASHED), -max(commas, 0))
        if best is None or score > best_score:
            best, best_score = members, score
    if not best:
        # the opening said how many points follow (我讲两个方面) and just that many paragraphs open with
        # a sentence that could lead, of whatever comma pattern: they are the points
        found = [i for i, s in enumerate(sentences) if s is not None]
        if len(found) >= 2 and _announced(paras[:found[0]]) == len(found):
            return [(i, 0, "") for i in found]
        return []
    return [(i, 0, "") for i, _ in best]


def _heads_text(paras: list[_Para], run: list[tuple[int, str]]) -> bool:
    """Whether most sentences of a dashed run head text after them (in their paragraph, or a paragraph of
    text after it): a run of ——paragraphs that are each one statement (——我们高兴地看到，……。) enumerates
    content and heads nothing."""
    def heads(i: int, s: str) -> bool:
        if len(paras[i].text) > len(s):
            return True
        return i + 1 < len(paras) and not paras[i + 1].text.startswith(mk.LEAD_DASHES)
    return 2 * sum(heads(i, s) for i, s in run) > len(run)


def _framed(members: list[tuple[int, str]], n: int = 2) -> list[tuple[int, str]]:
    """The members whose n-character opening another member shares."""
    heads: dict[str, int] = {}
    for _, sent in members:
        heads[sent[:n]] = heads.get(sent[:n], 0) + 1
    return [(i, sent) for i, sent in members if heads[sent[:n]] >= 2]


#: the group key of the sentences set off by a dash (the others are grouped by their number of commas)
_DASHED = -1
#: dashed leads of one run are at most this many paragraphs apart (——…。 and the paragraphs of text it heads)
_DASH_RUN_GAP = 8
#: unframed leads divide their text when more than one in this many of its paragraphs opens with one
_UNFRAMED_SHARE = 4
#: leads at a speech's top level sharing only a two-character opening: more than one in this many paragraphs
_TOP_SHARE = 8
#: standalone lead sentences with a closing mark and no shared frame: at least one in this many paragraphs
_STANDALONE_SHARE = 5


def _unframed_run(paras: list[_Para], members: list[tuple[int, str]], top: bool) -> list[tuple[int, str]]:
    """Comma-less lead sentences with no shared frame (国民经济持续快速健康发展。/ 改革开放取得丰硕成果。)
    are parallel when they open more than a quarter of the paragraphs they stand among, or (the longest) run of
    them in consecutive paragraphs, three or more inside a section, four or more at a speech's top
    level (three topic sentences in a row are common prose in a long speech). [] when neither."""
    if (len(members) * _UNFRAMED_SHARE > len(paras) and not (top and _mostly_statements(members))) \
            or _each_heads_a_run(paras, [i for i, _ in members]):
        return members
    best: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for m in members:
        run = run + [m] if run and m[0] == run[-1][0] + 1 else [m]
        if len(run) > len(best):
            best = run
    return best if len(best) >= (4 if top else 3) else []


def _mostly_statements(members: list[tuple[int, str]]) -> bool:
    """Whether half or more of the sentences state a fact, feeling or wish (mk.STATEMENT): at a speech's top
    level a share of the paragraphs opening with them is no run (a toast's 中墨两国有着悠久的交往历史。/ 墨西哥是个
    具有悠久文明历史的国家。), unlike headings that say what to do (强化理论武装。/ 在学习上再深入一步。) or
    parallel X是Y headings."""
    if all(mk.COPULA.search(s) for _, s in members):
        # parallel X是Y headings (深入学习是基础。/ 调查研究是关键。/ 真抓实干是根本。): their copula is their frame
        return 2 * sum(bool(mk.STATEMENT.search(mk.COPULA.sub("", s))) for _, s in members) >= len(members)
    return 2 * sum(bool(mk.STATEMENT.search(s)) for _, s in members) >= len(members)


def _standalone_run(paras: list[_Para], standalone: list[int]) -> bool:
    """Whether paragraphs that are one short sentence each are a run of leads (see _parallel_leads)."""
    texts = [paras[i].text for i in standalone]
    if not all(t.endswith(("。", "！", "？")) for t in texts):
        return True  # 关于九大路线 / 过去五年的回顾: headline lines
    return _shared_frame(texts) >= 2 or len(standalone) * _STANDALONE_SHARE >= len(paras)


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
    return _each_heads_a_run(paras, [a, b])


def _each_heads_a_run(paras: list[_Para], starts: list[int]) -> bool:
    """Whether the text from each of ``starts`` to the next holds an item run of its own (一要…二要…
    counted from 一 again in each): leads heading the points they number."""
    for start, end in zip(starts, starts[1:] + [len(paras)]):
        firsts = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 1}
        seconds = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 2}
        if not firsts & seconds:
            return False
    return True
