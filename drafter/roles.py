"""What a sentence does in a speech, whose voice it is, and what it is tied to.

One definition of this genre knowledge, used by mining (to record it on each phrase) and by
drafting (to plan sections and to keep lines out of speeches they do not fit):

* ``role(text, category)``: the rhetorical move of a line — 论述 (significance, situation),
  引语 (a quoted statement), 要求 (a directive: 要…/必须…), 举措 (a measure: 推动…/健全…),
  查摆 (a shortfall, self-criticism), 表态 (a commitment), 金句, 过渡, 开篇, 结尾.
* ``line_level(text)``: the level of government a line speaks as (全区上下要… is a 区 voice,
  各级政府要… the State Council's), or None when anyone may say it.
* ``speaker_level(title, speaker, vars)``: the level the outline's speaker speaks at.
* ``ties(text)``: what ties a line to its source — a year, a figure, a meeting, a dated
  campaign, a named place — so it can be kept out of a new speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from drafter.yamlfile import safe_load

ROLES = ("论述", "引语", "要求", "举措", "查摆", "表态", "金句", "过渡", "开篇", "结尾")

#: speaker levels, highest first; 单位 = an office, bureau or committee; 支部 = a party branch
LEVELS = ("国家", "省", "市", "县区", "乡镇", "单位", "支部")

_QUOTE = re.compile(r"(总书记|习近平|毛泽东|邓小平|列宁|马克思|恩格斯|古人|正如)[^。]{0,30}(指出|强调|说|要求|讲|告诫|提出)[^。]{0,4}[：:，,]?\s*[“「]")
_SHORTFALL = re.compile(
    r"差距和不足|存在的差距|存在的不足|存在的问题|还存在|仍存在|依然存在|还不够|不够深|不够实|不够强|"
    r"不够到位|有待提高|有待加强|有待提升|还有不少|不同程度|有的同志|有的党员|个别党员|个别干部|"
    r"仍有不少短板|还有不少短板|仍有短板|存在短板|还不强|不强|还不稳固|尚不牢固|仍然突出|依然突出|较为突出|"
    r"仍需加强|亟待|仍有薄弱环节|明显薄弱环节|薄弱环节不容忽视|存在不足|不适应|不到位|不平衡不充分|"
    r"一些党员干部|对照检查|查摆|本领恐慌|重视不够|没有完全|落实不到位|不适应|打折扣|搞变通|做选择")
_COMMITMENT = re.compile(
    r"^(下一步|今后|在今后的工作中|在下一步工作中|下步)|我将|我们将|我一定|我们一定|我会|我要带头|"
    r"以身作则|带头|主动担当|恪尽职守|决不辜负|坚决扛起|当好|努力交出|不负")
_DIRECTIVE = re.compile(r"^([^，。]{0,12}?)(要|必须|务必|应当|一定要|需要|要求|都要|更要|还要|既要|始终要)")
_MEASURE_VERBS = ("推动", "推进", "加强", "加快", "加大", "深化", "实施", "完善", "健全", "强化", "落实",
                  "开展", "建立", "深入", "扎实", "持续", "全面", "坚决", "大力", "积极", "着力", "扩大",
                  "提高", "提升", "优化", "严格", "统筹", "促进", "支持", "鼓励", "引导", "培育", "构建",
                  "打造", "发展", "巩固", "保障", "改善", "创新", "增强", "稳步", "切实", "坚持", "做好",
                  "抓好", "牢牢", "始终", "不断", "把", "以", "让", "用",
                  # the verbs and manners the national reports open their measures on
                  "继续", "保持", "建设", "制定", "维护", "发挥", "依法", "更好", "有效", "坚定", "出台",
                  "实行", "充分", "降低", "拓展", "保护", "注重", "自觉", "认真", "办好", "弘扬", "有序",
                  "规范", "综合", "及时", "大幅", "营造", "清理", "贯彻", "多渠道", "抓紧", "逐步", "采取",
                  "合理", "严厉", "设立", "推广", "围绕", "倡导", "取消", "防范", "化解", "探索", "推行",
                  "推出", "突出", "严肃", "激发", "用好", "广泛", "解决", "稳妥", "繁荣", "全力", "分类",
                  "拓宽", "适当", "防止", "运用", "优先", "壮大", "主动", "严控", "减轻", "改造", "改进",
                  "把握", "扶持", "适度", "妥善", "着眼", "持之以恒", "聚焦", "协同", "集中", "盘活",
                  "全方位", "守住", "守牢", "紧紧", "夯实", "激励", "放宽", "控制", "立足", "尊重", "筑牢",
                  "织密", "压实", "压紧", "畅通", "提供", "整治", "治理", "严格", "严防", "严惩", "打击",
                  "深挖", "抓实", "落细", "用心", "精准", "分级", "加紧", "因地制宜", "一体推进", "扎实推进", "严守",
                  "守护", "兜牢", "兜住", "织牢", "补齐", "补强", "延伸", "打通", "疏通", "破解", "引领")
#: a sentence that opens on one of these verbs and has no subject states a measure (举措)
MEASURE_START = re.compile("^(?:" + "|".join(sorted({v for v in _MEASURE_VERBS if len(v) > 1},
                                                   key=lambda v: (-len(v), v))) + ")")
_OPENING = re.compile(r"^(今天|根据|按照|这次|本次|刚才|近期|近段时间|近一段时间|借此机会|下面)")
_CLOSING = re.compile(r"^(同志们|让我们|总之|最后|发言完毕|以上)|谢谢大家|批评指正")
_TRANSITION = re.compile(r"^(下面|以下|具体来讲|具体来说|为此|对此)|(谈|讲)(几|[两三四五])点")


def is_shortfall(text: str) -> bool:
    """Does the sentence take stock of a shortfall (还存在…, 不够…, 仍有短板)? Not when it
    directs or sets out to mend one (要着力解决…不平衡不充分问题, 补齐…短板)."""
    core = text.strip()
    return bool(_SHORTFALL.search(core)) and not _DIRECTIVE.match(core) \
        and not MEASURE_START.match(core) and not core.startswith(("补齐", "解决", "着力", "针对", "继续", "采取", "进一步", "重点"))


def role(text: str, category: str = "") -> str:
    """The rhetorical role of one sentence (``category`` is its bank category, if any)."""
    core = text.strip()
    if category in ("开篇", "结尾", "过渡"):
        return category
    if _QUOTE.search(core) or (core.startswith("“") and core.rstrip("。").endswith("”")):
        return "引语"
    if category == "查摆" or is_shortfall(core):
        return "查摆"
    if _COMMITMENT.search(core):
        return "表态"
    if _DIRECTIVE.match(core):
        return "要求"
    if (MEASURE_START.match(core) or core.startswith(("把", "以", "让", "用"))) and "是" not in core \
            and not re.search(r"关键在于|根本在于|核心在于|重点在于|在于", core):
        return "举措"
    if category in ("金句", "对仗") and len(core) <= 40:
        return "金句"
    return "论述"


# -- levels ------------------------------------------------------------------------------

_LINE_LEVEL = (
    ("国家", re.compile(r"各级政府|各地区各部门|各地各部门|国务院|本届政府|政府工作报告|全国人民代表大会|"
                      r"全国各族人民|各位代表|全党全军|全党同志|全党全国|(?:推动|引导|动员|号召|带领)全党|全党(?:上下)?(?:要|必须|务必)|军队|国防|练兵|备战|强军|军事|外交|"
                      r"货币政策|财政政策|赤字|国债|专项债|中央预算|中央财政|中央企业|汇率|关税|"
                      r"自由贸易试验区|自贸试验区|一国两制|祖国统一|基本法|特别行政区|地方政府|"
                      r"国际社会|世界各国|各国人民|全球治理|多边|联合国|全国|各地|各省|省级|省份|人大代表|"
                      r"一府两院|人大及其常委会|政府工作(还)?存在|党和国家事业取得|国家级|国家战略|国家实验室|转移支付|最低收购价|体制改革|中央和地方|"
                      r"中西部|东中西|试点省|区域协调发展|统一大市场|跨省|城市群|我国.{0,6}(国际|全球)|"
                      r"世界经济|社会主义初级阶段|基本国情|历史正确的一边|人类文明进步|人类命运共同体|作战|战略威慑|"
                      r"推动全党|全党要|全党必须|引导全党|全党全社会|由国家统一|世界一流大学|一流学科|双一流|"
                      r"(补助|补贴|救助|抚恤|养老金|基础养老金)(最低)?标准|国家区域应急|国家应急|国家储备|"
                      # laws, regulations and the 若干意见 the State Council issues, its words to 地方和企业
                      r"地方和(?:企业|部门)|(?:出台|制定|颁布|修订|修改)(?:实施|了)?[^，。；]{0,40}(?:条例|若干意见|法律|法规|办法)|已经制定|"
                      r"(?:出台|制定)(?:实施)?[^，。；]{0,20}纲要|作出决定和决议|^(?:中国|我国)(?:要|将|必须)|全党(?:上下|同志)?都要|"
                      # the levers only the State Council and the central bank hold: prices, money,
                      # taxes, the budget's rules, residence, the national programmes of science
                      r"物价总水平|物价水平|稳物价|控物价|稳定物价|居民消费价格|利率|汇率|人民币|准备金|货币政策|"
                      r"资本项目|外汇|注册制|国际收支|宏观政策|宏观经济(?:治理|政策|大盘|稳定)|宏观调控|逆周期|跨周期|"
                      r"特别国债|超长期|赤字|负债率|国内生产总值|所得税|增值税|消费税|契税|退税|起征点|专项附加扣除|税制|"
                      r"事权和支出责任|财政事权|户籍限制|落户限制|举国体制|高级干部|国家科研机构|国家战略科技力量|"
                      r"世界重要人才中心|外资准入|外资股比|国民待遇|外商投资首选地|稳外贸稳外资|千亿斤|重点帮扶县|"
                      r"主产区(?:利益补偿|积极性)|对主产区|休假制度|涉外法治|涉外(?:领域)?立法|国内法治|反垄断执法|"
                      r"政府定价|中央调剂|国家重大科技项目|国际产能合作|第三方市场合作|国家粮食安全产业带|"
                      r"(?:出台|制定)(?:实施)?[^，。；]{0,12}强国建设|海洋权益|蓝色经济|^从国(?:内|际|内外)看|"
                      r"国家科技(?:重大专项|创新决策)|微观政策|结构政策|国民经济循环|国有经济布局|"
                      r"(?:国际通行|高标准国际)经贸规则|欠发达地区|金融单位|国内市场巨大|超大规模市场")),
    ("省", re.compile(r"全省|我省|省委|省政府|本省|经济大省")),
    ("市", re.compile(r"全市|我市|市委|市政府|本市")),
    ("县区", re.compile(r"全区|我区|区委|区政府|全县|我县|县委|县政府|本区|本县")),
    ("乡镇", re.compile(r"全镇|我镇|镇党委|全乡|我乡|乡党委")),
    ("支部", re.compile(r"我们支部|本支部|支部全体|党小组")),
)


def line_level(text: str) -> str | None:
    """The level a line speaks as (全区上下 → 县区), or None when it speaks for no one level."""
    for level, pattern in _LINE_LEVEL:
        if pattern.search(text):
            return level
    return None


#: the words of a government reporting on its own work or on the country (政府工作存在不足, 从国内看,
#: 民生领域还有不少短板, 不平衡不充分, 经济社会发展中还存在不少困难): beside the 国家 voice of
#: ``line_level``, what a speaker never says of his own unit and himself (see ``government_voice``)
_GOVERNMENT_WORDS = re.compile(r"政府|我国|国内|领域|不平衡不充分|经济")


def government_voice(text: str) -> bool:
    """Does ``text`` speak as a government (the 国家 voice, or a report's words on its own work
    and the country)? A speaker's own shortfalls and commitments (查摆, 表态 of the genre) do not."""
    return line_level(text) == "国家" or bool(_GOVERNMENT_WORDS.search(text))


