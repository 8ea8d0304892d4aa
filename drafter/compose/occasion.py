"""Openings and closings that fit the occasion: a 党课 is not a 研讨会.

A 研讨发言 or 交流发言 opens on why its theme matters and announces as many 体会 as it has
sections, and ends on the speaker's commitment and a closing formula (发言完毕，谢谢大家！).
A 党课 or 辅导报告 opens by naming its subject, says why it matters, announces its parts, and
ends by calling on the audience (同志们，……让我们……), with no formula. The sentences that
carry these moves are per type in the templates' ``_frames.yaml`` (``occasions:``), so a
writer can change them; counts in them ({n}) always match the outline.
"""

from __future__ import annotations

import re

#: Chinese counts for 我谈{n}点体会
COUNTS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
#: the occasion of a type that has none of its own in _frames.yaml
FALLBACK = {"交流发言": "研讨发言", "党课": "辅导报告"}
FORMULA = re.compile(r"谢谢大家|发言完毕|批评指正")


def occasion(frames: dict, speech_type: str) -> dict:
    """The ``occasions:`` entry of _frames.yaml for a speech type (or the one it falls back to)."""
    table = frames.get("occasions") or {}
    entry = table.get(speech_type)
    if entry is None and speech_type in FALLBACK:
        entry = table.get(FALLBACK[speech_type])
    if entry is None:
        entry = table.get("研讨发言") or {}
    return entry


def count_word(n: int) -> str:
    return COUNTS.get(n, "几")


def pick(rng, options: list[str] | None, values: dict[str, str], avoid: tuple[str, ...] = ()) -> str:
    """One option with its {t} {n} {title} filled; options whose values are missing, or that
    hold a word of ``avoid`` (see unsaid), are skipped."""
    usable = [o for o in options or [] if all(values.get(k) for k in re.findall(r"\{(\w+)\}", o))
              and not any(w in o for w in avoid)]
    if not usable:
        return ""
    text = usable[rng.randrange(len(usable))]
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)


def theme_name(theme: str | None, title: str) -> str:
    """The subject as the opening names it: the theme, else a quoted phrase of the title."""
    if theme:
        return theme.strip("“”\"")
    m = re.search(r"“([^”]{2,16})”", title)
    return m.group(1) if m else ""


#: the courtesy a speaker says once: in the opening's lead-in or in the closing formula, not both
CRITICISM = "批评指正"
#: what only a deputy says: a head of the unit (局长, 书记, 主任 …) has no 分管工作
DEPUTY_WORDS = ("分管",)
_DEPUTY = re.compile(r"副(?:书记|局长|主任|部长|县长|区长|市长|镇长|乡长|厅长|院长|校长|主席|组长|处长|科长|经理|总)")


def deputy(speaker: str | None) -> bool:
    """Does the speaker's title make them a deputy (副局长, 党组副书记), who may speak of 分管工作?"""
    return bool(_DEPUTY.search(speaker or ""))


def unsaid(speaker: str | None, said: str = "") -> tuple[str, ...]:
    """Words the speaker must not say here: 分管 unless a deputy, 批评指正 once said."""
    out = () if deputy(speaker) else DEPUTY_WORDS
    return out + ((CRITICISM,) if CRITICISM in said else ())


def is_formula(text: str) -> bool:
    return bool(FORMULA.search(text))


_MEETING_PART = re.compile(r"^在|(理论学习)?中心组|专题|学习|研讨(交流)?会?|座谈会|交流会|推进会|工作会议?|"
                           r"(上的)?(发言|讲话|讲稿|辅导报告|党课)(材料)?$|上$")


def subject_of_title(title: str) -> str:
    """The subject of a title with its meeting words taken out (在全市安全生产工作会议上的讲话
    → 全市安全生产); the part after —— is the meeting, the part before it the subject."""
    main = title.split("——")[0]
    return _MEETING_PART.sub("", main)


#: how a closing may open so that it reads as one (and parses back as one)
CLOSING_CUES = ("同志们，", "今后，", "总之，", "最后，", "让我们")


def closing_cue(sentence: str) -> str:
    """The sentence opening on a closing cue: 下一步，… → 今后，…; 我将… → 今后，我将…; else 总之，…"""
    if sentence.startswith(CLOSING_CUES):
        return sentence
    for lead in ("下一步，", "下步，", "在今后的工作中，", "今后一个时期，"):
        if sentence.startswith(lead):
            return "今后，" + sentence[len(lead):]
    if sentence.startswith(("我", "我们")):
        return "今后，" + sentence
    return "总之，" + sentence
