"""Lead sentences need a run, runs of different families are siblings, 第一个问题： parts (issue 11).

Short synthetic speeches in the shapes of ../shared/structure-conventions.md; the real texts these
shapes come from are gold excerpts in tests/fixtures/real (x24–x28)."""

from __future__ import annotations

from drafter.parser import parse_text

BODY = "这方面的工作做了很多，取得了明显成效，也积累了宝贵经验，需要继续坚持、不断完善、久久为功。"


def _heads(text: str) -> list[tuple[int, str, str]]:
    return parse_text(text).headings()


def test_scattered_short_sentences_are_text_and_items_stay_at_depth_one():
    # an aphorism and topic sentences far apart in a long speech are not a run of leads: the 第一，
    # items are the speech's structure, at depth 1
    paras = ["在合作论坛上的讲话", "女士们，先生们：", "很高兴再次见到各位同事。" + BODY, BODY, BODY,
             "真金不怕火炼。" + BODY, BODY, BODY, BODY,
             "第一，坚持开放合作。" + BODY, BODY, "第二，坚持互利共赢。" + BODY, BODY,
             "家和万事兴。" + BODY, BODY, BODY, BODY, BODY, "谢谢大家！"]
    assert _heads("\n".join(paras)) == [(1, "第一，", "坚持开放合作"), (1, "第二，", "坚持互利共赢")]


def test_long_dashed_leads_with_a_repeated_frame_are_a_run_and_items_after_an_address_are_siblings():
    lead = "——在前进道路上，我们要始终{}，为经济社会发展汇聚强大正能量，让改革发展成果更多更公平惠及人民。"
    paras = ["在大会上的讲话", "同志们：", BODY,
             lead.format("弘扬劳模精神") + BODY, BODY, lead.format("坚持人民主体地位") + BODY, BODY,
             lead.format("高度重视提高劳动者素质") + BODY, BODY,
             "各位同事！", BODY, "第一，加强组织领导。" + BODY, "第二，狠抓工作落实。" + BODY, BODY]
    heads = _heads("\n".join(paras))
    assert [(d, m) for d, m, _ in heads] == [(1, "")] * 3 + [(1, "第一，"), (1, "第二，")]
    assert heads[0][2] == "——在前进道路上，我们要始终弘扬劳模精神，为经济社会发展汇聚强大正能量，让改革发展成果更多更公平惠及人民"


def test_a_sentence_said_twice_is_a_refrain_not_two_leads():
    paras = ["在论坛上的演讲", "女士们，先生们：", "亲仁善邻，是中国自古以来的传统。" + BODY, BODY,
             "第一，勇于变革创新。" + BODY, "第二，同心维护和平。" + BODY, BODY,
             "亲仁善邻，是中国自古以来的传统。" + BODY, BODY]
    assert _heads("\n".join(paras)) == [(1, "第一，", "勇于变革创新"), (1, "第二，", "同心维护和平")]


def test_numbered_question_parts_head_the_speech_and_hold_items_and_leads():
    paras = ["在座谈会上的讲话", "同志们：", "今天，我讲三个问题。",
             "第一个问题：坚持和发展事业必须高度重视这项工作", BODY, "一是要提高认识。" + BODY + "二是要加强领导。" + BODY,
             "第二个问题：坚持正确方向", BODY, "第一，要把握方向。" + BODY, "第二，要坚守阵地。" + BODY,
             "第三个问题：加强和改善领导", BODY, "谢谢大家！"]
    assert _heads("\n".join(paras)) == [
        (1, "第一个问题：", "坚持和发展事业必须高度重视这项工作"), (2, "一是", "要提高认识"), (2, "二是", "要加强领导"),
        (1, "第二个问题：", "坚持正确方向"), (2, "第一，", "要把握方向"), (2, "第二，", "要坚守阵地"),
        (1, "第三个问题：", "加强和改善领导")]


def test_a_two_character_subject_shared_across_a_speech_is_not_a_frame():
    paras = ["在国会的演讲", "女士们，先生们："] + [BODY] * 6 + ["中国民众也自发表达慰问。" + BODY] + [BODY] * 5 \
        + ["中国和东盟国家山水相连。" + BODY] + [BODY] * 5 + ["中国致力于加强互联互通建设。" + BODY] + [BODY] * 6 \
        + ["第一，坚持讲信修睦。" + BODY, BODY, "第二，坚持合作共赢。" + BODY, BODY, "谢谢大家！"]
    assert _heads("\n".join(paras)) == [(1, "第一，", "坚持讲信修睦"), (1, "第二，", "坚持合作共赢")]


def test_a_numbered_run_restarting_inside_a_heading_is_its_points():
    # 四、 一、二、三、 五、 (an older work report): the second 一、…三、 are 四's points; a restart the
    # outer count never comes back from stays at the top level
    paras = ["政府工作报告", "各位代表：", BODY, "一、加快农业的发展", BODY, "二、调整工业结构", BODY,
             "三、加强能源建设", BODY, "四、有步骤地进行技术改造", BODY,
             "一、节约能源，降低消耗；", "二、改革产品结构；", "三、合理地利用资源。", BODY, "五、整顿企业", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "一、"), (1, "二、"), (1, "三、"), (1, "四、"), (2, "一、"), (2, "二、"), (2, "三、"), (1, "五、")]
    flat = ["政府工作报告", "各位代表：", "一、甲项工作", BODY, "二、乙项工作", BODY, "一、丙项工作", BODY, "二、丁项工作", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(flat))] == [(1, "一、"), (1, "二、"), (1, "一、"), (1, "二、")]


def test_bracketed_headings_before_a_restarted_run_are_its_siblings():
    paras = ["政府工作报告", "各位代表：", BODY, "一、回顾", BODY, "二、基本任务", BODY,
             "（一）创造良好的经济环境。" + BODY, "（二）保持经济稳定增长。" + BODY, BODY,
             "一、确定适度的经济增长率", BODY, "二、规定恰当的投资规模", BODY, "三、坚持科技进步", BODY,
             "三、经济体制改革", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "一、"), (1, "二、"), (2, "（一）"), (2, "（二）"), (2, "一、"), (2, "二、"), (2, "三、"), (1, "三、")]


def test_a_text_may_rank_bracketed_headings_above_its_numbered_ones():
    # 1981's report: （一）（二）（三） are its parts, and （二） holds 一、…三、
    paras = ["政府工作报告", "各位代表：", "（一）当前的经济形势", BODY, BODY, "（二）今后经济建设的方针", BODY,
             "一、加快农业的发展", BODY, "二、调整工业结构", BODY, "三、加强能源建设", BODY,
             "（三）我国经济发展的前景", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "（一）"), (1, "（二）"), (2, "一、"), (2, "二、"), (2, "三、"), (1, "（三）")]
