"""Numbered headings at the start of a paragraph: 一、 → （一） → 1. → （1） (drafter/markers.py), and a
.docx heading style without a written number as a heading of its level. Returns cut candidates, and where a
part's own run starts after its last numbered heading (_run_after_last)."""

from __future__ import annotations

from drafter.markers import (
    LEAD_DASHES,
    PROBLEMS_SEEN,
    SUMS_UP,
    TASKS_COUNTED,
    chinese_to_int,
    marker_number,
    numbered_at,
)
from drafter.parser.items import _item_matches
from drafter.parser.state import _UNSET, _Para


def _numbered(text: str) -> tuple[int, str, str] | None:
    """(rank, marker, rest) if ``text`` starts with a numbered heading marker."""
    m = numbered_at(text)
    if m is None:
        return None
    return m.family.level - 1, m.canonical, text[m.end:]


def _numbered_para(p: _Para) -> tuple[int, str, str] | None:
    """``_numbered(p.text)``, worked out once per paragraph."""
    found = p.numbered
    if found is _UNSET:
        found = p.numbered = _numbered(p.text)
    return found


def _numbered_heads(paras: list[_Para]) -> list[tuple[int, int, str, str]]:
    """(index, rank, marker, rest) of the outermost numbered headings in ``paras``.

    A .docx heading style without a written number counts as a heading of its level.
    """
    heads = []
    for i, p in enumerate(paras):
        found = p.numbered
        if found is _UNSET:
            found = p.numbered = _numbered(p.text)
        if found:
            heads.append((i, found[0], found[1], found[2]))
        elif p.level and not p.lead:
            heads.append((i, p.level - 1, "", p.text))
    if not heads:
        return []
    rank = _document_rank(heads)
    return _outer_run([h for h in heads if h[1] == rank])


def _document_rank(heads: list[tuple[int, int, str, str]]) -> int:
    """The rank of the outermost numbered headings: the highest usual rank, unless the text uses its own
    order — it opens with headings of a lower rank counted straight through (（一）（二）（三）) and the
    higher-ranked ones all sit between them (1981's （二）今后经济建设的方针 holds 一、…十、)."""
    rank = min(h[1] for h in heads)
    first = heads[0][1]
    if first == rank or not heads[0][2]:
        return rank
    own = [h for h in heads if h[1] == first]
    higher = [h for h in heads if h[1] < first]
    if len(own) >= 2 and [marker_number(h[2]) for h in own] == list(range(1, len(own) + 1)) \
            and (own[-1][0] > higher[-1][0] or _counted_inside(own, higher) or _list_inside(own, higher)):
        return first
    return rank


def _list_inside(own: list, higher: list) -> bool:
    """Whether the higher-ranked headings are one list inside one of ``own``, counted from 1 and each but the
    last ending in ； (1985's （二）关于经济体制改革 with 一、……； 二、……； 三、……； 四、……。): a list of that
    heading's points, not the document's parts (depth by containment: （一） outermost)."""
    bounds = [h[0] for h in own] + [float("inf")]
    holders = [(a, b) for a, b in zip(bounds, bounds[1:]) if any(a < h[0] < b for h in higher)]
    if len(higher) < 2 or len(holders) != 1 or any(h[0] < own[0][0] for h in higher):
        return False
    return [marker_number(h[2]) for h in higher] == list(range(1, len(higher) + 1)) \
        and all(h[3].endswith("；") for h in higher[:-1]) and all(h[0] - g[0] == 1 for g, h in zip(higher, higher[1:]))


def _counted_inside(own: list, higher: list) -> bool:
    """Whether the higher-ranked headings count from 1 again inside each of ``own`` that holds any, two or more
    of them holding some (（一）关于…… with its 一、二、, （二）关于…… with its 一、二、三、: depth by containment,
    （一） outermost). One run of them after the last is not that (（一）（二） then 一、二、三、: siblings)."""
    bounds = [h[0] for h in own] + [float("inf")]
    holding = 0
    for start, end in zip(bounds, bounds[1:]):
        numbers = [marker_number(h[2]) for h in higher if start < h[0] < end]
        if numbers != list(range(1, len(numbers) + 1)):
            return False
        holding += bool(numbers)
    return holding >= 2