#: a source that speaks for the whole country: the State Council's work reports, the party
#: congresses' (as corpus-public names them, and as their titles do)
_NATIONAL_SOURCE = re.compile(r"^(?:gwr|cpc)/|国务院|政府工作报告|全国代表大会|government_work_reports|congress_reports")
#: a line of such a source with a series of this many items (A、B、C) that names this many fields
#: of work (drafter/sectors.py) is the programme of the government's ministries (建设重点水利工程、
#: 综合立体交通网、重要能源基地和设施，加快城市燃气管道…更新改造，完善防洪排涝设施…): the
#: country's voice, though it names no 全国; so is a measure of it that holds its series
NATIONAL_SERIES = 3
NATIONAL_FIELDS = 3
_SERIES = re.compile(r"[^，。；：、]+(?:、[^，。；：、]+){%d,}" % (NATIONAL_SERIES - 1))


def national_source(name: str) -> bool:
    """Is a source (its file name or title) one that speaks for the whole country?"""
    return bool(_NATIONAL_SOURCE.search(name))


def source_level(text: str, level: str | None, fields: int, sources: list[str]) -> str | None:
    """The level a bank line speaks as, knowing where it was said: ``level`` (``line_level``) when
    the text shows it; else 国家 for a series of NATIONAL_SERIES items naming NATIONAL_FIELDS fields
    of work (``fields``: how many it names)
    that only national sources say; else None (a generic line: anyone may say it)."""
    if level is not None:
        return level
    if fields >= NATIONAL_FIELDS and _SERIES.search(text) and sources and all(map(national_source, sources)):
        return "国家"
    return None


