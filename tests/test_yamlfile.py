"""drafter/yamlfile.py: user-written YAML is refused with file, line and column, as the caller's error kind."""

from __future__ import annotations

import datetime

import pytest

from drafter.errors import BankError, DrafterError, LayoutError, OutlineError
from drafter.yamlfile import compose_yaml, decode_utf8, parse_yaml, read_text, yaml_error


def test_plain_mappings_lists_and_dates_are_read():
    data = parse_yaml("title: 发言\nlength: 2500\ndate: 2026-11-21\npoints: [一, 二]\n", "o.yaml")
    assert data == {"title": "发言", "length": 2500, "date": datetime.date(2026, 11, 21), "points": ["一", "二"]}


def test_empty_text_is_none_not_an_error():
    assert parse_yaml("", "o.yaml") is None
    assert parse_yaml("# only a comment\n", "o.yaml") is None


def test_a_key_given_twice_names_both_lines_in_the_callers_error_kind():
    with pytest.raises(OutlineError) as info:
        parse_yaml("title: a\nlength: 1\ntitle: b\n", "o.yaml", OutlineError)
    err = info.value
    assert (err.path, err.line) == ("o.yaml", 3)
    assert "'title' given twice" in err.message and "first on line 1" in err.message


def test_the_same_key_in_different_mappings_is_fine():
    data = parse_yaml("a: {name: x}\nb: {name: y}\n", "o.yaml")
    assert data == {"a": {"name": "x"}, "b": {"name": "y"}}


def test_merge_keys_are_not_duplicates():
    data = parse_yaml("base: &b {size: 1}\none: {<<: *b, <<: *b, font: x}\n", "o.yaml")
    assert data["one"] == {"size": 1, "font": "x"}


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]"])
def test_python_only_tags_are_refused(tag):
    with pytest.raises(LayoutError) as info:
        parse_yaml(f"x: {tag}\n", "l.yaml", LayoutError)
    assert info.value.line == 1 and "values are not allowed here" in info.value.message
    assert "!!" + tag.split()[0].lstrip("!") in info.value.message


def test_a_date_that_does_not_exist_says_how_to_write_it():
    with pytest.raises(OutlineError) as info:
        parse_yaml("title: t\ndate: 2026-02-30\n", "o.yaml", OutlineError)
    assert info.value.line == 2
    assert "'2026-02-30' is not a valid date" in info.value.message and "YYYY-MM-DD" in info.value.message


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_infinite_and_nan_numbers_are_refused(value):
    with pytest.raises(DrafterError, match="is not a finite number"):
        parse_yaml(f"length: {value}\n", "o.yaml")


def test_ordinary_floats_still_read():
    assert parse_yaml("x: 1.5\ny: -2.5e+3\n", "o.yaml") == {"x": 1.5, "y": -2500.0}


def test_syntax_error_gives_line_and_column_and_the_callers_word():
    with pytest.raises(BankError) as info:
        parse_yaml("a: [1, 2\nb: 3\n", "bank/x.yaml", BankError, what="outline")
    err = info.value
    assert err.path == "bank/x.yaml" and err.line is not None and err.column is not None
    assert err.message.startswith("outline: ")
    assert str(err).startswith(f"bank/x.yaml:{err.line}:{err.column}: outline: ")


def test_nesting_past_the_limit_is_refused_before_constructing(monkeypatch):
    monkeypatch.setenv("DRAFTER_MAX_YAML_DEPTH", "3")
    parse_yaml("a: {b: {c: 1}}\n", "o.yaml")  # three levels: allowed
    with pytest.raises(DrafterError, match="nested more than 3 levels deep") as info:
        parse_yaml("a: {b: {c: {d: 1}}}\n", "o.yaml")
    assert info.value.line == 1 and info.value.column == 12  # the fourth {


def test_too_many_aliases_are_refused(monkeypatch):
    monkeypatch.setenv("DRAFTER_MAX_YAML_ALIASES", "2")
    parse_yaml("a: &x 1\nb: [*x, *x]\n", "o.yaml")
    with pytest.raises(DrafterError, match="more than 2 aliases") as info:
        parse_yaml("a: &x 1\nb: [*x, *x, *x]\n", "o.yaml")
    assert info.value.line == 2


def test_an_alias_bomb_is_refused_by_its_expanded_size(monkeypatch):
    monkeypatch.setenv("DRAFTER_MAX_YAML_NODES", "1000")
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcd", "bcde"):
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, "
                     f"*{prev}, *{prev}, *{prev}]")
    with pytest.raises(DrafterError, match="expands to more than 1000 values"):
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")


def test_compose_yaml_gives_nodes_whose_marks_are_key_lines():
    data, node = compose_yaml("name: x\npage:\n  width_mm: 210\n", "l.yaml")
    assert data == {"name": "x", "page": {"width_mm": 210}}
    keys = {k.value: k.start_mark.line + 1 for k, _v in node.value}
    assert keys == {"name": 1, "page": 2}


def test_a_control_character_is_named_with_its_code_point_and_place():
    with pytest.raises(OutlineError) as info:
        parse_yaml("title: ok\nspeaker: a\x07b\n", "o.yaml", OutlineError)
    err = info.value
    assert "U+0007" in err.message and (err.line, err.column) == (2, 11)


def test_yaml_error_without_a_mark_still_names_the_file():
    import yaml

    err = yaml_error(yaml.YAMLError("something odd"), "f.yaml", LayoutError)
    assert isinstance(err, LayoutError) and err.path == "f.yaml" and err.line is None
    assert "something odd" in err.message


def test_read_text_strips_a_bom_and_refuses_other_encodings(tmp_path):
    good = tmp_path / "bom.yaml"
    good.write_bytes(b"\xef\xbb\xbftitle: \xe5\x8f\x91\xe8\xa8\x80\n")
    assert read_text(good) == "title: 发言\n"
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("a: 1\nb: 发言\n".encode("gb18030"))
    with pytest.raises(OutlineError) as info:
        read_text(gbk, OutlineError, "outline")
    err = info.value
    assert (err.line, err.column) == (2, 4)
    assert "outline is not UTF-8 text" in err.message and "save it as UTF-8" in err.message


def test_read_text_missing_file_uses_the_callers_kind(tmp_path):
    with pytest.raises(LayoutError, match="layout not found"):
        read_text(tmp_path / "none.yaml", LayoutError, "layout")


def test_decode_utf8_column_counts_characters_not_bytes():
    data = "发言发言\xff".encode("utf-8")[:-2] + b"\xff"
    with pytest.raises(DrafterError) as info:
        decode_utf8(data, "x")
    assert (info.value.line, info.value.column) == (1, 5)
