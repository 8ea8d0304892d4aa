"""The bank as a draft sees it, step three: how relevant a unit is to one place of a speech.

``About`` is what a place is about (its heading and points, the heading above, the theme; the
fields of work they name; a point's own words against its siblings'). ``judge`` says whether a
unit admitted by compose/admission.py may serve the place and with what score, or which check
keeps it out (bench/place_filters.py prints those reasons per place): the unit must not speak
of other fields of work than the place's, must share a content word with the place that is not
in most lines, and say more than one word of it; below ``FLOOR`` nothing is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter import sectors
from drafter.words import STOPWORDS, compound_pairs, compounds, content_words, strong_compounds


def held(words: frozenset[str], wanted: frozenset[str]) -> frozenset[str]:
    """The wanted words a line holds, less those that are only part of a longer wanted word
    the line does not hold: 统一 in a line on 内在统一 does not speak of 统一战线."""
    shared = words & wanted
    return frozenset(w for w in shared if not any(_narrows(w, v) and v not in words for v in wanted))


def distinct(words: frozenset[str]) -> frozenset[str]:
    """``words`` less those inside another of them: 指导 and 指导思想, 网络 and 网络安全 are one
    mention, so a line saying 指导思想 does not share two words with 把握…的指导思想."""
    return frozenset(w for w in words if not any(w != v and w in v for v in words))


def _of_named(comps: frozenset[str], about: "About") -> bool:
    """Does one of ``comps`` (compounds a line shares with a place) name a field the place's
    heading names? 风险挑战 is said of any work, so under 清醒看到当前网络安全面临的风险挑战
    it does not stand for a line on 网络安全."""
    return any(sectors.names(c) & about.named for c in comps)


def _of_field(words: frozenset[str], about: "About", speech_fields: frozenset[str]) -> bool:
    """Does one of ``words`` (shared with a place) name a field of work both of the place and of
    the whole speech (网络安全 in a 网信 speech, 乡村振兴 in one on 三农)? Such a term is the place's own
    content, said in one word. A field the heading names in passing is not: under 依法管网治网 in a
    speech on 网络安全, 依法 alone let in 依法惩处侵权, 依法打击偷税骗税, 依法治军 (a blind panel cut them all),
    and under 抓党建 in a speech on 和美乡村, 党建 let in 加强混合所有制企业党建工作. A long term (社会保障
    under 织密扎牢社会保障网) names its field precisely enough on its own."""
    short = about.fields & speech_fields  # the fields a term shorter than FIELD_TERM_CHARS must name
    return any(sectors.names(w) & (about.fields if len(w) >= FIELD_TERM_CHARS else short) for w in words)


#: a field term this long (社会保障, 网络安全) is the place's own content whatever the speech's fields
FIELD_TERM_CHARS = 4


def _narrows(word: str, longer: str) -> bool:
    """Is ``longer`` ``word`` with another content word (统一 → 统一战线), not with an
    all-purpose one (调查 → 深入调查)?"""
    if word == longer or word not in longer:
        return False
    rest = longer.replace(word, "", 1)
    return len(rest) >= 2 and rest not in STOPWORDS


#: a line scoring under this share of the REFERENCE_RANK-th best line for a place is not used there
RELATIVE_FLOOR = 0.15
REFERENCE_RANK = 6
#: the theme's words count this much of a place's own words
THEME_WEIGHT = 0.7
#: one shared word alone makes a line relevant only when this few of the bank's lines hold it
SPECIFIC_SHARE = 0.02
#: … or held by at most this many lines, in a small bank
SPECIFIC_MIN = 3
#: a shared word must be in at most this share of the bank's lines to make a line relevant
RARE_SHARE = 0.2
#: a line holding this many of a point's own words speaks of it, whatever else it lists
OWN_ENOUGH = 2
#: a word whose lines' fields of work spread this much (entropy, bits) is said of any work
GENERIC_SPREAD = 3.0
#: … judged only for a word held with this many field marks
GENERIC_MIN = 8
#: the lowest relevance a line may have to be used in a place
FLOOR = 2.0
#: at least this share of a line's content words must be the place's or the theme's
COVERAGE = 0.12
#: … but never more than this many words, however long the line
COVERAGE_CAP = 2
@dataclass(frozen=True)
class About:
    """What a place of the speech is about: its own words, and the theme's."""

    words: frozenset[str]
    compounds: frozenset[str]
    theme: frozenset[str]
    strong: frozenset[str] = frozenset()
    #: the fields of work the place and the theme name (drafter/sectors.py)
    fields: frozenset[str] = frozenset()
    #: the fields the place's own heading names, with their neighbours: a line must speak of one
    named: frozenset[str] = frozenset()
    #: a point's own words: those of its heading that its section's heading, the theme and its
    #: sibling points do not hold (蓝天 of 坚持打好蓝天保卫战 under 打好污染防治攻坚战)
    own: frozenset[str] = frozenset()
    #: the sibling points' own words (碧水, 净土): a line holding as many of them as of the
    #: point's own is about the section, not this point
    rivals: frozenset[str] = frozenset()
    #: when the heading joins a field of its context with another (纠治医药领域不正之风 in a
    #: speech on 纪律建设): (the context's fields it names, the other fields): a line must
    #: speak of both, not of 医药 policy alone nor of 四风 at large
    joint: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: (word, compound) pairs: a word the place says only as the second part of a compound
    #: (振兴 of 乡村振兴, 安全 of 消防安全) speaks of the place only in a line holding the
    #: compound — 民族振兴 is not 乡村振兴
    bound: frozenset[tuple[str, str]] = frozenset()
    #: what the place itself names beyond its speech's subject (the title's and the theme's
    #: words) and the heading above it: 党风, 廉政 of 持续加强国有企业党风廉政建设 in a speech on
    #: 国资国企改革; None when the speech names no subject to tell them from
    subject: frozenset[str] | None = None
    #: the speech's subject: the words of its theme and of its title less the meeting
    context: frozenset[str] = frozenset()
    #: the fields of work ``subject`` names that the speech's subject does not (纪检廉政 of
    #: 党风廉政 in a speech on 国企): then a line must speak of the place's own words
    elsewhere: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, theme: str = "", *, heading: str = "", above: str = "",
           siblings: tuple[str, ...] = (), context: str = "") -> "About":
        """``text`` is everything the place is about; ``heading`` its own heading, ``above``
        the heading of the section a point is in and ``siblings`` the other points' headings
        (with the words their subjects imply, sectors.implied)."""
        named = sectors.names(heading) if heading else frozenset()
        # what the heading itself says, without the words its subjects imply (appended after a space)
        said = heading.split(" ", 1)[0] if heading else ""
        own: frozenset[str] = frozenset()
        rivals: frozenset[str] = frozenset()
        around = content_words(theme) | content_words(context)
        subject = content_words(text) - around - content_words(above) if around else None
        if heading and above:
            base = content_words(above) | around
            theirs = [content_words(s) - base for s in siblings]
            others = frozenset().union(*theirs) if theirs else frozenset()
            own = content_words(heading) - base - others
            rivals = others - content_words(heading)
        return cls(content_words(text), compounds(text), content_words(theme), strong_compounds(text),
                   sectors.names(text + " " + theme), named, own, rivals,
                   _joint(said, " ".join([above, theme])) if said else (frozenset(), frozenset()),
                   _bound(text) | _bound(theme), subject, around,
                   _elsewhere(subject, text, " ".join([theme, context, above])))


