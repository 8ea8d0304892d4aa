"""Shapes of issue 11's third round (depth of report structures): a part's own run after its last numbered
heading (lessons announced by a line that sums the part up, tasks counted out), and a report whose top level
is （一） with a 一、…四、 list inside one of them.

Short synthetic reports in the shapes of ../shared/structure-conventions.md; the real text the first shape
comes from is a gold excerpt in tests/fixtures/real (g18, the 2011 report; the 2008 report's 主要体会是：
第一，…第六， has it too)."""

from __future__ import annotations

from drafter.parser import parse_text
from tests.speechtext import REPORT_BODY, report_paragraphs

BODY = REPORT_BODY


def _parse(paras: list[str]):
    return parse_text("\n".join(paras))


def _report(after_last: list[str]) -> list[str]:
    return report_paragraphs("过去五年工作回顾", "五年来，我们主要做了以下工作：", after_last)


def test_lessons_after_the_last_numbered_heading_are_its_siblings():
    lessons = [f"{n}是必须坚持{w}。" + BODY for n, w in zip("一二三", ("科学发展", "改革开放", "以人为本"))]
    speech = _parse(_report(["过去五年，我们是一步一个脚印走过来的。" + BODY,
                             "回顾五年来的政府工作，我们进一步加深了以下几个方面的认识和体会：", *lessons]))
    assert speech.headings() == [
        (1, "一、", "过去五年工作回顾"), (2, "（一）", "加强和改善宏观调控"), (2, "（二）", "大力推进改革开放"),
        (2, "（三）", "切实保障和改善民生"), (2, "一是", "必须坚持科学发展"), (2, "二是", "必须坚持改革开放"),
        (2, "三是", "必须坚持以人为本"), (1, "二、", "今年主要任务")]
    assert speech.sections[0].sections[2].body[-1].startswith("回顾五年来")  # the line stays the heading's text


def test_a_dashed_run_of_lessons_after_the_last_numbered_heading_is_its_sibling():
    lessons = [f"——必须坚持{w}。" + BODY for w in ("解放思想", "改革开放", "执政为民", "依法行政")]
    speech = _parse(_report(["我们在实践中积累了许多宝贵经验，主要体会是：", *lessons]))
    assert [(d, h) for d, _, h in speech.headings()][4:8] == [(2, "——必须坚持解放思想"), (2, "——必须坚持改革开放"),
                                                            (2, "——必须坚持执政为民"), (2, "——必须坚持依法行政")]


def test_counted_tasks_after_the_last_numbered_heading_are_its_siblings():
    tasks = [f"第{n}、{w}。" + BODY for n, w in zip("一二三四五", ("调整国民经济", "发展农业", "加快轻工业", "加强交通运输", "搞好基本建设"))]
    speech = _parse(_report(["为了实现调整的目标，今后三年要着重抓好以下五项任务：", *tasks]))
    assert [(d, m) for d, m, _ in speech.headings()][4:9] == [(2, f"第{n}、") for n in "一二三四五"]


def test_points_announced_inside_the_last_numbered_heading_stay_inside_it():
    # 今年重点抓好以下三件事： neither sums the part up nor counts its tasks: the heading's own points
    points = [f"{n}是{w}。" + BODY for n, w in zip("一二三", ("稳定粮食生产", "增加农民收入", "加强农村建设"))]
    speech = _parse(_report(["今年重点抓好以下三件事：", *points]))
    assert [(d, m) for d, m, _ in speech.headings()][4:7] == [(3, "一是"), (3, "二是"), (3, "三是")]
    # and so are tasks counted as many as the numbered headings before, or another count than the run's
    tasks = [f"第{n}、{w}。" + BODY for n, w in zip("一二三", ("调整国民经济", "发展农业", "加快轻工业"))]
    speech = _parse(_report(["今后要着重抓好以下三项任务：", *tasks]))
    assert [(d, m) for d, m, _ in speech.headings()][4:7] == [(3, "第一、"), (3, "第二、"), (3, "第三、")]


def test_a_list_of_yi_items_inside_one_bracketed_part_ranks_below_it():
    # no 一、 opens a part: （一）关于…… is the top level, and a 一、……；…四、……。 list is （二）'s points (in the last
    # of them, no （三） after the list to show the order)
    paras = ["政府工作报告", "各位代表：", BODY, "（一）关于经济形势", BODY, BODY, "（二）关于经济体制改革", BODY,
             "今年改革的主要内容是：", "一、改革工资制度，理顺分配关系；", "二、改革价格体系，放开部分价格；",
             "三、简政放权，增强企业活力；", "四、扩大对外开放，发展横向联系。", BODY, BODY]
    assert _parse(paras).headings() == [
        (1, "（一）", "关于经济形势"), (1, "（二）", "关于经济体制改革"), (2, "一、", "改革工资制度，理顺分配关系"),
        (2, "二、", "改革价格体系，放开部分价格"), (2, "三、", "简政放权，增强企业活力"),
        (2, "四、", "扩大对外开放，发展横向联系")]
