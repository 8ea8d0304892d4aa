"""drafter/clihelp/layout.py's layout of help text for Chinese (display width, no line starting with closing
punctuation) and one-line usage errors; drafter/bank/near.py's in-order matching; bank/harvest.py's choice
between a list of lines and a speech."""

from __future__ import annotations

import pytest

from drafter.bank.harvest import LINE_MAX, looks_like_lines, phrases_from_lines
from drafter.bank.near import applies, best_window, lcs_length, needed
from drafter.clihelp.layout import definitions, paragraphs, width_of, wrap
from drafter.fastcli import split_lang

# ---------------------------------------------------------------- clihelp layout

def test_width_counts_wide_characters_twice():
    assert width_of("abc") == 3 and width_of("中文") == 4 and width_of("，a") == 3


@pytest.mark.parametrize("width", [10, 13, 20, 31])
def test_wrapped_lines_fit_and_lose_no_text(width):
    text = "把学习成果转化为推动工作的思路举措，确保各项任务落地见效。Use drafter lint --fix to rewrite them。"
    lines = wrap(text, width)
    assert all(width_of(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[:1] in "，。；：）》”" for line in lines)


def test_wrap_never_ends_a_line_with_opening_punctuation():
    lines = wrap("一二三四五六七（八九十）", 16)
    assert not any(line.endswith(("（", "“", "《")) for line in lines)


def test_wrap_keeps_a_latin_word_whole_and_an_empty_text_is_one_empty_line():
    assert wrap("see --phrase-density for", 12) == ["see", "--phrase-density", "for"]
    assert wrap("", 10) == [""]


def test_paragraphs_rewrap_prose_and_keep_examples_verbatim():
    text = """Draft a speech from an outline
    that spans two lines.

    Examples:

        drafter draft 提纲.yaml -o 发言.docx
    """
    out = paragraphs(text, 80)
    assert out[0] == "  Draft a speech from an outline that spans two lines."
    assert "      drafter draft 提纲.yaml -o 发言.docx" in out
    assert "" in out  # paragraphs stay apart


def test_chinese_lines_are_joined_without_a_space():
    assert paragraphs("第一行\n第二行", 80) == ["  第一行第二行"]


def test_definitions_put_long_terms_on_their_own_line():
    out = definitions([("-o", "输出文件"), ("--a-very-long-option-name-indeed", "说明")], 60, max_col=10)
    assert out[0].startswith("  -o") and out[0].endswith("输出文件")
    assert out[1] == "  --a-very-long-option-name-indeed" and out[2].strip() == "说明"


@pytest.mark.parametrize("args, lang, rest", [
    (["--lang", "en", "parse", "x"], "en", ["parse", "x"]),
    (["parse", "--lang=zh", "x"], "zh", ["parse", "x"]),
    (["parse", "--", "--lang", "en"], None, ["parse", "--", "--lang", "en"]),
    (["parse", "--lang"], None, ["parse", "--lang"]),
    (["--lang", "en", "--lang", "zh"], "zh", []),
])
def test_split_lang_takes_the_option_out_anywhere_before_a_double_dash(args, lang, rest):
    assert split_lang(args) == (lang, rest)


def test_a_usage_error_is_one_line_naming_the_option_and_the_help(capsys):
    from drafter.cli import main

    with pytest.raises(SystemExit) as info:
        main(["lint", "--rate", "abc", "x.txt"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1
    assert err.startswith("drafter: invalid value for --rate: not a whole number (see: drafter lint --help)")


def test_a_missing_argument_and_an_unknown_option_are_named(capsys):
    from drafter.cli import main

    for args, words in ((["export", "x.txt"], "missing option --out (see: drafter export --help)"),
                        (["parse", "--jsn", "x"], "no such option: --jsn (did you mean --json?)")):
        with pytest.raises(SystemExit):
            main(args)
        assert words in capsys.readouterr().err


# ---------------------------------------------------------------- near matches

def test_lcs_length():
    assert lcs_length("坚定理想信念", "始终坚定理想信念") == 6
    assert lcs_length("坚定理想新念", "坚定理想信念") == 5
    assert lcs_length("abc", "cba") == 1 and lcs_length("abc", "") == 0


def test_needed_allows_one_miss_then_a_quarter():
    assert [needed("x" * n) for n in (4, 8, 9, 12, 16)] == [3, 7, 7, 9, 12]


def test_applies_counts_only_word_characters():
    assert applies("坚定理想") and not applies("坚定，理") and not applies("精神")


def test_best_window_finds_the_tightest_stretch():
    found, start, length = best_window("理想信念", "我们要始终坚定理想和信念，补足精神之钙")
    assert found == 4 and "我们要始终坚定理想和信念，补足精神之钙"[start:start + length] == "理想和信念"
    assert best_window("abcd", "xxabdxx")[0] == 3


# ---------------------------------------------------------------- harvest

class _P:
    def __init__(self, text):
        self.text = text


def test_short_paragraphs_are_a_list_of_lines_long_ones_a_speech():
    assert looks_like_lines([_P("一分部署、九分落实"), _P("功成不必在我")])
    assert not looks_like_lines([_P("短句"), _P("字" * (LINE_MAX + 1))])
    assert not looks_like_lines([])


def test_lines_become_user_phrases_with_their_line_numbers():
    got = phrases_from_lines([_P("一分部署、九分落实"), _P("  "), _P("功成不必在我")], "金句.txt", "金句", ["作风"])
    assert [(p.text, p.sources[0].para, p.origin, p.tags) for p in got] == [
        ("一分部署、九分落实", 1, "user", ["作风"]), ("功成不必在我", 3, "user", ["作风"])]


def test_import_file_of_lines_needs_a_category_and_adds_them(tmp_path):
    from drafter.bank import load_bank, merge_mined
    from drafter.bank.harvest import import_file
    from drafter.errors import BankError

    bank = tmp_path / "bank"
    merge_mined(bank, [], {})
    lines = tmp_path / "金句.txt"
    lines.write_text("一分部署、九分落实\n功成不必在我、功成必定有我\n", encoding="utf-8")
    with pytest.raises(BankError, match="needs --category"):
        import_file(bank, lines)
    report = import_file(bank, lines, category="金句")
    assert [p.text for p in report.added] == ["一分部署、九分落实", "功成不必在我、功成必定有我"]
    assert {p.text for p in load_bank(bank).phrases} == {"一分部署、九分落实", "功成不必在我、功成必定有我"}
    again = import_file(bank, lines, category="金句")
    assert again.added == [] and len(again.skipped) == 2