def _elsewhere(subject: frozenset[str] | None, text: str, context: str) -> frozenset[str]:
    """The fields of work ``text`` (a place) names that ``context`` (the speech's subject and
    the heading above) does not."""
    if not subject:
        return frozenset()
    return sectors.names(text) - sectors.names(context)


def _joint(heading: str, context: str) -> tuple[frozenset[str], frozenset[str]]:
    """(fields of the context the heading names, the heading's other fields), when it joins
    the party's own work its context is about (纪律, 作风, 党建 …) with a line of work
    (以铁的纪律保障卫生健康事业发展 under 纪律建设), else two empty sets: party work is said
    of any line of work, so there a line must speak of both; a heading joining two lines of
    work (科技赋能 of 基层治理) is served by lines on either (the field check)."""
    around = sectors.names(context)
    mine = {sectors.field_of(t) for t in sectors.terms(heading)}
    inside = {f for f in mine if f in around}
    outside = mine - around
    party = sectors.names("党的建设")
    if not inside or not outside or not inside <= party or outside & party:
        return frozenset(), frozenset()  # only the party's own work joined with a line of work
    return sectors.names(" ".join(t for t in sectors.terms(heading) if sectors.field_of(t) in inside)), \
        sectors.names(" ".join(t for t in sectors.terms(heading) if sectors.field_of(t) in outside))


