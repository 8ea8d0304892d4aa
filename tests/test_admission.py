"""What a speech may say at all (compose/admission.py with drafter/roles.py and data/era.yaml):
the centre's voice, a rural line in a city district, a campaign of another year."""

import yaml

from drafter import roles, sectors
from drafter.bank import Phrase
from drafter.compose.admission import BankView, Speech
from drafter.compose.outline import load_outline


def _outline(tmp_path, **extra):
    path = tmp_path / "o.yaml"
    body = {"type": "研讨发言", "title": "在区委理论学习中心组教育强国建设专题研讨会上的发言",
            "speaker": "区教育局局长 何静", "theme": "教育强国", "length": 1000, "date": "2026-09-10",
            "vars": {"地名": "西城区"}, "sections": ["推进义务教育优质均衡发展"], **extra}
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return load_outline(path)


def _phrase(i, text, category="举措"):
    return Phrase(id=f"{category}-{i:08x}", text=text, category=category, tags=[], origin="mined",
                  sources=[{"file": "corpus/a.txt", "para": 1}])


def test_the_era_list_is_data_with_year_ranges_and_the_longest_match_decides():
    assert roles.campaign_current("安全生产专项整治三年行动", 2021)
    assert not roles.campaign_current("安全生产专项整治三年行动", 2026)
    assert not roles.campaign_current("扫黑除恶专项斗争", 2026) and roles.campaign_current("扫黑除恶专项斗争", 2019)
    # 不忘初心、牢记使命主题教育 is 2019's, though 主题教育 alone is 2023's
    tie = [t.text for t in roles.ties("巩固深化不忘初心、牢记使命主题教育成果。") if t.kind == "campaign"]
    assert tie == ["不忘初心、牢记使命主题教育"]
    assert roles.campaign_current(tie[0], 2019) and not roles.campaign_current(tie[0], 2023)
    # an entry may be current in several ranges (开好局起好步: the first year of a five-year plan)
    assert roles.campaign_current("开好局、起好步", 2026) and not roles.campaign_current("开好局、起好步", 2024)


def test_the_centres_voice_and_national_decisions_are_not_a_local_speakers():
    for line in ("要推动全党坚定理想信念、严密组织体系、严明纪律规矩。", "坚持义务教育由国家统一实施。",
                 "建设世界一流大学和一流学科。", "提高义务教育阶段家庭经济困难学生生活补助标准。"):
        assert roles.line_level(line) == "国家", line
    assert roles.line_level("要坚持立德树人，办好人民满意的教育。") is None


def test_a_city_district_gets_no_county_or_village_lines_and_a_town_no_smart_city(tmp_path):
    assert roles.speaker_setting("在区委理论学习中心组…的发言", "区教育局局长 何静") == "urban"
    assert roles.speaker_setting("在全县乡村振兴工作推进会上的交流发言", "青石镇党委书记 赵立") == "rural"
    assert roles.speaker_setting("在县委常委会上的发言", "县应急管理局局长") is None
    phrases = [_phrase(1, "加强县域普通高中建设，改善农村寄宿制学校办学条件。"),
               _phrase(2, "推动义务教育优质均衡发展，保障适龄儿童就近入学。"),
               _phrase(3, "要建设智慧城市，提升城市治理水平。", "要求"),
               _phrase(4, "开展安全生产专项整治三年行动，坚决遏制重特大事故。"),
               _phrase(5, "坚持义务教育由国家统一实施，引导规范民办教育发展。")]
    def admitted(view):
        return sorted(int(u.id.split("-")[1], 16) for u in view.units if "~" not in u.id)  # whole lines
    assert admitted(BankView(phrases, Speech(_outline(tmp_path)))) == [2, 3]
    town = BankView(phrases, Speech(_outline(tmp_path, speaker="青石镇党委书记 赵立", vars={"地名": "青石镇"})))
    assert admitted(town) == [1, 2]
    # the 2021 campaign is used when the outline is of its time
    old = BankView(phrases, Speech(_outline(tmp_path, date="2021-05-01")))
    assert 4 in admitted(old)


