"""The category a whole sentence takes by its frame (mining/extract.py finds the sentences).

* position: sentences of the opening that announce the talk are 开篇 (those of the closing
  结尾 are told by the caller);
* a leader and a verb of saying (总书记…指出/强调) make 引语, a leading connective (同时 /
  因此 / 这一重要论述) 过渡, a leading 要/必须 要求, a shortfall (还不够, 有待提高, 仍有短板:
  drafter/roles.py) 查摆, a copula or a situation opener (…是… / 当前) 论述, a sentence that
  opens on the verb of a measure 举措, a short sentence of two echoing halves or a terse
  judgement 金句.
"""

from __future__ import annotations

import re

from drafter.mining.parallel import is_pair
from drafter.mining.sentences import clauses, han_len, strip_end
from drafter.roles import MEASURE_START, is_shortfall

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
