"""Title block and front matter: title lines (a —— subtitle belongs), speaker and date lines, time-and-
place lines, a web page's front matter (kept as opening text, never title), the salutation."""

from __future__ import annotations

import re

from drafter.markers import LEAD_DASHES
from drafter.model import Speech
from drafter.normalize import TITLE_END
from drafter.parser.numbered import _numbered
from drafter.parser.state import _Para

_ROLE = ("总统|总理|首相|行政长官|大使|院士|议长|署长|行长|团长|总干事|议员|首脑|元首|书记|副书记|主任|部长|局长|市长|区长|县长|省长|州长|主席|院长|校长|委员|总经理|董事长|处长|科长|"
         "厅长|镇长|乡长|秘书长|组长|主委|理事长|社长|馆长|所长|党委书记|支部书记")


_ADDRESS = (r"(?:尊敬的)?(?:各位)?[^。！？；：:，,、\s]{0,20}?"
            f"(?:同志们|朋友们|同事们|同学们|同胞们|老师们|老师|同学|领导|来宾|嘉宾|代表|委员|女士们|先生们|先生|夫人|阁下|殿下|陛下|同事|同志|朋友|{_ROLE})")


#: 同志们： / 各位领导、同志们： / 尊敬的各位来宾，同志们：
SALUTATION = re.compile(f"^{_ADDRESS}(?:[、，,]{_ADDRESS})*(?:[：:！!，,]|$)")

_CN_DIGIT = "〇零一二三四五六七八九十×XxＸ○*＊"  # with the marks 范文 sites blank dates with

#: （2026年11月21日） / 2026年11月 / 二〇二四年九月十二日 (spaces a PDF extraction adds are dropped first)
DATE_LINE = re.compile(f"^[（(]?((?:(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}})年(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,2}})月"
                       f"(?:(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})日)?)[）)]?$")


SPEAKER_LINE = re.compile(f"^\\S{{0,30}}(?:{_ROLE})(?:\\s+|[：:])?[\u4e00-\u9fffXx*×○〇＊]{{0,4}}$|^\\S{{1,30}}\\s+\\S{{2,4}}$")

#: a title that runs straight on into 同志们： (scraped pages lose the line break)
_TITLE_THEN_SALUTATION = re.compile(r"^(.{6,80}?(?:发言|讲话|报告|讲稿|党课|材料|致辞))(?=同志们|各位领导|各位同志|尊敬的)")
#: a site's category tag before a title: 【党课讲稿】 / 研讨发言：
_TITLE_TAG = re.compile(r"^(?:【[^】]{1,12}】|(?:研讨发言|交流发言|发言材料|党课讲稿|讲话稿|心得体会|主题党课|范文)[：:])\s*")


def _title_block(paras: list[_Para], speech: Speech, front: list[_Para]) -> list[_Para]:
    """Fill title, speaker, date and salutation; return the paragraphs after them."""
    if paras:
        first = paras[0]
        tagless = _TITLE_TAG.sub("", first.text)
        m = _TITLE_THEN_SALUTATION.match(tagless)
        if m and SALUTATION.match(tagless[m.end():]):
            paras = [_Para(first.idx, m.group(1)), _Para(first.idx, tagless[m.end():], first.level, first.lead)] \
                + paras[1:]
        elif tagless != first.text and tagless:
            paras = [_Para(first.idx, tagless, first.level, first.lead)] + paras[1:]
    paras = _strip_front_matter(paras, front)
    sal = _salutation_at(paras)
    if sal is not None:
        paras = _join_salutation_lines(paras, sal)
    if sal is None:
        header_end = _header_without_salutation(paras)
        rest = paras[header_end:]
    else:
        header_end = sal
        rest = paras[sal + 1:]
        p = paras[sal]
        m = SALUTATION.match(p.text)
        assert m is not None  # _salutation_at found it there
        if m.end() == len(p.text):
            speech.salutation = _full_colon(p.text)
        else:
            speech.salutation = _full_colon(m.group(0))
            tail = p.text[m.end():].lstrip("，,：:！! ")
            if tail:
                rest = [_Para(p.idx, tail, p.level, p.lead)] + rest
    extra = _fill_title_block(paras[:header_end], speech)
    return extra + rest


#: a web page's front matter, not the speech: the dataset's file-name line (2013-09-13_标题), site metadata
#: (发表时间：… 来源：… / 2013-05-06 | 来源：…), a news agency dateline (新华社北京11月3日电), a photo
#: caption (…新华社记者李涛摄), a video link, the news lead (5月15日，国家主席习近平……发表重要讲话。)
_DATASET_HEADER = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}_")
_FRONT_META = re.compile(
    r"^(?:(?:发表)?时间\s*[：:].*|来源\s*[：:].*|[0-9]{4}-[0-9]{2}-[0-9]{2}\s*[|｜].*|视频[：:].*|"
    r".{0,80}记者\S{2,4}摄|[0-9]{1,2}月[0-9]{1,2}日[，,].{0,90}(?:发表|出席|致辞|讲话|演讲).{0,40}。|"
    r".{0,60}(?:全文如下|讲话如下|致辞如下)[：:])$")
