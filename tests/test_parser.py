"""The parser on the conventions of the genre, beyond the five corpus speeches."""

from __future__ import annotations

from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st
from speechtext import content_chars, tree_texts
from test_normalize import speechy

from drafter.normalize import paragraphs
from drafter.parser import parse_file, parse_text
from drafter.writers import render


def headings(text):
    return parse_text(text).headings()


def test_numbered_heading_alone_or_ending_at_first_full_stop():
    text = "标题\n同志们：\n开头。\n一、第一部分\n正文一。\n（一）小标题。小标题正文。\n二、第二部分。第二部分正文。\n"
    speech = parse_text(text)
    assert speech.headings() == [(1, "一、", "第一部分"), (2, "（一）", "小标题"), (1, "二、", "第二部分")]
    first, second = speech.sections
    assert first.body == ["正文一。"]
    assert first.sections[0].body == ["小标题正文。"]
    assert second.body == ["第二部分正文。"]


def test_four_levels_of_numbering_nest():
    text = "题\n同志们：\n开头。\n一、甲\n（一）乙\n1.丙。丙的正文。\n（1）丁。丁的正文。\n2、戊。戊的正文。\n二、己\n"
    assert headings(text) == [(1, "一、", "甲"), (2, "（一）", "乙"), (3, "1.", "丙"), (4, "（1）", "丁"),
                              (3, "2.", "戊"), (1, "二、", "己")]


def test_inline_items_in_order_but_not_first_priority_words():
    text = ("题\n同志们：\n开头。\n一、总体要求\n发展是第一要务，统一要求很重要。一是加强学习。学习正文。"
            "二是狠抓落实。落实正文。\n")
    speech = parse_text(text)
    assert speech.headings() == [(1, "一、", "总体要求"), (2, "一是", "加强学习"), (2, "二是", "狠抓落实")]
    assert speech.sections[0].body == ["发展是第一要务，统一要求很重要。"]
    assert speech.sections[0].sections[0].body == ["学习正文。"]


def test_a_lone_or_out_of_order_item_is_not_an_enumeration():
    assert headings("题\n同志们：\n开头。\n一、甲\n我们要看到二是二。三是三。\n") == [(1, "一、", "甲")]
    assert headings("题\n同志们：\n开头。\n一、甲\n一是学习。没有第二项。\n") == [(1, "一、", "甲")]


def test_a_dangling_last_item_is_not_a_heading():
    text = "题\n同志们：\n开头。\n一、甲\n一是学习。正文。二是落实。正文。三是"
    speech = parse_text(text)
    assert speech.headings() == [(1, "一、", "甲"), (2, "一是", "学习"), (2, "二是", "落实")]
    assert speech.sections[0].sections[1].body == ["正文。三是"]


def test_items_may_be_paragraphs_of_their_own():
    text = "题\n同志们：\n开头。\n一、甲\n一要学习。正文。\n二要落实。正文。\n"
    assert headings(text) == [(1, "一、", "甲"), (2, "一要", "学习"), (2, "二要", "落实")]


def test_parallel_lead_sentences_heading_paragraphs():
    text = ("在会上的发言\n同志们：\n今天我们在这里开会，我谈几点体会。\n"
            "坚持学思结合。学习是前提，要真学真懂。\n"
            "坚持知行合一。实践是关键，要真抓实干。\n"
            "坚持守正创新。创新是动力，要敢闯敢试。\n"
            "发言完毕，谢谢大家！\n")
    speech = parse_text(text)
    assert speech.headings() == [(1, "", "坚持学思结合"), (1, "", "坚持知行合一"), (1, "", "坚持守正创新")]
    assert len(speech.opening) == 1
    assert speech.closing == ["发言完毕，谢谢大家！"]


def test_lead_sentences_recurring_inside_a_section_paragraph():
    text = ("题\n同志们：\n开头。\n一、干在实处\n总的要求是实干。要干在发展的关键处。关键处正文，很多。"
            "要干在民生的第一线。民生正文，很多。要干在群众的心坎里。心坎正文。\n")
    assert headings(text) == [(1, "一、", "干在实处"), (2, "", "要干在发展的关键处"),
                              (2, "", "要干在民生的第一线"), (2, "", "要干在群众的心坎里")]


def test_title_over_several_lines_speaker_and_date():
    text = "在全区理论学习中心组\n专题研讨会上的发言\nXX区委副书记 张三\n（2026年11月21日）\n同志们：\n开头。\n"
    speech = parse_text(text)
    assert speech.title == "在全区理论学习中心组专题研讨会上的发言"
    assert speech.speaker == "XX区委副书记 张三"
    assert speech.date == "2026年11月21日"
    assert speech.salutation == "同志们："
    assert speech.opening == ["开头。"]


