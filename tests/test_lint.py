"""drafter.lint rules: each fires on its crafted document, none on a clean draft or
well-formed text, and on the corpus every finding points at a paragraph holding it."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import builtin_rules, lint_file, lint_paragraphs
from drafter.normalize import paragraphs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "lint"
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))

#: crafted document → (options, the rules that must fire, and nothing else)
CRAFTED = {
    "placeholder.txt": ({}, {"placeholder"}),
    "numbering-sequence.txt": ({}, {"numbering-sequence"}),
    "numbering-skip.txt": ({}, {"numbering-skip"}),
    "item-sequence.txt": ({}, {"item-sequence"}),
    "numbering-mixed.txt": ({}, {"numbering-mixed"}),
    "empty-section.txt": ({}, {"empty-section"}),
    "repeated-sentence.txt": ({}, {"repeated-sentence"}),
    "overused-phrase.txt": ({}, {"overused-phrase"}),
    "halfwidth-punct.txt": ({}, {"halfwidth-punct"}),
    "unpaired.txt": ({}, {"unpaired"}),
    "long-paragraph.txt": ({}, {"long-paragraph"}),
    "length-target.txt": ({"target": "3000"}, {"length-target"}),
    "terms.txt": ({}, {"party-congress-name", "miswritten"}),
}


def check_positions(path: Path, report) -> None:
    """Every finding names a paragraph that exists and holds the text it is about."""
    paras = paragraphs(path.read_text(encoding="utf-8"))
    for f in report.findings:
        assert 1 <= f.paragraph <= len(paras), f.line()
        para = paras[f.paragraph - 1]
        if f.excerpt is not None:
            assert f.excerpt in para.text or f.excerpt in para.raw, f.line()


def test_every_builtin_rule_has_a_crafted_document():
    fired = set().union(*(rules for _, rules in CRAFTED.values()))
    assert set(builtin_rules()) <= fired
    assert all((FIXTURES / name).exists() for name in CRAFTED)


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_document_fires_its_rule_only(name):
    options, expected = CRAFTED[name]
    report = lint_file(FIXTURES / name, **options)
    assert {f.rule for f in report.findings} == expected, [f.line() for f in report.findings]
    check_positions(FIXTURES / name, report)


def test_clean_draft_has_no_findings():
    report = lint_file(FIXTURES / "clean.txt", target="650-700")
    assert report.findings == []
    assert report.chars == 671


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_corpus_findings_point_at_real_paragraphs(path):
    report = lint_file(path)
    check_positions(path, report)
    assert report.chars > 1000


def _rules_at(path_prefix: str) -> dict[str, set[int]]:
    path = next(p for p in CORPUS if p.name.startswith(path_prefix))
    out: dict[str, set[int]] = {}
    for f in lint_file(path).findings:
        out.setdefault(f.rule, set()).add(f.paragraph)
    return out


def test_corpus_004_reports_its_halfwidth_punctuation():
    found = _rules_at("004")
    assert found["halfwidth-punct"] >= {4, 5, 6, 7, 8, 9, 10, 11, 12}   # 同志们: and every body paragraph
    assert "numbering-sequence" not in found and "item-sequence" not in found


@pytest.mark.parametrize("prefix, paras", [("001", {3, 6}), ("003", {5, 6})])
def test_corpus_star_placeholders(prefix, paras):
    path = next(p for p in CORPUS if p.name.startswith(prefix))
    report = lint_file(path)
    starred = {f.paragraph for f in report.findings if f.rule == "placeholder" and "*" in f.excerpt}
    assert starred == paras


def test_corpus_well_formed_numbering_raises_no_numbering_errors():
    for path in CORPUS:
        rules = {f.rule for f in lint_file(path).findings}
        assert not rules & {"numbering-sequence", "numbering-skip", "item-sequence", "empty-section",
                            "unpaired"}, path.name


# ── rules on plain paragraph lists ────────────────────────────────────────────────────────


def rules_of(paras, **kw) -> list[tuple[int, str]]:
    return [(f.paragraph, f.rule) for f in lint_paragraphs(paras, **kw).findings]


def test_first_priority_is_not_an_item():
    assert rules_of(["发展是我们党执政兴国的第一要务。二是要抓好落实，推动工作。"]) == [(1, "item-sequence")]
    assert rules_of(["发展是我们党执政兴国的第一要务，是解决所有问题的关键。"]) == []


def test_items_in_order_and_restarting_lists_are_fine():
    paras = ["一是抓学习。二是抓调研。三是抓落实。", "一要讲政治；二要顾大局。", "（一）另一部分",
             "一是坚持原则。二是敢于担当。"]
    assert [r for r in rules_of(paras) if r[1] == "item-sequence"] == []


def test_item_order_errors():
    assert rules_of(["一是抓学习。三是抓落实。"]) == [(1, "item-sequence")]
    assert rules_of(["第一，抓学习。第三，抓落实。"]) == [(1, "item-sequence")]
    assert rules_of(["坚持一是一、二是二的原则，实事求是。"]) == []


def test_heading_numbering_rules():
    assert rules_of(["（一）不在一、之下的标题", "正文内容在这里。"]) == [(1, "numbering-skip")]
    assert rules_of(["一、第一部分", "正文。", "一、又是第一部分", "正文。"]) == [(3, "numbering-sequence")]
    assert rules_of(["一、甲", "（一）乙", "1.丙。正文内容。", "（1）丁。正文内容。"]) == []
    assert rules_of(["一、甲", "（一）乙", "（1）丁。正文内容。"]) == [(3, "numbering-skip")]
    # a new 一、 resets the deeper levels
    assert rules_of(["一、甲", "（一）乙。正文。", "（二）丙。正文。", "二、丁", "（一）戊。正文。"]) == []


def test_empty_section_at_document_end_and_not_when_subsections_follow():
    assert rules_of(["一、甲", "（一）乙。正文。", "二、丙"]) == [(3, "empty-section")]
    assert rules_of(["一、甲", "（一）乙。正文。"]) == []


def test_halfwidth_exceptions():
    clean = ["增长3.5%，达到10,000元，会议9:30开始。", "1.坚持学习。要持续学习。", "推进AI, 5G等新技术应用。",
             "推进人工智能, 大数据等新技术应用."]
    found = [(p, r) for p, r in rules_of(clean) if r == "halfwidth-punct"]
    assert found == [(4, "halfwidth-punct")]      # only the marks that touch Chinese text


def test_unpaired_ignores_list_markers_and_nested_quotes():
    assert rules_of(["1）坚持学习，“学习‘国之大者’的要求”。"]) == []
    assert rules_of(["他说：“学习（一）要求。"]) == [(1, "unpaired")]
    assert rules_of(["学习）要求。"]) == [(1, "unpaired")]


def test_overused_phrase_density_option():
    paras = ["要坚持学习，真抓实干，推动发展。", "我们要真抓实干，以实干论英雄，这是我们的一贯要求，也是检验作风的重要标准。"]
    assert rules_of(paras) == []
    assert rules_of(paras, phrase_density=30.0) == [(2, "overused-phrase")]
    assert rules_of(paras, phrase_min_count=2) == [(2, "overused-phrase")]


def test_repeated_items_count_as_repeated_sentences():
    paras = ["一是加强干部队伍建设工作。", "二是加强干部队伍建设工作。"]
    assert rules_of(paras) == [(2, "repeated-sentence")]


def test_ignore_and_speaking_time():
    report = lint_paragraphs(["今年以来,全区工作取得明显成效。"] * 1, ignore=frozenset({"halfwidth-punct"}))
    assert report.findings == []
    report = lint_paragraphs(["字" * 440], rate=220)
    assert report.chars == 440 and report.minutes == 2.0
    assert "about 2 min 00 s at 220 字/分" in report.summary()


def test_target_forms():
    from drafter.errors import DrafterError
    from drafter.lint.length import parse_target
    assert parse_target("3000") == (2700, 3300)
    assert parse_target("2500-3500") == (2500, 3500)
    assert parse_target("10min", rate=220) == (1980, 2420)
    assert parse_target("8-10分钟", rate=200) == (1600, 2000)
    with pytest.raises(DrafterError, match="--target"):
        parse_target("about ten minutes")


def test_findings_sorted_by_paragraph_errors_first():
    report = lint_paragraphs(["标题", "我们要真抓实干。要真抓实干。真抓实干，XX同志。"])
    levels = [(f.paragraph, f.level) for f in report.findings]
    assert levels == sorted(levels, key=lambda t: (t[0], t[1] != "error"))


# ── drafts from the example outlines ──────────────────────────────────────────────────────

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("outline", EXAMPLES, ids=lambda p: p.stem)
def test_drafts_from_example_outlines_have_no_structural_or_punctuation_errors(outline):
    """Whatever the outline leaves unfilled (XX in a speaker line, a 〔待补充〕 slot) is the
    writer's to fill and rightly an error; everything drafter itself lays out must pass."""
    from drafter.compose import draft
    from drafter.lint import lint_text
    from drafter.writers import render

    text = render(draft(outline, seed=0).speech, "txt")
    report = lint_text(text, outline.name)
    errors = [f.line() for f in report.findings if f.level == "error" and f.rule != "placeholder"]
    assert errors == []