def test_a_word_inside_another_shared_word_is_one_mention():
    from drafter.compose.relevance import distinct  # noqa: PLC0415 - kept beside the test it serves
    assert distinct(frozenset({"指导", "指导思想", "五五"})) == {"指导思想", "五五"}
    assert distinct(frozenset({"网络", "安全", "网络安全"})) == {"网络安全"}


def test_a_generic_compound_does_not_stand_for_the_field_a_heading_names():
    from drafter.compose.relevance import About, _of_field, _of_named  # noqa: PLC0415 - kept beside the test it serves
    heading = "清醒看到当前网络安全面临的风险挑战"
    about = About.of(heading, "网络安全", heading=heading)
    assert about.named
    assert not _of_named(frozenset({"风险挑战"}), about)  # said of any work: 以经济建设为中心…应对风险挑战
    assert _of_named(frozenset({"网络安全"}), about)
    speech = sectors.names("筑牢网络安全屏障 市委网信办主任")
    assert _of_field(frozenset({"网络安全"}), about, speech) and not _of_field(frozenset({"指导思想"}), about, speech)


def test_a_short_field_term_the_heading_names_in_passing_is_not_enough_alone():
    """Under 依法管网治网 in a speech on 网络安全, 依法 (法治) does not make 依法打击偷税骗税 the place's own;
    a long term (社会保障) names its field on its own, whatever the speech's fields."""
    from drafter.compose.relevance import About, _of_field  # noqa: PLC0415 - kept beside the test it serves
    about = About.of("依法管网治网", "网络安全和网络意识形态工作", heading="依法管网治网")
    speech = sectors.names("筑牢网络安全屏障 守好网上精神家园 市委网信办主任 网络安全和网络意识形态工作")
    assert not _of_field(frozenset({"依法"}), about, speech)
    social = About.of("织密扎牢社会保障网", "保障和改善民生", heading="织密扎牢社会保障网")
    assert _of_field(frozenset({"社会保障"}), social, sectors.names("保障和改善民生"))


def test_a_line_from_an_old_source_counts_less_than_the_same_line_said_now(tmp_path):
    from drafter.compose.admission import OLD_WEIGHT  # noqa: PLC0415 - kept beside the test it serves
    from drafter.compose.relevance import About  # noqa: PLC0415 - kept beside the test it serves
    text = "要推动义务教育优质均衡发展，办好人民满意的教育。"
    old, new = _phrase(1, text, "要求"), _phrase(2, text.replace("要推动", "要加快推动"), "要求")
    old.sources, new.sources = [{"file": "corpus/old.txt", "para": 1}], [{"file": "corpus/new.txt", "para": 1}]
    view = BankView([old, new], Speech(_outline(tmp_path)), source_years={"corpus/old.txt": 2014, "corpus/new.txt": 2024})
    about = About.of("推进义务教育优质均衡发展", "教育强国", heading="推进义务教育优质均衡发展")
    by_id = {u.id: u for u in view.units}
    a, b = view.relevance(by_id[old.id], about), view.relevance(by_id[new.id], about)
    assert a is not None and b is not None and by_id[old.id].newest == 2014
    assert abs(a - OLD_WEIGHT * b) < 1e-9


def test_the_frame_of_yi_x_wei_zhongxin_binds_its_second_word():
    from drafter.compose.relevance import _bound  # noqa: PLC0415 - kept beside the test it serves
    assert ("中心", "人民为中心") in _bound("深刻把握以人民为中心的发展思想")  # not 以经济建设为中心
    assert not _bound("坚持以人民为中心，抓好中心工作")  # 中心 said on its own too


