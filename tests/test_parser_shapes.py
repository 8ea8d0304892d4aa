"""What is a heading and what is content, by ../shared/structure-conventions.md (issue 11, third round):
——paragraphs that enumerate statements, items inside a quotation, a title line kept as written.

Short synthetic speeches in the shapes of real ones (gold excerpts in tests/fixtures/real: x29 for the
dashed statements, x01/x13/x21 for titles with a name before them)."""

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


def test_a_title_line_is_kept_as_written_with_a_name_before_it():
    # the conventions leave out speaker, date and time-place lines, site metadata and a contents list — not
    # words on the title line itself (习近平：…… / （全文）)
    speech = parse_text("\n".join(["习近平：在全国政协新年茶话会上的讲话", "发表时间：2013-12-31　　来源：新华网",
                                   "同志们，朋友们：", BODY]))
    assert speech.title == "习近平：在全国政协新年茶话会上的讲话"


def test_a_subtitle_after_a_page_headline_with_its_full_text_mark_completes_the_title():
    # a ——subtitle is not the speech's own title after a page headline: it completes the line before it
    speech = parse_text("\n".join(["习近平：共同维护和发展开放型世界经济（全文）", "——在峰会第一阶段会议上的发言",
                                   "中华人民共和国主席 习近平", "尊敬的各位同事：", BODY]))
    assert speech.title == "习近平：共同维护和发展开放型世界经济（全文）——在峰会第一阶段会议上的发言"
    assert speech.speaker == "中华人民共和国主席 习近平"


REPORT = ["2002年政府工作报告", "各位代表：", "现在，我代表国务院向大会作政府工作报告，请予审议。"]


def test_directive_leads_under_a_numbered_heading_are_a_run_whatever_their_commas():
    # 加快……。/ 继续……，……。/ 推进……。 open paragraphs under 三、: leads at depth 2, the 一要 items of
    # the first under it at depth 3
    paras = REPORT + ["一、积极推进经济结构调整", BODY,
                      "加快产业结构优化升级。" + BODY, "一要改造和提升传统产业。" + BODY, "二要加快发展高新技术产业。" + BODY,
                      "继续实施西部大开发战略，促进地区协调发展。" + BODY, "推进垄断行业改革。" + BODY, BODY,
                      "二、继续整顿市场秩序", BODY]
    assert _heads("\n".join(paras)) == [
        (1, "一、", "积极推进经济结构调整"), (2, "", "加快产业结构优化升级"),
        (3, "一要", "改造和提升传统产业"), (3, "二要", "加快发展高新技术产业"),
        (2, "", "继续实施西部大开发战略，促进地区协调发展"), (2, "", "推进垄断行业改革"),
        (1, "二、", "继续整顿市场秩序")]


def test_directive_leads_after_an_item_run_are_its_siblings():
    paras = REPORT + ["一、扩大和培育内需", BODY, "一是增加农民收入。" + BODY, "二是完善社会保障体系。" + BODY,
                      "保持国债投资的必要规模，带动投资较快增长。" + BODY, "努力做好财税工作，加强税收征管。" + BODY,
                      "二、加快农业发展", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "一、"), (2, "一是"), (2, "二是"), (2, ""), (2, ""), (1, "二、")]


def test_statements_and_announcements_are_no_directive_leads():
    paras = REPORT + ["一、加快农业发展", BODY, "加强水利建设是一项迫切任务。" + BODY,
                      "做好今年工作，要把握好以下几点。" + BODY, "积极促进乡镇企业发展。" + BODY, BODY, "二、深化改革", BODY]
    assert [m for _, m, _ in _heads("\n".join(paras))] == ["一、", "二、"]


def test_a_results_run_under_a_heading_joins_leads_of_one_and_no_comma_and_leaves_the_copula():
    paras = REPORT + ["一、2008年工作回顾", "2008年是极不平凡的一年。" + BODY, "国民经济继续保持平稳较快增长。" + BODY,
                      "改革开放深入推进。" + BODY, "社会事业加快发展，人民生活进一步改善。" + BODY, BODY,
                      "二、今年的主要任务", BODY]
    assert [h for _, _, h in _heads("\n".join(paras))] == [
        "2008年工作回顾", "国民经济继续保持平稳较快增长", "改革开放深入推进", "社会事业加快发展，人民生活进一步改善",
        "今年的主要任务"]


