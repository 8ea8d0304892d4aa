"""Parse a speech into its tree, from the conventions of the genre.

A speech is laid out as: title (one or more lines), optional speaker and date lines,
a salutation (同志们：), opening paragraphs, sections, closing paragraphs. Sections
are found, outermost first, by:

1. numbered headings at the start of a paragraph: 一、 → （一） → 1./1、 → （1） (a
   heading stands alone or ends at its first 。；：！？ with its body following);
   a .docx heading style without a written number counts as a heading of its level;
2. inline items: 一是……二是…… / 一要……二要…… at sentence starts, in order from 一
   (第一要务 is not an item; a dangling last item with no text is not one either);
3. unnumbered lead sentences: a short sentence heading each of several parallel
   paragraphs (000, 001), or a short sentence frame recurring inside a section's
   text (003: 要干在……。).

The closing is the run of closing formulas (发言完毕，谢谢大家！) and summing-up
paragraphs (同志们，…/总之…/让我们…) at the end; in speeches whose sections are one
paragraph each, paragraphs after the last section's paragraph close the speech too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter import markers as mk
from drafter.markers import HEAD_END as _HEAD_END, item_at, numbered_at
from drafter.model import Section, Speech, marker_number
from drafter.normalize import TITLE_END, paragraphs as clean_paragraphs

_POINT_HINT = mk.POINT_HINT
_POINT_INSIDE = mk.POINT_INSIDE
_SENTENCE = re.compile("[^。！？]*[。！？]|[^。！？]+$")

_ROLE = ("总统|总理|首相|行政长官|大使|院士|议长|署长|行长|团长|总干事|议员|首脑|元首|书记|副书记|主任|部长|局长|市长|区长|县长|省长|州长|主席|院长|校长|委员|总经理|董事长|处长|科长|"
         "厅长|镇长|乡长|秘书长|组长|主委|理事长|社长|馆长|所长|党委书记|支部书记")
_ADDRESS = (r"(?:尊敬的)?(?:各位)?[^。！？；：:，,、\s]{0,20}?"
            f"(?:同志们|朋友们|同事们|同学们|同胞们|老师们|老师|同学|领导|来宾|嘉宾|代表|委员|女士们|先生们|先生|夫人|阁下|同事|同志|{_ROLE})")
#: 同志们： / 各位领导、同志们： / 尊敬的各位来宾，同志们：
SALUTATION = re.compile(f"^{_ADDRESS}(?:[、，,]{_ADDRESS})*(?:[：:！!，,]|$)")
_CN_DIGIT = "〇零一二三四五六七八九十×XxＸ○*＊"  # with the marks 范文 sites blank dates with
#: （2026年11月21日） / 2026年11月 / 二〇二四年九月十二日 (spaces a PDF extraction adds are dropped first)
DATE_LINE = re.compile(f"^[（(]?((?:(?:19|20)[0-9]{{2}}|[{_CN_DIGIT}]{{4}})年(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,2}})月"
                       f"(?:(?:[0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})日)?)[）)]?$")
SPEAKER_LINE = re.compile(f"^\\S{{0,30}}(?:{_ROLE})(?:\\s+|[：:])?[\u4e00-\u9fffXx*×○〇＊]{{0,4}}$|^\\S{{1,30}}\\s+\\S{{2,4}}$")

_BARE_ADDRESS = re.compile(r"^(?:同志们|同事们|朋友们)[！!]$")
CLOSING_FORMULA = re.compile(
    r"^(以上|我的发言|发言完毕|我就讲这些|我就谈这些|讲到这里|谢谢|不当之处|以上发言|汇报完毕|报告完毕)"
)
CLOSING_CUE = re.compile(
    r"^(同志们[，,！!]|今后[，,]|总之|总而言之|综上所述|综上|最后[，,]|让我们|新征程上|奋进新征程|征途漫漫|征程万里|使命呼唤|"
    r"雄关漫道|行而不辍|功崇惟志)"
)
#: a summing-up that says so inside its paragraph: 我将以这次研讨为新的起点 / 以此次学习为契机
CLOSING_CUE_INSIDE = re.compile(r"[以借](?:这次|此次|本次)[^。！？]{0,14}?为(?:契机|新的起点|新起点|起点)")
_ATTRIBUTION = re.compile(r"(指出|强调|认为|要求|提出|说|讲)[，：:]|：")
_NOT_LEAD = mk.NOT_LEAD


_UNSET = object()


@dataclass
class _Para:
    idx: int          # 1-based paragraph number
    text: str
    level: int | None = None   # heading level from a .docx style
    lead: str = ""             # bold leading text from a .docx
    # What the scans of _build found in this paragraph: a paragraph is looked at again at every
    # level of the tree it sits under, and what it holds does not change, so each scan runs once.
    numbered: object = field(default=_UNSET, repr=False, compare=False)
    item_cands: object = field(default=None, repr=False, compare=False)
    lead_sentence: object = field(default=_UNSET, repr=False, compare=False)


@dataclass
class _Node:
    section: Section
    paras: int = 0    # paragraphs this section's content spanned (for the closing rule)
    children: list["_Node"] = field(default_factory=list)
    alone: int = 0    # 1 when the heading stands on its own line (its body starts a paragraph later)

    @property
    def body_paras(self) -> int:
        return self.paras - self.alone


def parse_file(path: str | Path) -> Speech:
    from drafter.readers import read
    return parse_doc(read(path), source=str(path))


def parse_doc(doc, source: str | None = None) -> Speech:
    return parse_text(doc.text, source=str(doc.path) if source is None else source,
                      hints=doc.hints, rejoin=doc.rejoin)


def parse_text(text: str, source: str = "", hints: dict | None = None, rejoin: bool = True) -> Speech:
    """The tree of a speech. Never raises on any text: what it cannot place is body text."""
    hints = hints or {}
    paras = []
    for i, p in enumerate(clean_paragraphs(text, rejoin=rejoin), 1):
        hint = hints.get(p.line)
        paras.append(_Para(i, p.text, hint.level if hint else None, hint.lead if hint else ""))
    speech = Speech(source=source)
    front: list[_Para] = []
    rest = _title_block(paras, speech, front)
    rest, closing = _split_closing(rest)
    body, nodes = _build(rest, depth=1, top=True)
    closing = _closing_by_shape(nodes, descend=not closing) + closing
    # a web page's front matter is kept, as the first paragraphs of the opening: no text is lost
    speech.opening = [p.text for p in front + body]
    speech.opening_paras = [p.idx for p in front + body]
    speech.sections = [n.section for n in nodes]
    speech.closing = [p.text for p in closing]
    speech.closing_paras = [p.idx for p in closing]
    return speech


# ---------------------------------------------------------------- title block

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
        if k >= _FRONT_LINES or SALUTATION.match(p.text):
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
    for p in paras[start:start + 4]:
        text = p.text
        m = _DATELINE.match(text)
        if m:
            text = text[m.end():]
        if not text or _FRONT_META.match(text) or (m and text.endswith(("。", "：", ":"))):
            continue
        return len(text) <= 80 and not text.endswith(("。", "！", "？", "；")) and not SALUTATION.match(text) \
            and not DATE_LINE.match(_compact(text)) and not TIME_PLACE_LINE.match(_compact(text))
    return False


def _salutation_at(paras: list[_Para]) -> int | None:
    """Where the salutation is: among the first lines, before any paragraph of prose."""
    for i, p in enumerate(paras[:_FRONT_LINES + 4]):
        if SALUTATION.match(p.text):
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
            title_parts.append(p.text)
            speech.title_paras.append(p.idx)
        else:
            extra.append(p)
    speech.title = "".join(title_parts)
    return extra


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
#: （2014年7月4日，首尔） / (2013年9月13日，比什凯克) / （3月2日上午9时，第一会议室）: when and where, not title
TIME_PLACE_LINE = re.compile(r"^[（(](?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}日[^（）()]{0,24}[）)]$")


def _compact(text: str) -> str:
    """The line without spaces (2024 年 6 月 28 日 as a PDF extraction spaces it), digits half-width."""
    return text.replace(" ", "").translate(_WIDE_DIGITS)


def _speaker(text: str) -> str | None:
    """The speaker line as printed (one space before the name), or None if it is not one."""
    text = text.lstrip("—－-― ")  # ——市委副书记、市长 王**: the dash is decoration
    if SPEAKER_LINE.match(text) or _BARE_NAME.match(text):
        return text
    head, _, name = text.rpartition(" ")
    tidy = f"{head.replace(' ', '')} {name}" if head else text
    return tidy if SPEAKER_LINE.match(tidy) else None


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
    while end < len(paras) and end < 5 and (DATE_LINE.match(_compact(paras[end].text))
                                           or _speaker(paras[end].text)):
        end += 1
    return end


# ---------------------------------------------------------------- closing

def _split_closing(paras: list[_Para]) -> tuple[list[_Para], list[_Para]]:
    """Closing formulas and summing-up paragraphs at the very end."""
    end = len(paras)
    while end > 0:
        p = paras[end - 1]
        if _numbered(p.text) or p.level:
            break
        if CLOSING_FORMULA.match(p.text) and len(p.text) <= 60:
            end -= 1
        elif (CLOSING_CUE.match(p.text) or CLOSING_CUE_INSIDE.search(p.text)) and end - 1 > 0:
            end -= 1
        else:
            break
    for k in range(end - 1, max(end - 3, 0), -1):  # 最后，我用一句话……： announces what closes the speech
        if paras[k - 1].text.endswith(("：", ":")) and CLOSING_CUE.match(paras[k - 1].text) and k - 1 > 0:
            return paras[:k - 1], paras[k - 1:]
    for k in range(end - 1, 0, -1):  # a bare 同志们！ on its own line opens the closing
        if _BARE_ADDRESS.match(paras[k].text):
            return paras[:k], paras[k:]
        if _numbered(paras[k].text) or paras[k].level:
            break
    return paras[:end], paras[end:]


def _closing_by_shape(nodes: list[_Node], descend: bool = True) -> list[_Para]:
    """Where sibling sections have one body paragraph each (their heading inline or on a line of its
    own), paragraphs after the last one's close the speech.

    Looked for at the top level and, when no closing was found by its words, down the chain
    of last sections (a 辅导报告 whose （一）（二）（三） are one paragraph each, items and all,
    closes after the （三） paragraph).
    """
    if len(nodes) >= 3 and all(n.body_paras == 1 for n in nodes[:-1]) and nodes[-1].body_paras > 1:
        return _take_trailing(nodes[-1], nodes[-1].body_paras - 1)
    if descend and nodes and nodes[-1].children and nodes[-1].children[-1].section.kind == "numbered":
        # （一）（二）（三） of one paragraph each; below that, items and leads run on in their section
        return _closing_by_shape(nodes[-1].children)
    return []


def _take_trailing(node: _Node, extra: int) -> list[_Para]:
    """Remove up to ``extra`` whole trailing paragraphs from the end of ``node``'s subtree."""
    chain = [node]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    s = chain[-1].section
    moved: list[_Para] = []
    while s.body and len(moved) < extra and s.body_paras[-1] != s.para:
        moved.insert(0, _Para(s.body_paras.pop(), s.body.pop()))
    if len(moved) < extra:  # the surplus is not whole paragraphs at the end: leave it
        s.body.extend(p.text for p in moved)
        s.body_paras.extend(p.idx for p in moved)
        return []
    for n in chain:
        n.paras -= len(moved)
    return moved


