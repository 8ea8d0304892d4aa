"""How the structures nest: the rules' cut candidates are compared, the outermost wins, and each section's
text is searched again for what may nest in it (the NESTS table)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafter.markers import (
    ANNOUNCES,
    DIRECTIVE_OPENING,
    FIGURE,
    HEAD_END,
    ITEM_RANK,
    LEAD_DASHES,
    PART_RANK,
    STANDALONE_LEAD_MAX_CHARS,
    STATEMENT,
    marker_family,
    marker_number,
    marker_rank,
)
from drafter.model import Section
from drafter.parser.inner import _inner_lead_cuts
from drafter.parser.items import _item_matches
from drafter.parser.leads import _directive_run, _framed, _lead_cuts, _lead_sentence
from drafter.parser.numbered import _numbered_heads, _numbered_para, _run_after_last
from drafter.parser.parts import _part_cuts
from drafter.parser.state import _Node, _Para, _split_heading

#: what may nest inside a section each rule found: True = any structure (the whole search again),
#: "numbered" = numbered points and item runs only (an item's own text), False = nothing
#: (a recurring inner lead heads plain text). Where two rules both start a container, the one
#: that starts first is outermost; on a tie numbered, then leads, then items (see _build).
NESTS: dict[str, bool | str] = {"parts": True, "numbered": True, "leads": True, "items": "numbered", "inner": False}


def _build(paras: list[_Para], depth: int, top: bool = False) -> tuple[list[_Para], list[_Node]]:
    """Split a container's paragraphs into its own body and its child sections."""
    if not paras:
        return [], []
    parts = _part_cuts(paras) if top else []
    if parts:
        # unnumbered part titles over 一、 (第六个五年计划的基本任务 … 一、…二、…): the outermost of all
        return _split_at(paras, parts, depth, recurse=NESTS["parts"])
    heads = _numbered_heads(paras)
    over = _items_over_numbered(paras, heads) if heads and heads[0][0] > 0 else []
    if over:
        # 第一、…第四、 heading lines whose text each counts its own 一、二、三、: the items are outermost
        return _split_at(paras, over, depth, recurse=True)
    if heads and heads[0][1] == 0 and heads[0][0] > 0 and not top and _numbered_heads(paras[:heads[0][0]]):
        # 二、's （一）（二）（三） and then its 一、二、 points (a run restarting inside it): siblings
        body, before = _build(paras[:heads[0][0]], depth)
        rest_body, nodes = _split_numbered(paras[heads[0][0]:], _heads_from(heads, heads[0][0]), depth)
        return body + rest_body, before + nodes
    if heads and (heads[0][1] == 0 or heads[0][0] == 0):
        # 一、 is always the outermost, and so is a numbered heading opening the container (it starts
        # first, and wins a tie): no need to look for the others
        return _split_numbered(paras, heads, depth)
    items = _item_matches(paras)
    leads = _lead_cuts(paras, top)
    # The outermost structure is the one that starts first (一、 always counts as outermost; on a
    # tie numbered, then lead, then items): a lead-style speech may number points inside its
    # sections, 一是 items standing as paragraphs may carry （1）（2）, and the reverse.
    starts = []
    if heads:
        first = (-1, 0) if heads[0][1] == 0 or _numbered_run_over_leads(paras, heads, leads) else (heads[0][0], 0)
        starts.append((first, 0, "numbered"))
    if leads:
        starts.append(((leads[0][0], 0), 1, "leads"))
    before_leads = bool(leads) and len({i for i, *_ in items}) == 1 and items[0][0] < leads[0][0]
    if items and not before_leads:
        starts.append(((items[0][0], items[0][1]), 2, "items"))
    # (an enumeration inside one paragraph before the lead sentences, like 安排了三项内容：一是… in an opening,
    # is text, not the speech's sections; under a heading it is the heading's, a sibling of the leads after
    # it: 国有企业改革是……的重点。……一是……六是……。 then 推进重点行业和重点企业的改革和发展。 ×5)
    pre_items = [(i, off, m, NESTS["items"]) for i, off, m, _ in items] if before_leads and not top else []
    if starts:
        outer = min(starts)[2]
        if outer == "numbered":
            if heads[0][1] != 0 and heads[0][0] > 0 and (
                    starts[0][0] == (-1, 0) or (not top and len(_lead_cuts(paras[:heads[0][0]])) >= 3)):
                # (or a run of three or more leads of their own before the first heading: ——经济发展再上新台阶。
                # ×8 before a work report's （一）（二）… are their siblings too)
                # numbered headings over leads: the leads before the first heading are its siblings
                address = _address_after(paras, heads, leads) if starts[0][0] == (-1, 0) else None
                if address is not None:
                    # leads, then （一）…, then 各位代表！ and leads again: three siblings (the leads before are
                    # the ones found over the whole container, not a group of the part before the headings)
                    body, before = _split_at(paras[:heads[0][0]], [(i, off, m, NESTS["leads"]) for i, off, m in leads
                                                                   if i < heads[0][0]], depth, recurse=True)
                    rest_body, nodes = _split_numbered(paras[heads[0][0]:address], _heads_from(heads, heads[0][0]), depth)
                    after_body, after = _build(paras[address:], depth, top)
                    return body + rest_body + after_body, before + nodes + after
                body, before = _build(paras[:heads[0][0]], depth, top)
                rest_body, nodes = _split_numbered(paras[heads[0][0]:], _heads_from(heads, heads[0][0]), depth)
                return body + rest_body, before + nodes
            return _split_numbered(paras, heads, depth)
        if outer == "items" and heads and heads[0][1] < ITEM_RANK and marker_rank(items[0][2]) == ITEM_RANK:
            # a （一） ranks above 一是 items and is never inside one (通观全局，……以下几点：一是……四是…… then
            # （一）（二）…): the items before the first heading are its siblings
            body, before = _build(paras[:heads[0][0]], depth, top)
            rest_body, nodes = _split_numbered(paras[heads[0][0]:], _heads_from(heads, heads[0][0]), depth)
            return body + rest_body, before + nodes
        if outer == "leads":
            leads = _leads_before_sibling_items(paras, leads, items)
            cuts = pre_items + [(i, off, m, NESTS["leads"]) for i, off, m in leads] + _runs_after_leads(paras, leads, items)
        else:
            # (第一个问题：… parts hold anything, like 一、)
            # (第一个问题：… parts, and an item heading alone on its line, hold anything, like 一、: another run
            # after such a heading is inside it, found when its text is parsed)
            alone = [(i, m) for i, off, m, _ in items if _standalone_item(paras[i].text, off, m)]
            if alone:
                family = marker_family(alone[0][1])
                items = [c for c in items if c[0] < alone[0][0] or marker_family(c[2]) == family]
            cuts = [(i, off, m, True if marker_rank(m) == PART_RANK or _standalone_item(paras[i].text, off, m)
                     else NESTS["items"]) for i, off, m, _ in items]
        return _split_at(paras, cuts + _later_runs(paras, cuts, top), depth, recurse=True)
    if not top:
        inner = _inner_lead_cuts(paras)
        if inner is not None:
            return _split_at(paras, inner, depth, recurse=NESTS["inner"])
    return paras, []


