"""Fields of work (drafter/sectors.py) and how drafting uses them to keep lines on their section."""

import re
from pathlib import Path

from drafter import roles, sectors
from drafter.bank import Phrase
from drafter.compose import relevance
from drafter.compose.admission import BankView, Speech
from drafter.compose.outline import load_outline
from drafter.compose.relevance import About

ROOT = Path(__file__).resolve().parent.parent


def test_fields_count_distinct_words_of_each_field():
    f = sectors.fields("加快建设国家战略人才力量，培养造就更多战略科学家、一流科技领军人才、青年科技人才、卓越工程师。")
    assert f["人才"] >= 2 and f["科技创新"] >= 1 and f["群团青年妇女"] == 1
    assert sectors.fields("要数字化，再数字化。")["数字信息"] == 1
    assert not sectors.fields("要坚持问题导向，真正把工作落到实处。")


def test_words_are_found_as_one_expression_of_them_all_finds_them():
    """sectors.py reads a text through a first-character table: at each place the longest word,
    then on after it — what the expression of every word, longest first, finds (as it did)."""
    field_of = sectors._table()[1]
    every = re.compile("|".join(re.escape(w) for w in sorted(field_of, key=len, reverse=True)))
    texts = [*sorted((ROOT / "corpus").glob("*.txt")), *sorted((ROOT / "corpus-public").rglob("*.txt"))]
    lines = [line for path in texts for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["", "安全", "安全生产安全", "消防安全生产责任制", "党的建设党的建设"]
    assert len(lines) > 1000
    for line in lines:
        expected = {m.group(0) for m in every.finditer(line)}
        assert list(sectors._found(line)) == list(expected), line  # the same words, met in the same order
        assert sectors.terms(line) == frozenset(w for w in expected if field_of[w])


def test_neighbouring_fields_serve_each_other():
    assert "党的建设" in sectors.names("强化理论武装")
    assert "卫生健康" in sectors.names("完善养老服务")
    assert "教育" not in sectors.names("强化理论武装")


def test_a_line_about_other_work_is_off_field():
    youth = sectors.names("青年工作 用党的创新理论武装青年")
    assert sectors.off_field(sectors.fields("加快建设国家战略人才力量，青年科技人才、卓越工程师、大国工匠。"), youth)
    assert sectors.off_field(sectors.fields("做好以高校毕业生为重点的青年就业工作。"), youth)
    assert not sectors.off_field(sectors.fields("广大青年要坚定不移听党话、跟党走。"), youth)
    assert not sectors.off_field(sectors.fields("要真抓实干、务求实效。"), youth)  # no field: general work
    # a list of other fields' tasks is off even when it names the place's field once
    assert sectors.off_field(sectors.fields("发展教育、医疗、养老、就业、生态事业，支持青年。"), youth)


def _outline(tmp_path, **extra):
    path = tmp_path / "o.yaml"
    body = {"type": "研讨发言", "title": "在团区委专题研讨会上的发言", "speaker": "团区委书记 赵雪",
            "theme": "青年工作", "length": 1000, "date": "2026-05-01",
            "sections": ["用党的创新理论武装青年"], **extra}
    import yaml
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return load_outline(path)


def _phrase(i, text, category="举措", src="corpus/a.txt"):
    return Phrase(id=f"{category}-{i:08x}", text=text, category=category, tags=[], origin="mined",
                  sources=[{"file": src, "para": 1}])


def test_bank_view_keeps_off_field_and_stale_lines_out(tmp_path):
    o = _outline(tmp_path)
    phrases = [
        _phrase(1, "要用党的创新理论武装青年头脑，引导广大青年听党话、跟党走。", "要求"),
        _phrase(2, "要加快建设国家战略人才力量，培养青年科技人才和卓越工程师、大国工匠。", "要求"),
        _phrase(3, "深化共青团改革，加强青年理论武装工作。", "举措", "gwr/2015年政府工作报告.txt"),
        _phrase(4, "深化共青团改革，加强青年理论武装工作，扎实开展青年大学习。", "举措", "gwr/2024年政府工作报告.txt"),
    ]
    view = BankView(phrases, Speech(o))
    about = About.of("用党的创新理论武装青年", "青年工作")
    used = [u.text for _, u in view.scored(about)]
    assert any(t.startswith("要用党的创新理论武装青年头脑") for t in used)
    assert not any("战略人才" in t for t in used)          # off field
    assert not any(t.startswith("深化共青团改革，加强青年理论武装工作。") for t in used)  # 2015: stale
    # the 2024 listing line travels, and so does each of its measures
    ids = {u.id for _, u in view.scored(about)}
    assert "举措-00000004" in ids and any(i.startswith("举措-00000004~") for i in ids)


def test_source_year_reads_names_and_congresses():
    assert roles.source_year("gwr/government_work_reports_017_2016年中华人民共和国国务院政府工作报告.txt") == 2016
    assert roles.source_year("坚定不移沿着中国特色社会主义道路前进 (十八大)") == 2012
    assert roles.source_year("高举中国特色社会主义伟大旗帜 (二十大)") == 2022
    assert roles.source_year("000_270d42a2c73d1346.txt") is None


def test_neutral_set_phrases_name_no_field_and_subjects_imply_their_words():
    assert not sectors.fields("营造干部愿干事、敢干事的环境，激发干事创业热情。")  # not 就业
    assert sectors.fields("鼓励大学生创业")["就业"] == 1
    assert "大气" in sectors.implied("坚持打好蓝天保卫战").split()
    assert sectors.implied("推进高标准农田建设") == ""


def test_a_heading_naming_a_field_takes_only_lines_on_it(tmp_path):
    """A 组织部 speaker's 干部 lines do not serve a heading on 人才 (the speaker's office widens
    a place only when the place and the theme name no field)."""
    o = _outline(tmp_path, title="在全市人才工作会议上的交流发言", speaker="区委组织部部长 林涛", theme="人才工作",
                 sections=["优化人才发展环境，让人才安心干事创业"])
    phrases = [
        _phrase(1, "要完善人才政策体系，优化人才发展环境。", "要求"),
        _phrase(2, "健全激励约束机制和容错纠错机制，营造干部愿干事、敢干事、能干成事的发展环境。", "举措"),
        _phrase(3, "要优化干部队伍结构，让干部安心干事创业、放心发展。", "要求"),
    ]
    view = BankView(phrases, Speech(o))
    about = About.of("优化人才发展环境，让人才安心干事创业", "人才工作",
                     heading="优化人才发展环境，让人才安心干事创业")
    used = [u.text for _, u in view.scored(about)]
    assert used and all("人才" in t for t in used), used


def test_a_point_takes_lines_on_its_own_subject_not_its_siblings(tmp_path):
    heading, points = "持续深入打好污染防治攻坚战", ["坚持打好蓝天保卫战", "深入打好碧水保卫战"]
    o = _outline(tmp_path, title="在区委理论学习中心组集体学习会上的辅导报告", speaker="区生态环境分局局长 何静",
                 theme="生态文明建设", sections=[{"heading": heading, "points": points}])
    phrases = [
        _phrase(1, "持续打好蓝天、碧水、净土保卫战，推进污染防治攻坚。", "举措"),
        _phrase(2, "加强大气污染防治攻坚，基本消除重污染天气。", "举措"),
        _phrase(3, "加快治理黑臭水体，推进重点流域水污染防治攻坚。", "举措"),
    ]
    view = BankView(phrases, Speech(o))

    def about(i):
        mine = points[i] + " " + sectors.implied(points[i])
        other = points[1 - i] + " " + sectors.implied(points[1 - i])
        return About.of(mine + " " + heading, "生态文明建设", heading=mine, above=heading, siblings=(other,))
    sky = [u.text for _, u in view.scored(about(0))]
    water = [u.text for _, u in view.scored(about(1))]
    assert any("大气" in t for t in sky) and not any("水体" in t or "碧水" in t for t in sky), sky
    assert any("黑臭水体" in t for t in water) and not any("大气" in t or "蓝天" in t for t in water), water


def test_a_line_sharing_a_word_but_filed_under_another_field_is_kept_out(tmp_path):
    """Keyword collisions: 安全 in 社保基金安全, 交通 in an industry-reform list, 振兴 of 民族振兴
    under 乡村振兴 — the line's own field (or the compound it says the word in) decides."""
    o = _outline(tmp_path, title="在全市安全生产工作会议上的讲话", speaker="市应急管理局局长 周强",
                 theme="安全生产", sections=[{"heading": "深化重点行业领域安全整治",
                                             "points": ["抓好危险化学品安全", "抓好道路交通和消防安全"]}])
    phrases = [
        _phrase(1, "健全社保基金保值增值和安全监管体系。", "举措"),
        _phrase(2, "推进能源、交通、电信等基础性行业改革，提高服务效率，降低收费水平。", "举措"),
        _phrase(3, "要严格危险化学品安全监管，深入排查整治危化品领域重大安全隐患。", "要求"),
        _phrase(4, "要推进安全生产风险专项整治，加强重点行业领域安全监管。", "要求"),
        _phrase(5, "要加强道路交通安全管理，严查酒驾超载等交通违法行为。", "要求"),
        _phrase(6, "要加强消防安全管理，坚决防范重特大火灾事故。", "要求"),
    ]
    view = BankView(phrases, Speech(o))
    heading = "深化重点行业领域安全整治"
    points = ["抓好危险化学品安全", "抓好道路交通和消防安全"]

    def about(i):
        mine = points[i] + " " + sectors.implied(points[i])
        return About.of(mine + " " + heading, "安全生产", heading=mine, above=heading,
                        siblings=(points[1 - i],))
    chem = [u.text for _, u in view.scored(about(0))]
    roads = [u.text for _, u in view.scored(about(1))]
    assert chem and all("危险化学品" in t or "危化品" in t for t in chem), chem  # the heading's object
    assert not any("社保" in t or "能源" in t for t in chem + roads), (chem, roads)
    assert any("道路交通" in t for t in roads) and any("消防" in t for t in roads), roads
    # 振兴 said inside 乡村振兴 speaks of it only in a line that says 乡村振兴
    rural = About.of("乡村振兴", "乡村振兴")
    assert ("振兴", "乡村振兴") in rural.bound
    line = view.units[0]
    assert relevance._unbound(frozenset({"振兴"}), type(line)(**{**line.__dict__, "text": "教育是民族振兴的基石。"}),
                              rural) == frozenset()


def test_a_heading_joining_the_speech_field_with_another_takes_lines_on_both(tmp_path):
    o = _outline(tmp_path, title="市卫生健康委专题党课", speaker="市卫生健康委党组书记 孙慧", theme="纪律建设",
                 sections=[{"heading": "把纪律规矩挺在前面", "points": ["驰而不息纠治医药领域不正之风"]}])
    phrases = [
        _phrase(1, "要严格落实中央八项规定精神，坚决反对“四风”，持续整治群众身边的不正之风和腐败问题。", "要求"),
        _phrase(2, "完善药品集中采购和使用机制。", "举措"),
        _phrase(3, "要严肃查处医药购销领域收受回扣、红包等不正之风和腐败问题。", "要求"),
    ]
    view = BankView(phrases, Speech(o))
    point = "驰而不息纠治医药领域不正之风"
    mine = point + " " + sectors.implied(point)
    about = About.of(mine + " 把纪律规矩挺在前面", "纪律建设", heading=mine, above="把纪律规矩挺在前面")
    used = [u.text for _, u in view.scored(about)]
    assert used == ["要严肃查处医药购销领域收受回扣、红包等不正之风和腐败问题。"], used