# ---------------------------------------------------------------- sections

def _numbered(text: str):
    """(rank, marker, rest) if ``text`` starts with a numbered heading marker."""
    m = numbered_at(text)
    if m is None:
        return None
    return m.family.level - 1, m.canonical, text[m.end:]


def _split_heading(rest: str) -> tuple[str, str, str]:
    """(heading, punct, body) of the text after a marker."""
    m = _HEAD_END.search(rest)
    if m and m.end() < len(rest):
        if m.group(0) in "！？":  # a question or exclamation keeps its mark: 为什么要大兴调查研究？
            return rest[:m.end()], "", rest[m.end():]
        return rest[:m.start()], m.group(0), rest[m.end():]
    stripped = rest.rstrip("。；：")
    return stripped, rest[len(stripped):len(stripped) + 1], ""


def _build(paras: list[_Para], depth: int, top: bool = False) -> tuple[list[_Para], list[_Node]]:
    """Split a container's paragraphs into its own body and its child sections."""
    if not paras:
        return [], []
    heads = _numbered_heads(paras)
    if heads and heads[0][1] == 0:  # 一、 is always the outermost: no need to look for the others
        return _split_numbered(paras, heads, depth)
    items = _item_matches(paras)
    leads = _lead_cuts(paras)
    # The outermost structure is the one that starts first (一、 always counts as outermost; on a
    # tie numbered, then lead, then items): a lead-style speech may number points inside its
    # sections, 一是 items standing as paragraphs may carry （1）（2）, and the reverse.
    starts = []
    if heads:
        starts.append(((-1, 0) if heads[0][1] == 0 else (heads[0][0], 0), 0, "numbered"))
    if leads:
        starts.append(((leads[0][0], 0), 1, "leads"))
    if items and not (leads and len({i for i, *_ in items}) == 1 and items[0][0] < leads[0][0]):
        # (an enumeration inside one paragraph before the lead sentences, like 安排了三项内容：一是…
        # in an opening, is text, not the speech's sections)
        starts.append(((items[0][0], items[0][1]), 2, "items"))
    if starts:
        outer = min(starts)[2]
        if outer == "numbered":
            return _split_numbered(paras, heads, depth)
        if outer == "leads":
            return _split_at(paras, leads + _runs_after_leads(paras, leads, items), depth, recurse=True)
        return _split_at(paras, [(i, off, marker) for i, off, marker, _ in items], depth, recurse="numbered")
    if not top:
        found = _split_inner_leads(paras, depth)
        if found is not None:
            return found
    return paras, []