def test_salutation_followed_by_text_on_the_same_line():
    speech = parse_text("题目\n同志们：今天我们召开会议。\n")
    assert speech.salutation == "同志们："
    assert speech.opening == ["今天我们召开会议。"]


def test_summing_up_paragraph_before_thanks_is_closing():
    text = "题\n同志们：\n开头。\n一、甲\n正文。\n二、乙\n正文。\n同志们，让我们奋勇前进。\n谢谢大家！\n"
    speech = parse_text(text)
    assert speech.closing == ["同志们，让我们奋勇前进。", "谢谢大家！"]
    assert speech.sections[1].body == ["正文。"]


def test_positions_point_at_the_source_paragraphs(corpus_files):
    for path in corpus_files:
        paras = [p.text for p in paragraphs(path.read_text(encoding="utf-8"))]
        speech = parse_file(path)
        for text, idx in zip(speech.opening, speech.opening_paras):
            assert text in paras[idx - 1]
        for text, idx in zip(speech.closing, speech.closing_paras):
            assert text in paras[idx - 1]
        for _, section in speech.walk():
            assert section.heading in paras[section.para - 1]
            for text, idx in zip(section.body, section.body_paras):
                assert text in paras[idx - 1], (path.name, section.heading)


def test_no_text_of_the_corpus_is_lost(corpus_files):
    for path in corpus_files:
        paras = paragraphs(path.read_text(encoding="utf-8"))
        assert content_chars(tree_texts(parse_file(path))) == content_chars(p.text for p in paras), path.name


