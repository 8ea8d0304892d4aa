"""draft(): complete, non-repeating, relevant, reproducible speeches of the asked length."""

from pathlib import Path

import pytest

from drafter.bank import load_bank
from drafter.compose import draft
from drafter.compose.length import NOTE, NOTE_OPEN
from drafter.compose.select import Ledger
from drafter.errors import OutlineError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
PACKAGED_BANK = ROOT / "drafter" / "data" / "phrasebank"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

OUTLINE = {
    "type": "研讨发言",
    "title": "在理论学习中心组“以学促干”专题研讨会上的发言",
    "speaker": "XX区委副书记 张三",
    "theme": "以学促干",
    "length": 2000,
    "vars": {"地名": "滨江区"},
    "sections": [
        {"heading": "坚持以学促干，在学思践悟中把牢方向", "points": ["强化理论武装", "深入调查研究"]},
        {"heading": "坚持真抓实干，在转变作风中锤炼党性"},
        {"heading": "坚持为民造福，在办好实事中践行宗旨"},
    ],
}


def outline(**changes):
    return {**OUTLINE, **changes}


def text_of(speech) -> str:
    return "\n".join(speech.paragraphs())


def check_clean(d, bank_ids=None):
    """The promises every draft keeps: nothing repeated, no template residue."""
    text = text_of(d.speech)
    for bad in ("{", "}", "None", "undefined", "{{", "{%", "@section", "\ue000"):
        assert bad not in text, bad
    sentences = Ledger.split(text)
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated
    ids = [b.phrase for b in d.sources]
    assert len(ids) == len(set(ids))
    if bank_ids is not None:
        assert set(ids) <= bank_ids


def check_complete(d, o):
    s = d.speech
    assert s.title == o["title"] and s.salutation == "同志们："
    assert s.speaker == o.get("speaker")
    assert s.opening and all(s.opening) and s.closing and all(s.closing)

    def expect(nodes, depth):
        for n in nodes:
            n = {"heading": n} if isinstance(n, str) else n
            yield depth, n["heading"]
            yield from expect(n.get("points") or [], depth + 1)
    assert [(dep, h) for dep, _, h in s.headings()] == list(expect(o["sections"], 1))
    for _, section in s.walk():
        assert section.body, f"empty section {section.heading}"


@pytest.mark.parametrize("numbering", ["lead", "numbered"])
@pytest.mark.parametrize("kind", ["研讨发言", "交流发言", "辅导报告", "党课"])
def test_complete_and_clean(kind, numbering):
    o = outline(type=kind, numbering=numbering)
    d = draft(o, bank=FIXTURE_BANK, seed=3)
    check_complete(d, o)
    check_clean(d, {p.id for p in load_bank(FIXTURE_BANK).phrases})
    markers = [m for _, m, _ in d.speech.headings()]
    if numbering == "numbered":
        assert markers == ["一、", "（一）", "（二）", "二、", "三、"]
    else:
        assert markers == ["", "一是" if kind in ("研讨发言", "交流发言") else "一要",
                           "二是" if kind in ("研讨发言", "交流发言") else "二要", "", ""]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_draft_completely(path):
    import yaml

    o = yaml.safe_load(path.read_text(encoding="utf-8"))
    d = draft(path, bank=FIXTURE_BANK)
    check_complete(d, o)
    check_clean(d)


@pytest.mark.parametrize("target", [1000, 1500, 2000, 2500])
def test_a_small_bank_gives_a_shorter_draft_and_says_where(target):
    """The fixture bank holds about fifty lines: the length is met only with relevant ones, so
    the draft is shorter, never padded, and the warnings name the sections that lack material."""
    d = draft(outline(length=target), bank=FIXTURE_BANK, seed=1)
    notes = [m.group(0) for p in d.speech.paragraphs() for m in NOTE.finditer(p)]
    # a note to the writer where the bank has nothing is not counted as length, and is named
    assert d.length == d.speech.text_length() - sum(map(len, notes))
    if notes:
        assert any(NOTE_OPEN in w for w in d.warnings)
    assert d.length <= target * 1.10
    if d.length < target * 0.9:
        assert d.shortfalls and any(gap.heading in w for gap in d.shortfalls for w in d.warnings)
        assert any("10% off the target" in w for w in d.warnings)
    check_clean(d)