def _runs_after_leads(paras: list[_Para], leads: list, items: list) -> list:
    """An item run that follows a run of lead sentences, not inside any of them, is their sibling
    (——我们要……。 ×4, then 第一，…第五，): cut at its items too. It follows when no lead but the last
    holds items and a paragraph of address (各位同事！) or two paragraphs of text come between."""
    if not items or not leads or items[0][0] <= leads[-1][0]:
        return []
    gap = paras[leads[-1][0] + 1:items[0][0]]
    if not (len(gap) >= 3 or any(_BARE_ADDRESS_LINE.match(p.text) for p in gap)):
        return []
    return [(i, off, marker, "numbered") for i, off, marker, _ in items]


#: an address in the middle of a speech: 各位同事！ / 女士们、先生们、朋友们！
_BARE_ADDRESS_LINE = re.compile(r"^[^。，]{2,24}[！!]$")


def _make_node(marker: str, heading: str, punct: str, idx: int, content: list[_Para],
               depth: int, recurse: bool | str = True) -> _Node:
    section = Section(marker=marker, heading=heading.strip(), punct=punct, para=idx)
    node = _Node(section, paras=len({p.idx for p in content}) or 1)
    if recurse == "numbered":  # an item's text: numbered points (（1）（2）) or a run of items it holds nest in it
        heads = _numbered_heads(content)
        inner = [] if heads else _item_matches(content)
        if heads:
            body, children = _split_numbered(content, heads, depth + 1)
        elif inner:  # 第三，……。一是……二是……三是……。第四，: the 一是 run is inside 第三
            body, children = _split_at(content, [(i, off, m) for i, off, m, _ in inner], depth + 1, recurse="numbered")
        else:
            body, children = content, []
    elif recurse:
        body, children = _build(content, depth + 1)
    else:
        body, children = content, []
    section.body = [p.text for p in body]
    section.body_paras = [p.idx for p in body]
    node.children = children
    section.sections = [c.section for c in children]
    return node


