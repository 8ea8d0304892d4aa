"""drafter/lint rule modules one by one, on plain paragraphs: what each finds, where (paragraph and
excerpt) and what its message says; and the text helpers the rules share."""

from __future__ import annotations

import pytest

from drafter.lint import lint_paragraphs
from drafter.lint.fix import fix_file, fixed_path
from drafter.lint.numbering import inline_items, marker_text, paragraph_marker
from drafter.lint.pairs import problems
from drafter.lint.placeholders import find
from drafter.lint.punctuation import fix_text, replacements
from drafter.lint.repetition import phrases
from drafter.lint.text import content_chars, excerpt, is_cjk, sentences, starts


def findings(paras, rule=None, **kw):
    found = lint_paragraphs(paras, **kw).findings
    return [f for f in found if rule is None or f.rule == rule]


# ---------------------------------------------------------------- placeholders

@pytest.mark.parametrize("text, kind", [
    ("请XX同志发言。", "XX"), ("由ＸＸ负责。", "XX"), ("请**同志发言。", "*"), ("A总书记强调。", "A总书记"),
    ("这里〔待补充〕。", "〔待补充〕"), ("【待核实：数字】", "〔待补充〕"), ("（TODO 补一句）", "〔待补充〕"),
    ("填写____。", "____"), ("围绕“主题”开展。", "“主题”"), ("在{{ 地名 }}推进。", "{{ }}"), ("{% if x %}", "{{ }}"),
])
def test_each_kind_of_placeholder_is_found(text, kind):
    assert [k for k, _m in find(text)][:1] == [kind]


@pytest.mark.parametrize("text", ["推进XXL型号研发。", "AB总书记", "2×3=6", "〔2026〕5号文件"])
def test_ordinary_text_is_not_a_placeholder(text):
    assert find(text) == []


def test_a_placeholder_finding_lists_each_token_with_its_count():
    [f] = findings(["标题", "XX同志、XX同志和〔待补充〕都要到会。"], "placeholder")
    assert f.paragraph == 2 and f.level == "error" and f.excerpt == "XX"
    assert "leftover placeholder XX ×2、〔待补充〕: fill in before delivery" in f.message


# ---------------------------------------------------------------- pairs

def test_unpaired_marks_are_found_where_they_stand():
    assert problems("他说“好。") == [(2, "“")]
    assert problems("好”。") == [(1, "”")]
    assert problems("《学习》（一）“‘甲’”") == []
    assert problems("1）要点（补充") == [(4, "（")]   # the list marker is not a bracket


def test_an_unpaired_message_counts_the_rest():
    [f] = findings(["他说“好（对。"], "unpaired")
    assert f.excerpt == "“" and "“ opened but never closed in this paragraph (and 1 more)" in f.message
    [f] = findings(["好》。"], "unpaired")
    assert "》 closed but never opened in this paragraph (…" not in f.message and "closed but never opened" in f.message


# ---------------------------------------------------------------- numbering

def test_paragraph_markers_and_how_they_are_written():
    mk = paragraph_marker("（二）狠抓落实")
    assert (mk.level, mk.number, mk.text) == (2, 2, "（二）")
    assert paragraph_marker("正文没有编号。") is None
    assert marker_text(1, 3) == "三、" and marker_text(2, 11) == "（十一）" and marker_text(3, 2) == "2."
    assert marker_text(4, 1) == "（1）"


def test_inline_items_at_sentence_starts_only():
    items = list(inline_items("一是抓学习。二是抓落实；第三，抓作风。坚持一是一的原则。"))
    assert [(n, text) for _family, n, text, _at in items] == [(1, "一是"), (2, "二是"), (3, "第三，")]
    assert items[1][3] == 6


def test_a_skipped_heading_number_says_what_was_expected():
    [f] = findings(["一、甲", "正文。", "三、丙", "正文。"], "numbering-sequence")
    assert f.paragraph == 3 and "三、" in f.message and "二、" in f.message


def test_mixed_marker_styles_at_one_level_are_a_warning():
    found = findings(["一、甲", "1.乙。正文内容。", "2、丙。正文内容。"], "numbering-mixed")
    assert [f.paragraph for f in found] == [3] and found[0].level == "warning"


# ---------------------------------------------------------------- repetition

def test_phrases_are_four_character_windows_of_han_text():
    got = phrases("真抓实干，推动")
    assert "真抓实干" in got and all(len(p) == 4 for p in got)
    assert not any("，" in p for p in got)


def test_a_repeated_sentence_points_at_the_second_one():
    text = "我们要持续深化理论学习，不断提高政治能力。"
    [f] = findings(["标题", text, "中间的段落内容很多。", text], "repeated-sentence")
    assert f.paragraph == 4 and f.level == "warning"


def test_short_sentences_may_repeat():
    assert findings(["谢谢大家。", "谢谢大家。"], "repeated-sentence") == []


# ---------------------------------------------------------------- structure

def test_a_heading_followed_by_its_sibling_is_an_empty_section():
    [f] = findings(["一、甲", "二、乙", "正文内容。"], "empty-section")
    assert f.paragraph == 1 and "section 一、 has no text and no subsections (二、 follows right after it)" in f.message