#: a dateline opening a line: 新华社北京11月3日电 / 新华网首尔7月4日电 (what follows it may be the title)
_DATELINE = re.compile(r"^(?:新华社|新华网|人民网|中新社|中新网|央视网|人民日报)[\u4e00-\u9fff]{0,12}?[0-9]{1,2}月[0-9]{1,2}日电\s*")
_FRONT_LINES = 16


def _strip_front_matter(paras: list[_Para], front: list[_Para]) -> list[_Para]:
    """Without a web page's front matter. A page headline followed by the page's metadata and then the
    speech's own title is front matter too: the speech's title is the one after the metadata."""
    out: list[_Para] = []
    dropped = headline = False
    for k, p in enumerate(paras):
        if k >= _FRONT_LINES or _addresses(paras, k):
            out.extend(paras[k:])
            break
        text = p.text
        dateline = _DATELINE.match(text)
        if dateline:
            text = text[dateline.end():]
        header = _DATASET_HEADER.match(text)
        if header and not out:
            front.append(_Para(p.idx, header.group(0)))  # 2013-04-28_: the dataset's file-name line
            out.append(_Para(p.idx, text[header.end():], p.level, p.lead))
            headline = True
            dropped = True
            continue
        if headline and len(out) == 1 and _looks_like_title(paras, k) and not _FRONT_META.match(text):
            front.append(_Para(out[0].idx, out[0].text))  # the file-name line's title: the speech's own follows
            out = []
        headline = False
        if not text or _FRONT_META.match(text) or (dateline and text.endswith(("。", "：", ":"))):
            if out and _looks_like_title(paras, k + 1):
                front.extend(out)
                out = []  # the page headline before the metadata: the speech's own title follows
            front.append(p)
            dropped = True
            continue
        if k <= 1 and _numbered(text) and len(text) <= 30 and k + 1 < len(paras) and not _numbered(paras[k + 1].text):
            front.append(p)
            dropped = True  # 十五、积极参与多边事务: the book chapter a speech is filed under
            continue
        if (len(out) == 1 and not dropped and _looks_like_title(paras, k)
                and (_PAGE_HEADLINE.search(out[0].text) or (len(text) >= 6 and text in out[0].text))):
            front.extend(out)
            out = []  # 习近平在……的讲话（全文） / 习近平在会见……时的讲话, then the speech's own title
            dropped = True
        if dateline:
            front.append(_Para(p.idx, dateline.group(0).strip()))  # 新华网北京11月15日电 before the title
            dropped = True
        out.append(_Para(p.idx, text, p.level, p.lead) if dateline else p)
    if not dropped:
        front.clear()
        return paras
    front.sort(key=lambda q: q.idx)
    return out


#: a page headline the speech's own title follows: ……的讲话（全文）
_PAGE_HEADLINE = re.compile(r"[（(]全文[）)]$")


def _looks_like_title(paras: list[_Para], start: int) -> bool:
    """Whether a title line comes at ``start``, after more front matter if any."""
    for k, p in enumerate(paras[start:start + 4], start):
        text = p.text
        m = _DATELINE.match(text)
        if m:
            text = text[m.end():]
        if not text or _FRONT_META.match(text) or (m and text.endswith(("。", "：", ":"))):
            continue
        return len(text) <= 80 and not text.endswith(("。", "！", "？", "；")) and not _addresses(paras, k) \
            and not text.startswith(("——", "--")) \
            and not DATE_LINE.match(_compact(text)) and not TIME_PLACE_LINE.match(_compact(text)) \
            and not _BARE_NAME.match(text)  # 习近平 after the page headline is the speaker, not a title (and a
        # ——subtitle completes the title before it)
    return False


def _addresses(paras: list[_Para], k: int) -> bool:
    """Whether line ``k`` is a salutation: an address with no closing mark followed by a ——subtitle is a title
    (做党和人民满意的好老师 / ——同北京师范大学师生代表座谈时的讲话)."""
    text = paras[k].text
    if not SALUTATION.match(text):
        return False
    return text.endswith(("：", ":", "！", "!", "，", ",")) or k + 1 >= len(paras) \
        or not paras[k + 1].text.startswith(("——", "--"))


def _salutation_at(paras: list[_Para]) -> int | None:
    """Where the salutation is: among the first lines, before any paragraph of prose."""
    for i, p in enumerate(paras[:_FRONT_LINES + 4]):
        if _addresses(paras, i):
            return i
        if i >= 8 and (len(p.text) > 60 or p.text.endswith(("。", "！", "？"))):
            return None
    return None