def _numbered_heads(paras: list[_Para]) -> list[tuple[int, int, str, str]]:
    """(index, rank, marker, rest) of the outermost numbered headings in ``paras``.

    A .docx heading style without a written number counts as a heading of its level.
    """
    heads = []
    for i, p in enumerate(paras):
        found = p.numbered
        if found is _UNSET:
            found = p.numbered = _numbered(p.text)
        if found:
            heads.append((i, found[0], found[1], found[2]))
        elif p.level and not p.lead:
            heads.append((i, p.level - 1, "", p.text))
    if not heads:
        return []
    rank = min(h[1] for h in heads)
    return [h for h in heads if h[1] == rank]


def _split_numbered(paras: list[_Para], heads: list[tuple[int, int, str, str]], depth: int):
    body = paras[:heads[0][0]]
    nodes = []
    for k, (i, _, marker, rest) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(paras)
        heading, punct, tail = _split_heading(rest) if marker else (rest.rstrip("。；："), "", "")
        content = ([_Para(paras[i].idx, tail)] if tail else []) + paras[i + 1:end]
        node = _make_node(marker, heading, punct, paras[i].idx, content, depth)
        node.paras, node.alone = end - i, 0 if tail else 1
        nodes.append(node)
    return body, nodes


def _item_matches(paras: list[_Para]) -> list[tuple[int, int, str, int]]:
    """Accepted inline items as (paragraph index, offset, marker, number), in order from 一."""
    cands = []
    for i, p in enumerate(paras):
        found = p.item_cands
        if found is None:
            found = p.item_cands = _item_candidates(p.text)
        cands.extend((i, *c) for c in found)
    accepted: list[tuple[int, int, str, int]] = []
    k = 0
    while k < len(cands):
        i, off, marker, n, kind = cands[k]
        if n != 1:
            k += 1
            continue
        run = [cands[k]]
        for c in cands[k + 1:]:
            if c[4] == kind and c[3] == run[-1][3] + 1:
                run.append(c)
        if len(run) >= 2:
            accepted.extend((c[0], c[1], c[2], c[3]) for c in run)
            last = run[-1]
            k = cands.index(last) + 1
        else:
            k += 1
    return accepted