_SPEAKER_LEVEL = (
    ("支部", re.compile(r"支部")),
    ("乡镇", re.compile(r"[镇乡](党委|政府|长)|街道")),
    ("县区", re.compile(r"[区县](委|政府|长|人大|政协)|[区县]委书记|副[区县]长")),
    ("市", re.compile(r"市(委|政府|长|直|人大|政协)|全市|副市长")),
    ("省", re.compile(r"省(委|政府|长|直|人大|政协)|全省|副省长")),
    ("单位", re.compile(r"局|委员会|厅|办公室|中心|机关|党组|公司|学校|医院")),
)


def speaker_level(title: str = "", speaker: str = "", vars: dict | None = None) -> str | None:
    """The level the speaker speaks at, read from speaker line, title and vars (单位, 地名)."""
    vars = vars or {}
    for text in (speaker or "", title or "", str(vars.get("单位", "")), str(vars.get("地名", ""))):
        if not text:
            continue
        for level, pattern in _SPEAKER_LEVEL:
            if pattern.search(text):
                return level
        if text.endswith("区") or text.endswith("县"):
            return "县区"
        if text.endswith("市"):
            return "市"
        if text.endswith("省"):
            return "省"
    return None


#: lines that speak of a rural or an urban setting: said in a place of the other kind they
#: are someone else's work (县域高中 or 农村寄宿制学校 in a city district, 智慧城市 in a 镇)
_SETTING = (
    ("rural", re.compile(r"县域|乡村小规模学校|农村寄宿制|乡镇寄宿制|寄宿制学校|县城")),
    ("urban", re.compile(r"智慧城市|城市更新|老旧小区|城市群|城市社区|超大特大城市|都市圈")),
)


