"""What grammatical shape a bank phrase has, so a draft prints it as a sentence that reads.

The miner keeps whatever recurs: whole sentences, but also 排比 series, 对仗 couplets and
clauses cut out of longer sentences (扑下身子、沉到一线、深入基层; 让主题教育深入人心、…;
是我们想问题、作决策、办事情的出发点和落脚点). Printed bare with a 。 such a piece is not a
sentence. Each phrase gets one shape, judged from how it starts and ends:

``sentence``   stands alone (ends in 。！？, or has its own subject: 我们要…, X是Y, 党的二十大报告指出…)
``directive``  a 要/必须 sentence without end mark (要强化理论武装): printed with 。, or when short
               joined with a verb phrase into one sentence (要强化理论武装，坚持读原著、学原文、悟原理。)
``verb``       a predicate without subject (坚持读原著、学原文、悟原理): only inside a frame (要……。)
``clause``     a 让/把/使 clause (让主题教育深入人心、打动人心、激励人心): only inside a frame (要……。)
``saying``     a short couplet that is a saying (空谈误国、实干兴邦): quoted (正所谓，“……”。)
``fragment``   needs words the bank does not have (是……的发展; 才能……; 面对……; 增长的稳定性、…;
               要把惠民生、暖民心、顺民意; 把…全部纳入。): never used

``local(text)`` tells which phrases are tied to one place or moment (八桂, “一号改革工程”,
figures, 2023年): they read oddly in someone else's speech, so bodies leave them out.
"""

from __future__ import annotations

import re

END_MARKS = "。！？!?"

#: a phrase starting like this cannot stand alone and no frame repairs it
FRAGMENT_STARTS = ("是", "就是", "才能", "而", "就必须", "也是", "既是", "并", "面对", "只要", "需要",
                   "离不开", "更大力度", "真正做到在", "这一切", "从而", "进而", "因此", "所以", "其中")
#: … and one opening, after its 要, on the word that joined it to what came before (要以及建立在
#: 这些制度基础上的…: mining cut it from its first half)
_JOINED_ON = re.compile(r"^(?:要|必须|还要|更要)?(?:以及|及其|并且|而且|或者|乃至|同时也)")
#: a phrase starting like this has its own subject or is a directive: a sentence once it has 。
SUBJECT_STARTS = ("我们", "各级", "广大", "全体", "全党", "党员", "领导干部", "习近平", "总书记", "党的",
                  "党中央", "这", "我", "当前", "今年", "近年来", "新时代", "实践")
DIRECTIVE_STARTS = ("要", "必须", "务必", "一定要", "还要", "更要")
CLAUSE_STARTS = ("让", "使", "把", "将")
#: verbs and adverbs a subjectless predicate starts with, in speeches of this kind
VERB_STARTS = (
    "坚持", "坚定", "坚决", "坚守", "做到", "做好", "进行", "进一步", "激励", "带头", "自觉", "推动", "推进",
    "完善", "健全", "强化", "加强", "增强", "利用", "扑下", "着力", "不断", "及时", "全力", "实施", "敢于",
    "善于", "勇于", "熟练", "准确", "扛起", "严把", "严守", "始终", "紧密", "紧紧", "紧盯", "凝心聚力", "努力",
    "真正", "认真", "一体推进", "构建", "促进", "永葆", "解决好", "匡正", "重实效", "领任务", "切实", "深入",
    "深刻", "全面", "积极", "大力", "持续", "加快", "提高", "提升", "树立", "弘扬", "发扬", "保持", "牢固",
    "落实", "抓好", "抓住", "优化", "聚焦", "围绕", "立足", "锚定", "统筹", "看清", "正确", "及早", "主动",
    "把脉", "从", "以", "在", "进", "建立", "建设", "打造", "筑牢", "守牢", "扎实", "用好", "答好", "下好",
    "练好", "担起", "挑起", "争当", "争做", "带动", "引导", "教育", "团结", "依靠", "尊重", "维护", "保障",
    "改善", "增进", "回应", "服务", "防范", "化解", "破解", "打通", "疏通", "破除", "消除", "杜绝", "反对",
)