def _item_candidates(text: str) -> tuple[tuple[int, str, int, str], ...]:
    """(offset, marker, number, family) of every possible inline item in one paragraph."""
    out = []
    for start, m in mk.item_starts(text):
        if not _HEAD_END.search(text, m.end):
            continue  # a dangling 三是 with no sentence after it is not an item
        out.append((start, m.written, m.number, m.family.name))
    if _POINT_HINT.search(text):
        # 1. 2. 3. points run into a paragraph after a sentence end (a scraped page lost the breaks)
        for m in _POINT_INSIDE.finditer(text):
            if _HEAD_END.search(text, m.end()):
                out.append((m.start(), f"{m.group(1)}.", int(m.group(1)), "."))
        out.sort()
    return tuple(out)


def _split_at(paras: list[_Para], cuts: list[tuple[int, int, str]], depth: int, recurse: bool | str):
    """Split at (paragraph, offset, marker) cut points: text before the first is body."""
    cuts = sorted(cuts)
    i0, off0 = cuts[0][0], cuts[0][1]
    body = paras[:i0] + ([_Para(paras[i0].idx, paras[i0].text[:off0])] if off0 else [])
    nodes = []
    for k, (i, off, marker, *mode) in enumerate(cuts):
        ni, noff = (cuts[k + 1][0], cuts[k + 1][1]) if k + 1 < len(cuts) else (len(paras), 0)
        text = paras[i].text[off + len(marker):] if i != ni else paras[i].text[off + len(marker):noff]
        heading, punct, tail = _split_heading(text)
        content = [_Para(paras[i].idx, tail)] if tail else []
        content += paras[i + 1:ni]
        if ni < len(paras) and noff and ni != i:
            content.append(_Para(paras[ni].idx, paras[ni].text[:noff]))
        node = _make_node(marker, heading, punct, paras[i].idx, content, depth,
                          recurse=mode[0] if mode else recurse)
        node.paras = max(1, (ni - i) + (1 if noff and ni != i else 0)) if ni != i else 1
        node.alone = 0 if tail or ni == i else 1
        nodes.append(node)
    return body, nodes


