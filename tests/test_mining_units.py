"""The parts of mining on their own: splitting, shape tests, heading patterns, slots, themes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.mining.extract import Piece, find_phrases, is_aphorism, sentence_category, units_of
from drafter.mining.parallel import is_clause_series, is_pair, is_series
from drafter.mining.patterns import fill, heading_pattern
from drafter.mining.sentences import clauses, han_len, items, quoted, sentences, strip_end
from drafter.mining.slots import Slotter, slots_in, source_regex
from drafter.mining.themes import Tagger, title_themes

# -- splitting ---------------------------------------------------------------------------------


def test_sentences_keep_quotes_whole():
    text = "习近平总书记指出：“学习是前提。落实是关键。”我们要照办。好！"
    assert sentences(text) == ["习近平总书记指出：“学习是前提。落实是关键。”", "我们要照办。", "好！"]


def test_sentence_ending_inside_a_quote_ends_after_it():
    assert sentences("“为民造福是最大政绩。”这是要求。") == ["“为民造福是最大政绩。”", "这是要求。"]


def test_clauses_and_items_respect_quotes():
    assert clauses("要发扬“功成不必在我、功成必定有我”的精神，坚持一张蓝图绘到底。") == [
        ("要发扬“功成不必在我、功成必定有我”的精神", "，"), ("坚持一张蓝图绘到底", "")]
    assert items("坚决不破“防线”、不踩“红线”、不越“底线”") == ["坚决不破“防线”", "不踩“红线”", "不越“底线”"]
    assert items("强化“四个意识、两个维护”") == ["强化“四个意识、两个维护”"]
    assert quoted("要胸怀“国之大者”，落实‘重实践’要求") == ["国之大者", "重实践"]


def test_han_len_counts_only_han():
    assert han_len("发言完毕，谢谢大家！") == 8
    assert han_len("{地名}扎实推进2023年") == 7


ALPHABET = "发展要坚持在中上的以学促干民生改革一二三是，、；：。！？“”‘’（）《》{}XA*"


@given(st.text(alphabet=ALPHABET, max_size=80))
def test_splitting_loses_nothing(text):
    assert "".join(sentences(text)) == text
    for s in sentences(text):
        assert "".join(c + sep for c, sep in clauses(s)) == strip_end(s)
        for c, _ in clauses(s):
            assert "、".join(items(c)) == c


@settings(max_examples=60)
@given(st.lists(st.sampled_from([
    "把好事办好、把实事办实、把难事办妥。", "一分部署、九分落实。", "要强化理论武装，坚持学用结合。",
    "习近平总书记指出，发展是第一要务。", "同时，要把问题找准。", "“功成不必在我、功成必定有我”",
    "看清楚过去的短板，看清楚现在的任务，看清楚未来的方向。", "当前，改革任务依然艰巨。", "好。",
]), min_size=1, max_size=6), st.sampled_from(["opening", "body", "closing"]))
def test_every_phrase_is_a_substring_of_its_piece(parts, role):
    text = "".join(parts)
    pieces = [Piece(3, role, text, last=False)]
    for found in find_phrases(pieces):
        # a unit cut from a longer sentence (units_of) ends in 。 where its clause ended in ，
        assert (found.text in text or source_regex(found.text).search(text)) and found.para == 3


# -- units of long sentences ---------------------------------------------------------------------


def _units(sentence: str) -> list[tuple[str, str]]:
    return units_of(clauses(sentence))


def test_a_listing_sentence_gives_each_measure_as_a_sentence():
    s = ("建立健全维护群众权益机制，完善人民调解、行政调解、司法调解联动的工作体系，健全法律援助制度，"
         "推动涉法涉诉信访工作改革，畅通和规范群众诉求表达、利益协调、权益保障渠道，维护社会公共安全。")
    assert _units(s) == [("举措", "建立健全维护群众权益机制。"), ("举措", "完善人民调解、行政调解、司法调解联动的工作体系。"),
                         ("举措", "健全法律援助制度。"), ("举措", "推动涉法涉诉信访工作改革。"),
                         ("举措", "畅通和规范群众诉求表达、利益协调、权益保障渠道。"), ("举措", "维护社会公共安全。")]


def test_a_statement_then_directives_give_a_statement_and_directives():
    s = ("食品药品安全是人们关注的突出问题，要改革和健全食品药品安全监管体制，加强综合协调联动，"
         "落实企业主体责任，提升食品药品安全保障水平。")
    assert _units(s) == [("论述", "食品药品安全是人们关注的突出问题。"), ("要求", "要改革和健全食品药品安全监管体制。"),
                         ("举措", "加强综合协调联动。"), ("举措", "落实企业主体责任。"), ("举措", "提升食品药品安全保障水平。")]


def test_a_purpose_stays_with_its_measure_and_a_result_does_not():
    assert _units("严守从农田到餐桌的每一道防线，让人民群众饮食用药安全放心，加大攻坚力度。") == [
        ("举措", "严守从农田到餐桌的每一道防线，让人民群众饮食用药安全放心。")]
    # a clause with its own subject may report a result: the unit ends before it
    assert _units("出台促进高质量充分就业的政策措施，强化对企业吸纳就业的支持，重点群体就业保持稳定。") == [
        ("举措", "出台促进高质量充分就业的政策措施。"), ("举措", "强化对企业吸纳就业的支持。")]


@pytest.mark.parametrize("sentence", [
    "大幅增加投入，中央本级基础研究支出增长10.6%，落实扩大经费使用自主权政策的各项措施。",   # a figure
    "要深化社会体制改革，以更大的投入和更有力的举措。",                                     # a lead-in, no verb
    "当前我国发展正处于这样一个关键时期，必须坚定信心。",                                     # points outside
    "我们加大了投入，完善了政策体系，取得了明显成效。",                                      # a report, first person
    "政府工作的总体要求是：坚持稳中求进工作总基调，完善宏观调控。",                              # a colon's list
    "精准施策，持续发力。",                                                                 # too short
])
def test_what_is_not_a_unit(sentence):
    kept = [t for _, t in _units(sentence)]
    assert not any(bad in t for t in kept for bad in ("10.6", "以更大的投入", "这样", "了", "总体要求是")), kept
    assert all(8 <= han_len(t) <= 50 for t in kept)


def test_units_are_mined_with_the_paragraph_of_their_sentence():
    s = "建立健全维护群众权益机制，完善人民调解、行政调解、司法调解联动的工作体系，推动涉法涉诉信访工作改革，群众诉求表达更加畅通。"
    found = find_phrases([Piece(7, "body", s)])
    units = [f for f in found if f.text.endswith("。") and f.text != s]
    assert {f.text for f in units} >= {"建立健全维护群众权益机制。", "推动涉法涉诉信访工作改革。"}
    assert all(f.para == 7 and source_regex(f.text).search(s) for f in units)


def test_a_sentence_of_measures_only_is_mined_whole_once():
    # drafting cuts such a line into its measures itself (compose/units.py _clauses)
    s = "建立健全维护群众权益机制，完善人民调解、行政调解、司法调解联动的工作体系，推动涉法涉诉信访工作改革。"
    assert [(f.category, f.text) for f in find_phrases([Piece(7, "body", s)]) if f.text.endswith("。")] == [("举措", s)]


# -- shapes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("members", [
    ["把惠民生的事办实", "暖民心的事办细", "顺民意的事办好"],
    ["悟规律", "明方向", "学方法", "增智慧"],
    ["着力推动解决一批发展所需", "改革所急", "基层所盼", "民心所向的问题"],
    ["让八桂农村更有看头", "农业更有奔头", "农民更有盼头"],
])
def test_series(members):
    assert is_series(members)


@pytest.mark.parametrize("members", [
    ["经济", "政治", "文化", "社会"],
    ["人工智能", "大数据", "区块链"],
    ["就业", "教育"],
])
def test_not_series(members):
    assert not is_series(members)


def test_clause_series():
    assert is_clause_series(["看清楚过去发展的优势和短板", "看清楚现在面临的任务和要求", "看清楚未来赶超的方向和重点"])
    assert not is_clause_series(["当前形势复杂", "我们要继续努力工作下去", "确保完成全年目标任务"])


def test_pairs():
    assert is_pair("一分部署", "九分落实")
    assert is_pair("功成不必在我", "功成必定有我")
    assert is_pair("在对标对表中谋篇布局", "在知重负重中担当作为")
    assert is_pair("做到学深悟透", "融会贯通", lead_in=4)
    assert not is_pair("推进改革", "加强党的建设")
    assert not is_pair("解决这些问题", "绝非旦夕之功", framed=True)


def test_sentence_categories():
    assert sentence_category("下面，我谈几点体会。", "opening")[0] == "开篇"
    assert sentence_category("在会上，习近平总书记强调，要把调查研究作为基本功。", "body") == (
        "引语", "习近平总书记强调，要把调查研究作为基本功。")
    assert sentence_category("因此，要抓好落实。", "body")[0] == "过渡"
    assert sentence_category("我们必须坚持人民至上。", "body")[0] == "要求"
    assert sentence_category("作风是形象。", "body")[0] == "金句"
    assert sentence_category("调查研究是做好各项工作的基本功和必修课。", "body")[0] == "论述"
    assert sentence_category("我区今年完成了各项任务目标。", "body") is None
    assert is_aphorism("大道至简，实干为要")
    assert not is_aphorism("发言完毕，谢谢各位领导和同志们")


# -- heading patterns --------------------------------------------------------------------------


@pytest.mark.parametrize("headings, pattern", [
    (["坚持以学促干，在学思践悟中把牢方向", "坚持埋头苦干，在履职尽责中展现作为", "坚持真抓实干，在转变作风中锤炼党性"],
     "坚持{…}，在{…}中{…}"),
    (["着力在推动高质量发展上见真章", "着力在深化改革攻坚上下功夫", "着力在提高人民生活品质上求实效"], "着力在{…}上{…}"),
    (["聚焦主责主业，在深入基层中摸清实情", "聚焦急难愁盼，在破解难题中增进福祉", "聚焦作风建设，在真抓实干中锤炼本领"],
     "聚焦{…}，在{…}中{…}"),
    (["以新发展理念推动高质量发展", "以高质量党建引领高质量发展", "以高质量干部队伍建设促进高质量发展"], "以{…}高质量发展"),
])
def test_heading_pattern(headings, pattern):
    assert heading_pattern(headings) == pattern
    assert all(fill(pattern, h) for h in headings)


@pytest.mark.parametrize("headings", [
    ["锤炼坚强党性", "锻造过硬本领", "强化使命担当", "严守纪律规矩"],
    ["不折不扣贯彻落实党中央决策部署", "紧密结合实际破解发展难题", "树立和践行正确政绩观"],
    ["同一个标题", "同一个标题"],
    ["深刻领会，准确把握习近平总书记重要讲话的思想精髓", "联系实际，切实把习近平总书记重要讲话精神转化为生动实践"],
])
def test_no_pattern_for_headings_that_are_not_parallel(headings):
    assert heading_pattern(headings) is None


@settings(max_examples=40)
@given(st.lists(st.text(alphabet="改革发展民生作风党建", min_size=2, max_size=6), min_size=3, max_size=4, unique=True),
       st.sampled_from(["坚持", "着力在", "以"]), st.sampled_from(["，在", "中", "上"]))
def test_a_pattern_fits_every_heading_it_came_from(fillers, head, middle):
    headings = [f"{head}{f}{middle}{f[::-1]}" for f in fillers]
    pattern = heading_pattern(headings)
    if pattern is not None:
        assert "{…}" in pattern
        assert all(fill(pattern, h) is not None for h in headings)


# -- slots and aliases -------------------------------------------------------------------------


@pytest.mark.parametrize("corpus, bank", [
    ("XX区委书记", "{地名}区委书记"),
    ("新建医院**所", "新建医院{数字}所"),
    ("全市第*位", "全市第{数字}位"),
    ("A总书记强调", "习近平总书记强调"),
    ("学习贯彻A新时代中国特色社会主义思想", "学习贯彻习近平新时代中国特色社会主义思想"),
    ("XX同志", "{姓名}同志"),
    ("为XX各项事业发展", "为{地名}各项事业发展"),
    ("XXL号", "XXL号"),
])
def test_slotter(corpus, bank):
    assert Slotter()(corpus) == bank
    assert source_regex(bank).search(corpus)


def test_source_regex_matches_canonical_text_too():
    rx = source_regex("习近平总书记指出，{地名}要走在前列")
    assert rx.search("A总书记指出，XX要走在前列")
    assert rx.search("习近平总书记指出，**要走在前列")
    assert not rx.search("习近平总书记指出，要走在前列")
    assert source_regex("坚持{…}，在{…}中{…}").search("坚持以学促干，在学思践悟中把牢方向")


def test_user_alias_table():
    slot = Slotter({"B书记": "省委书记"})
    assert slot("B书记指出") == "省委书记指出"
    assert slots_in("{地名}和{数字}，{地名}{…}") == ["地名", "数字"]


# -- themes ------------------------------------------------------------------------------------


def test_tags():
    tag = Tagger()
    assert tag("大兴调查研究，把惠民生的事办实") == ["民生", "调查研究"]
    assert tag("坚持以学促干") == ["以学促干"]
    assert "以学促干" in tag("学用相长")
    assert title_themes("在理论中心组“以学促干”专题研讨班上的发言材料") == ("以学促干",)
    assert tag("实干担当促进发展", ("实干担当促进发展",)) == ["实干担当促进发展", "担当"]