def test_a_state_council_list_of_the_ministries_tasks_is_not_a_county_bureaus_line(tmp_path):
    """A county 水利局长 printed 建设重点水利工程、综合立体交通网、重要能源基地和设施 (a measure of a
    line of the 2022 State Council report): a series across three fields of work that only the
    country's reports say is the country's voice, and so is its measure holding the series; the
    same series from a local speech, and a national line of one field, travel."""
    line = "建设重点水利工程、综合立体交通网、重要能源基地和设施，加快城市燃气管道、给排水管道等管网更新改造，完善防洪排涝设施。"
    gwr = "gwr/government_work_reports_006_2022年中华人民共和国国务院政府工作报告.txt"
    n = len(sectors.fields(line))
    assert n >= roles.NATIONAL_FIELDS
    assert roles.source_level(line, None, n, [gwr]) == "国家"
    assert roles.source_level(line, None, n, ["corpus/a.txt"]) is None
    assert roles.source_level(line, None, n, [gwr, "corpus/a.txt"]) is None  # a local speaker said it too
    assert roles.source_level(line, "县区", n, [gwr]) == "县区"  # the text's own voice decides
    one = "推进非物质文化遗产保护传承。"
    assert roles.source_level(one, None, len(sectors.fields(one)), [gwr]) is None
    national = Phrase(id="举措-00000001", text=line, category="举措", tags=[], origin="mined",
                      sources=[{"file": gwr, "para": 64}])
    local = _phrase(2, line)
    county = Speech(_outline(tmp_path, type="交流发言", speaker="县水利局局长 张强", theme="水利",
                             title="在全县重点项目建设推进会上的交流发言", vars={"地名": "清河县"}))
    texts = [u.text for u in BankView([national], county).units]
    assert not any("综合立体交通网" in t for t in texts), texts
    assert any("综合立体交通网" in u.text for u in BankView([local], county).units)


def test_the_governments_voice_is_one_definition():
    for line in ("政府工作还存在不少不足。", "从国内看，经济恢复基础尚不牢固。", "要推动全党坚定理想信念。"):
        assert roles.government_voice(line), line
    assert not roles.government_voice("有的同志服务观念不强、办事效率不高。")


def test_laws_and_regulations_the_state_council_issues_are_the_countrys_voice(tmp_path):
    """Panel readers cut, in a 区 deputy head's 研讨发言 on 就业, 出台实施保障农民工工资支付条例,
    我们已经制定了深化收入分配制度改革若干意见… and 地方和企业要落实相关资金与措施… (lines of the State
    Council reports): no district issues a 条例 or speaks to 地方和企业. Carrying out a regulation,
    or making a policy of one's own, stays anyone's line."""
    for text in ("出台实施保障农民工工资支付条例。", "我们已经制定了深化收入分配制度改革若干意见，要抓紧研究制定具体政策。",
                 "地方和企业要落实相关资金与措施，确保分流职工就业有出路、生活有保障。",
                 "制定划转部分国有资本充实社保基金办法。", "出台公平竞争审查行政法规。"):
        assert roles.line_level(text) == "国家", text
    for text in ("认真贯彻落实保障农民工工资支付条例。", "制定政策要遵循规律、广聚共识、于法有据。",
                 "要根治拖欠农民工工资问题。"):
        assert roles.line_level(text) is None, text
    line = "出台实施保障农民工工资支付条例。"
    district = Speech(_outline(tmp_path, type="研讨发言", speaker="区委常委、副区长 李华", theme="就业",
                               title="在区委常委会专题学习会上的发言", vars={"地名": "新城区"}))
    assert not any("工资支付条例" in u.text for u in BankView([_phrase(1, line)], district).units)


def test_a_situation_said_by_an_old_source_is_as_dated_as_its_tasks(tmp_path):
    """论述 travel across the years, but not one that says how things stand now (当前…, 近些年…):
    the panel cut 近些年是我国农业发展最快…的时期 (2013) from a 2026 speech."""
    now = "近些年是我国农业发展最快、农村面貌变化最大、农民得到实惠最多的时期。"
    always = "解决好农业农村农民问题是全党工作重中之重。"
    old_now, old_always = _phrase(1, now, "论述"), _phrase(2, always, "论述")
    for p in (old_now, old_always):
        p.sources = [{"file": "gwr/2013.txt", "para": 1}]
    view = BankView([old_now, old_always], Speech(_outline(tmp_path)), source_years={"gwr/2013.txt": 2013})
    texts = {u.text for u in view.units}
    assert always in texts and now not in texts
    fresh = BankView([old_now], Speech(_outline(tmp_path)), source_years={"gwr/2013.txt": 2024})
    assert [u.text for u in fresh.units] == [now]