@pytest.mark.skipif(not (PACKAGED_BANK / "phrases").is_dir(), reason="mined bank not shipped yet")
@pytest.mark.parametrize("target", [1000, 3000, 5000, 8000])
@pytest.mark.parametrize("kind", ["研讨发言", "辅导报告"])
def test_length_within_ten_percent_on_mined_bank(kind, target):
    o = outline(type=kind, length=target, sections=OUTLINE["sections"] + [
        {"heading": "坚持守正创新，在深化改革中增添动力", "points": ["优化营商环境", "激发人才活力"]}])
    d = draft(o, bank=PACKAGED_BANK, seed=2)
    if target <= 1000:  # the shipped bank holds about this much on these themes (notes are no length)
        assert d.length <= target * 1.10, d.warnings
        # ±10 % where the bank has the material; the State Council's lists across ministries are
        # no 区委副书记's lines (roles.source_level), and without them seed 2 drafted 893 of 1000
        # when that came (main then: 914; seeds 0–7 average 851 against 871): shorter, then, and
        # it says where
        if d.length < target * 0.9:
            assert d.length >= target * 0.8, d.warnings
            assert d.shortfalls and any(gap.heading in w for gap in d.shortfalls for w in d.warnings)
    else:  # beyond it: only relevant lines, so shorter, and it says where
        assert d.speech.text_length() <= target * 1.10
        if d.speech.text_length() < target * 0.9:
            assert d.shortfalls and any(gap.heading in w for gap in d.shortfalls for w in d.warnings)
    check_complete(d, o)
    check_clean(d)


def test_minutes_set_the_length():
    d = draft(outline(length=None, minutes=8), bank=PACKAGED_BANK)
    assert d.target == 1760
    assert d.length <= 1760 * 1.10
    if d.length < 1760 * 0.9:  # relevant material only: shorter, and the warnings say where
        assert d.shortfalls and any("10% off the target" in w for w in d.warnings)


def test_unreachable_length_warns_instead_of_repeating():
    d = draft(outline(length=8000), bank=FIXTURE_BANK)
    check_clean(d)
    assert any("10% off the target" in w for w in d.warnings)


def test_section_text_is_about_its_heading():
    o = outline(sections=[{"heading": "深入开展调查研究"}, {"heading": "加强干部队伍建设"},
                          {"heading": "持续保障和改善民生"}])
    d = draft(o, bank=FIXTURE_BANK, seed=5)
    research, cadres, people = (" ".join(s.body) for s in d.speech.sections)
    assert "调查研究" in research.replace("“深入开展调查研究”", "") or "调研" in research
    assert "干部" in cadres.replace("“加强干部队伍建设”", "")
    assert "民生" in people.replace("“持续保障和改善民生”", "")


def test_seed_reproducible_and_different_seeds_differ():
    a = text_of(draft(outline(), bank=FIXTURE_BANK, seed=7).speech)
    b = text_of(draft(outline(), bank=FIXTURE_BANK, seed=7).speech)
    c = text_of(draft(outline(), bank=FIXTURE_BANK, seed=8).speech)
    assert a == b
    assert a != c


def test_missing_slot_is_marked_and_warned_strict_fails():
    o = outline(vars={}, opening="今天，我代表{地名}发言，{{ 不是槽位 }}照原样。")
    d = draft(o, bank=FIXTURE_BANK)
    assert "〔待补充：地名〕" in d.speech.opening[0]
    assert "{{ 不是槽位 }}" in d.speech.opening[0]
    assert any("地名" in w for w in d.warnings)
    with pytest.raises(OutlineError, match=r"vars\.地名"):
        draft(o, bank=FIXTURE_BANK, strict=True)
    filled = draft(outline(opening="今天，我代表{地名}发言。"), bank=FIXTURE_BANK)
    assert filled.speech.opening == ["今天，我代表滨江区发言。"]


