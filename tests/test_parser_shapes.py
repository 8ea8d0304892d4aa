"""What is a heading and what is content, by ../shared/structure-conventions.md (issue 11, third round):
——paragraphs that enumerate statements, items inside a quotation, a speaker's name before a title.

Short synthetic speeches in the shapes of real ones (gold excerpts in tests/fixtures/real: x29 for the
dashed statements, x01/x13/x21 for the titles)."""

from __future__ import annotations

from drafter.parser import parse_text

BODY = "这方面的工作做了很多，取得了明显成效，也积累了宝贵经验，需要继续坚持、不断完善、久久为功。"


def _heads(text: str) -> list[tuple[int, str, str]]:
    return parse_text(text).headings()


def test_dashed_paragraphs_that_are_each_one_long_statement_enumerate_content():
    # each ——paragraph is one sentence with nothing after it: a list of what we will do, not leads
    statement = "——我们要坚持{}，牢牢把握两国关系的大局和大势，持续充实全面战略伙伴关系内涵，不断增进战略沟通和政治互信。"
    paras = ["在晚宴上的演讲", "女士们，先生们：", BODY, BODY,
             statement.format("长远和战略眼光"), statement.format("开放包容的心态"),
             statement.format("合作共赢的理念"), statement.format("开拓进取的精神"), BODY, "谢谢大家。"]
    assert _heads("\n".join(paras)) == []


def test_dashed_leads_heading_text_are_a_run():
    paras = ["在晚宴上的演讲", "女士们，先生们：", BODY,
             "——中秘是相互信任的好兄弟。" + BODY, "——中秘是共同发展的好伙伴。" + BODY,
             "——中秘是共担责任的好朋友。" + BODY, BODY, "谢谢大家。"]
    assert [h[2] for h in _heads("\n".join(paras))] == [
        "——中秘是相互信任的好兄弟", "——中秘是共同发展的好伙伴", "——中秘是共担责任的好朋友"]


def test_dashed_statements_in_the_first_person_or_pointing_back_are_not_leads():
    # ——我们高兴地看到…… / ——这段历史告诉我们…… report or point back; ——我们要…… says what is to be done
    report = ["——我们高兴地看到，两地交流合作日益密切。" + BODY, "——我们高兴地看到，经济社会发展成就显著。" + BODY,
              "——我们高兴地看到，居民生活水平不断提高。" + BODY]
    back = ["——这段历史告诉我们，友谊不是一天建成的。" + BODY, "——这段历史告诉我们，合作是双方的共同选择。" + BODY]
    for run in (report, back):
        assert _heads("\n".join(["在大会上的讲话", "同志们：", BODY, *run, BODY, "谢谢大家。"])) == []
    will = ["——我们要实现亚洲国家联动发展。" + BODY, "——我们要塑造更加开放的经济格局。" + BODY,
            "——我们要打造特色鲜明的合作平台。" + BODY]
    assert len(_heads("\n".join(["在大会上的讲话", "同志们：", BODY, *will, BODY, "谢谢大家。"]))) == 3


def test_items_inside_a_quotation_are_words_of_the_quotation():
    paras = ["在大会上的讲话", "同志们：",
             "我们常说“一要坚决，二要求实，三要听指挥”，这是老一辈留下的传统。" + BODY, BODY, "谢谢大家。"]
    assert _heads("\n".join(paras)) == []
    # outside a quotation the same words are items
    paras[2] = "我们要做到：一要坚决，始终如一。二要求实，扎扎实实。三要听指挥，令行禁止。" + BODY
    assert [m for _, m, _ in _heads("\n".join(paras))] == ["一要", "二要", "三要"]


def test_a_speaker_name_before_the_title_is_the_speaker():
    speech = parse_text("\n".join(["习近平：在全国政协新年茶话会上的讲话", "发表时间：2013-12-31　　来源：新华网",
                                   "同志们，朋友们：", BODY]))
    assert speech.title == "在全国政协新年茶话会上的讲话"
    assert speech.speaker == "习近平"


def test_a_site_suffix_is_not_title_and_a_subtitle_still_is():
    speech = parse_text("\n".join(["习近平：共同维护和发展开放型世界经济（全文）", "——在峰会第一阶段会议上的发言",
                                   "中华人民共和国主席 习近平", "尊敬的各位同事：", BODY]))
    assert speech.title == "共同维护和发展开放型世界经济——在峰会第一阶段会议上的发言"
    assert speech.speaker == "中华人民共和国主席 习近平"
    # a colon inside a title after more than a name is the title's own
    speech = parse_text("\n".join(["在金砖国家领导人第六次会晤上的讲话：新起点 新愿景 新动力", "尊敬的各位同事：", BODY]))
    assert speech.title.startswith("在金砖国家领导人第六次会晤上的讲话：")