def test_a_line_sharing_one_short_word_and_naming_other_work_is_incidental(tmp_path):
    """Under 建设和美乡村 the panel cut 加强乡村教师定向培养… (教育: 乡村 only qualifies it) and
    kept the lines on the countryside itself; the field check alone let both in (one word each)."""
    from drafter.compose import relevance  # noqa: PLC0415 - kept beside the test it serves
    texts = ["加强乡村教师定向培养、在职培训与待遇保障。", "保护传统村落和乡村风貌。",
             "健全自治、法治、德治相结合的乡村治理体系。", "加强城乡社区服务体系建设。"]
    outline = _outline(tmp_path, title="在全镇和美乡村建设推进会上的讲话", speaker="青石镇党委书记 赵立",
                       theme="和美乡村", vars={"地名": "青石镇"}, sections=["抓治理，让乡村更加和美宜居"])
    # lines on other work, so the bank's word counts are those of a bank (乡村 in few of its lines)
    others = [f"{verb}{thing}。" for verb in ("加强", "推进", "完善")
              for thing in ("制造业发展", "安全生产监管", "医药卫生改革", "数字政府建设", "社会保障体系", "生态环境保护",
                            "作风建设", "教育强国建设", "科技创新体制", "营商环境优化", "基层党组织建设", "法治政府建设")]
    view = BankView([_phrase(i, t) for i, t in enumerate(texts + others, 1)], Speech(outline))
    about = relevance.About.of("抓治理，让乡村更加和美宜居", "和美乡村", heading="抓治理，让乡村更加和美宜居")
    by_text = {u.text: u for u in view.units}
    assert relevance.judge(view, by_text[texts[0]], about)[1] == "incidental"
    assert relevance.judge(view, by_text[texts[1]], about)[1] == "usable"
    assert relevance.judge(view, by_text[texts[2]], about)[1] == "usable"


def test_a_bureau_head_takes_stock_of_his_unit_not_as_a_government(tmp_path):
    """政府职能转变还不到位 and 有的部门服务观念不强 are the State Council's review of itself and
    its departments: a 市大数据局局长 cut them from his 研讨发言 (the panel); a 区长 may say them."""
    lines = [_phrase(1, "政府职能转变还不到位。", "查摆"), _phrase(2, "有的部门服务观念不强、办事效率不高。", "查摆"),
             _phrase(3, "理论学习还不够深入，学用结合还有差距。", "查摆")]
    bureau = BankView(lines, Speech(_outline(tmp_path, speaker="市大数据局局长 钱锋", vars={})))
    assert [u.text for u in bureau.units] == [lines[2].text]
    district = BankView(lines, Speech(_outline(tmp_path, speaker="西城区区长 王明", vars={})))
    assert len(district.units) == 3


def _about_point(heading, above, theme, title, siblings=()):
    from drafter.compose import occasion, relevance  # noqa: PLC0415 - kept beside the tests they serve
    return relevance.About.of(" ".join([heading, above]), theme, heading=heading, above=above,
                              siblings=siblings, context=occasion.subject_of_title(title) or "")


#: lines of a dozen fields of work (drafter/data/sectors.yaml), so that 深化 and 改革 spread over them
_REFORMS = ("医药卫生", "农村土地", "生态环境", "教育", "科技体制", "司法体制", "文化体制", "安全生产", "就业",
            "网络安全", "城市管理", "人才发展", "平安建设", "国防")


