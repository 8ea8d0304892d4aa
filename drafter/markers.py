"""The marker grammar of the genre, in one place: every reader, writer, lint rule and check uses it.

A speech numbers its structure with markers of a few families:

* numbered headings at the start of a paragraph — 一、 → （一） → 1. → （1）
  (written 一、/一． , （一）, 1./1．/1、, （1）; levels 1–4);
* enumeration items at the start of a paragraph, sentence or clause — 一是/一要/一抓/一看/一讲…
  (a Chinese numeral and one verb-like character, counted up from 一) and 第一，/第二，;
* unnumbered lead sentences (marker "").

Each family has a level (numbered headings), a kind, a rank (the usual nesting order:
一、 > （一） > 一是/第一， > 1. > （1）), a pattern and a way to write its n-th marker.
The shape of a lead sentence (how short it is, words that make a sentence body text
instead) lives here too, for the parser that reads leads and the composer that must
not write body sentences that look like them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.i18n import _

#: Chinese numerals as markers use them (一 … 九十九)
CN_NUMERALS = "一二三四五六七八九十"
CN_DIGITS = "零一二三四五六七八九"
_CN = f"[{CN_NUMERALS}]"

#: the verb-like characters an enumeration item takes after its numeral: 一是 一要 一抓 一看 一讲 …
ITEM_VERBS = "是要抓看讲靠比学查改促强严重建防保树谈说问想干做用管治求练育亮聚推"
#: 一要务 / 一要素 / 一要件 / 一要点, 一是件 are words, not items
_NOT_ITEM_AFTER = {"要": "务素件点", "是": "件"}

#: where an inline item may start: after one of these (or at the start of a paragraph)
ITEM_BOUNDARY = frozenset("。；！？：，")
#: what ends a heading sentence (the heading is the text before it)
HEAD_END = re.compile("[。；：！？]")

NUMBERED = "numbered"
ITEM = "item"
LEAD = "lead"


@dataclass(frozen=True)
class Family:
    """One marker family: its first member as the tree writes it, and how markers of it look."""

    name: str       # 一、 （一） 1. （1） 一是 一要 第一， … ("" for lead sentences)
    kind: str       # numbered | item | lead
    rank: int       # usual nesting order, 0 outermost
    level: int      # heading level 1–4 of a numbered family, 0 for the others
    prefix: str     # text before the number: "（", "第", ""
    digits: str     # regex of the number as written
    suffix: str     # regex after the number
    arabic: bool = False

    def write(self, n: int) -> str:
        """The n-th marker of the family: （一）.write(3) == '（三）'."""
        num = str(n) if self.arabic else chinese_number(n)
        if self.kind == ITEM:
            return self.prefix + num + self.name[len(self.prefix) + 1:]
        return {"一、": f"{num}、", "（一）": f"（{num}）", "1.": f"{num}.", "（1）": f"（{num}）"}.get(self.name, "")


H1 = Family("一、", NUMBERED, 0, 1, "", f"{_CN}{{1,3}}", "[、．]")
H2 = Family("（一）", NUMBERED, 1, 2, "（", f"{_CN}{{1,3}}", "）")
H3 = Family("1.", NUMBERED, 3, 3, "", "[0-9]{1,2}", "[.．、](?![0-9])", arabic=True)
H4 = Family("（1）", NUMBERED, 4, 4, "（", "[0-9]{1,2}", "）", arabic=True)
#: numbered heading families, outermost first
NUMBERED_FAMILIES = (H1, H2, H3, H4)
LEAD_FAMILY = Family("", LEAD, 5, 0, "", "", "")
#: the rank of enumeration items (一是/一要/第一，) in the usual order: under （一）, above 1.
ITEM_RANK = 2


#: the parts a speech may count out as its top-level sections: 第一个问题：… 第二个问题：…
PART_NOUNS = ("问题", "方面")
#: the rank of 第一个问题： parts: the outermost, like 一、
PART_RANK = 0


def item_family(verb: str) -> Family:
    """The family of items 一<verb> (一是, 一抓), for verb '，' 第一，, for verb '个问题：' 第一个问题：."""
    if verb in "，、：":
        return Family("第一" + verb, ITEM, ITEM_RANK, 0, "第", f"{_CN}{{1,3}}", verb)
    if verb.startswith("个"):
        return Family("第一" + verb, ITEM, PART_RANK, 0, "第", f"{_CN}{{1,3}}", verb)
    return Family("一" + verb, ITEM, ITEM_RANK, 0, "", f"{_CN}{{1,3}}", verb)


#: the item families the composer writes
INLINE_FAMILIES = ("一是", "一要")

# ---------------------------------------------------------------- numerals


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (enough for any speech)."""
    if n <= 0 or n >= 100:
        raise ValueError(_("cannot number {n} in Chinese (1–99)").format(n=n))
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")