def _first_sentence(text: str) -> str | None:
    m = re.match("[^。！？]*[。！？]", text)
    return m.group(0) if m else (text if len(text) <= mk.LEAD_MAX_CHARS else None)


def _lead_candidate(p: _Para) -> str | None:
    """The first sentence of a paragraph if it could be an unnumbered lead sentence."""
    s = _first_sentence(p.text)
    if s is None:
        return None
    core = s.rstrip("。！？")
    if not mk.LEAD_MIN_CHARS <= len(core) <= mk.LEAD_MAX_CHARS or core.startswith(("“", "‘", "《")) or item_at(core, 0):
        return None
    if CLOSING_FORMULA.match(core) or SALUTATION.match(s) or _numbered(s):
        return None
    if s.startswith(("（", "(")) or (s.startswith("——") and not s.endswith(("。", "！", "？"))):
        return None  # （新华社……电） / ——习近平在……的演讲: an attribution, not a lead
    if _ATTRIBUTION.search(core) or core.count("“") != core.count("”"):
        return None  # 习近平总书记指出，…… / a sentence cut inside a quotation
    return s


_ANNOUNCE = re.compile(r"(?:谈|讲|汇报|交流|说)(?:一下|了|以下)?([两二三四五六七八九])(?:点|个方面)")


def _announced(paras: list[_Para]) -> int | None:
    """How many points the paragraphs before the sections said would follow (下面，我谈三点体会)."""
    for p in reversed(paras):
        m = _ANNOUNCE.search(p.text)
        if m:
            return 2 if m.group(1) == "两" else marker_number(m.group(1) + "是")
    return None


def _lead_sentence(p: _Para) -> str | None:
    """The paragraph's first sentence if it could be a lead sentence (worked out once per paragraph)."""
    s = p.lead_sentence
    if s is _UNSET:
        s = _lead_candidate(p)
        # a sentence set off by a dash (——我们要……。) is an enumerated lead whatever its words
        s = p.lead_sentence = s if s is not None and (s.startswith("——") or not _NOT_LEAD.search(s)) else None
    return s


def _shared_frame(items: list[str]) -> int:
    """How many of ``items`` share a two-character opening with another (parallel frames)."""
    heads: dict[str, int] = {}
    for s in items:
        heads[s[:2]] = heads.get(s[:2], 0) + 1
    return sum(c for c in heads.values() if c >= 2)