def test_the_speechs_own_subject_does_not_stand_for_a_point_on_other_work(tmp_path):
    """Under 持续加强国有企业党风廉政建设 in a speech on 国资国企改革, the panel cut every line on
    国有企业 alone (完善中国特色国有企业现代公司治理): 国有企业 is what the whole speech is about;
    the point's own subject is 党风廉政. Judged before by shared words, both lines were usable."""
    from drafter.compose import relevance  # noqa: PLC0415 - kept beside the test it serves
    title = "深化国资国企改革 推动市属国有企业高质量发展——在全市国资系统党委理论学习中心组专题学习会上的辅导报告"
    texts = ["完善中国特色国有企业现代公司治理。", "深入推进国有企业党风廉政建设和反腐败斗争。"]
    others = [f"深化{r}改革。" for r in _REFORMS] + [f"加强{r}监管。" for r in _REFORMS]
    outline = _outline(tmp_path, title=title, speaker="临川市国资委党委书记 孙志强", theme="国资国企改革",
                       vars={"地名": "临川市"}, sections=["坚持党建引领国企改革发展"])
    view = BankView([_phrase(i, t) for i, t in enumerate(texts + others, 1)], Speech(outline))
    about = _about_point("持续加强国有企业党风廉政建设", "坚持党建引领国企改革发展", "国资国企改革", title,
                         siblings=("推动党建工作与生产经营深度融合",))
    by_text = {u.text: u for u in view.units}
    assert relevance.judge(view, by_text[texts[0]], about)[1] == "own words"
    assert relevance.judge(view, by_text[texts[1]], about)[1] == "usable"


def test_a_word_said_of_every_kind_of_work_does_not_make_a_line_about_a_point(tmp_path):
    """Under 深化三项制度改革 the panel cut 深化通关便利化改革, 全面深化事业单位改革 …: 深化 and 改革
    are said of every reform in the bank (their lines spread over a dozen fields of work); 三项 is
    the point's own word."""
    from drafter.compose import relevance  # noqa: PLC0415 - kept beside the test it serves
    title = "在全市国资系统理论学习中心组专题学习会上的辅导报告"
    texts = ["深化通关便利化改革。", "深化三项制度改革，推动管理人员能上能下。"]
    others = [f"深化{r}改革。" for r in _REFORMS] + [f"{verb}{r}{what}。" for r in _REFORMS
                                                   for verb, what in (("优化", "布局"), ("加强", "建设"), ("完善", "体系"),
                                                                      ("健全", "机制"), ("提升", "水平"))]
    outline = _outline(tmp_path, title=title, speaker="临川市国资委党委书记 孙志强", theme="国资国企改革",
                       vars={"地名": "临川市"}, sections=["完善中国特色现代企业制度"])
    view = BankView([_phrase(i, t) for i, t in enumerate(texts + others, 1)], Speech(outline))
    about = _about_point("深化三项制度改革", "完善中国特色现代企业制度", "国资国企改革", title,
                         siblings=("把党的领导融入公司治理各环节",))
    by_text = {u.text: u for u in view.units}
    assert view.generic("深化") and not view.generic("三项")
    assert relevance.judge(view, by_text[texts[0]], about)[1] == "subject"
    assert relevance.judge(view, by_text[texts[1]], about)[1] == "usable"


def test_a_place_that_is_the_speechs_subject_is_served_by_lines_on_it(tmp_path):
    """深刻把握以人民为中心的发展思想 in a speech titled on it: the place names nothing beyond the
    speech's subject, so a line saying that subject in two words serves it, one word does not."""
    from drafter.compose import occasion, relevance  # noqa: PLC0415 - kept beside the test it serves
    title = "在市委理论学习中心组“践行以人民为中心的发展思想”专题研讨会上的发言"
    texts = ["要坚持以人民为中心的发展思想。", "人民群众是历史的创造者。"]
    texts += [f"推进{r}改革。" for r in _REFORMS]
    outline = _outline(tmp_path, title=title, speaker="市民政局局长 何静", theme="保障和改善民生",
                       vars={"地名": "临川市"}, sections=["深刻把握以人民为中心的发展思想"])
    view = BankView([_phrase(i, t) for i, t in enumerate(texts, 1)], Speech(outline))
    about = relevance.About.of("深刻把握以人民为中心的发展思想", "保障和改善民生",
                               heading="深刻把握以人民为中心的发展思想",
                               context=occasion.subject_of_title(title) or "")
    by_text = {u.text: u for u in view.units}
    assert not about.subject
    assert relevance.judge(view, by_text[texts[0]], about)[1] == "usable"
    assert relevance.judge(view, by_text[texts[1]], about)[1] != "usable"