def test_a_paragraph_far_longer_than_its_siblings_is_a_warning():
    short = "这是一段长度适中的正文内容，用来作为比较的基准，字数大约在四十个左右吧。"
    paras = ["标题", short, short.replace("基准", "标准"), short.replace("内容", "文字"), "很长的一段正文内容" * 60]
    [f] = findings(paras, "long-paragraph")
    assert f.paragraph == 5 and "consider splitting it" in f.message and "paragraph of 540 字 is over 3× its siblings' median of 36 字" in f.message
    assert findings(paras[:4], "long-paragraph") == []
    assert findings([*paras[:4], "很长的一段正文" * 60], "long-paragraph") == []  # 420 字: under the 500 floor


# ---------------------------------------------------------------- length

def test_length_target_says_how_far_off():
    [f] = findings(["字" * 100], "length-target", target=(2700, 3300))
    assert f.level == "warning" and "100" in f.message and "2700" in f.message.replace(",", "")
    assert findings(["字" * 3000], "length-target", target=(2700, 3300)) == []


# ---------------------------------------------------------------- punctuation and --fix

def test_replacements_keep_numbers_latin_and_pair_brackets():
    assert fix_text("增长3.5%,达到10,000元(1)体制") == "增长3.5%，达到10,000元（1）体制"
    assert fix_text("推进AI, 5G应用") == "推进AI, 5G应用"
    assert fix_text('他说"好"。') == "他说“好”。"
    assert replacements("好,") == [(1, 2, "，")]


def test_fix_text_is_idempotent():
    once = fix_text("我们要抓好落实,确保见效.他说:\"好!\"")
    assert fix_text(once) == once and replacements(once) == []


def test_fix_file_writes_beside_and_never_over_the_original(tmp_path):
    path = tmp_path / "讲话.txt"
    path.write_text("标题\n我们要抓好落实,确保见效.\n", encoding="utf-8")
    target, count = fix_file(path)
    assert target == fixed_path(path) == tmp_path / "讲话.fixed.txt" and count == 2
    assert target.read_text(encoding="utf-8") == "标题\n我们要抓好落实，确保见效。\n"
    assert path.read_text(encoding="utf-8") == "标题\n我们要抓好落实,确保见效.\n"
    assert fix_file(path, in_place=True) == (path, 2) and "，" in path.read_text(encoding="utf-8")


def test_fix_refuses_other_formats_with_the_readers_reason(tmp_path):
    from drafter.errors import ReadError

    odd = tmp_path / "a.rtf"
    odd.write_text("{\\rtf1 x}", encoding="utf-8")
    with pytest.raises(ReadError):
        fix_file(odd)


def test_fix_of_a_docx_keeps_run_formatting(tmp_path):
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("一是抓学习,").bold = True
    p.add_run("推动落实.")
    d.save(tmp_path / "a.docx")
    target, count = fix_file(tmp_path / "a.docx")
    runs = docx.Document(str(target)).paragraphs[0].runs
    assert count == 2 and [r.text for r in runs] == ["一是抓学习，", "推动落实。"] and runs[0].bold


# ---------------------------------------------------------------- text helpers

def test_sentences_keep_closing_quotes_and_offsets():
    got = sentences("他说：“好。”我们走！还有")
    assert [(s.start, s.text) for s in got] == [(0, "他说：“好。”"), (7, "我们走！"), (11, "还有")]


def test_starts_are_after_sentence_and_clause_ends():
    assert list(starts("甲。乙；丙：”丁")) == [0, 2, 4, 7]


def test_excerpt_marks_cut_context_with_ellipses():
    text = "一二三四五六七八九十XX甲乙丙丁戊己庚辛壬癸"
    assert excerpt(text, 10, 12, width=3) == "…八九十XX甲乙丙…"
    assert excerpt("短XX", 1, 3) == "短XX"


def test_what_counts_as_chinese():
    assert is_cjk("中") and is_cjk("，") and is_cjk("“") and is_cjk("…") and is_cjk("𠀀")
    assert not is_cjk("a") and not is_cjk(",") and not is_cjk("")
    assert content_chars(" 中 文\n字\u3000") == 3


# ---------------------------------------------------------------- findings and reports

def test_a_finding_line_is_compiler_style_and_its_json_keeps_ids():
    import json

    from drafter.lint.findings import Finding

    f = Finding("a.txt", 3, "error", "placeholder", "leftover placeholder XX", excerpt="XX")
    assert f.line() == "a.txt:3: error placeholder: leftover placeholder XX"
    assert json.loads(f.to_json()) == {"file": "a.txt", "paragraph": 3, "level": "error", "rule": "placeholder",
                                       "message": "leftover placeholder XX"}
    assert f == Finding("a.txt", 3, "error", "placeholder", "leftover placeholder XX", excerpt=None)


def test_the_summary_counts_errors_and_warnings_and_the_time():
    from drafter.lint.findings import Finding, LintReport

    found = [Finding("a", 1, "error", "x", "m"), Finding("a", 2, "warning", "y", "m"),
             Finding("a", 3, "warning", "y", "m")]
    report = LintReport("a.txt", found, chars=550, rate=220)
    assert (report.errors, report.warnings, report.minutes) == (1, 2, 2.5)
    assert report.summary() == "a.txt: 550 字, about 2 min 30 s at 220 字/分; 1 error, 2 warnings"
    assert LintReport("b", [], 10, tally=(4, 1)).errors == 4


@pytest.mark.parametrize("minutes, shown", [(0, "about 0 min 00 s"), (12.4, "about 12 min 24 s"),
                                            (0.999, "about 1 min 00 s"), (59.999, "about 60 min 00 s")])
def test_format_minutes(minutes, shown):
    from drafter.lint.findings import format_minutes

    assert format_minutes(minutes) == shown
