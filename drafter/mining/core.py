"""The reusable core of a series or pair: lead-ins and tails that are not members cut off.

A series mined from inside a clause often drags in words that belong to the clause, not
to the series: a function word that ties it to what came before (是实现更高质量、…; 才能有效
解决…; 我们要坚持…), or a lead-in of another shape (更大力度建设绿色制造之城、绿色能源之城、…;
只要有利于发展、有利于解决问题、…). Cuts are made only where the structure shows a word
boundary, never by counting characters alone:

* a leading function word or subject + modal (是 / 就是要 / 而 / 才能 / 我们要 / 有的…);
* before the frame the other members start with (绿色…、绿色…、绿色… → cut before 绿色 in the
  first member), since a character that starts every other member starts a word;
* after a lead-in ending in a postposition or preposition (从党的科学理论中|悟规律、明方向…)
  when the other members share one length;
* a last member's long tail starting with 的/之/上… (…、政治道路上同…保持高度一致), and a
  dangling 的 at the very end (…有利于工作落实的).
"""

from __future__ import annotations

import re

#: function words and subject + modal that tie a clause to what came before it
LEAD_WORDS = re.compile(r"^(?:(?:我们党|我们|大家|有的(?:同志|干部)?)(?:FUNC)?|FUNC)"
                        .replace("FUNC", r"而且|并且|就是要|就是|就要|才能|也要|都要|还要|更要|又要|只有|"
                        r"要(?![素求点害件])|是(?!非)|而(?!今)|才(?![干能智])|也|都(?!市)|还|并(?!列)"))
#: first characters of LEAD_WORDS (a cheap test before the regex)
LEAD_FIRST = set("我大有而并就才也都还要是只更又")
#: a lead-in ending in one of these closes before the series starts (…中|悟规律、…)
LEAD_ENDS = set("中上里下于")
TAIL_STARTS = set("的之中上里")


def strip_lead(text: str, keep: int = 4) -> str:
    """``text`` without a leading function word, if at least ``keep`` characters remain."""
    m = LEAD_WORDS.match(text)
    if m and m.end() and len(text) - m.end() >= keep:
        return text[m.end():]
    return text


def _common_prefix(members: list[str]) -> str:
    # what all members share, the smallest and the largest in sort order share
    low, high = min(members), max(members)
    for k, ch in enumerate(low):
        if ch != high[k]:
            return low[:k]
    return low


def head_cut(first: str, rest: list[str]) -> str:
    """The first member cut to start where the others' shared frame starts (or unchanged)."""
    frame = _common_prefix(rest) if len(rest) >= 2 else ""
    longest = max(map(len, rest))
    if frame:
        if first.startswith(frame):
            return first
        k = first.find(frame, 1)
        while k > 0:
            if len(first) - k <= longest + 1:
                return first[k:]
            k = first.find(frame, k + 1)
        return first
    lengths = set(map(len, rest))
    if len(rest) >= 2 and len(lengths) == 1:
        n = lengths.pop()
        if len(first) > n + 1 and first[-n - 1] in LEAD_ENDS and "“" not in first[-n:]:
            return first[-n:]
    return first


def tail_cut(last: str, others: list[str]) -> str:
    """The last member without a long tail that starts with 的/之/上… (or unchanged)."""
    longest = max(map(len, others))
    if len(last) > longest + 3:
        for k in range(longest, min(map(len, others)) - 2, -1):
            if 0 < k < len(last) and last[k] in TAIL_STARTS:
                return last[:k]
    return last


def series_core(members: list[str]) -> list[str]:
    """The members of a 、-series with the first's lead-in and the last's long tail cut off."""
    first = strip_lead(members[0], 2)
    if len(members) >= 3:
        last = tail_cut(members[-1], members[1:-1])
        first = head_cut(first, members[1:-1] + [last])
        members = [first] + members[1:-1] + [last]
    else:
        members = [first] + members[1:]
    if members[-1].endswith("的") and len(members[-1]) > 2:
        members[-1] = members[-1][:-1]
    return members