def _items_over_numbered(paras: list[_Para], heads: list) -> list:
    """Item heading lines of their own (第一、严格控制固定资产投资的总规模，……) before the first numbered
    heading, whose text each counts its numbered headings from 1 again (一、…五、 / 一、…三、 / 一、…三、 in three
    of them): the document's own order, the items rank above the numbered headings (depth by containment).
    Cut candidates that hold anything, [] if not so."""
    first = heads[0][0]
    if not any(c[0] == 0 for p in paras[:first] for c in (p.item_cands or ())):
        return []  # (the cheap test: no item opens a paragraph before the first heading)
    items = [c for c in _item_matches(paras) if _standalone_item(paras[c[0]].text, c[1], c[2])]
    if len(items) < 2 or items[0][0] > first or len({c[3] for c in items}) < len(items):
        return []
    rank = heads[0][1]
    numbered = [(i, marker_number(n[1])) for i, p in enumerate(paras) if (n := _numbered_para(p)) and n[0] == rank]
    bounds = [c[0] for c in items] + [len(paras)]
    holding = 0
    for start, end in zip(bounds, bounds[1:]):
        numbers = [n for i, n in numbered if start < i < end]
        if numbers[:1] not in ([], [1]):
            return []
        holding += bool(numbers)
    if holding < 2 or any(i < items[0][0] for i, _ in numbered):
        return []
    return [(i, off, m, True) for i, off, m, _ in items]


def _standalone_item(text: str, off: int, marker: str) -> bool:
    """Whether an item is a heading line of its own (第一，进一步稳定和加强农业, no sentence after it)."""
    return off == 0 and HEAD_END.search(text, len(marker)) is None


def _heads_from(heads: list, offset: int) -> list:
    """``heads`` with their paragraph indices counted from ``offset``."""
    return [(i - offset, *rest) for i, *rest in heads]