def _lead_cuts(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """Lead sentences heading parallel paragraphs, as cut points ([] if none).

    A .docx says so with a bold leading sentence; plain text by a parallel group of
    short first sentences (same number of commas, shared frames count extra).
    """
    hinted = [(i, p.lead) for i, p in enumerate(paras)
              if p.lead and p.lead.endswith(("。", "！", "？")) and p.text.startswith(p.lead)]
    plain = [(i, lead) for i, lead in hinted if not item_at(lead, 0)]
    if plain:
        return [(i, 0, "") for i, _ in plain]
    found = _parallel_leads(paras)
    if found or not hinted:
        return found
    # only set-off 一是…。 items: a lone item a writer set off in bold
    return [(i, 0, item_at(lead, 0).written) for i, lead in hinted]


def _parallel_leads(paras: list[_Para]) -> list[tuple[int, int, str]]:
    """The best parallel group of short first sentences (same number of commas; shared frames count).

    Short sentences standing alone as paragraphs, each with text after it, head what follows
    whatever their wording (强化理论武装。 / 在以案促改中警醒自我。).
    """
    sentences = [_lead_sentence(p) for p in paras]
    alone = [s is not None and s == p.text and "，" not in s and len(s) <= mk.STANDALONE_LEAD_MAX_CHARS for s, p in zip(sentences, paras)]
    standalone = [i for i in range(len(paras) - 1) if alone[i] and not alone[i + 1]]
    if len(standalone) >= 2:
        return [(i, 0, "") for i in standalone]
    groups: dict[int, list[tuple[int, str]]] = {}
    for i, s in enumerate(sentences):
        if s is not None:
            groups.setdefault(s.count("，"), []).append((i, s))
    best, best_score = None, 0
    for commas, members in groups.items():
        frame = _shared_frame([s for _, s in members])
        # two leads, or leads with commas (坚持…，在…中…), must share a frame to count as parallel,
        # unless the opening announced just that many points (我谈四点认识)
        if len(members) < 2 or ((len(members) == 2 or commas) and frame < 2
                                and _announced(paras[:members[0][0]]) != len(members)
                                and not (len(members) == 2 and not commas
                                         and _pair_heads_sections(paras, sentences, members))):
            continue
        score = (len(members) * 2 + frame, -commas)
        if best is None or score > best_score:
            best, best_score = members, score
    if not best:
        return []
    heads: dict[str, int] = {}
    for _, sent in best:
        heads[sent[:2]] = heads.get(sent[:2], 0) + 1
    framed = [(i, sent) for i, sent in best if heads[sent[:2]] >= 2]
    if len(framed) >= 3 or (best_score[1] < 0 and len(framed) >= 2):
        best = framed  # 提升…/提升…/提升… : a fourth sentence of another shape is not one of them
    return [(i, 0, "") for i, _ in best]


def _pair_heads_sections(paras: list[_Para], sentences: list, pair: list[tuple[int, str]]) -> bool:
    """Two short lead sentences with nothing in common still head two sections when each heads an
    item run of its own (……。一要……二要……) or when no other paragraph opens with a sentence that
    could be a lead (a two-section 研讨发言: 在学习上再深入一步。/ 在落实上再加力一步。)."""
    (a, _), (b, _) = pair
    if all(len(s) <= mk.STANDALONE_LEAD_MAX_CHARS + 1 for _, s in pair) and (b - a >= 2 or b == len(paras) - 1) \
            and sum(s is not None for s in sentences) == 2:
        items = _item_matches(paras)
        # items, if any, are the first lead's points, right under it (一要…二要… after its paragraph)
        if not items or (items[0][0] == a + 1 and all(a < i < b for i, *_ in items)):
            return True
    for start, end in ((a, b), (b, len(paras))):
        firsts = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 1}
        seconds = {c[3] for i in range(start, end) for c in _item_cands(paras[i]) if c[2] == 2}
        if not firsts & seconds:
            return False
    return True


def _item_cands(p: _Para):
    found = p.item_cands
    if found is None:
        found = p.item_cands = _item_candidates(p.text)
    return found


def _split_inner_leads(paras: list[_Para], depth: int):
    """A short sentence frame recurring inside a section's text (要干在……。要干在……。)."""
    sents = [(i, m.start(), m.group(0)) for i, p in enumerate(paras)
             for m in _SENTENCE.finditer(p.text) if m.group(0)]
    short = [(k, i, off, s) for k, (i, off, s) in enumerate(sents)
             if mk.LEAD_MIN_CHARS <= len(s.rstrip("。！？")) <= mk.INNER_LEAD_MAX_CHARS and "，" not in s and s.endswith("。")
             and not s.startswith(("“", "‘")) and k > 0]
    by_frame: dict[str, list] = {}
    for entry in short:
        s = entry[3]
        for n in (4, 3, 2):
            by_frame.setdefault(s[:n], []).append(entry)
    best = None
    for frame, members in by_frame.items():
        ks = [m[0] for m in members]
        spread = all(b - a >= 2 for a, b in zip(ks, ks[1:]))
        if len(members) >= 3 and spread and len({m[3] for m in members}) == len(members):
            key = (len(members), len(frame))
            if best is None or key > best[0]:
                best = (key, members)
    if best is None:
        return None
    cuts = [(i, off, "") for _, i, off, _ in best[1]]
    return _split_at(paras, cuts, depth, recurse=False)
