"""Is a run of items parallel? Shape tests for 排比 (three or more) and 对仗 (pairs).

Parallel members of a series repeat a frame: the same characters at the same places,
counted from the start (看清楚…，看清楚…) or from the end (…的事办实、…的事办细、…的事办好),
or, in a series of short verb-object or four-character members, the same length
(悟规律、明方向、学方法). The first member may carry a lead-in (把…, 让…) and the last a
tail (…的问题); both are trimmed to the members' common length before comparing.
"""

from __future__ import annotations

_NOT_HAN = set("，。；：、！？“”‘’（）《》{}…—")


def shared_positions(members: list[str], from_end: bool, enough: int = 1 << 30) -> int:
    """How many aligned positions hold the same Han character in every member (stops at ``enough``)."""
    if from_end:
        members = [m[::-1] for m in members]
    if len(members) == 2:  # pairs are the common case: compare characters directly
        a, b = members
        count = 0
        for x, y in zip(a, b):
            if x == y and x not in _NOT_HAN:
                count += 1
                if count >= enough:
                    break
        return count
    n = len(members)
    count = 0
    for column in zip(*members):
        if column[0] not in _NOT_HAN and column.count(column[0]) == n:
            count += 1
            if count >= enough:
                break
    return count


def trimmed(members: list[str]) -> list[str]:
    """Cut the first member's lead-in and the last member's tail to the middle length."""
    if len(members) < 3:
        core = min(map(len, members))
        return [members[0][-core:]] + members[1:-1] + [members[-1]] if core else members
    middle = sorted(map(len, members[1:-1]))
    core = middle[(len(middle) - 1) // 2]  # median_low, without the statistics module's overhead
    first, last = members[0], members[-1]
    if len(first) > core:
        first = first[-core:]
    if len(last) > core:
        last = last[:core]
    return [first] + members[1:-1] + [last]


#: a short lead-in cut off the first member ends in one of these (把… / 让… / 敢于…), a tail cut
#: off the last one starts with one of those (…的问题); other short cuts fall inside a word
#: (人工|智能、大数据、区块链), and a tail with 等 closes an enumeration, not a series
LEAD_ENDS = set("中上里把让使将要对向从在以和与及为做到是于")
TAIL_STARTS = set("的之中上里和及")


def _clean_cuts(members: list[str], core: list[str]) -> bool:
    lead = members[0][:len(members[0]) - len(core[0])]
    tail = members[-1][len(core[-1]):]
    return (not lead or len(lead) >= 3 or lead[-1] in LEAD_ENDS) and (not tail or tail[0] in TAIL_STARTS)


def _frame(members: list[str], need: int = 1 << 30) -> int:
    """Shared positions counted from the start or from the end, whichever is more (capped at ``need``).

    Callers only compare the frame with a small threshold, so counting stops once it is reached.
    """
    head = shared_positions(members, False, need)
    return head if head >= need else max(head, shared_positions(members, True, need))


def is_series(members: list[str], min_len: int = 3) -> bool:
    """Three or more ``、``-members that share a frame or, when short, a length."""
    if len(members) < 3:
        return False
    for m in members:
        if len(m) < 5 and "{" in m:
            return False
    core = trimmed(members)
    lengths = list(map(len, core))
    low, high = min(lengths), max(lengths)
    if low < min_len or high > 24:
        return False
    if high == low and lengths[0] <= 8 and _clean_cuts(members, core):
        return True
    need = 1 if high - low <= 2 else 2
    if shared_positions(members, True, need) >= need or shared_positions(members, False, need) >= need:
        return True
    # The trimmed members are worth comparing only from an edge where trimming changed the
    # alignment: with the first member uncut, from the start the core's columns are a prefix of
    # the members' (so no more can match); with the last member uncut, the same from the end.
    return ((core[-1] is not members[-1] and shared_positions(core, True, need) >= need)
            or (core[0] is not members[0] and shared_positions(core, False, need) >= need))


def is_clause_series(clauses: list[str]) -> bool:
    """Three or more ``，``-clauses repeating a frame (or short clauses of one length)."""
    if len(clauses) < 3:
        return False
    lengths = list(map(len, clauses))
    low, high = min(lengths), max(lengths)
    if low < 4 or high > 40 or high > 2 * low:
        return False
    if high == low and lengths[0] <= 8:
        return True
    if not _anchored(clauses):
        return False
    core = trimmed(clauses)
    return _frame(clauses, 2) >= 2 or _frame(core, 3) >= 3


def _anchored(members: list[str]) -> bool:
    """Frames of clause runs show at their edges: the first two or last two characters agree."""
    first, rest = members[0], members[1:]
    for k in (0, 1, -1, -2):
        ch = first[k]
        for m in rest:
            if m[k] != ch:
                break
        else:
            return True
    return False


def is_pair(a: str, b: str, lead_in: int = 0, framed: bool = False) -> bool:
    """Two members of one length (the first may carry a short lead-in) echoing each other.

    Four-character couplets (一分部署、九分落实) need nothing more than their length;
    longer pairs must share a frame (在对标对表中谋篇布局，在知重负重中担当作为). With
    ``framed`` (pairs of whole clauses, where two unrelated clauses easily have one length)
    a shared character is always required.
    """
    extra = len(a) - len(b)
    if extra < 0 or extra > lead_in:
        return False
    a = a[extra:]
    n = len(b)
    if n < 3 or n > 16 or "{" in a or "{" in b:
        return False
    frame = _pair_frame(a, b)  # only "at least one" and "at least two" matter below
    if framed and frame < 1:
        return False
    if n == 4:
        return frame >= 1 or (_all_han(a) and _all_han(b))
    if n <= 7:
        return frame >= 1 or (_all_han(a) and _all_han(b) and extra == 0)
    return frame >= 2


def _pair_frame(a: str, b: str) -> int:
    """:func:`_frame` of two members of one length, capped at 2 (pairs are tested for every clause)."""
    head = 0
    for x, y in zip(a, b):
        if x == y and x not in _NOT_HAN:
            head += 1
            if head >= 2:
                return 2
    tail = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x == y and x not in _NOT_HAN:
            tail += 1
            if tail >= 2:
                return 2
    return head if head > tail else tail


def _all_han(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)