def test_bank_text_is_data_never_template_code(tmp_path):
    from drafter.bank import Bank, Phrase, save_bank

    evil = [
        Phrase(id="要求-00000001", text="要深入调查研究，把{{ x*x }}和{% for x in y %}照原样写进报告，绝不执行。", category="要求",
               tags=["调查研究"], origin="user"),
        Phrase(id="要求-00000002", text="@section 1||。|伪造的标题，深入调查研究必须摸清实情。", category="要求",
               tags=["调查研究"], origin="user"),
        Phrase(id="要求-00000003", text="要深入开展调查研究，{{ outline.__class__ }}也只是文字。", category="要求",
               tags=["调查研究"], origin="user"),
    ]
    # lines on other work, so the bank's word statistics are those of a real bank
    others = ["要抓好安全生产，守牢安全底线。", "要办好民生实事，解决群众急难愁盼问题。", "要优化营商环境，服务市场主体。",
              "要加强生态环境保护，打好污染防治攻坚战。", "要推进乡村振兴，促进农民增收。", "要发展社区养老服务。",
              "要加强意识形态阵地建设。", "要推进科技创新，培育新质生产力。"]
    ways = ["", "切实", "持续", "扎实"]
    evil += [Phrase(id=f"要求-10{i:06d}", text=t.replace("要", "要" + w, 1), category="要求", tags=[], origin="user")
             for i, (t, w) in enumerate((t, w) for t in others for w in ways)]
    save_bank(Bank(phrases=evil), tmp_path / "bank")
    d = draft(outline(sections=[{"heading": "深入调查研究"}], length=1000), bank=tmp_path / "bank")
    body = " ".join(d.speech.sections[0].body)
    assert "{{ x*x }}" in body and "{% for x in y %}" in body
    assert "@section 1||。|伪造的标题" in body
    assert "{{ outline.__class__ }}" in body
    assert [h for _, _, h in d.speech.headings()] == ["深入调查研究"]


def test_verbatim_text_kept_and_sources_point_at_the_corpus():
    o = outline(sections=[{"heading": "强化理论武装", "text": "这一段照用，不加改动。"},
                          {"heading": "深入调查研究"}, {"heading": "加强干部队伍建设"}])
    d = draft(o, bank=FIXTURE_BANK)
    assert d.speech.sections[0].body == ["这一段照用，不加改动。"]
    mined = [b for b in d.sources if b.sources]
    assert mined
    corpus = ROOT / "corpus"
    from drafter.normalize import paragraphs
    for b in mined:
        for src in b.sources:
            paras = paragraphs((corpus / src["file"]).read_text(encoding="utf-8"))
            assert 1 <= src["para"] <= len(paras)


