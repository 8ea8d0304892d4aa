"""Where a long title breaks into lines: at sensible places, never inside a word.

An official title set in 二号 holds about 20 characters a line. Word and LibreOffice break it
wherever the line is full (…专题研讨会上 / 的发言; …机关党支 / 部专题党课上的讲稿). Here the
title is cut into lines first, as a typesetter would: a ——subtitle on its own line; lines
no longer than the line holds; breaks only at places that end a phrase (after a closing
quote or a comma, before 在 or 专题, after an organisation such as 党支部 or 中心组), never
inside the words of the genre; and lines as even as the breaks allow (the official habit of
symmetric title lines), the longer one first on a tie. ``\\n`` in a title is a line break the
author chose (an outline's ``title:`` given as a list of lines) and is kept as it is.
"""

from __future__ import annotations

import re

SUBTITLE = "——"
#: break after these (a phrase ends): closing marks, commas, and organisation names
_AFTER = re.compile(r"[”’》）」，、；：！？]|(?:中心组|党委|党组|党支部|党总支|党工委|委员会|支部|机关|区委|市委|"
                    r"县委|省委|政府|人大|政协|办公室|学院|大学|公司|集团)(?=[^会上的])")
#: break before these (a phrase starts)
_BEFORE = re.compile(r"(?<=.)(?:[“‘《（「]|在(?![于乎])|专题|关于|暨|学习贯彻|深入学习|"
                     r"(?:推进|动员|部署|座谈|研讨|交流|读书|培训|民主生活|组织生活)(?=会|班))")
#: penalty of a break by how good the place is (lower is better)
_COST = {"after": 0, "before": 1}
#: words no break goes inside, beside the rules above
_WORDS = ("党支部", "党总支", "中心组", "研讨会", "座谈会", "交流会", "推进会", "动员会", "部署会",
          "读书班", "培训班", "党课", "讲稿", "发言", "讲话", "报告", "习近平", "新时代", "总书记",
          "中国特色社会主义", "主题教育", "高质量发展")


def break_places(text: str) -> dict[int, int]:
    """Positions a line may end before (1..len-1), each with its penalty."""
    places: dict[int, int] = {}
    for m in _AFTER.finditer(text):
        if 0 < m.end() < len(text):
            places[m.end()] = min(places.get(m.end(), 9), _COST["after"])
    for m in _BEFORE.finditer(text):
        if 0 < m.start() < len(text):
            places.setdefault(m.start(), _COST["before"])
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1:
            places[i + 1] = 0  # the space stays at the end of the line before
    inside = {i for w in _WORDS for m in re.finditer(re.escape(w), text) for i in range(m.start() + 1, m.end())}
    return {i: c for i, c in places.items() if i not in inside}


def _fallback_places(text: str) -> dict[int, int]:
    """Every position not inside a known word and not before a mark that cannot start a line."""
    inside = {i for w in _WORDS for m in re.finditer(re.escape(w), text) for i in range(m.start() + 1, m.end())}
    return {i: 5 for i in range(1, len(text)) if i not in inside and text[i] not in "，。、；：！？”’》）的上"}


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2000 else 1 for c in text.strip())


def split_line(text: str, per_line: int) -> list[str]:
    """``text`` (no forced breaks) as lines of at most ``per_line`` characters, evenly broken."""
    if _width(text) <= per_line:
        return [text]
    for places in (break_places(text), _fallback_places(text)):
        best = _best(text, sorted(places), places, per_line)
        if best is not None:
            return best
    return [text]  # nothing fits: leave it to the word processor


def _best(text: str, cuts: list[int], cost: dict[int, int], per_line: int) -> list[str] | None:
    """Fewest lines first, then the smallest break penalty plus unevenness; longer line first on a tie."""
    n = len(text)
    best_score, best_lines = None, None
    # titles break into 2–3 lines: try every one or two cuts (cheap at title lengths)
    options = [[c] for c in cuts] + [[a, b] for a in cuts for b in cuts if a < b]
    for chosen in options:
        bounds = [0, *chosen, n]
        lines = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        widths = [_width(line) for line in lines]
        if max(widths) > per_line or min(widths) == 0:
            continue
        score = (len(lines), sum(cost[c] for c in chosen) * 2 + (max(widths) - min(widths)),
                 -widths[0])
        if best_score is None or score < best_score:
            best_score, best_lines = score, lines
    return best_lines


def title_lines(title: str, per_line: int) -> list[str]:
    """The lines to set ``title`` in: forced breaks kept, a ——subtitle on its own line, long
    lines broken at sensible places."""
    out: list[str] = []
    for part in title.split("\n"):
        part = part.strip()
        if not part:
            continue
        main, dash, sub = part.partition(SUBTITLE)
        pieces = [main, dash + sub] if dash and main.strip() else [part]
        for piece in pieces:
            out.extend(split_line(piece, per_line))
    return out or [title]
