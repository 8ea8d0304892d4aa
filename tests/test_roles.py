"""The genre knowledge drafting and mining share (drafter/roles.py): a line's role, its voice, its ties."""

from __future__ import annotations

import pytest

from drafter import roles


@pytest.mark.parametrize("text, category, role", [
    ("今天，我们召开这次会议。", "开篇", "开篇"),                 # the category decides for these three
    ("谢谢大家。", "结尾", "结尾"),
    ("下面，我谈三点体会。", "过渡", "过渡"),
    ("习近平总书记强调：“空谈误国，实干兴邦。”", "", "引语"),
    ("“功成不必在我。”", "", "引语"),
    ("对照检查，我们还存在不少差距和不足。", "", "查摆"),
    ("下一步，我将带头学、带头干。", "", "表态"),
    ("各级党组织要把学习摆在首位。", "", "要求"),
    ("必须坚持人民至上。", "", "要求"),
    ("推动调研成果转化为工作举措。", "", "举措"),
    ("健全长效机制。", "", "举措"),
    ("推动发展的关键在于落实。", "", "论述"),      # opens like a measure but says what something is
    ("学习是立身之本。", "", "论述"),
    ("一分部署，九分落实。", "金句", "金句"),
])
def test_role_of_a_line(text, category, role):
    assert roles.role(text, category) == role
    assert role in roles.ROLES


@pytest.mark.parametrize("text, level", [
    ("各级政府要过紧日子。", "国家"),
    ("全省上下要凝心聚力。", "省"),
    ("全市要抓好落实。", "市"),
    ("全区上下要以学促干。", "县区"),
    ("全镇干部要下沉一线。", "乡镇"),
    ("我们支部要带头。", "支部"),
    ("要坚持学思用贯通。", None),
    # the levers only the State Council holds, as its reports word them (the panel cut these
    # from county and bureau speeches): prices, residence, taxes, macro policy, central funds
    ("突出做好稳增长、稳就业、稳物价工作。", "国家"),
    ("保持物价总水平基本稳定。", "国家"),
    ("推动放开在就业地参加社会保险的户籍限制。", "国家"),
    ("宏观政策要继续为市场主体纾困。", "国家"),
    ("扩大环境保护、节能节水等企业所得税优惠目录范围。", "国家"),
    ("建立企业职工基本养老保险基金中央调剂制度。", "国家"),
    ("出台法治政府建设实施纲要。", "国家"),
    ("各级领导干部特别是高级干部必须自觉遵守廉政准则。", "国家"),
    ("全党都要关注青年、关心青年、关爱青年。", "国家"),
    ("支持经济大省勇挑大梁。", "省"),
    ("制定实施教育强国建设三年行动计划。", "国家"),
    ("制定实施优化营商环境、市场主体登记管理、促进个体工商户发展、保障中小企业款项支付等条例。", "国家"),
    ("从国内看，当前我国社会主要矛盾已经转化为人民日益增长的美好生活需要。", "国家"),
    ("微观政策要持续激发市场主体活力，结构政策要着力畅通国民经济循环。", "国家"),
    ("制定实施方案，抓好落实。", None),
    ("严格落实中央八项规定精神，持续纠治“四风”，有力推进金融单位、国有企业等巡视整改工作。", "国家"),
    ("提高资源利用率。", None),
    ("要把人民放在心上。", None),
])
def test_line_level(text, level):
    assert roles.line_level(text) == level


@pytest.mark.parametrize("title, speaker, vars, level", [
    ("", "滨江区委副书记 张三", None, "县区"),
    ("", "市发展改革委党组书记 李四", None, "单位"),      # a committee speaks as its office
    ("在机关党支部专题党课上的讲稿", "", None, "支部"),
    ("", "", {"地名": "滨江区"}, "县区"),
    ("", "", {"单位": "市财政局"}, "单位"),
    ("发言", "张三", {}, None),
])
def test_speaker_level(title, speaker, vars, level):
    assert roles.speaker_level(title, speaker, vars) == level


def test_level_fits():
    assert roles.level_fits(None, "市") and roles.level_fits(None, None)
    assert roles.level_fits("市", "市") and not roles.level_fits("市", "县区")
    assert roles.level_fits("县区", None)                # an unknown speaker may use a local line
    assert not roles.level_fits("国家", None) and roles.level_fits("国家", "国家")


def test_ties_name_what_binds_a_line_to_its_source():
    found = roles.ties("2023年，滨江区新增就业1.2万人，这次会议要求开展主题教育。")
    kinds = {t.kind: t.text for t in found}
    assert kinds["year"] == "2023年" and kinds["place"] == "滨江" and kinds["meeting"] == "这次会议"
    assert kinds["campaign"] == "主题教育" and "figure" in kinds
    assert roles.ties("要坚持学思用贯通、知信行统一。") == []


