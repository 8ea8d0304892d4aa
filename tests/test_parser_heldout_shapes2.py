"""Shapes of issue 11's second round (held-out misses, depth and runs): a title's ——subtitle with no
salutation after it, measures with figures that are no lead run, a long ——lead inside a dashed run, a
dashed run after one-paragraph items, short parallel leads under an item, a numbered run between two lead runs.

Short synthetic speeches in the shapes of ../shared/structure-conventions.md; the real texts these
shapes come from are gold excerpts in tests/fixtures/real (g14–g17, x35)."""

from __future__ import annotations

from drafter.parser import parse_text

BODY = "这方面的工作做了很多，取得了明显成效，也积累了宝贵经验，需要继续坚持、不断完善、久久为功。"


def _parse(paras: list[str]):
    return parse_text("\n".join(paras))


def test_a_subtitle_line_completes_the_title_without_a_salutation():
    speech = _parse(["迈向命运共同体 开创亚洲新未来", "——在博鳌亚洲论坛2015年年会上的主旨演讲",
                     "（2015年3月28日，海南博鳌）", "中华人民共和国主席  习近平", BODY, BODY])
    assert speech.title == "迈向命运共同体 开创亚洲新未来——在博鳌亚洲论坛2015年年会上的主旨演讲"
    assert speech.salutation is None
    assert speech.opening == [BODY, BODY]


def test_a_dashed_lead_under_the_title_is_no_subtitle():
    # ——经济运行稳中向好。 ends in a sentence mark: a lead of the text, not the title's subtitle
    speech = _parse(["政府工作报告", "——经济运行稳中向好。" + BODY, "——居民收入持续提高。" + BODY])
    assert speech.title == "政府工作报告"
    assert [m for _, m, _ in speech.headings()] == ["", ""]


def test_measures_with_figures_are_no_lead_run():
    paras = ["2010年政府工作报告", "各位代表：", BODY, "一、2009年工作回顾", BODY,
             "实施更加积极的就业政策。" + BODY, BODY,
             "加快完善社会保障体系。" + BODY,
             "中央财政安排社会保障资金2906亿元，比上年增长16.6%。" + BODY,
             "中央财政安排保障性安居工程补助资金551亿元，比上年增长2倍。" + BODY,
             "进一步促进教育公平。" + BODY]
    assert _parse(paras).headings() == [(1, "一、", "2009年工作回顾"), (2, "", "实施更加积极的就业政策"),
                                        (2, "", "加快完善社会保障体系"), (2, "", "进一步促进教育公平")]


def test_a_long_dashed_lead_between_two_of_a_run_is_one_of_it():
    paras = ["政府工作报告", "各位代表：", BODY, "一、过去五年工作回顾", BODY,
             "——城乡公共文化服务体系逐步完善。" + BODY,
             "——民主法制建设取得新进步，依法行政扎实推进，保障人民权益和维护社会公平正义得到加强。" + BODY,
             "——人民生活显著改善。" + BODY, BODY]
    assert [h for _, _, h in _parse(paras).headings()] == [
        "过去五年工作回顾", "——城乡公共文化服务体系逐步完善",
        "——民主法制建设取得新进步，依法行政扎实推进，保障人民权益和维护社会公平正义得到加强", "——人民生活显著改善"]


def test_a_dashed_run_one_paragraph_after_one_paragraph_items_is_their_sibling():
    items = [f"第{n}，必须坚持{w}。" + BODY for n, w in zip("一二三四", ("解放思想", "改革开放", "执政为民", "依法行政"))]
    paras = ["政府工作报告", "各位代表：", BODY, "一、过去五年工作回顾", BODY, *items,
             "我们也清醒地认识到，工作中还存在不少问题。" + BODY,
             "——经济运行中一些突出问题依然存在。" + BODY, "——涉及群众切身利益的问题有待解决。" + BODY,
             "——政府自身建设和管理需要加强。" + BODY, BODY]
    assert [(d, m) for d, m, _ in _parse(paras).headings()] == [(1, "一、")] + [(2, m) for m in (
        "第一，", "第二，", "第三，", "第四，", "", "", "")]


