"""Phrases out of one speech: each sentence, clause and series put in the category its shape says.

Categories come from the structure of the language, never from a list of known phrases:

* position: sentences of the opening that announce the talk are 开篇, those of the closing 结尾;
* sentence frames: a leader and a verb of saying (总书记…指出/强调) make 引语, a leading
  connective (同时 / 因此 / 这一重要论述) 过渡, a leading 要/必须 要求, a shortfall (还不够,
  有待提高, 仍有短板: drafter/roles.py) 查摆, a copula or a situation opener (…是… / 当前)
  论述, a short sentence of two echoing halves 金句;
* shapes below the sentence: three or more parallel members (、 or ，) are 排比, two 对仗,
  and a quoted pair (“功成不必在我、功成必定有我”) 金句.

Every phrase is a whole sentence, clause, series or quoted span, cut at punctuation.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drafter.mining.core import LEAD_FIRST, head_cut, series_core, strip_lead
from drafter.mining.parallel import is_clause_series, is_pair, is_series
from drafter.mining.sentences import body_clauses, clauses, han_len, items, quoted, sentences, strip_end
from drafter.mining.setphrases import sentence_candidates
from drafter.roles import MEASURE_START, fixed_tie, is_shortfall

#: a leader or a document that is quoted, then a verb of saying within a few characters
LEADER = re.compile(r"习近平总书记|习近平同志|总书记|党的二十大报告|党的[^，。“”]{2,10}?报告")
SPEAK = re.compile(r"(?:在[^，。“”]{1,40}?[时上中])?[^，。“”：]{0,6}?"
                   r"(?:指出|强调|要求|提出|阐明|宣示|说|讲)(?:[，：]|(?=“))")
OPENING_MOVE = re.compile(r"我[^，。“”]{0,8}?(?:谈|讲|汇报|交流|分享|发言)|(?:^|，)(?:借此机会|下面|今天|这次|本次)|^(?:根据|按照)[^，。]{0,6}安排")
TRANSITION = re.compile(
    r"^(?:同时|此外|另外|与此同时|因此|为此|所以|总之|总而言之|综上所述|由此可见|可以说|换言之|"
    r"进一步而言|进一步说|然而|当然|但是|对此|基于此|在此基础上|这就要求|这就需要|这一重要论述|"
    r"这些重要论述|这一论述|首先|其次|再次|最后|一方面|另一方面|实践证明|实践充分证明|实践反复证明|"
    r"事实证明|历史和现实都表明|要看到|要清醒看到|必须看到)")
DIRECTIVE = re.compile(r"^(?:我们|各级[^，。]{0,8}?|广大[^，。]{0,8}?|全体[^，。]{0,6}?|党员干部|"
                       r"领导干部|各地各部门)?(?:都|还|更|也|就)?(?:必须|务必|一定要|要(?![求素是])|应当)")
STATEMENT = re.compile(r"^[^，。；：“”]{2,24}?(?<![就也还都正只便即于总若不要])是(?!否)|"
                       r"^[^，。；：“”]{2,24}，(?:是|关键在|根本在|核心在|重点在)|"
                       r"^(?:当前|当今|目前|现阶段|近年来|新时代新征程上|从[^，。]{1,8}看)")

#: the speaker talking of himself (a statement of 我们党 / 我国 is not)
FIRST_PERSON = re.compile("我(?!们党|国|党)")

#: a whole sentence stating a measure is at least this long (加强审计监督 says too little alone)
MEASURE_MIN = 9

#: what each sentence category does as an opening move (for skeletons)
MOVE_OF = {"引语": "引述讲话精神", "论述": "阐明意义形势", "开篇": "引出发言主题", "要求": "提出总体要求",
           "金句": "金句点题", "过渡": "承上启下"}


class Piece(NamedTuple):
    """A stretch of one paragraph with its place in the speech (opening, heading, body, closing).

    A tuple: one is made per paragraph of the corpus, and a frozen dataclass costs twice as much.
    """

    para: int
    role: str
    text: str
    last: bool = False


class Found(NamedTuple):
    """One phrase found (a tuple: made once per phrase on the hot path, so kept cheap)."""

    category: str
    text: str
    para: int
    #: a category given to a whole sentence by its frame (not a shape found inside it)
    whole: bool = False


def sentence_category(sentence: str, role: str) -> tuple[str, str] | None:
    """The category of a whole sentence by its frame, and the phrase text it yields."""
    body = strip_end(sentence)
    return _category(sentence, body, han_len(body), role)


def _category(sentence: str, body: str, h: int, role: str) -> tuple[str, str] | None:
    if h < 4:
        return None
    if role == "opening" and h <= 120 and OPENING_MOVE.search(body):
        return "开篇", sentence
    quote = _leader_quote(sentence)
    if quote:
        return "引语", quote
    if TRANSITION.match(body) and h <= 60:
        return "过渡", sentence
    if DIRECTIVE.match(body):
        return _directive(sentence, body, h)
    if _aphorism(body, h):
        return "金句", sentence
    if role == "body" and 8 <= h <= 90 and is_shortfall(body):
        return "查摆", sentence
    if 8 <= h <= 90 and FIRST_PERSON.search(body) is None and STATEMENT.match(body):
        return "论述", sentence
    if role == "body" and MEASURE_MIN <= h <= 90 and MEASURE_START.match(body) and "了" not in body \
            and FIRST_PERSON.search(body) is None:
        return "举措", sentence
    return None


def _leader_quote(sentence: str) -> str | None:
    # every LEADER match holds one of these: a cheap test first, as most sentences quote no one
    if "总书记" not in sentence and "党的" not in sentence and "习近平同志" not in sentence:
        return None
    for m in LEADER.finditer(sentence):
        head = sentence[:m.start()]
        if head.count("“") != head.count("”"):
            continue
        said = SPEAK.match(sentence, m.end())
        if said and han_len(sentence[said.end():]) >= 8 and han_len(sentence[m.start():]) <= 220:
            return sentence[m.start():]
    return None


def _directive(sentence: str, body: str, h: int) -> tuple[str, str] | None:
    if h <= 100:
        return "要求", sentence
    first = clauses(sentence)[0][0]
    if 5 <= han_len(first) <= 40:
        return "要求", first
    return None


_APHORISM_CUT = re.compile("[，、；]")
_QUOTE_CUT = re.compile("[、，]")


def is_aphorism(body: str) -> bool:
    """A short sentence of two echoing halves, or of couplets only, or a terse judgement."""
    return _aphorism(body, han_len(body))


#: a short sentence of judgement: 只有…才… / 没有…就没有… / 不是…而是… / X不X，… / …，关键在于…
JUDGEMENT = re.compile(r"^只有[^，]+，[^，]*[才方]|^没有[^，]+，[^，]*就没有|不是[^，]+，而是|"
                       r"^[^，]*没有[^，]+，只有|^[^，]*只有[^，]+，没有|^[^，]*(.)不\1[^，]*，|"
                       r"，[^，]{0,6}(?:就是|才是|关键在于?|贵在|重在|在于)")
#: a one-clause judgement besides …是…: …在于… / …贵在…
TERSE = re.compile(r"^[^这那我要它其].+(?:是|在于|贵在|重在)")


def _aphorism(body: str, h: int) -> bool:
    if h < 5 or h > 24 or "{" in body or "“" in body:
        return False
    parts = _APHORISM_CUT.split(body)
    if h > 16:
        return len(parts) == 2 and "我" not in body and JUDGEMENT.search(body) is not None
    if len(parts) == 2:
        return is_pair(parts[0], parts[1]) or ("我" not in body and JUDGEMENT.search(body) is not None)
    if len(parts) == 4:
        return all(len(p) == 4 for p in parts) and is_pair(parts[0], parts[1]) and is_pair(parts[2], parts[3])
    return len(parts) == 1 and h <= 12 and TERSE.match(body) is not None


def shapes(sentence: str) -> list[tuple[str, str]]:
    """排比, 对仗 and quoted 金句 below the sentence: ``[(category, text)]``."""
    return _shapes(sentence, strip_end(sentence))


def _shapes(sentence: str, body: str, parts: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    # _clause_runs may cut a lead-in off a clause of ``parts`` in place
    if parts is None:
        parts = body_clauses(body)
    out: list[tuple[str, str]] = []
    if "、" in sentence:
        for clause, _ in parts:
            if "、" not in clause:
                continue
            members = items(clause)
            # han_len never exceeds len: measure the Han length only of a long clause
            if len(members) >= 3 and (len(clause) <= 80 or han_len(clause) <= 80) and is_series(members):
                out.append(("排比", "、".join(series_core(members))))
            elif len(members) == 2 and is_pair(members[0], members[1], lead_in=4) and clause != body:
                out.append(("对仗", "、".join(series_core(members))))
    if len(parts) > 1:
        _clause_runs(parts, body, out)
    if "“" in sentence or "‘" in sentence:
        for q in quoted(sentence):
            _quoted_shape(q, out)
    return out


def _clause_runs(parts: list[tuple[str, str]], body: str, out: list[tuple[str, str]]) -> None:
    """Append the 排比 runs and 对仗 pairs of whole clauses to ``out``."""
    if len(parts) == 2:
        # two clauses can only be a pair: ，-joined halves of one length once a lead-in is cut
        (a, sep), (b, _) = parts
        if sep != "，" or len(a) < len(b) or (len(a) > len(b) and a[0] not in LEAD_FIRST):
            return
    texts = [c for c, _ in parts]
    lens = list(map(len, texts))
    n, i = len(texts), 0
    while i < n - 1:
        t = texts[i]
        if lens[i] > 5 and (t[0] in LEAD_FIRST or (i + 2 < n and texts[i + 1][:1] == texts[i + 2][:1] != t[:1])):
            _cut_lead(texts, lens, parts, i)
        j = i + 3
        if j <= n and _candidate(texts, lens, i) and _joinable(parts, i, j) and is_clause_series(texts[i:j]):
            while j < n and _similar(lens[i:j + 1]) and _joinable(parts, i, j + 1) \
                    and is_clause_series(texts[i:j + 1]):
                j += 1
            run = _join(parts, i, j)
            if han_len(run) <= 150:
                out.append(("排比", run))
            i = j
            continue
        if lens[i] == lens[i + 1] and parts[i][1] == "，" and "、" not in texts[i] + texts[i + 1] \
                and is_pair(texts[i], texts[i + 1], framed=lens[i] != 4):
            pair = _join(parts, i, i + 2)
            if pair != body:
                out.append(("对仗", pair))
            i += 2
            continue
        i += 1


def _cut_lead(texts: list[str], lens: list[int], parts: list[tuple[str, str]], i: int) -> None:
    """Let clause ``i`` start a run or pair without its lead-in (我们要… / 班子成员带头…).

    Done in place when the scan reaches ``i``: from then on clause ``i`` can only be the
    first of a run, never a later member, so the cut never shows inside a run.
    """
    t = texts[i]
    frame = i + 2 < len(texts) and texts[i + 1][:1] == texts[i + 2][:1] != t[:1]
    cut = strip_lead(t)
    if frame:
        cut = head_cut(cut, texts[i + 1:i + 3])
    if cut != t:
        texts[i], lens[i], parts[i] = cut, len(cut), (cut, parts[i][1])


def _candidate(texts: list[str], lens: list[int], i: int) -> bool:
    """Cheap first test of three clauses from ``i``: similar lengths, and a shared edge or one length."""
    a, b, c = lens[i], lens[i + 1], lens[i + 2]
    # plain comparisons, not min()/max(): this runs for nearly every clause of the corpus
    low = a if a < b else b
    if c < low:
        low = c
    if low < 4:
        return False
    high = a if a > b else b
    if c > high:
        high = c
    if high > 40 or high > 2 * low:
        return False
    if low == high:
        return True
    x, y, z = texts[i], texts[i + 1], texts[i + 2]
    return (x[0] == y[0] == z[0] or x[1] == y[1] == z[1] or x[-1] == y[-1] == z[-1]
            or x[-2] == y[-2] == z[-2])


def _similar(lengths: list[int]) -> bool:
    """Clause lengths of the same order (a run stops growing where they are not)."""
    low, high = min(lengths), max(lengths)
    return low >= 4 and high <= 40 and high <= 2 * low


def _joinable(parts: list[tuple[str, str]], i: int, j: int) -> bool:
    for k in range(i, j - 1):  # a plain loop: all() over a generator costs more for two or three
        if parts[k][1] not in "，；":
            return False
    return True


def _join(parts: list[tuple[str, str]], i: int, j: int) -> str:
    return "".join(c + sep for c, sep in parts[i:j - 1]) + parts[j - 1][0]


def _quoted_shape(q: str, out: list[tuple[str, str]]) -> None:
    if any(ch in q for ch in "。！？“‘"):
        return
    members = _QUOTE_CUT.split(q)
    if len(members) == 2 and len(members[1]) <= 8 and is_pair(members[0], members[1]):
        out.append(("金句", q))
    elif len(members) >= 3 and "，" not in q and is_series(members):
        out.append(("排比", q))


def find_phrases(pieces: list[Piece], sets: list[tuple[str, str, int]] | None = None) -> list[Found]:
    """Every phrase of a speech's pieces, in document order (duplicates included).

    With ``sets``, the set-phrase candidates of every sentence (:mod:`drafter.mining.setphrases`)
    are appended to it as ``(candidate, sentence, para)``: whether one is a phrase only a whole
    corpus tells.
    Built as one list (not a chain of generators): this runs for every sentence of the corpus.
    """
    out: list[Found] = []
    for piece in pieces:
        if piece.role == "title":
            continue
        if piece.role == "heading":
            # an inline item (一是…，…，…) is parsed as a heading but reads as body text
            if piece.text.count("，") >= 2:
                body = strip_end(piece.text)
                parts = body_clauses(body)
                if sets is not None:
                    sentence_candidates(parts, body, piece.para, sets)
                out.extend(Found(c, t, piece.para) for c, t in _shapes(piece.text, body, parts) if han_len(t) >= 4)
            continue
        if piece.role == "closing" and piece.last and han_len(piece.text) <= 40:
            out.append(Found("结尾", piece.text, piece.para))
            continue
        for sentence in sentences(piece.text):
            _sentence_phrases(sentence, piece, out, sets)
    return out


def _sentence_phrases(sentence: str, piece: Piece, out: list[Found], sets: list[tuple[str, str, int]] | None = None) -> None:
    sentence = sentence.strip()
    if not sentence:
        return
    para = piece.para
    body = strip_end(sentence)
    h = han_len(body)  # the same as the sentence's: 。！？ are not Han
    parts = body_clauses(body)
    if sets is not None:
        sentence_candidates(parts, body, para, sets)
    found = None
    if piece.role == "closing" and h <= 60:
        aphorism = _aphorism(body, h)
        out.append(Found("金句" if aphorism else "结尾", sentence, para))
    else:
        found = _category(sentence, body, h, piece.role)
        if found:
            out.append(Found(found[0], found[1], para, True))
    if piece.role == "body" and len(parts) > 1 and h > SPAN_MIN and not _split_when_drafted(found, sentence, parts):
        taken = found[1] if found else sentence
        for category, text in units_of(parts):
            if text != sentence and text[:-1] != taken:
                out.append(Found(category, text, para))
    for category, text in _shapes(sentence, body, parts):
        text = text.strip()
        if len(text) >= 12 or han_len(text) >= 4:
            out.append(Found(category, text, para))


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


def _opens(clause: str, first: bool) -> str | None:
    """The category of a unit a clause opens, "" when it leads into the next one, None when
    it continues the one before."""
    if clause.startswith(PURPOSE) or _LEANS.match(clause):
        return None
    if DIRECTIVE.match(clause) or _SUBJECT_DIRECTIVE.match(clause):
        return "要求"
    if MEASURE_START.match(clause) or _BA.match(clause):
        return "举措"
    if _LEADS_IN.match(clause):
        return ""
    if first and STATEMENT.match(clause):
        return "论述"
    return ""


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


def opening_moves(found: list[Found], pieces: list[Piece]) -> list[tuple[str, str, str]]:
    """The moves of a speech's opening as ``(move, category, text)``, in order, repeats folded."""
    opening = {p.para for p in pieces if p.role == "opening"}
    moves: list[tuple[str, str, str]] = []
    for f in found:
        move = MOVE_OF.get(f.category) if f.whole and f.para in opening else None
        if move and (not moves or moves[-1][0] != move):
            moves.append((move, f.category, f.text))
    return moves