def _outer_run(heads: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The headings of the outer run when a run restarts from 1 inside one of its headings and the outer
    count goes on after it (四、 一、二、三、 五、: the second 一、…三、 are 四's points, found when its text is
    parsed). A restart the outer count never comes back from (一、…六、 一、…五、) stays as it is."""
    found = [marker_number(h[2]) if h[2] else None for h in heads]
    numbers = [n for n in found if n is not None]
    if len(numbers) != len(found) or 1 not in numbers[1:]:  # (a heading without a number: as it is)
        return heads
    levels = [0]
    stack = [numbers[0] + 1]  # the number each open run expects next, outermost first
    closed: set[int] = set()  # levels that a later heading came back out of
    for n in numbers[1:]:
        if n == stack[-1]:
            stack[-1] += 1
        elif n == 1:
            stack.append(2)
        elif n in stack[:-1]:
            depth = len(stack) - 1 - stack[::-1].index(n)
            closed.update(range(depth + 1, len(stack)))
            del stack[depth + 1:]
            stack[-1] += 1
        else:
            stack[-1] = n + 1  # an irregular count: taken as the current run's
        levels.append(len(stack) - 1)
    # a heading is outer unless it sits in a run the outer count came back out of
    return [h for h, lv in zip(heads, levels) if lv == 0 or not all(d in closed for d in range(1, lv + 1))]


def _run_after_last(content: list[_Para], heads: int, points: bool = False) -> int | None:
    """Where a run of the whole part starts in the text of its last numbered heading (None if none): a line
    after the heading's own text, ending in ： (a count or problems also in 。), that either sums the part up (回顾“十一五”时期的
    政府工作，我们进一步加深了以下几个方面的认识和体会：) or counts the part's tasks, more of them than the ``heads``
    numbered headings (……以下十项任务：), then items from 一 or a ——run opening the next paragraph (一是必须坚持
    科学发展。…… / 第一、…… / ——必须坚持……。): the part's lessons or tasks, not the heading's points (depth by
    containment: the heading does not hold them; siblings of （一）…（五））. The first line of the heading's text
    counts only when it counts more tasks than there are headings (（五）……。 then ……着重抓好以下的十项工作：).
    After the last of ``points`` (a list of one-paragraph points) any run of items opening paragraphs counts."""
    if points and len(content) > 2:
        # (the last of a list of one-paragraph points: any run of items from 一 opening paragraphs after it)
        if any(_numbered_para(p) for p in content[1:]):
            return None
        for j in range(1, len(content) - 1):
            items = _item_matches(content[j:])
            if items and items[0][:2] == (0, 0) and len(items) >= 2 and items[1][3] == 2 and items[1][1] == 0:
                return j
    for j in range(0, len(content) - 2):
        text = content[j].text
        counted = TASKS_COUNTED.search(text)
        count = (chinese_to_int(counted.group(1)) or 0) if counted else 0
        if j == 0 and not count > heads:
            continue
        problems = PROBLEMS_SEEN.search(text)
        if not (problems or (text.endswith("：") and SUMS_UP.search(text)) or (text.endswith(("：", "。")) and counted)):
            continue
        if any(_numbered_para(p) for p in content[j + 1:]):
            return None
        nxt = content[j + 1]
        items = _item_matches(content[j + 1:])
        run = 0
        if items and items[0][:2] == (0, 0):
            while run < len(items) and items[run][3] == run + 1:
                run += 1
        elif nxt.text.startswith(LEAD_DASHES):
            run = next((k for k, p in enumerate(content[j + 1:]) if not p.text.startswith(LEAD_DASHES)), len(content) - j - 1)
        # (a counted run may be cut short in an excerpt: more announced than the headings is enough)
        if run >= 2 and (problems or SUMS_UP.search(text) or count >= run > 0 and count > heads):
            return j + 1
    return None