def test_a_dashed_results_run_and_the_numbered_sections_after_it_are_siblings():
    # a （一） ranks above a lead sentence: it is never inside one
    paras = REPORT + ["一、一年来工作回顾", BODY, "———抗击非典取得重大胜利。", "———经济快速发展。" + BODY,
                      "———国家财力明显增强。" + BODY, BODY, "（一）集中力量抗击非典", BODY, "（二）促进经济平稳快速发展", BODY,
                      "二、今年主要任务", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "一、"), (2, ""), (2, ""), (2, ""), (2, "（一）"), (2, "（二）"), (1, "二、")]


def test_a_text_opening_with_bracketed_parts_that_each_count_their_own_numbered_headings_ranks_them_outermost():
    # （一）关于…… holds 一、二、, （二）关于…… holds 一、二、三、: depth by containment, whatever the usual rank
    paras = ["关于几个问题的报告", "同志们：", BODY, "（一）关于经济工作", BODY, "一、加快发展农业", BODY,
             "二、调整工业结构", BODY, "（二）关于政治工作", BODY, "一、加强民主", BODY, "二、健全法制", BODY,
             "三、加强团结", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "（一）"), (2, "一、"), (2, "二、"), (1, "（二）"), (2, "一、"), (2, "二、"), (2, "三、")]


def test_leads_sharing_the_words_before_their_comma_are_one_run_whatever_their_commas_after_it():
    # (full-width digits as the older reports write them)
    paras = REPORT + ["一、一九八四年的工作", BODY, "１９８４年，我国农业继续大幅度增产。" + BODY, BODY,
                      "１９８４年，我国工业生产持续增长，经济效益有所提高。" + BODY,
                      "１９８４年，我国的城乡经济体制改革取得了重大进展。" + BODY, BODY, "二、今年的任务", BODY]
    assert [h for _, _, h in _heads("\n".join(paras))] == [
        "一九八四年的工作", "１９８４年，我国农业继续大幅度增产", "１９８４年，我国工业生产持续增长，经济效益有所提高",
        "１９８４年，我国的城乡经济体制改革取得了重大进展", "今年的任务"]


def test_a_first_person_frame_shared_by_a_run_is_no_objection_to_its_leads():
    lead = "我们主张，各国和各国人民应该共同享受{}。"
    paras = ["在联合国的演讲", "主席先生，各位代表：", BODY, lead.format("尊严") + BODY, BODY,
             lead.format("发展成果") + BODY, BODY, lead.format("安全保障") + BODY, BODY, BODY, "谢谢大家。"]
    assert [(d, h[:4]) for d, _, h in _heads("\n".join(paras))] == [(1, "我们主张")] * 3
    # a first-person sentence alone is text
    paras[5] = "我们认为，" + BODY
    paras[7] = "我们相信，" + BODY
    assert _heads("\n".join(paras)) == []


def test_a_toast_whose_paragraphs_open_with_statements_has_no_sections():
    text = "两国人民友好交往源远流长，在各个领域开展了富有成效的合作，为两国关系发展奠定了坚实基础。"
    paras = ["在参议院的演讲", "尊敬的参议长先生，女士们，先生们：", "很高兴来到参议院发表演讲。" + text,
             "中墨两国有着悠久的交往历史。" + text + text, text, text, "墨西哥是个具有悠久文明历史的国家。" + text,
             text, text, text, "中国愿同墨西哥一道前进。" + text, text, "谢谢大家。"]
    assert _heads("\n".join(paras)) == []
    # headings that say what to do, as many, are the speech's sections
    paras[2], paras[3], paras[6], paras[10] = ("深化政治互信。" + text, "拓展务实合作。" + text + text,
                                                "密切人文交流。" + text, "加强国际协作。" + text)
    assert [h for _, _, h in _heads("\n".join(paras))] == ["深化政治互信", "拓展务实合作", "密切人文交流", "加强国际协作"]


def test_a_bracketed_heading_after_an_item_run_is_its_sibling_never_inside_an_item():
    paras = REPORT + ["二、今年主要任务", BODY, "通观全局，做好今年工作必须把握好以下几点：一是稳定政策，适度微调。二是把握大局，抓住重点。",
                      "今年要着重做好以下几方面的工作。", "（一）继续保持经济平稳较快发展。", BODY,
                      "一是努力增加城乡居民收入。" + BODY, "二是大力开拓农村消费市场。" + BODY, "（二）扎实推进新农村建设。", BODY,
                      "三、加强政府建设", BODY]
    assert [(d, m) for d, m, _ in _heads("\n".join(paras))] == [
        (1, "二、"), (2, "一是"), (2, "二是"), (2, "（一）"), (3, "一是"), (3, "二是"), (2, "（二）"), (1, "三、")]


