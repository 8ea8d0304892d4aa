"""Fields of work (drafter/sectors.py) and how drafting uses them to keep lines on their section."""

from drafter import roles, sectors
from drafter.bank import Phrase
from drafter.compose.outline import load_outline
from drafter.compose.units import About, BankView, Speech


def test_fields_count_distinct_words_of_each_field():
    f = sectors.fields("加快建设国家战略人才力量，培养造就更多战略科学家、一流科技领军人才、青年科技人才、卓越工程师。")
    assert f["人才"] >= 2 and f["科技创新"] >= 1 and f["群团青年妇女"] == 1
    assert sectors.fields("要数字化，再数字化。")["数字信息"] == 1
    assert not sectors.fields("要坚持问题导向，真正把工作落到实处。")


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
