"""Shapes the held-out real texts of issue 11 showed the parser missing: unnumbered part titles over 一、,
我们要…。 leads, 第一、 heading lines holding their own 一、 runs, an item run before a heading's leads, a
salutation to a 殿下.

Short synthetic speeches in the shapes of ../shared/structure-conventions.md; the real texts these
shapes come from are gold excerpts in tests/fixtures/real (g10, g13, x32, x34) and, for 第一、 over 一、,
corpus-public's 1982 government work report (its 全面实现六五计划的主要措施 part)."""

from __future__ import annotations

from drafter.normalize import paragraphs
from drafter.parser import parse_text

BODY = "这方面的工作做了很多，取得了明显成效，也积累了宝贵经验，需要继续坚持、不断完善、久久为功。"


def _heads(paras: list[str]) -> list[tuple[int, str, str]]:
    return parse_text("\n".join(paras)).headings()


def test_unnumbered_part_titles_hold_the_numbered_headings_under_them():
    paras = ["1982年政府工作报告", "各位代表：", BODY, "第六个五年计划的基本任务", BODY, BODY,
             "一、关于发展速度", BODY, "二、关于基本建设", BODY, "各位代表！", BODY,
             "六五计划前两年的执行情况", BODY, BODY, "结束语", "各位代表！", BODY]
    assert _heads(paras) == [(1, "", "第六个五年计划的基本任务"), (2, "一、", "关于发展速度"),
                             (2, "二、", "关于基本建设"), (1, "", "六五计划前两年的执行情况"), (1, "", "结束语")]


def test_a_short_line_between_numbered_headings_is_no_part_title():
    # 二、 goes on counting after the line: it is text of 一、 (or its subheading), not a part over the 一、 run
    paras = ["政府工作报告", "各位代表：", BODY, "过去一年的工作", BODY, "一、关于发展速度", BODY,
             "几点体会", BODY, "二、关于基本建设", BODY]
    assert [m for _, m, _ in _heads(paras)] == ["一、", "二、"]


def test_we_must_leads_heading_text_are_a_run_and_those_side_by_side_are_content():
    paras = ["携手合作，共同发展", "女士们，先生们：", BODY,
             "我们要坚定维护国际公平正义，维护世界和平稳定。" + BODY, BODY,
             "我们要大力推动建设全球发展伙伴关系，促进各国共同繁荣。" + BODY,
             "我们要用伙伴关系把各国紧密联系起来，下大气力推进经贸、金融、基础设施建设、人员往来等领域合作。" + BODY,
             "我们要深化互利合作、谋求互利共赢。" + BODY, BODY, "谢谢大家。"]
    assert _heads(paras) == [(1, "", "我们要坚定维护国际公平正义，维护世界和平稳定"),
                             (1, "", "我们要大力推动建设全球发展伙伴关系，促进各国共同繁荣"),
                             (1, "", "我们要深化互利合作、谋求互利共赢")]
    # 我们要…… then 我们必须……, 我们必须……: a report's sentences of what is to be done, no run of one frame
    mixed = ["政府工作报告", "各位代表：", BODY, "我们要在党的领导下，加强各级组织的建设。" + BODY, BODY,
             "我们必须坚决拥护党的一元化领导。" + BODY, BODY, "我们必须艰苦奋斗，勤俭建国。" + BODY, BODY]
    assert _heads(mixed) == []


def test_item_heading_lines_rank_above_the_numbered_runs_each_counts():
    paras = ["政府工作报告", "各位代表：", BODY, BODY,
             "第一、严格控制固定资产投资的总规模，切实保证重点建设", BODY,
             "一、固定资产投资总规模，都必须进行综合平衡。" + BODY, "二、大中型基本建设项目，一律由国家计委审批。" + BODY,
             "第二、坚决调整和全面整顿现有企业", BODY,
             "一、物资消耗高、产品质量差的企业；", "二、生产供过于求、产品大量积压的企业。", BODY,
             "第三、积极推进技术进步", BODY]
    assert _heads(paras) == [
        (1, "第一、", "严格控制固定资产投资的总规模，切实保证重点建设"),
        (2, "一、", "固定资产投资总规模，都必须进行综合平衡"), (2, "二、", "大中型基本建设项目，一律由国家计委审批"),
        (1, "第二、", "坚决调整和全面整顿现有企业"),
        (2, "一、", "物资消耗高、产品质量差的企业"), (2, "二、", "生产供过于求、产品大量积压的企业"),
        (1, "第三、", "积极推进技术进步")]


