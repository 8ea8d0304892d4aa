"""Shapes of issue 11's fourth round, from the held-out excerpts annotated for it (tests/fixtures/real g19, g22,
g24; the 1985 report for the last): the review's problems after the last （N）, a counted list right after the
last （N）'s own paragraph, a numbered heading's own text that is no lead, and item runs after a list of 一、
points inside a section of lower rank.

Short synthetic reports in the shapes of ../shared/structure-conventions.md."""

from __future__ import annotations

from drafter.parser import parse_text
from tests.speechtext import REPORT_BODY, report_paragraphs

BODY = REPORT_BODY


def _parse(paras: list[str]):
    return parse_text("\n".join(paras))


def _report(after_last: list[str]) -> list[str]:
    return report_paragraphs("过去一年工作回顾", "一年来的主要工作是：", after_last)


def test_problems_seen_after_the_last_numbered_heading_are_its_siblings():
    problems = [f"{n}是{w}。" + BODY for n, w in zip("一二三", ("经济结构矛盾突出", "增长方式粗放", "政府自身建设存在一些问题"))]
    speech = _parse(_report(["我们也清醒地看到，经济社会发展中仍然存在不少矛盾和问题，政府工作还有一些缺点和不足。",
                             *problems]))
    assert [(d, m) for d, m, _ in speech.headings()][4:7] == [(2, "一是"), (2, "二是"), (2, "三是")]
    # a heading's paragraph that only mentions its shortfalls amid its text keeps its points
    speech = _parse(_report(["然而，我们也要清醒地认识到，虽然取得了一定成绩，但仍存在一些差距和不足。进一步而言，" + BODY,
                             *problems]))
    assert [(d, m) for d, m, _ in speech.headings()][4:7] == [(3, "一是"), (3, "二是"), (3, "三是")]


def test_a_count_right_after_the_last_heading_makes_the_run_the_parts():
    # （三） one paragraph, then 以下的五项工作。 (a count larger than the three headings, ending in 。) and 第一、…
    tasks = [f"第{n}、{w}。" + BODY for n, w in zip("一二三", ("坚持以农业为基础", "加快轻纺工业的发展", "加强基础工业"))]
    paras = _report([])
    paras[paras.index(BODY, 11):paras.index(BODY, 11) + 1] = ["当前的主要任务，是要着重抓好以下的五项工作。", *tasks]
    assert [(d, m) for d, m, _ in _parse(paras).headings()][4:7] == [(2, "第一、"), (2, "第二、"), (2, "第三、")]


def test_a_numbered_headings_own_text_is_no_lead():
    paras = ["政府工作报告", "各位代表：", BODY, "一、过去五年工作回顾", BODY,
             "（一）创新宏观调控。" + BODY, "坚持实施积极的财政政策。" + BODY, "坚持实施稳健的货币政策。" + BODY,
             "（二）打赢脱贫攻坚战。脱贫攻坚的任务在农村。" + BODY, "推动巩固脱贫成果同乡村振兴衔接。" + BODY]
    assert _parse(paras).headings() == [
        (1, "一、", "过去五年工作回顾"), (2, "（一）", "创新宏观调控"), (3, "", "坚持实施积极的财政政策"),
        (3, "", "坚持实施稳健的货币政策"), (2, "（二）", "打赢脱贫攻坚战")]


def test_items_after_a_list_of_points_inside_a_lower_section_are_its_own():
    # （二） holds a plan's 一、…四、 (one paragraph each), text, then 第一、…第三、 opening paragraphs: （二）'s, not 四、's
    paras = ["政府工作报告", "各位代表：", BODY, "（一）关于经济形势", BODY, "（二）关于经济体制改革", BODY,
             "今年改革的主要内容是：", "一、改革工资制度，理顺分配关系；", "二、改革价格体系，放开部分价格；",
             "三、简政放权，增强企业活力；", "四、扩大对外开放，发展横向联系。", BODY,
             "为了保证各项改革的顺利进行，必须注意以下几点：", *[f"第{n}、{w}。" + BODY for n, w in
                                                 zip("一二三", ("坚持稳步前进", "加强管理", "加强全局观念"))]]
    assert [(d, m) for d, m, _ in _parse(paras).headings()] == [
        (1, "（一）"), (1, "（二）"), (2, "一、"), (2, "二、"), (2, "三、"), (2, "四、"), (2, "第一、"), (2, "第二、"), (2, "第三、")]


def test_a_title_ending_in_an_address_word_before_its_subtitle_is_the_title():
    # (held-out x36: 做党和人民满意的好老师 reads as an address without its colon; its ——subtitle says it is a title)
    speech = parse_text("\n".join(["做党和人民满意的好老师", "——同北京师范大学师生代表座谈时的讲话", "（2014年9月9日）",
                                   "习近平", "各位老师，同学们：", BODY, BODY]))
    assert speech.title == "做党和人民满意的好老师——同北京师范大学师生代表座谈时的讲话"
    assert speech.salutation == "各位老师，同学们："
    # a bare address line still is the salutation
    assert parse_text("\n".join(["在座谈会上的讲话", "各位老师", BODY, BODY])).salutation is not None