def _numbered_run_over_leads(paras: list[_Para], heads: list, leads: list) -> bool:
    """Numbered headings counted straight through from 1 (（一）（二）（三）), with lead sentences both
    before the first and between them, are the outer structure: the leads before the first are the
    container's text and the others sit inside the headings (a work report's 一、 with its （一）…
    sections whose paragraphs open with lead sentences), and so are 一、 or （一） headings after all the
    leads. Leads whose sections each number their own points start again from 1 in each, and stay outermost."""
    if not heads or not leads or leads[0][0] > heads[0][0]:
        return False
    numbers = [marker_number(h[2]) for h in heads]
    if numbers != list(range(1, len(heads) + 1)):
        return False
    if heads[0][1] <= 1 and (leads[-1][0] < heads[0][0] or _address_after(paras, heads, leads) is not None):
        # all the leads before （一）（二）…: a 一、's ——results run, then its （一）… sections: a （一） ranks
        # above a lead sentence and is never inside one, so they are siblings (and so are leads after the
        # last heading after a line of address: 五年来，…… ×6 / （一）…（九） / 各位代表！ / 过去五年，…… ×3)
        return True
    return len(heads) >= 2 and any(heads[0][0] < i < heads[-1][0] for i, *_ in leads)


def _address_after(paras: list[_Para], heads: list, leads: list) -> int | None:
    """Where a line of address (各位代表！) after the last numbered heading is, when leads come after it, two or
    more leads come before the first heading and none between the headings (None if not so)."""
    before = [c for c in leads if c[0] < heads[0][0]]
    after = [c for c in leads if c[0] > heads[-1][0]]
    if len(before) < 2 or not after or len(before) + len(after) < len(leads):
        return None
    return next((j for j in range(heads[-1][0] + 1, after[0][0]) if _BARE_ADDRESS_LINE.match(paras[j].text)), None)


def _runs_after_leads(paras: list[_Para], leads: list, items: list) -> list:
    """An item run that follows a run of lead sentences, not inside any of them, is their sibling
    (——我们要……。 ×4, then 第一，…第五，): cut at its items too. It follows when no lead but the last
    holds items and a paragraph of address (各位同事！) or two paragraphs of text come between, or the items are
    heading lines of their own; never when a numbered heading comes between."""
    if not items or not leads or items[0][0] <= leads[-1][0]:
        return []
    gap = paras[leads[-1][0] + 1:items[0][0]]
    # (items that are heading lines of their own, 第一、大力提高经济效益，积极扩大财源, never sit in a lead's text)
    alone = _standalone_item(paras[items[0][0]].text, items[0][1], items[0][2])
    # leads one paragraph each (——经济保持恢复发展。…… ×7 in seven paragraphs) have their last lead's text in its
    # own paragraph too: one paragraph of text after it ends the run (as in _later_runs)
    if not (alone or len(gap) >= (1 if _one_paragraph_each(leads) else _GAP_PARAS) or any(_BARE_ADDRESS_LINE.match(p.text) for p in gap)) \
            or any(_numbered_para(p) for p in gap):
        return []  # (items after a （一） inside the last lead's text are that heading's: 今后五年的主要任务 / （一）… / 第一、…)
    return [(i, off, marker, "numbered") for i, off, marker, _ in items]


def _leads_before_sibling_items(paras: list[_Para], leads: list, items: list) -> list:
    """The leads up to an item run that follows them as a sibling (see _runs_after_leads): a lead group
    does not run on past it (当今世界，……。 ×3, then 第一，…第三，, then 中国的发展……。 is no fourth lead)."""
    starts = [i for i, _, m, n in items if n == 1]
    for s in starts:
        before = [c for c in leads if c[0] < s]
        if not before or len(before) == len(leads) or len(before) < 2:
            continue
        gap = paras[before[-1][0] + 1:s]
        if len(gap) >= _GAP_PARAS or any(_BARE_ADDRESS_LINE.match(p.text) for p in gap):
            return before
    return leads