def test_result_leads_of_two_clauses_may_be_longer_than_22_characters():
    # 2001 work report (gold g09): three of the five results are 23–24 characters; a run of them heads 一、's text
    results = ["国民经济持续快速健康发展，综合国力进一步增强。", "经济体制改革全面推进，社会主义市场经济体制初步建立。",
               "对外开放水平不断提高，全方位对外开放格局基本形成。", "人民生活继续改善，总体上达到小康水平。"]
    paras = ["政府工作报告", "各位代表：", "一、过去五年的回顾", BODY] + [r + BODY for r in results] + ["二、今后的任务", BODY]
    heads = _heads("\n".join(paras))
    assert [h for h in heads if h[0] == 2] == [(2, "", r.rstrip("。")) for r in results]


def test_a_long_first_sentence_with_a_time_contrast_or_figures_is_no_result_lead():
    # (2019 and 2010 work reports: 今年……，但…… / ……资金2906亿元，比上年增长16.6% open paragraphs of text)
    firsts = ["今年财政收支平衡压力加大，但基本民生投入确保只增不减。", "中央财政安排社会保障资金2906亿元，比上年增长16.6%。",
              "对城乡特殊困难群众，要给予更多的关爱和更切实的帮助。"]
    paras = ["政府工作报告", "各位代表：", "一、过去一年的工作", BODY] + [f + BODY for f in firsts] + ["二、今后的任务", BODY]
    assert [h for h in _heads("\n".join(paras)) if h[0] == 2] == []


def test_a_second_paragraph_of_the_last_section_stays_there_when_the_speaker_says_where_the_closing_begins():
    """Sections of one paragraph each, the last of two: the shape alone would close the speech after the
    last section's first paragraph, but a summing-up (今后，我们将…) says where the closing begins.
    drafter's own 交流发言 split a long last section so and parsed back with its second paragraph closing it."""
    text = "\n".join([
        "在全市优化营商环境工作交流会上的发言", "",
        "同志们：",
        "按照会议安排，我就本区优化营商环境工作作简要交流发言。",
        "聚焦企业所需，深化放管服改革。要不断完善落实“两个毫不动摇”的体制机制。要努力打造良好营商环境。",
        "聚焦人才引育，厚植创新发展优势。优化人才发展环境。加快建立以创新价值、能力、贡献为导向的人才评价体系。",
        "聚焦作风转变，当好服务企业店小二。扩大出口信用保险对中小微外贸企业的覆盖面，加强出口信贷支持，优化外汇服务，"
        "加快出口退税进度，帮助外贸企业稳订单稳生产。鼓励企业创新产品和服务，便利新产品市场准入，推进内外贸产品同线同标同质。",
        "优化融资、结算、外汇等金融服务，扩大出口信用保险承保规模和覆盖面，强化企业境外参展办展支持。"
        "建立政务服务“好差评”制度，服务绩效由企业和群众来评判。",
        "今后，我们将对标先进、补齐短板，以更加务实的举措推动工作落地见效。",
        "发言完毕，谢谢大家！",
    ])
    speech = parse_text(text)
    assert [s.heading for s in speech.sections] == [
        "聚焦企业所需，深化放管服改革", "聚焦人才引育，厚植创新发展优势", "聚焦作风转变，当好服务企业店小二"]
    assert speech.sections[-1].body[-1].startswith("优化融资")
    assert speech.closing == ["今后，我们将对标先进、补齐短板，以更加务实的举措推动工作落地见效。", "发言完毕，谢谢大家！"]


def test_after_only_a_wish_and_thanks_the_shape_still_finds_the_closing():
    text = "\n".join([
        "在某论坛上的致辞", "",
        "女士们、先生们、朋友们：",
        "很高兴出席论坛。",
        "第一，坚持开放合作。开放带来进步。",
        "第二，坚持互利共赢。合作才能共赢。",
        "第三，坚持创新驱动。创新是第一动力。",
        "朋友们！让我们携手同行，共创美好未来。",
        "最后，预祝论坛取得圆满成功！",
        "谢谢大家。",
    ])
    speech = parse_text(text)
    assert speech.closing[-2:] == ["最后，预祝论坛取得圆满成功！", "谢谢大家。"]