def test_campaigns_are_current_only_in_their_years():
    assert roles.campaign_current("主题教育", 2023) and not roles.campaign_current("主题教育", 2024)
    assert roles.campaign_current("十四五", 2025) and not roles.campaign_current("十四五", 2026)
    assert not roles.campaign_current("不是运动", 2023)


def test_meeting_fits_its_own_speech_type_only():
    assert roles.meeting_fits("这次研讨", "交流发言") and not roles.meeting_fits("这次研讨", "党课")
    assert roles.meeting_fits("今天的党课", "党课") and not roles.meeting_fits("这次会议", "研讨发言")


def test_tie_allowed():
    campaign, place, year = roles.Tie("campaign", "十四五"), roles.Tie("place", "滨江"), roles.Tie("year", "今年")
    assert roles.tie_allowed(campaign, year=2025, wanted="", places="")
    assert not roles.tie_allowed(campaign, year=2026, wanted="", places="")
    assert roles.tie_allowed(campaign, year=2026, wanted="回顾十四五成就", places="")
    assert roles.tie_allowed(place, year=2026, wanted="", places="滨江区")
    assert not roles.tie_allowed(place, year=2026, wanted="", places="江北区")
    assert not roles.tie_allowed(year, year=2026, wanted="今年", places="今年")


@pytest.mark.parametrize("text, year, current", [
    ("深入开展安全生产专项整治三年行动。", 2026, False),
    ("深入实施安全生产治本攻坚三年行动。", 2026, True),
    ("深入开展扫黑除恶专项斗争。", 2026, False),
    ("推进义务教育均衡发展。", 2026, False),
    ("构建社会主义和谐社会。", 2026, False),
    ("构建社会主义和谐社会。", 2008, True),
    ("推进国企改革深化提升行动。", 2026, False),
    ("加强行政监察和审计监督。", 2026, False),
    ("坚持抓大放小，搞活国有小企业。", 2026, False),
    ("做好因疫因灾遇困群众临时救助工作。", 2026, False),
    ("开展党的群众路线教育实践活动。", 2026, False),
    ("必须毫不动摇坚持以经济建设为中心，推动科学发展。", 2026, False),
    ("必须坚持不懈依靠改革推动科学发展。", 2015, True),
    ("继续推进国有企业优化重组和央企股份制改革。", 2026, False),
    # the poverty campaign's and the pandemic economy's 提法, cut by the panel from 2026 speeches
    ("优先支持贫困劳动力稳岗就业。", 2026, False),
    ("优先支持贫困劳动力稳岗就业。", 2019, True),
    ("就业是最大的民生，保市场主体也是为稳就业保民生。", 2026, False),
    ("就业是最大的民生，保市场主体也是为稳就业保民生。", 2021, True),
    ("坚持常态化防控和局部应急处置有机结合。", 2026, False),
    ("要加大对社会养老服务体系建设的支持力度。", 2026, False),
    ("全面建成小康社会的重点难点仍然在农村。", 2026, False),
    ("有效保护人民群众生命安全和身体健康。", 2026, False),
])
def test_dated_campaigns_of_the_reports(text, year, current):
    tie = next(t for t in roles.ties(text) if t.kind == "campaign")
    assert roles.campaign_current(tie.text, year) is current


def test_high_quality_development_and_the_strategic_thought_are_no_campaign():
    """科学发展观 has its own entry; 发展应该是科学发展和高质量发展 is the lasting strategic thought."""
    assert not any(t.kind == "campaign" for t in roles.ties("发展应该是科学发展和高质量发展的战略思想。"))
    assert not any(t.kind == "campaign" for t in roles.ties("坚定不移推动高质量发展。"))


def test_the_mass_line_itself_is_no_campaign():
    """群众路线 is the party's lasting line of work; only its 2013–2014 教育实践活动 is dated."""
    assert not any(t.kind == "campaign" for t in roles.ties("坚持党的群众路线，密切联系群众。"))


def test_the_centre_speaks_to_the_whole_party():
    assert roles.line_level("要推动全党坚定理想信念。") == "国家"


def test_fixed_ties_are_what_no_other_speech_may_say():
    assert roles.fixed_tie("新建高标准农田4500万亩")
    assert roles.fixed_tie("今后五年是关键时期")
    assert not roles.fixed_tie("加快建设高标准农田")


def test_the_reports_measure_verbs_start_measures():
    for text in ("出台促进就业的政策措施", "扶持畜牧业稳定发展", "畅通群众诉求表达渠道", "严守耕地保护红线"):
        assert roles.MEASURE_START.match(text), text
        assert roles.role(text + "。", "举措") == "举措"


def test_charity_and_the_follow_up_to_relocation_are_no_poverty_campaign():
    assert not [t for t in roles.ties("弘扬扶贫济困的传统美德。") if t.kind == "campaign"]
    assert not [t for t in roles.ties("做好易地扶贫搬迁后续扶持。") if t.kind == "campaign"]
    assert not [t for t in roles.ties("巩固拓展脱贫攻坚成果。") if t.kind == "campaign"]