def line_setting(text: str) -> str | None:
    """'rural' or 'urban' when a line speaks of that setting only, else None."""
    found = [name for name, pattern in _SETTING if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def speaker_setting(title: str = "", speaker: str = "", vars: dict | None = None) -> str | None:
    """'urban' for a speaker of a city district or a 街道 (区 of a 市: 西城区教育局), 'rural'
    for a 镇, 乡 or 村, else None (a 市 or a 县 holds both)."""
    vars = vars or {}
    texts = [speaker or "", title or "", str(vars.get("单位", "")), str(vars.get("地名", ""))]
    for text in texts:
        if re.search(r"[镇乡村](党委|政府|长|干部|支部|委员会)|[镇乡]$|村$", text):
            return "rural"
        if re.search(r"街道|社区", text):
            return "urban"
    for text in texts:
        if re.search(r"县", text):
            return None
        if re.search(r"区(委|政府|长|人大|政协|[^域]{0,6}局|$)", text):
            return "urban"
    return None


def setting_fits(line: str | None, speaker: str | None) -> bool:
    """May a speaker of this setting say a line of that one?"""
    return line is None or speaker is None or line == speaker


def level_fits(line: str | None, speaker: str | None) -> bool:
    """May a speaker of level ``speaker`` say a line of level ``line``?"""
    if line is None:
        return True
    if line == "国家":
        return speaker == "国家"
    return speaker is None or line == speaker


# -- ties ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def campaigns() -> tuple[tuple[re.Pattern, tuple[tuple[int, int], ...]], ...]:
    """Campaigns and plans tied to years: (pattern, the year ranges it is current in), from
    data/era.yaml (a data list a user may extend: 安全生产专项整治三年行动 2020–2022 …)."""
    raw = safe_load(resources.files("drafter.data").joinpath("era.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in raw.get("campaigns") or ():
        years = tuple((int(a), int(b)) for a, b in entry["years"])
        out.append((re.compile(str(entry["pattern"])), years))
    return tuple(out)


_YEARS = re.compile(r"(19|20)\d\d年|今年|去年|明年|上年|过去一年|过去五年|过去的一年|五年来|十年来|今后五年|未来五年|"
                    r"近五年|上半年|下半年|前三季度|新的一年|本届|一年来")
_FIGURES = re.compile(r"\d{2,}|\d(\.\d+)?\s*(%|％|万|亿|元|千|百|个|家|项|人|亩|吨|倍|户|座|所|条|次|年|月|日)|"
                      r"[万亿](元|人|吨|亩|户|千瓦)|百分之|个百分点")
_MEETING = re.compile(r"全国人大|全国人民代表大会|届.{1,3}次会议|代表团|集体学习时|"
                      r"这次大会|本次大会|大会的主题|本次会议|这次会议|今天的会议|各位代表|代表们|"
                      r"这次研讨|本次研讨|这次学习研讨|这次党课|今天的党课|这次培训")
#: places a line may name that tie it to one province or region
_PLACES = re.compile(
    r"北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|台湾|两岸|八桂|"
    r"三秦|齐鲁|荆楚|巴蜀|燕赵|八闽|长三角|京津冀|粤港澳|雄安|滨江|港人|澳人|台胞|台独|中关村|浦东|深圳|"
    r"东北地区|西部地区|中部地区|东部地区|革命老区|民族地区|边疆地区|三峡|汶川|玉树|舟曲|“三北”|三北工程|"
    r"三江源|黄河流域|长江经济带|长江流域|长江大保护")


#: the year of each party congress, for sources named by it (十八大 → 2012)
CONGRESS_YEARS = {"十二大": 1982, "十三大": 1987, "十四大": 1992, "十五大": 1997, "十六大": 2002,
                  "十七大": 2007, "十八大": 2012, "十九大": 2017, "二十大": 2022}
_SOURCE_YEAR = re.compile(r"((?:19|20)\d\d)年")


def source_year(name: str) -> int | None:
    """The year a source text is from, when its name or title says (2016年…报告, （十八大）)."""
    m = _SOURCE_YEAR.search(name)
    if m:
        return int(m.group(1))
    for congress, year in CONGRESS_YEARS.items():
        if congress in name and ("二" + congress) not in name:
            return year
    return None


@dataclass(frozen=True)
class Tie:
    kind: str   # year, figure, meeting, campaign, place
    text: str   # what in the line ties it


def ties(text: str) -> list[Tie]:
    """What ties ``text`` to its source's place, time or occasion (empty: it travels)."""
    out: list[Tie] = []
    for kind, pattern in (("year", _YEARS), ("figure", _FIGURES), ("meeting", _MEETING),
                          ("place", _PLACES)):
        m = pattern.search(text)
        if m:
            out.append(Tie(kind, m.group(0)))
    setting = line_setting(text)
    if setting:
        out.append(Tie("setting", setting))
    found = []
    for pattern, _years in campaigns():
        m = pattern.search(text)
        if m:
            found.append(m)
    for m in found:  # a match inside a longer one (主题教育 of 不忘初心、牢记使命主题教育) is that one's
        if not any(o is not m and o.start() <= m.start() and m.end() <= o.end() and len(o.group(0)) > len(m.group(0))
                   for o in found):
            out.append(Tie("campaign", m.group(0)))
    return out


def fixed_tie(text: str) -> bool:
    """Is ``text`` tied to its source by what no other speech may say (a year, a figure, a
    meeting)? Mining keeps such a clause out of the bank: no draft could use it."""
    return bool(_YEARS.search(text) or _FIGURES.search(text) or _MEETING.search(text))


#: meeting words that fit a speech of these types (这次研讨 in a 研讨发言, 这次党课 in a 党课)
_MEETING_FITS = (("研讨", ("研讨发言", "交流发言")), ("党课", ("党课",)), ("培训", ("辅导报告", "党课")))


def meeting_fits(tie_text: str, speech_type: str) -> bool:
    """Does a line naming this meeting (a Tie.text of kind meeting) fit a speech of this type?"""
    return any(word in tie_text and speech_type in types for word, types in _MEETING_FITS)


@lru_cache(maxsize=4096)
def campaign_current(name: str, year: int) -> bool:
    """Is the campaign or plan a line names (a Tie.text) current in ``year``? (Remembered:
    a draft asks it of every line naming a campaign, and a bank names a few hundred.)"""
    best = None
    for pattern, years in campaigns():
        m = pattern.search(name)
        if m and (best is None or len(m.group(0)) > best[0]):
            best = (len(m.group(0)), years)
    return best is not None and any(first <= year <= last for first, last in best[1])


def tie_allowed(tie: Tie, *, year: int, wanted: str, places: str, setting: str | None = None) -> bool:
    """May a line with this tie go into a speech of ``year`` whose title/theme/vars say ``wanted``
    and name ``places``? A campaign only when current or asked for; a place only when it is the
    speech's own; a rural or urban setting only in a speech of that setting (or of none:
    ``speaker_setting``); a year, figure or meeting never (they belong to their source)."""
    if tie.kind == "campaign":
        return campaign_current(tie.text, year) or tie.text in wanted
    if tie.kind == "place":
        return tie.text in places
    if tie.kind == "setting":
        return setting_fits(tie.text, setting)
    return False