def _join_salutation_lines(paras: list[_Para], sal: int) -> list[_Para]:
    """尊敬的普京总统， / 女士们，先生们，朋友们： on lines of their own are one salutation."""
    end = sal
    while (end + 1 < len(paras) and paras[end].text.endswith(("，", ",")) and len(paras[end + 1].text) <= 40
           and SALUTATION.match(paras[end + 1].text)):
        end += 1
    if end == sal:
        return paras
    joined = _Para(paras[sal].idx, "".join(p.text for p in paras[sal:end + 1]), paras[sal].level, paras[sal].lead)
    return paras[:sal] + [joined] + paras[end + 1:]


def _fill_title_block(header: list[_Para], speech: Speech) -> list[_Para]:
    """Title lines, then speaker and date lines; what follows those is not title (returned)."""
    title_parts: list[str] = []
    extra: list[_Para] = []
    for p in header:
        compact = _compact(p.text)
        date = DATE_LINE.match(compact)
        if date and title_parts:
            speech.date = date.group(1)
        elif title_parts and TIME_PLACE_LINE.match(compact):
            continue
        elif title_parts and speech.speaker is None and (speaker := _speaker(p.text)):
            speech.speaker = speaker
        elif speech.speaker is None and speech.date is None:
            # (a title line is kept as written: 习近平：在……上的讲话（全文）)
            title_parts.append(p.text)
            speech.title_paras.append(p.idx)
        else:
            extra.append(p)
    speech.title = "".join(title_parts)
    return extra


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
#: （2014年7月4日，首尔） / (2013年9月13日，比什凯克) / （3月2日上午9时，第一会议室）: when and where, not title
TIME_PLACE_LINE = re.compile(r"^[（(](?:(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}日[^（）()]{0,24}"
                             f"|(?:(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}})年[^（）()]{{2,30}})[）)]$")
#: （二〇一三年三月二十九日，布拉柴维尔） and ——（二〇一六年十月十六日，果阿） too (a bracketed line opening with a
#: year: a date line with a typo, （2015年10月l6日）, is one as well); the dash before it is decoration


def _compact(text: str) -> str:
    """The line without spaces (2024 年 6 月 28 日 as a PDF extraction spaces it), digits half-width,
    and without a dash before a bracket (——（二〇一六年十月十六日，果阿）)."""
    text = text.replace(" ", "").translate(_WIDE_DIGITS)
    return text.lstrip("—－-―") if text.lstrip("—－-―").startswith(("（", "(")) else text


def _speaker(text: str) -> str | None:
    """The speaker line as printed (one space before the name), or None if it is not one."""
    text = text.lstrip("—－-― ")  # ——市委副书记、市长 王**: the dash is decoration
    if SPEAKER_LINE.match(text) or _BARE_NAME.match(text):
        return text
    head, _, name = text.rpartition(" ")
    tidy = f"{head.replace(' ', '')} {name}" if head else text
    if SPEAKER_LINE.match(tidy):
        return tidy
    # 国务院总理李　强: a space (full-width or not) inside the name
    return text if SPEAKER_LINE.match("".join(text.split())) else None


#: a name alone on its line (习近平 / 王 某): a speaker line, unless it ends a title (……的发言)
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff](?: ?[\u4e00-\u9fff*＊×]){1,3}$(?<!发言)(?<!讲话)(?<!报告)(?<!致辞)(?<!讲稿)(?<!党课)")


def _full_colon(s: str) -> str:
    s = s.rstrip("：:，,！! ")
    return s + "："


_SENTENCE_MARK = re.compile("[，。；！？：]")


def _header_without_salutation(paras: list[_Para]) -> int:
    """Without 同志们：, the title is the first paragraph if it reads like one (and a short next line
    that completes it: 在全县……研讨会上的 / 发言), then speaker and date lines."""
    if not paras:
        return 0
    first = paras[0].text
    if len(first) > 100 or first.endswith(("。", "！", "？", "；", "：")) or _numbered(first):
        return 0
    end = 1
    if (len(paras) > 1 and not TITLE_END.search(first) and len(paras[1].text) <= 30
            and TITLE_END.search(paras[1].text) and not _SENTENCE_MARK.search(paras[1].text)
            and not _numbered(paras[1].text)):
        end = 2
    elif len(paras) > 1 and _subtitle(paras[1].text):
        end = 2  # ——在……大学的演讲 on the next line completes the title, with no 同志们： after it too
    while end < len(paras) and end < 5 and (DATE_LINE.match(_compact(paras[end].text))
                                           or TIME_PLACE_LINE.match(_compact(paras[end].text))
                                           or _speaker(paras[end].text)):
        end += 1
    return end


def _subtitle(text: str) -> bool:
    """——在……的演讲 / ——同……座谈时的讲话: a dash line that is no sentence (a ——经济运行稳中向好。 lead ends in
    one) and no date in brackets (——（二〇一六年十月十六日，果阿） is the date line)."""
    return (text.startswith(LEAD_DASHES) and len(text) <= 60 and not _SENTENCE_MARK.search(text)
            and not TIME_PLACE_LINE.match(_compact(text.lstrip("—－-― "))))