@settings(max_examples=300, deadline=None)
@given(speechy)
def test_parse_never_raises_and_loses_no_text(text):
    speech = parse_text(text)
    assert content_chars(tree_texts(speech)) == content_chars(p.text for p in paragraphs(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_parse_never_raises_on_any_unicode(text):
    parse_text(text)


def test_gb18030_copy_parses_to_the_same_tree(tmp_path, corpus_files):
    for path in corpus_files:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
        assert parse_file(copy).content() == parse_file(path).content()


def test_utf8_bom_and_utf16_copies_parse_to_the_same_tree(tmp_path):
    path = CORPUS / "003_db51f0831cc1980b.txt"
    text = path.read_text(encoding="utf-8")
    for encoding in ("utf-8-sig", "utf-16"):
        copy = tmp_path / f"{encoding}.txt"
        copy.write_bytes(text.encode(encoding))
        assert parse_file(copy).content() == parse_file(path).content()


def test_corpus_round_trips_through_txt_and_md(tmp_path, corpus_files):
    for path in corpus_files:
        speech = parse_file(path)
        for fmt in ("txt", "md"):
            out = tmp_path / f"{path.stem}.{fmt}"
            out.write_text(render(speech, fmt), encoding="utf-8")
            again = parse_file(out)
            assert again.content() == speech.content(), (path.name, fmt)


def test_compound_salutations():
    for line in ("各位领导、同志们：", "尊敬的各位来宾，同志们：", "同志们："):
        speech = parse_text(f"题目\n{line}\n开头。\n")
        assert (speech.salutation, speech.opening) == (line, ["开头。"])
    assert parse_text("题目\n领导干部要带头。\n").salutation is None


def test_lead_sections_of_several_paragraphs_and_a_closing_look_ahead():
    text = ("在组织生活会上的发言\n\n同志们：\n按照支部安排，我谈三点体会。\n"
            "深入学习是基础。理论上清醒，政治上才能坚定。\n学习中我体会到，必须带着问题学。\n"
            "调查研究是关键。没有调查就没有发言权。\n调研中发现，基层最盼政策落地。\n"
            "真抓实干是根本。一分部署，九分落实。\n今后，我将进一步改进作风。\n发言完毕，谢谢大家！\n")
    speech = parse_text(text)
    assert speech.headings() == [(1, "", "深入学习是基础"), (1, "", "调查研究是关键"), (1, "", "真抓实干是根本")]
    assert [len(s.body) for s in speech.sections] == [2, 2, 1]
    assert speech.closing == ["今后，我将进一步改进作风。", "发言完毕，谢谢大家！"]


def test_body_paragraphs_opening_with_unrelated_clauses_are_not_leads():
    text = ("题\n同志们：\n开头。\n一、甲\n"
            "实践证明，只有坚持学习才能进步。正文很长很长。\n"
            "事实表明，作风建设永远在路上。正文很长很长。\n"
            "历史告诉我们，团结就是力量。正文很长很长。\n")
    assert headings(text) == [(1, "一、", "甲")]


def test_closing_without_a_cue_after_one_paragraph_subsections():
    text = (CORPUS / "002_940c483cb8458f87.txt").read_text(encoding="utf-8")
    speech = parse_text(text.replace("同志们，宏伟蓝图已擘画", "宏伟蓝图已擘画"))
    assert speech.closing[0].startswith("宏伟蓝图已擘画，砥砺奋进正当时。")
    assert speech.headings()[-1] == (3, "四要", "严守纪律规矩")
    assert not any("宏伟蓝图" in b for _, s in speech.walk() for b in s.body)


def test_paragraphs_opening_with_a_leader_quote_are_not_lead_sentences():
    text = ("题\n同志们：\n开头。\n"
            "习近平总书记指出，干部要担当。我们要深刻领会。\n"
            "习近平总书记强调，要真抓实干。我们要认真落实。\n"
            "习近平总书记要求，要改进作风。我们要坚决贯彻。\n")
    assert headings(text) == []


# shortened from ../shared/corpus-public/gwr, 2009年国务院政府工作报告 (part 一): lead sentences open the
# paragraphs before （一） and inside （一）（二）（三）, which count straight through
WORK_REPORT_2009 = """2009年政府工作报告
各位代表：
现在，我代表国务院，向大会作政府工作报告。
一、2008年工作回顾
国民经济继续保持平稳较快增长。国内生产总值超过30万亿元。
改革开放深入推进。财税、金融等重点领域改革取得新突破。
全面夺取抗击特大自然灾害的重大胜利。成功举办北京奥运会。
一年来，我们做了以下主要工作：
（一）及时果断调整宏观经济政策，全力保持经济平稳较快发展
我们正确把握宏观调控的方向、重点、力度和节奏。
毫不放松地加强“三农”工作。全年中央财政用于“三农”的投入大幅增加。
坚定不移地推进自主创新和经济结构调整。实施16个国家重大科技专项。
（二）统筹经济社会发展，全面加强以改善民生为重点的社会建设
就业和社会保障工作进一步加强。完善促进就业的政策。
促进教育公平取得新进展。全面实行城乡免费义务教育。
（三）积极推进改革开放，为经济社会发展注入新的活力和动力
国务院机构改革基本完成，地方机构改革稳步推进。
二、2009年工作总体部署
今年经济社会发展的主要预期目标是：国内生产总值增长8%左右。
"""


def test_numbered_headings_counted_through_outrank_lead_sentences_around_them():
    speech = parse_text(WORK_REPORT_2009)
    assert speech.headings() == [
        (1, "一、", "2008年工作回顾"),
        (2, "", "国民经济继续保持平稳较快增长"), (2, "", "改革开放深入推进"),
        (2, "", "全面夺取抗击特大自然灾害的重大胜利"),
        (2, "（一）", "及时果断调整宏观经济政策，全力保持经济平稳较快发展"),
        (3, "", "毫不放松地加强“三农”工作"), (3, "", "坚定不移地推进自主创新和经济结构调整"),
        (2, "（二）", "统筹经济社会发展，全面加强以改善民生为重点的社会建设"),
        (3, "", "就业和社会保障工作进一步加强"), (3, "", "促进教育公平取得新进展"),
        (2, "（三）", "积极推进改革开放，为经济社会发展注入新的活力和动力"),
        (1, "二、", "2009年工作总体部署"),
    ]
    first = speech.sections[0]
    assert first.sections[2].body == ["成功举办北京奥运会。", "一年来，我们做了以下主要工作："]
    assert first.sections[3].body == ["我们正确把握宏观调控的方向、重点、力度和节奏。"]


def test_lead_sections_numbering_their_own_points_stay_outermost():
    text = ("题\n同志们：\n开头。\n一、总体\n强化理论武装。理论正文。\n（一）甲。甲的正文。\n（二）乙。乙的正文。\n"
            "夯实基层基础。基层正文。\n（一）丙。丙的正文。\n（二）丁。丁的正文。\n")
    assert headings(text) == [(1, "一、", "总体"), (2, "", "强化理论武装"), (3, "（一）", "甲"), (3, "（二）", "乙"),
                              (2, "", "夯实基层基础"), (3, "（一）", "丙"), (3, "（二）", "丁")]