_LOCAL = re.compile(
    r"[0-9０-９.]+\s*(?:[%％年月日个所岁万亿元家项条座公里平方米名人次倍]|多)|\{数字\}|第[一二三四五六七八九十]+次|[一二三四五六七八九十]+届|"
    r"八桂|广西|浙江|江苏|广东|福建|长三角|京津冀|粤港澳|长江经济带|一带一路|地瓜经济|千万工程|"
    r"我区|我市|我省|我县|本市|强市|"
    r"“[^”]{1,12}(?:工程|品牌|名片|行动|计划)”|"
    r"\{地名\}(?:代表团|建设|力量)|健康\{地名\}|幸福\{地名\}|之城|省会城市")

#: a couplet or series that is a saying, not an action: 空谈误国、实干兴邦
_SAYING = re.compile(r"^[\u4e00-\u9fff]{3,7}[、，][\u4e00-\u9fff]{3,7}$")


def shape(text: str, category: str = "") -> str:
    """The shape of a bank phrase: sentence, directive, verb, clause, saying or fragment."""
    text = text.strip()
    if not text:
        return "fragment"
    if text.startswith(FRAGMENT_STARTS) or _JOINED_ON.match(text) or dangling(text):
        return "fragment"
    if text[-1] in END_MARKS or text.endswith(("。”", "！”", "？”")):
        return "sentence"
    if _cut_series(re.sub(r"^(?:要|必须|务必|应当)", "", text)) or _headless_stage(text):
        return "fragment"
    if text.startswith(DIRECTIVE_STARTS):
        return "directive"
    if text.startswith(SUBJECT_STARTS):
        return "sentence" if _has_predicate(text) else "fragment"
    if text.startswith(CLAUSE_STARTS) and not text.startswith("把脉"):
        return "clause"
    if category in ("金句", "对仗") and _SAYING.match(text) and not text.startswith(VERB_STARTS):
        return "saying"
    if _subject_directive(text):
        return "sentence"
    if text.startswith(VERB_STARTS):
        if text.startswith("以") and all("的" in item for item in re.split("[、，]", text)):
            return "fragment"  # 以燕子垒窝的恒劲、…: a manner with no verb to carry it
        return "verb"
    if _subject_predicate(text):
        return "sentence"
    return "fragment"


#: what a verb needs after it in a series that mining cut before its head noun:
#: 发挥法治固根本、稳预期、利长远（的保障作用）, 形成党委领导、政府负责、…法治保障（的…体制）
_NEEDS_HEAD = re.compile(r"^(?:要|必须|更好|加快|进一步|不断|充分|切实)*(?:发挥|形成|构建|建立|健全|完善|打造|建设|增强)")
_HEAD_WORDS = ("作用", "优势", "功能", "效能", "格局", "体系", "机制", "体制", "制度", "能力", "水平", "局面",
               "环境", "氛围", "合力", "队伍", "政府", "国家", "社会", "强国")


def _cut_series(text: str) -> bool:
    """A verb, then a series of three or more items with no head noun after the last: the line was
    cut at 的 by mining and does not stand as a sentence."""
    last = re.split("[，；]", text)[-1]
    if last.count("、") < 2 or re.search(r"[和与及]|等", last.split("、")[-1]):
        return False
    if re.search(r"[^，、]{2,}(?:要|是|在)", text.split("、")[0][2:]):
        return False  # 构建新发展格局要在形态上成型、…: a subject and its predicate, whole
    return bool(_NEEDS_HEAD.match(text)) and not last.endswith(_HEAD_WORDS)


#: verbs whose object is a stage or a road (处在…的攻关期, 走…的新型城镇化道路), never an action
#: nor a list of qualities, and what that object ends in
_HEADED_VERB = re.compile(r"处在|处于|进入|迈入|步入|迈进|走(?!向|进|出|访|在)")
_HEAD_NOUNS = ("期", "阶段", "关口", "节点", "时刻", "时代", "状态", "局面", "轨道", "之中", "新征程",
               "道路", "路子", "之路", "老路", "邪路")