def chinese_to_int(s: str) -> int | None:
    """Inverse of chinese_number for 一 … 九十九; None if ``s`` is not such a numeral."""
    if not s or any(c not in CN_NUMERALS for c in s):
        return None
    if "十" not in s:
        return CN_DIGITS.index(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:  # 十十 is not a numeral
        return None
    t = CN_DIGITS.index(tens) if tens else 1
    o = CN_DIGITS.index(ones) if ones else 0
    return t * 10 + o


def _number(digits: str) -> int | None:
    return int(digits) if digits.isdigit() else chinese_to_int(digits)


# ---------------------------------------------------------------- numbered headings

_NUMBERED_RE = re.compile("|".join(
    f"{re.escape(f.prefix)}(?P<n{i}>{f.digits})(?P<s{i}>{f.suffix})" for i, f in enumerate(NUMBERED_FAMILIES)))


#: the characters a numbered marker can open with (the quick test before the regex)
_NUMBERED_FIRST = frozenset(CN_NUMERALS + "（0123456789")


@dataclass(frozen=True)
class Marker:
    """A marker found in text."""

    family: Family
    number: int
    written: str    # as in the text: 一、 1、 （三）
    end: int        # offset just after it

    @property
    def canonical(self) -> str:
        """The marker as the tree keeps it: 1、 and 1． are 1., 一． is 一、."""
        return self.family.write(self.number)

    @property
    def style(self) -> str:
        """The separator a numbered marker is written with: '、' or '.' ('' for bracketed ones)."""
        sep = self.written[-1]
        return "、" if sep == "、" else ("." if sep in ".．" else "")


def numbered_at(text: str, pos: int = 0) -> Marker | None:
    """The numbered heading marker (一、 （一） 1. （1）) at ``pos`` of ``text``, if any."""
    if text[pos:pos + 1] not in _NUMBERED_FIRST:
        return None
    m = _NUMBERED_RE.match(text, pos)
    if m is None:
        return None
    assert m.lastgroup is not None  # every alternative ends on a named group (s0, s1, …)
    i = int(m.lastgroup[1:])
    n = _number(m.group(f"n{i}"))
    if n is None:
        return None
    return Marker(NUMBERED_FAMILIES[i], n, m.group(0), m.end())


def heading_level(text: str) -> int | None:
    """1–4 when ``text`` opens with 一、 （一） 1. （1）."""
    mk = numbered_at(text)
    return mk.family.level if mk else None


def level_family(level: int) -> Family:
    return NUMBERED_FAMILIES[level - 1]


#: a paragraph start that is a numbered heading in raw text, before brackets are made full-width
#: (the normaliser's line joining must never run one into the line before it)
RAW_HEADING_START = re.compile("^(?:" + "|".join(
    ("[（(]" if f.prefix == "（" else "") + f.digits + ("[）)]" if f.suffix == "）" else f.suffix)
    for f in NUMBERED_FAMILIES) + ")")
#: 1. 2. points run into a paragraph after a sentence end (a scraped page lost the line breaks);
#: POINT_HINT is the quick test before the full scan
POINT_HINT = re.compile("[。；！？][1-9]")
POINT_INSIDE = re.compile(r"(?<=[。；！？])([1-9][0-9]?)[.．、](?![0-9])")
#: a bracketed marker in half-width brackets, (1) (一), that the normaliser makes full-width
HALF_BRACKET_MARKER = re.compile(f"^\\(([0-9]{{1,2}}|{_CN}{{1,3}})\\)")
#: a list marker closed by a half bracket alone: 1） 一）
CLOSE_BRACKET_MARKER = re.compile(f"^(?:[0-9]{{1,2}}|{_CN}{{1,3}})）")

# ---------------------------------------------------------------- enumeration items

_PART = f"个(?:{'|'.join(PART_NOUNS)})[：，]"
_ITEM_RE = re.compile(f"(?P<num>{_CN}{{1,3}})(?P<verb>[{ITEM_VERBS}])|第(?P<ord>{_CN}{{1,3}})(?P<sep>[，、：]|{_PART})")
#: a quick scan for possible items anywhere in a paragraph (boundaries checked by item_at)
ITEM_SCAN = re.compile(f"{_CN}{{1,3}}[{ITEM_VERBS}]|第{_CN}{{1,3}}(?:[，、：]|{_PART})")
#: the start of an item at the start of a line (the normaliser starts a paragraph there)
ITEM_LINE_START = re.compile(f"^(?:{_CN}{{1,3}}[{ITEM_VERBS}]|第{_CN}{{1,3}}(?:[，：]|{_PART}))")
_FAMILIES: dict[str, Family] = {}


def _item_family(verb: str) -> Family:
    f = _FAMILIES.get(verb)
    if f is None:
        f = _FAMILIES[verb] = item_family(verb)
    return f


def item_at(text: str, pos: int) -> Marker | None:
    """An enumeration item marker (一是 一抓 第一，) at ``pos``: not 第一要务, 一要素, 一是一、二是二."""
    m = _ITEM_RE.match(text, pos)
    if m is None:
        return None
    end = m.end()
    if m.group("ord"):
        n, verb = chinese_to_int(m.group("ord")), m.group("sep")
    else:
        verb = m.group("verb")
        if end < len(text) and text[end] in _NOT_ITEM_AFTER.get(verb, ""):
            return None
        if text.startswith(m.group("num"), end):  # 一是一、二是二
            return None
        n = chinese_to_int(m.group("num"))
    if n is None:
        return None
    return Marker(_item_family(verb), n, m.group(0), end)


#: a boundary an item may start after, with an item after it: one regex pass finds the item starts,
#: skipping the numerals inside words (统一要求, 进一步推进) in C rather than one by one in Python
_ITEM_AFTER_BOUNDARY = re.compile("[" + "".join(sorted(ITEM_BOUNDARY)) + "](?=" + ITEM_SCAN.pattern + ")")


def quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` of ``text`` is inside a quotation (“一要坚决，二要求实，三要听指挥” is a quoted
    slogan: its 一要/二要 are words of the quotation, not the speech's items)."""
    return "“" in text and text.count("“", 0, pos) > text.count("”", 0, pos)


def item_starts(text: str):
    """Every item marker at a paragraph, sentence or clause start of ``text``, in order (none inside
    a quotation)."""
    if ITEM_SCAN.match(text):
        mk = item_at(text, 0)
        if mk is not None:
            yield 0, mk
    for m in _ITEM_AFTER_BOUNDARY.finditer(text):
        start = m.end()
        mk = item_at(text, start)
        if mk is not None and not quoted(text, start):
            yield start, mk


#: a paragraph start (after the newline joining paragraphs) counts as a boundary too
_ITEM_AFTER_BOUNDARY_OR_LINE = re.compile("[\n" + "".join(sorted(ITEM_BOUNDARY)) + "](?=" + ITEM_SCAN.pattern + ")")


def item_starts_by_paragraph(texts: list[str]) -> dict[int, list[tuple[int, Marker]]]:
    """``item_starts`` of every one of ``texts`` (paragraphs: no newline in them), in one scan of
    them joined: {paragraph index: [(offset, marker), …]} for the paragraphs that have any."""
    joined = "\n".join(texts)
    out: dict[int, list[tuple[int, Marker]]] = {}
    if not texts or joined.count("\n") != len(texts) - 1:
        for i, text in enumerate(texts):
            found = list(item_starts(text))
            if found:
                out[i] = found
        return out
    hits = [0] if ITEM_SCAN.match(joined) else []
    hits += [m.end() for m in _ITEM_AFTER_BOUNDARY_OR_LINE.finditer(joined)]
    i, start, end = 0, 0, len(texts[0])
    for q in hits:
        while q > end:  # the paragraph holding offset q (its text runs from start to end)
            i += 1
            start, end = end + 1, end + 1 + len(texts[i])
        mk = item_at(texts[i], q - start)
        if mk is not None and not quoted(texts[i], q - start):
            out.setdefault(i, []).append((q - start, mk))
    return out


# ---------------------------------------------------------------- the tree's markers

def make_marker(family: str, n: int) -> str:
    """The n-th marker of a family: make_marker('（一）', 3) == '（三）', ('1.', 2) == '2.'."""
    if not family:
        return ""
    f = family_named(family)
    if f is None:
        raise KeyError(family)
    return f.write(n)


def family_named(name: str) -> Family | None:
    for f in NUMBERED_FAMILIES:
        if f.name == name:
            return f
    if name.startswith("第一") and (len(name) == 3 or name[2:3] == "个"):
        return _item_family(name[2:])
    if len(name) == 2 and name[0] == "一" and name[1] in ITEM_VERBS:
        return _item_family(name[1])
    return None


@lru_cache(maxsize=4096)  # a tree's markers are few strings, read again and again (Marker is frozen)
def parse_marker(marker: str) -> Marker | None:
    """A marker as the tree keeps it (三、 （二） 4. 三要 第二，), read back."""
    if not marker:
        return None
    mk = numbered_at(marker)
    if mk is None or mk.end != len(marker):
        mk = item_at(marker, 0)
    return mk if mk is not None and mk.end == len(marker) else None


def marker_family(marker: str) -> str:
    """The marker family as its first member: 一、 （一） 1. （1） 一是 一要 第一， or ''."""
    mk = parse_marker(marker)
    return mk.family.name if mk else marker


def marker_kind(marker: str) -> str:
    """'numbered' (一、（一）1.（1）), 'inline' (一是/一要/第一，) or 'lead' (unnumbered)."""
    if not marker:
        return "lead"
    mk = parse_marker(marker)
    if mk is not None and mk.family.kind == ITEM:
        return "inline"
    return "numbered"


def marker_number(marker: str) -> int | None:
    """The ordinal a marker stands for: '（三）' → 3, '12.' → 12, '四要' → 4, '' → None."""
    mk = parse_marker(marker)
    return mk.number if mk else None


def marker_rank(marker: str) -> int:
    """The usual nesting rank of a marker's family (0 for 一、 … 5 for a lead sentence)."""
    mk = parse_marker(marker)
    return mk.family.rank if mk else LEAD_FAMILY.rank


# ---------------------------------------------------------------- lead sentences

#: a lead sentence is this many characters (its closing 。 not counted)
LEAD_MIN_CHARS = 4
LEAD_MAX_CHARS = 40
#: the dashes a lead sentence may be set off by (——我们要……。, and --我们要……。 as one report types it)
LEAD_DASHES = ("——", "--", "－－")
#: a lead sentence set off by a dash, one of a run (——坚持……，就要……), is at most this long
DASH_LEAD_MAX_CHARS = 110
#: a lead sentence standing alone as its paragraph, with no comma, is at most this long
STANDALONE_LEAD_MAX_CHARS = 26
#: an item heading alone on its line with no sentence end (第一，进一步稳定和加强农业) is at most this long
STANDALONE_ITEM_MAX_CHARS = 40
#: a short sentence of a frame recurring inside a section's text (要干在……。) is at most this long
INNER_LEAD_MAX_CHARS = 25
#: words that make a short sentence body text, not a heading: it speaks in the first person,
#: points back or forward (这, 下面), addresses the audience, or opens like a paragraph of prose
NOT_LEAD = re.compile(r"(?<!自)我(?![国党省市区县])|这(?![个条一项把根篇场件道])|同志们|大家|谢谢|"
                      r"^(?:今天|下面|以下|总之|当前|目前|近年来|首先)")
#: a sentence set off by a dash is a lead whatever its words, but not a statement: one that points back
#: (——这段历史告诉我们，……) or opens in the first person without saying what is to be done (——我们高兴地
#: 看到…… / ——我们决定…… report; ——我们要…… / ——我们将…… / ——我们纪念……，就是要…… lead)
DASH_STATEMENT = re.compile(r"^(?:——|--|－－)(?:这|我们(?!.*(?:要|将|必须|应|愿|需)))")
#: a report's topic lead under a numbered heading says what is to be done, opening with a verb of the
#: genre's directives (加快发展服务业。/ 深化办学体制和教育管理体制改革。/ 要加快金融体制改革。/ 继续深化国有企业
#: 改革，使企业真正成为市场竞争的主体。): leads of that shape are parallel whatever their commas
DIRECTIVE_OPENING = re.compile(
    r"^(?:要|必须|还要)?(?:进一步|继续|加快|加强|加大|推进|推动|坚持|积极|大力|全面|深化|深入|促进|切实|认真|"
    r"做好|抓好|搞好|完善|健全|努力|保持|实施|实行|千方百计|抓紧|统筹|支持|鼓励|高度重视|重视|维护|着力|稳步|强化|"
    r"严格|严肃|坚决|依法|提高|扩大|巩固|规范|整顿|落实|狠抓|扎实|培育|构建|发挥|提升|转变|防止|及时|坚定不移|"
    r"注重|优化|增强|改善|调整|确保|逐步|不断|广泛|稳定|着眼|大幅度|毫不动摇|毫不松懈|持续|发展|改革|突出|打好|"
    r"激发|有效|稳妥|更好|办好|用好|管好|引导)")
#: a point that reads as a directive, so 一要/二要 may number it: a directive opening, or a frame that
#: says what to do with something (把新发展理念转化为实际行动, 以高质量党建引领…, 在…上下功夫, 让…, 从严…)
DIRECTIVE_POINT = re.compile(DIRECTIVE_OPENING.pattern + r"|^(?:把|以|在|让|使|用|向|从严)")
#: a directive lead is at most this long (its closing 。 not counted), with at most two commas
DIRECTIVE_LEAD_MAX_CHARS = 30
#: a result heading its paragraph in a run of them (国民经济持续快速增长，通货膨胀得到有效抑制。) is at most this long
RESULT_LEAD_MAX_CHARS = 22
#: longer results, up to this long, are two clauses of one comma that each say what happened (国民经济持续快速
#: 健康发展，综合国力进一步增强。 / 经济体制改革全面推进，社会主义市场经济体制初步建立。): neither clause opens with
#: a time, a preposition or a conjunction (今年财政收支平衡压力加大，但…… / 对城乡特殊困难群众，要……), says what is to be
#: done or gives figures (……资金2906亿元，比上年增长16.6%: data, not a heading)
RESULT_LEAD_LONG_MAX_CHARS = 30
NOT_RESULT_CLAUSE = re.compile(r"^(?:对(?![外话])|但|而|为|在|从|把|并|以|今年|去年|明年|应对)|要|将|必须|应该|需要|是|[0-9０-９%％]")
#: a figure (2906亿元 / 16.6% / 2倍 / ４６．８９％): digits that are no year, month or day (2009年 / 3月5日) nor part of a
#: name (G20). A sentence giving one reports a measure (中央财政安排社会保障资金2906亿元，比上年增长16.6%。 / 个人所得税
#: 起征点从2000元提高到3500元。): a heading is short, parallel and gives none, unless set off by a dash
FIGURE = re.compile(r"(?<![A-Za-z0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?(?![0-9０-９.．年月日])")
#: a sentence that announces what follows (要把握好以下几点。/ 主要做了如下工作。) introduces items, heads nothing
ANNOUNCES = re.compile(r"以下|如下|下列|几点|几个方面|几项")
#: a line that sums up the whole part before announcing a run (回顾“十一五”时期的政府工作，我们进一步加深了以下几个方面的
#: 认识和体会：): the run after it is the part's, not the last numbered heading's (see parser/build.py _run_after_last)
SUMS_UP = re.compile(r"回顾|总结|归结|体会|经验|启示|教训")
#: a count of the part's tasks announced before their run (……必须完成以下十项任务：): more of them than the numbered
#: headings before make the run the part's list, not the last heading's (see parser/build.py _run_after_last)
TASKS_COUNTED = re.compile(rf"({_CN}{{1,3}})(?:项|个)(?:主要|重点|基本)?(?:任务|工作)")
#: the review's acknowledgment of its problems, closing a part's last numbered heading (我们也清醒地看到，……仍然
#: 存在不少矛盾和问题，……。, a paragraph of that one sentence): the items opening the next paragraphs are the part's
#: problems, not the heading's points
PROBLEMS_SEEN = re.compile(r"^[^，。：]{0,8}(?:看到|认识到)，[^。：]*(?:矛盾|问题|不足|困难|差距)[^。：]*[。：]$")
#: a copula makes a short sentence a statement (加强水利建设是一项迫切任务。/ 2008年是极不平凡的一年。), not a
#: directive or result heading its text (特别是 / 就是 / 而是 / 或是 are not one)
COPULA = re.compile(r"(?<!特别)(?<!或)(?<!而)(?<!就)(?<!还)(?<!总)(?<!实事求)是(?!否)")
#: words that make a short sentence a statement of fact, feeling or wish rather than a heading (中墨两国有着悠久的
#: 交往历史。/ 墨西哥是个……的国家。/ 很高兴来到……。/ 中国愿同……): a speech's paragraphs opening with such sentences
#: are not its sections for being many
STATEMENT = re.compile(COPULA.pattern + r"|有着|具有|很高兴|高兴地|(?<!意)愿|希望|感谢|祝贺|欢迎")