def test_a_short_item_heading_line_is_not_joined_to_the_line_after_it():
    text = "第三、正确地确定基本建设的总规模，努力保证重点建设的资金需要，大力提高投资效果\n我们要为经济振兴打好基础。"
    assert [p.text for p in paragraphs(text)] == [
        "第三、正确地确定基本建设的总规模，努力保证重点建设的资金需要，大力提高投资效果", "我们要为经济振兴打好基础。"]


def test_item_lines_under_a_heading_hold_its_leads_and_an_item_run_before_leads_is_their_sibling():
    paras = ["政府工作报告", "各位代表：", BODY, "二、关于今年政府工作的建议", BODY,
             "第一，进一步稳定和加强农业", "农业事关全局，决不能放松农业。" + BODY,
             "继续加强农业基础设施建设。" + BODY, "积极促进乡镇企业的发展。" + BODY,
             "第二，国有企业改革要取得新的突破",
             "国有企业改革是当前经济体制改革的重点。主要是：一是转换企业经营机制。二是实行分类指导。" + BODY,
             "推进重点行业和重点企业的改革和发展。" + BODY, "加快国有企业的改组和调整。" + BODY,
             "积极稳妥地进行股份制改革。" + BODY, "加强领导班子建设和企业经营管理。" + BODY]
    assert _heads(paras) == [
        (1, "二、", "关于今年政府工作的建议"),
        (2, "第一，", "进一步稳定和加强农业"), (3, "", "继续加强农业基础设施建设"), (3, "", "积极促进乡镇企业的发展"),
        (2, "第二，", "国有企业改革要取得新的突破"), (3, "一是", "转换企业经营机制"), (3, "二是", "实行分类指导"),
        (3, "", "推进重点行业和重点企业的改革和发展"), (3, "", "加快国有企业的改组和调整"),
        (3, "", "积极稳妥地进行股份制改革"), (3, "", "加强领导班子建设和企业经营管理")]


def test_a_salutation_to_a_highness_over_several_lines_is_not_title():
    speech = parse_text("\n".join(["弘扬丝路精神深化中阿合作", "尊敬的贾比尔首相殿下，", "各位代表团团长，",
                                   "女士们，先生们，朋友们：", BODY]))
    assert speech.title == "弘扬丝路精神深化中阿合作"
    assert speech.salutation == "尊敬的贾比尔首相殿下，各位代表团团长，女士们，先生们，朋友们："


def test_leads_after_an_address_follow_a_run_of_item_heading_lines():
    # 1987's 第一，…第六， heading lines, then 各位代表！ and two new topics, the second holding 第一、… items
    paras = ["政府工作报告", "各位代表：", BODY, "三、深入改革经济体制", BODY,
             "第一，深化企业改革", BODY, "第二，改进固定资产投资管理办法", BODY,
             "各位代表！", "价格改革是当前人们普遍关心的问题。" + BODY, BODY,
             "各位代表！", "实行对外开放是我国的基本国策。" + BODY,
             "第一、借外债的总额要有控制。" + BODY, "第二、一定要用在生产建设上。" + BODY, BODY,
             "四、巩固安定团结的政治局面", BODY]
    assert _heads(paras) == [
        (1, "三、", "深入改革经济体制"), (2, "第一，", "深化企业改革"), (2, "第二，", "改进固定资产投资管理办法"),
        (2, "", "价格改革是当前人们普遍关心的问题"), (2, "", "实行对外开放是我国的基本国策"),
        (3, "第一、", "借外债的总额要有控制"), (3, "第二、", "一定要用在生产建设上"),
        (1, "四、", "巩固安定团结的政治局面")]