def _headless_stage(text: str) -> bool:
    """A series mining cut from 我国经济正处在转变发展方式、优化经济结构、转换增长动力（的攻关期）
    or from 坚持走以人为本、四化同步、…、传承文化（的新型城镇化道路）: the verb with a series and no
    head noun after the last item reads as a finished line but is not one (the 排比 kept the
    subject and the verb, and lost the noun the series qualifies)."""
    last = re.split("[，；]", text.rstrip("。！？"))[-1]
    if "、" not in last:
        return False
    first = last.split("、")[0]
    ends = [m.end() for m in _HEADED_VERB.finditer(first)]
    return bool(ends) and len(first) - ends[-1] >= 2 and not last.endswith(_HEAD_NOUNS)


#: 把 as the marker of a disposed object (把X纳入…), not the verb 把 (把握, 把好关, 把方向, 严把)
_BA = r"(?<!严)把(?!握|好|牢|脉|关|准|控|守|方向|舵|住|稳|持|手)"
#: verbs that take the object of 把 somewhere (纳入…, 放在…, 转化为…): with nothing after them
#: the line stops before its destination (把基层医院…全部纳入。); 担当作为 is a noun, not 作为…
_BA_DESTINATION = re.compile(
    _BA + r"[^，；：]*?(?<!担当)(?<!积极)(?<!有所)(?<!敢于)(?<!善于)(?<![有不乱慢善敢])"
    r"(?:纳入|融入|融入到|列入|列为|放在|摆在|转化为|落实到|落到|贯穿|贯穿到|体现到|作为|当作|当成|变为|变成|建成)$")
#: 把 and a series of short items and no verb after them: 要把惠民生、暖民心、顺民意 (cut before
#: its verb, 作为…的出发点): the object of 把 with nothing done to it
_BA_SERIES = re.compile(_BA + r"(?:[^，；：、]{1,5}、)+[^，；：、]{1,5}$")


#: a series of 的 items whose last item has lost its 的 (党的领导是全面的、系统的、整体: mining cut the
#: line at the last 的, so the series stops in the middle of its last word)
_CUT_DE_SERIES = re.compile(r"的、(?:[^，；：、]{1,6}的、)+[^，；：、的]{1,6}$")


def dangling(text: str) -> bool:
    """A line that stops inside a 把 construction: its last clause is 把 and a series with no
    verb, or its one clause ends on the verb that should take the object somewhere (纳入, 放在);
    or a series of 的 items stops before its last 的."""
    clauses = re.split("[，；：]", text.strip().rstrip("。！？!?”"))
    last = clauses[-1]
    return (bool(_BA_SERIES.search(last)) or bool(_CUT_DE_SERIES.search(last))
            or (len(clauses) == 1 and bool(_BA_DESTINATION.search(last))))


def _has_predicate(text: str) -> bool:
    return any(w in text for w in ("要", "是", "指出", "强调", "必须", "将", "能", "在", "把", "有"))


def _subject_predicate(text: str) -> bool:
    """X是Y / X要Y with a noun subject: 能力是基础，实干是关键; 构建新发展格局要在形态上成型."""
    first = re.split("[，、]", text)[0]
    return bool(re.search(r"^[\u4e00-\u9fff“”]{2,}?(?:是|要)", first)) and "的" not in first[:2]


def _subject_directive(text: str) -> bool:
    """构建新发展格局要在形态上成型: a subject, then 要, in the first clause."""
    first = re.split("[，、]", text)[0]
    i = first.find("要")
    return i >= 4 and first[i - 1] not in "需重主纲提"


def local(text: str) -> bool:
    """True for a phrase tied to one place, project, event or figure of its source speech."""
    return bool(_LOCAL.search(text))