def _later_runs(paras: list[_Para], cuts: list, top: bool) -> list:
    """Lead runs that follow an item or lead run of the container, not inside it, are its siblings
    (第一，…第四， then, after 女士们、先生们！, ——我们将……。 ×5): cut at them too. A run follows the one
    before it when a paragraph of address or three paragraphs of text come between (the last item's
    text is its own paragraph or two), and it is leads set off by a dash or three or more sharing
    their openings."""
    found: list = []
    ordered = sorted(cuts)
    first = 0  # where the run ``cut`` ends started
    for k, cut in enumerate(ordered):
        here = cut[0]
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        # the end of a run: the last cut, or one whose next starts another run (items from 一 again,
        # or leads after items and the reverse)
        if nxt is not None and (bool(nxt[2]) == bool(cut[2]) and not (nxt[2] and marker_number(nxt[2]) == 1)):
            continue
        run, first = ordered[first:k + 1], k + 1
        # a run whose every item is one paragraph (第一，必须坚持……。…… ×6 in six paragraphs) has its last item's
        # text in its own paragraph too: one paragraph of text after it ends the run
        gap_paras = 1 if _one_paragraph_each(run) else _GAP_PARAS
        end = nxt[0] if nxt is not None else len(paras)
        # (what follows a numbered heading after the run is that heading's: （一）… and its leads)
        end = next((j for j in range(here + 1, end) if _numbered_para(paras[j])), end)
        region = paras[here + 1:end]
        alone = bool(cut[2]) and _standalone_item(paras[here].text, cut[1], cut[2])
        addressed = _addressed_leads(region) if alone else []
        if addressed:
            # leads that each open a new topic after 各位代表！ follow a run of item heading lines, not inside
            # its last item (第六，…… / 各位代表！ / 价格改革和物价问题是……的问题。…… / 各位代表！ / 实行对外开放是……基本国策。……)
            found.extend((here + 1 + i, 0, "", NESTS["leads"]) for i in addressed)
            continue
        if alone:
            continue  # (what follows an item heading on its own line is its text: 第二，国有企业改革要取得新的突破)
        directive = [] if top else _directive_run(region)
        if directive:
            # a report's directive leads after an item run start a new topic each: siblings, no gap needed
            # (一是……五是…… then 保持国债投资的必要规模，……。/ 努力做好财税工作，……。)
            found.extend((here + 1 + i, 0, "", NESTS["leads"]) for i in directive)
            continue
        if end - here <= gap_paras:
            continue
        leads = _lead_cuts(region, top)
        if not leads or not (all(region[i].text.startswith(LEAD_DASHES) for i, *_ in leads) or (
                len(leads) >= 3 and len(_framed([(i, region[i].text) for i, *_ in leads])) == len(leads))):
            continue
        gap = region[:leads[0][0]]
        if len(gap) >= gap_paras or any(_BARE_ADDRESS_LINE.match(p.text) for p in gap):
            found.extend((here + 1 + i, off, m, NESTS["leads"]) for i, off, m in leads)
    return found


def _one_paragraph_each(run: list) -> bool:
    """Whether a run of two or more cuts opens consecutive paragraphs (each member one paragraph long)."""
    return len(run) >= 2 and all(b[0] - a[0] == 1 for a, b in zip(run, run[1:]))


def _addressed_leads(region: list[_Para]) -> list[int]:
    """The paragraphs of ``region`` that open with a short sentence heading text right after a line of
    address (各位代表！), if two or more do and the region opens with text, not with one of them ([] if not)."""
    found = [i for i in range(1, len(region)) if _BARE_ADDRESS_LINE.match(region[i - 1].text)
             and (s := _lead_sentence(region[i])) is not None and s.endswith("。")
             and (len(region[i].text) > len(s) or (i + 1 < len(region) and not _BARE_ADDRESS_LINE.match(region[i + 1].text)))]
    return found if len(found) >= 2 and found[0] >= 2 else []


#: paragraphs of text that end a run before the next begins (fewer: the text of the run's last item)
_GAP_PARAS = 3

#: an address in the middle of a speech: 各位同事！ / 女士们、先生们、朋友们！
_BARE_ADDRESS_LINE = re.compile(r"^[^。，]{2,24}[！!]$")


def _make_node(marker: str, heading: str, punct: str, idx: int, content: list[_Para],
               depth: int, recurse: bool | str = True, last: bool = True) -> _Node:
    section = Section(marker=marker, heading=heading.strip(), punct=punct, para=idx)
    node = _Node(section, paras=len({p.idx for p in content}) or 1)
    if recurse == "numbered":  # an item's text: numbered points (（1）（2）) or a run of items it holds nest in it
        heads = _numbered_heads(content)
        inner = [] if heads else _item_matches(content)
        if heads:
            body, children = _split_numbered(content, heads, depth + 1)
        elif inner:  # 第三，……。一是……二是……三是……。第四，: the 一是 run is inside 第三
            body, children = _split_at(content, [(i, off, m) for i, off, m, _ in inner], depth + 1, recurse="numbered")
        elif not last and (leads := _item_leads(content)):
            # (an item with another after it holds the leads in its text; after the last one they may be
            # the run's siblings: 第六，认真抓好企业扭亏增盈工作。 then 积极推进社会保障制度改革。)
            body, children = _split_at(content, [(i, 0, "") for i in leads], depth + 1, recurse="numbered")
        else:
            body, children = content, []
    elif recurse:
        body, children = _build(content, depth + 1)
    else:
        body, children = content, []
    section.body = [p.text for p in body]
    section.body_paras = [p.idx for p in body]
    node.children = children
    section.sections = [c.section for c in children]
    return node