def test_short_parallel_leads_under_an_item_head_its_paragraphs():
    paras = ["政府工作报告", "各位代表：", BODY, "一、过去一年工作回顾", BODY,
             "一是加大结构调整力度，增强发展后劲。" + BODY,
             "不断巩固农业基础。" + BODY, "大力调整产业结构。" + BODY, "实施创新驱动发展战略。" + BODY,
             "二是织密织牢民生保障网，增进人民福祉。" + BODY]
    assert _parse(paras).headings() == [
        (1, "一、", "过去一年工作回顾"), (2, "一是", "加大结构调整力度，增强发展后劲"), (3, "", "不断巩固农业基础"),
        (3, "", "大力调整产业结构"), (3, "", "实施创新驱动发展战略"), (2, "二是", "织密织牢民生保障网，增进人民福祉")]


def test_a_speech_item_s_short_statements_are_its_argument():
    # no directive among them (理论的生命力在于创新。): text of the item, not leads
    paras = ["在座谈会上的讲话", "同志们：", BODY, "一、关于学科体系", BODY,
             "第一，体现继承性、民族性。" + BODY, "第二，体现原创性、时代性。" + BODY,
             "理论的生命力在于创新。" + BODY, "理论思维的起点决定着理论创新的结果。" + BODY,
             "第三，体现系统性、专业性。" + BODY]
    assert [m for _, m, _ in _parse(paras).headings()] == ["一、", "第一，", "第二，", "第三，"]


def test_numbered_headings_between_two_lead_runs_are_their_siblings():
    results = [f"五年来，{w}。" + BODY for w in ("经济实力跃上新台阶", "经济结构出现重大变革", "人民生活持续改善")]
    others = [f"过去五年，{w}。" + BODY for w in ("港澳台工作取得新进展", "中国特色大国外交全面推进")]
    paras = ["政府工作报告", "各位代表：", BODY, "一、过去五年工作回顾", BODY, *results, BODY,
             "（一）坚持稳中求进工作总基调。" + BODY, "（二）坚持创新引领发展。" + BODY, "各位代表！", *others, BODY]
    assert [(d, m) for d, m, _ in _parse(paras).headings()] == [
        (1, "一、"), (2, ""), (2, ""), (2, ""), (2, "（一）"), (2, "（二）"), (2, ""), (2, "")]


def test_items_after_a_dashed_run_of_one_paragraph_each_are_its_siblings():
    # a report's review: ——results one paragraph each, a paragraph of text, then 一是…三是 (the year's
    # work): the items follow the run, they are not inside its last lead (issue 11, depth by containment)
    dashes = ["——经济保持恢复发展。" + BODY, "——创新能力进一步增强。" + BODY, "——人民生活水平稳步提高。" + BODY]
    items = ["一是保持宏观政策连续性针对性。" + BODY, "二是优化和落实助企纾困政策。" + BODY,
             "三是深化改革扩大开放。" + BODY]
    speech = _parse(["政府工作报告", "各位代表：", BODY, "一、过去一年工作回顾", BODY, *dashes,
                     "回顾过去一年，成绩得来殊为不易。" + BODY, *items, "二、今年工作总体要求", BODY])
    depths = {(m, h): d for d, m, h in speech.headings()}
    assert depths[("", "——经济保持恢复发展")] == 2
    assert depths[("一是", "保持宏观政策连续性针对性")] == 2, speech.headings()
    # the same items right after the last lead's paragraph, no text between, are that lead's points
    speech = _parse(["政府工作报告", "各位代表：", BODY, "一、过去一年工作回顾", BODY, *dashes, *items])
    depths = {(m, h): d for d, m, h in speech.headings()}
    assert depths[("一是", "保持宏观政策连续性针对性")] == 3, speech.headings()