def test_unknown_type_is_located(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("type: 述职报告\ntitle: x\nsections: [a]\n", encoding="utf-8")
    with pytest.raises(OutlineError) as info:
        draft(path, bank=FIXTURE_BANK)
    msg = str(info.value)
    assert msg.startswith(f"{path}:1:7: type: unknown type '述职报告'")
    assert "研讨发言" in msg and "辅导报告" in msg


def test_round_trip_through_txt_gives_the_headings(tmp_path):
    from drafter.parser import parse_file
    from drafter.writers import write

    cases = [
        outline(numbering="numbered"),
        outline(type="辅导报告", sections=[
            {"heading": "准确把握高质量发展的科学内涵", "points": ["体现新发展理念的发展", "经济社会的全方位发展"]},
            {"heading": "实现高质量发展的动力和保障", "points": [
                {"heading": "以高质量党建引领高质量发展", "points": ["坚持党建引领形成合力", "选优配强班子增添活力"]}]}]),
        outline(numbering="lead", sections=[{"heading": "着力在推动高质量发展上见真章"},
                                            {"heading": "着力在深化改革攻坚上下功夫", "points": ["优化营商环境", "扩大对外开放"]},
                                            {"heading": "着力在提高人民生活品质上求实效"}]),
    ]
    for i, o in enumerate(cases):
        d = draft(o, bank=FIXTURE_BANK, seed=i)
        path = write(d.speech, tmp_path / f"d{i}.txt")
        back = parse_file(path)
        assert back.headings() == d.speech.headings()
        assert back.title == d.speech.title


def test_new_outline_prefers_top_level_patterns_that_share_words_with_the_theme():
    from drafter.compose.starter import _headings
    skeleton = {"heading_patterns": [
        {"pattern": "加强{…}建设", "level": 3, "examples": ["加强党风廉政建设", "加强干部队伍建设", "加强思想政治建设"]},
        {"pattern": "坚持{…}，在{…}中{…}", "level": 1,
         "examples": ["坚持以学促干，在学思践悟中把牢方向", "坚持埋头苦干，在履职尽责中展现作为"]},
        {"pattern": "着力在{…}上{…}", "level": 1,
         "examples": ["着力在推动高质量发展上见真章", "着力在深化改革攻坚上下功夫"]},
    ]}
    assert _headings(skeleton, 2, "高质量发展")[1] == "着力在{…}上{…}"
    assert _headings(skeleton, 2, "以学促干")[1] == "坚持{…}，在{…}中{…}"
    assert _headings(skeleton, 2, None)[1] in ("坚持{…}，在{…}中{…}", "着力在{…}上{…}")


def test_a_place_the_bank_has_nothing_on_gets_a_note_not_a_connector(tmp_path):
    """Under a 一、 heading with nothing in the bank: a note to the writer, named in the warnings,
    not counted as length, flagged by lint; no connecting sentence stands in for the material."""
    from drafter.lint import ERROR, lint_file
    from drafter.writers import write

    o = outline(numbering="numbered", sections=[{"heading": "着力在深化调查研究上求实效"},
                                                {"heading": "坚决守牢海洋渔业安全底线"}])
    d = draft(o, bank=FIXTURE_BANK, seed=0)
    empty = next(s for _, s in d.speech.walk() if s.heading == "坚决守牢海洋渔业安全底线")
    assert len(empty.body) == 1 and NOTE.fullmatch(empty.body[0]), empty.body
    assert any("坚决守牢海洋渔业安全底线" in w and NOTE_OPEN in w for w in d.warnings), d.warnings
    notes = [m.group(0) for p in d.speech.paragraphs() for m in NOTE.finditer(p)]
    assert empty.body[0] in notes  # a note (here and where the bank has too little) is no length
    assert d.length == d.speech.text_length() - sum(map(len, notes))
    path = write(d.speech, tmp_path / "d.txt")
    assert any(f.rule == "placeholder" and f.level == ERROR for f in lint_file(path).findings)


def test_a_series_said_once_is_not_said_again():
    from drafter.compose.sentences import series_items
    a = series_items("坚持精准治污、科学治污、依法治污，持续深入打好蓝天、碧水、净土保卫战。")
    b = series_items("坚持精准治污、科学治污、依法治污，深入推进污染防治攻坚。")
    assert {"科学治污", "依法治污"} <= a & b
    assert not series_items("要坚持问题导向，把工作落到实处。")


@pytest.mark.skipif(not (PACKAGED_BANK / "phrases").is_dir(), reason="mined bank not shipped yet")
def test_a_shortfall_says_what_its_section_lacks():
    """The warning names the heading's own terms, the rarest in the bank first, none inside
    another (意识形态, not 形态), and the kinds of lines no slot found (论述, 要求 …)."""
    d = draft(ROOT / "bench" / "outlines" / "04-意识形态.yaml", seed=0)
    gap = next(g for g in d.shortfalls if g.heading == "落实意识形态工作责任制")
    assert gap.words[:2] == ["意识形态", "责任制"] or gap.words[:2] == ["责任制", "意识形态"]
    assert "形态" not in gap.words and gap.roles
    warning = next(w for w in d.warnings if gap.heading in w)
    assert "意识形态" in warning and gap.roles[0] in warning


@pytest.mark.parametrize("kind", ["辅导报告", "党课"])
def test_points_that_are_not_directives_are_numbered_yi_shi_not_yi_yao(kind):
    """一要 says "one must": a run of faults to avoid (急功近利搞短期行为) or of questions (为谁创造政绩)
    numbered 一要/二要 says their opposite (the reading panel of 2026-12-03 cut 一要急功近利搞短期行为);
    such a run is numbered 一是/二是, and a run of directives keeps 一要."""
    o = outline(type=kind, numbering="lead")
    o["sections"] = [{"heading": "警惕政绩观偏差的种种表现", "points": ["急功近利搞短期行为", "脱离实际搞形象工程"]},
                     {"heading": "以正确政绩观引领干事创业", "points": ["坚持从实际出发谋划工作", "坚持为民造福"]}]
    d = draft(o, bank=FIXTURE_BANK, seed=3)
    markers = [(m, h) for _, m, h in d.speech.headings() if m]
    assert markers == [("一是", "急功近利搞短期行为"), ("二是", "脱离实际搞形象工程"),
                       ("一要", "坚持从实际出发谋划工作"), ("二要", "坚持为民造福")]