def _item_leads(content: list[_Para]) -> list[int]:
    """The paragraphs of an item's text after its own (三是加大结构调整力度，增强发展后劲。……) that open with a
    short lead heading them (不断巩固农业基础。…… / 大力调整产业结构。……): one clause, no figure, not a statement,
    two or more of them opening half or more of those paragraphs ([] if not so). Under the last item of a run
    they may be the run's siblings instead (see _make_node)."""
    after = content[1:]
    if len(after) < 2:
        return []
    found = [k for k, p in enumerate(after, 1) if (s := _lead_sentence(p)) is not None and s.endswith("。")
             and len(s) <= STANDALONE_LEAD_MAX_CHARS and "，" not in s and len(p.text) > len(s)
             and not FIGURE.search(s) and not STATEMENT.search(s) and not ANNOUNCES.search(s)]
    if len(found) < 2 or 2 * len(found) < len(after):
        return []
    # (half or more say what is to be done, as a report's leads do; a speech's 理论的生命力在于创新。 / 理论思维的起点
    # 决定着理论创新的结果。 are its argument)
    directive = sum(bool(DIRECTIVE_OPENING.match(after[k - 1].text)) for k in found)
    return found if 2 * directive >= len(found) else []


def _split_numbered(paras: list[_Para], heads: list[tuple[int, int, str, str]], depth: int):
    body = paras[:heads[0][0]]
    nodes = []
    for k, (i, _, marker, rest) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(paras)
        heading, punct, tail = _split_heading(rest) if marker else (rest.rstrip("。；："), "", "")
        # (the heading's own paragraph goes on with its text, never a lead parallel to the paragraphs after it:
        # （二）……。全面建成小康社会最艰巨……在农村。…… then 推动巩固拓展……有效衔接。……)
        content = ([_Para(paras[i].idx, tail, lead_sentence=None)] if tail else []) + paras[i + 1:end]
        after: list[_Node] = []
        if k + 1 == len(heads) and k and marker:
            # 一、…四、 one paragraph each inside a section of lower rank (1985: （二） holds a plan's 一、…四、) are a
            # list of points: an item run opening paragraphs later in the last one's text is the section's
            points = depth > 1 and heads[0][1] == 0 and all(b[0] - a[0] == 1 for a, b in zip(heads, heads[1:]))
            cut = _run_after_last(content, len(heads), points=points)
            if cut is not None:
                # the part's own run after its last numbered heading: siblings of the numbered run
                run_body, after = _build(content[cut:], depth)
                if run_body or len(after) < 2:
                    after = []
                else:
                    content = content[:cut]
                    end = i + 1 + cut - (1 if tail else 0)
        node = _make_node(marker, heading, punct, paras[i].idx, content, depth)
        node.paras, node.alone = end - i, 0 if tail else 1
        nodes.append(node)
        nodes.extend(after)
    return body, nodes


def _split_at(paras: list[_Para], cuts: Sequence[tuple[int, int, str] | tuple[int, int, str, bool | str]],
              depth: int, recurse: bool | str):
    """Split at (paragraph, offset, marker) cut points: text before the first is body. A cut may
    carry a fourth item, what to search its text for instead of ``recurse`` (see NESTS)."""
    cuts = sorted(cuts)
    i0, off0 = cuts[0][0], cuts[0][1]
    body = paras[:i0] + ([_Para(paras[i0].idx, paras[i0].text[:off0])] if off0 else [])
    nodes = []
    for k, (i, off, marker, *mode) in enumerate(cuts):
        ni, noff = (cuts[k + 1][0], cuts[k + 1][1]) if k + 1 < len(cuts) else (len(paras), 0)
        text = paras[i].text[off + len(marker):] if i != ni else paras[i].text[off + len(marker):noff]
        heading, punct, tail = _split_heading(text)
        content = [_Para(paras[i].idx, tail)] if tail else []
        content += paras[i + 1:ni]
        if ni < len(paras) and noff and ni != i:
            content.append(_Para(paras[ni].idx, paras[ni].text[:noff]))
        node = _make_node(marker, heading, punct, paras[i].idx, content, depth,
                          recurse=mode[0] if mode else recurse, last=k + 1 == len(cuts))
        node.paras = max(1, (ni - i) + (1 if noff and ni != i else 0)) if ni != i else 1
        node.alone = 0 if tail or ni == i else 1
        nodes.append(node)
    return body, nodes