#: 以X为Y (以人民为中心, 以问题为导向): Y is said of X only
_FRAME = re.compile(r"以([\u4e00-\u9fff]{2,4}?)为(中心|导向|主线|根本|重点|核心|主体|主题)")


def _bound(text: str) -> frozenset[tuple[str, str]]:
    """(word, compound) for each generic word (sectors.generic: 安全, 振兴 …) ``text`` says only
    right after another content word (乡村振兴, 消防安全): the first part names the thing, the
    generic one what is wanted of it, which any other thing may share (民族振兴, 社保基金安全).
    Not when the compound is itself a word of a field of work (安全生产 is one thing). So too
    the second word of a frame 以X为Y: 中心 of 以人民为中心 is not that of 以经济建设为中心."""
    if not text:
        return frozenset()
    generic = sectors.generic()
    pairs: set[tuple[str, str]] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for a, b in compound_pairs(run):
            if b in generic and sectors.terms(a + b) != {a + b}:
                pairs.add((b, a + b))
    for m in _FRAME.finditer(text):  # 以人民为中心: the thing is 人民, 中心 the frame (以经济建设为中心)
        pairs.add((m.group(2), m.group(1) + "为" + m.group(2)))
    out: set[tuple[str, str]] = set()
    for word in {w for w, _c in pairs}:
        containers = [c for w, c in pairs if w == word]
        spans = [(m.start(), m.start() + len(c)) for c in containers for m in re.finditer(re.escape(c), text)]
        free = [m.start() for m in re.finditer(re.escape(word), text)
                if not any(a <= m.start() and m.start() + len(word) <= b for a, b in spans)]
        if not free:
            out.update((word, c) for c in containers)
    return frozenset(out)


def _unbound(words: frozenset[str], unit, about: About) -> frozenset[str]:
    """``words`` (what a unit shares with a place) less those the place says only inside a
    compound the unit does not hold (see ``About.bound``)."""
    if not about.bound or not words:
        return words
    drop = set()
    for w in words:
        containers = [c for b, c in about.bound if b == w]
        if containers and not any(c in unit.text for c in containers):
            drop.add(w)
    return words - drop if drop else words


def score(view, unit, about: About) -> float:
    """Relevance of ``unit`` to a place: the rarity of the content words they share (a word
    all lines hold says little), compounds written together counting double, the theme's
    words a little less than the place's own."""
    return _score(view, unit, about, _unbound(held(unit.words, about.words), unit, about),
                  _unbound(held(unit.words, about.theme), unit, about))


def _score(view, unit, about: About, shared: frozenset[str], theme: frozenset[str]) -> float:
    idf = view.idf
    s = sum(idf(w) for w in shared)
    s += sum(2 * idf(c) for c in unit.compounds & about.strong)
    s += THEME_WEIGHT * sum(idf(w) for w in theme - shared)
    return s


#: a single word a line shares with its place names the place's subject on its own when it is
#: this long (高标准农田, 社会保障); a shorter one (乡村, 法治, 生态) may be the line's modifier only
INCIDENTAL_CHARS = 4


def _incidental(unit, shared: frozenset[str], allowed: frozenset[str]) -> bool:
    """Does ``unit``, sharing no compound of its heading (``judge`` asks that first), share one
    short word only with its place, and name a field of work the place does not? Then that word
    qualifies the line's own subject:
    乡村 of 加强乡村教师定向培养 (教育), 法治 of 加强知识产权法治保障 (科技), 生态 of 持续优化基础
    教育生态, 基础设施 of 加快重大科技基础设施体系化布局 — the panel cut such lines as off-topic.
    The field check (``sectors.off_field``) lets them through: they name as many words of the
    place's field as of their own."""
    one = distinct(shared)
    if len(one) != 1 or len(next(iter(one))) >= INCIDENTAL_CHARS:
        return False
    return any(f not in allowed for f in unit.fields)


def _topical(view, words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if not view.generic(w))


def _on_subject(view, unit, about: About) -> bool:
    """Does ``unit`` speak of its place or of the speech's subject? Of the place's own words
    when they name a field of work the speech's subject does not: under 持续加强国有企业党风廉政建设
    in a speech on 国资国企改革 a line on 国有企业 alone is not about 党风廉政; under 完善人才引进政策
    in one on 人才工作 a line on 人才 is. A word said of every kind of work (深化, 优化, 人民,
    协同: view.generic) does not make a line about a place that names more (深化 and 改革 under
    深化三项制度改革), unless the place names nothing else (加强党的全面领导), or only the
    speech's subject, said in two such words."""
    assert about.subject is not None
    mine = held(unit.words, about.subject)
    if _topical(view, mine) or unit.compounds & about.strong - about.context:
        return True  # a compound of the heading (人才发展环境) names the place whatever its parts
    if about.elsewhere:
        return False
    theirs = unit.words & about.context  # 干部 of a speech on 干部队伍 too (not narrowed as ``held`` does)
    if _topical(view, theirs):
        return True
    if not about.subject:  # the place is the speech's subject (深刻把握以人民为中心的发展思想 of a title on it)
        return len(distinct(theirs)) >= 2
    return bool(mine) and not _topical(view, about.subject)


def judge(view, unit, about: About) -> tuple[float | None, str]:
    """(score, "usable") when ``unit`` is above the floor for the place, else (None, the check
    that keeps it out). Above the floor: the unit shares with the place itself a content word
    that is not in most lines of the bank, and says more than one word of it — two distinct
    words of the place or the theme, a compound written together, or one long specific term
    (作风, 新质生产力): a line that shares only 服务 with 在服务群众上求实效 is about
    something else."""
    speech = view.speech
    # the speech's fields (its title, the speaker's office) widen a place only when the place
    # and the theme name none: a 组织部 speaker's 干部 lines do not serve a section on 人才
    if sectors.off_field(unit.fields, about.fields or speech.fields):
        return None, "off-field"  # it shares a word, but speaks of other work (人才 under 青年工作)
    if about.named and not about.named & set(unit.fields) and not _of_named(unit.compounds & about.strong, about):
        return None, "named field"  # a heading on 人才 is served by lines on 人才, not on 干部 who 干事创业
    if about.own:
        mine = held(unit.words, about.own)
        if not mine or len(mine) < min(len(unit.words & about.rivals) + 1, OWN_ENOUGH):
            return None, "own words"  # under 蓝天保卫战 a line on 大气, not one on 水 or on all three
    if about.subject is not None and not _on_subject(view, unit, about):
        return None, "subject"  # 国有企业 under 党风廉政建设 in a speech on 国企: the speech's word, not the point's
    inside, outside = about.joint
    if outside and not (inside & set(unit.fields) and outside & set(unit.fields)):
        return None, "joint fields"  # under 纠治医药领域不正之风 a line on both, not on 集采 alone
    shared = _unbound(held(unit.words, about.words), unit, about)
    theme = _unbound(held(unit.words, about.theme), unit, about)
    said = shared | theme | (unit.compounds & about.strong)
    if len(said) < min(COVERAGE * len(unit.words), COVERAGE_CAP):
        return None, "coverage"  # a long line touching the place in one word is about something else
    df = view.df
    rare = max(view.n * RARE_SHARE, SPECIFIC_MIN)
    if not any(df.get(w, 0) <= rare for w in shared):
        return None, "rare"
    value = _score(view, unit, about, shared, theme)
    if value < FLOOR:
        return None, "floor"
    if unit.compounds & about.strong:
        return value, "usable"
    if _incidental(unit, shared, about.fields or speech.fields):
        return None, "incidental"  # 乡村 of 加强乡村教师培养 under 和美乡村: a line on 教育
    if unit.role == "举措":
        # a measure is a plan of action: it must be about this place, not near its theme
        return (value, "usable") if len(distinct(shared)) >= 2 or _of_field(shared, about, speech.fields) else (None, "shape")
    if len(distinct(shared | theme)) >= 2 or _of_field(shared, about, speech.fields):
        return value, "usable"
    if shared and len(about.words) == 1:
        return value, "usable"  # the place names one thing (推动高质量发展), and the line speaks of it
    if len(about.words) >= 3 and not shared & about.theme:
        return None, "shape"  # a place that names three things is served by a line sharing one only on theme
    specific = max(view.n * SPECIFIC_SHARE, SPECIFIC_MIN)
    return (value, "usable") if any(df.get(w, 0) <= specific for w in shared) else (None, "shape")
