"""Outline loading: every kind of bad outline gives one located, readable error."""

import pytest

from drafter.compose.outline import load_outline
from drafter.errors import OutlineError

GOOD = """\
type: 研讨发言
title: 在专题研讨会上的发言
theme: 以学促干
length: 2000
vars: {地名: 滨江区}
sections:
  - heading: 强化理论武装
    points: [读原著, {heading: 学原文, points: [悟原理]}]
  - 深入调查研究
"""


def write(tmp_path, text, name="o.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text) -> str:
    with pytest.raises(OutlineError) as info:
        load_outline(write(tmp_path, text))
    return str(info.value)


def test_good_outline_loads_with_nested_points_and_key_paths(tmp_path):
    o = load_outline(write(tmp_path, GOOD))
    assert o.title == "在专题研讨会上的发言"
    assert [s.heading for s in o.sections] == ["强化理论武装", "深入调查研究"]
    assert [p.heading for p in o.sections[0].points] == ["读原著", "学原文"]
    assert o.sections[0].points[1].points[0].heading == "悟原理"
    assert o.sections[0].points[1].points[0].key == "sections[1].points[2].points[1]"
    assert o.vars == {"地名": "滨江区"} and o.target_length() == 2000


def test_minutes_times_rate():
    o = load_outline({"title": "t", "minutes": 10, "sections": ["a"]})
    assert o.target_length() == 2200
    o = load_outline({"title": "t", "minutes": 10, "rate": 200, "sections": ["a"]})
    assert o.target_length() == 2000


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    msg = error_of(tmp_path, "title: x\nsections:\n  - heading: [a\n")
    assert msg.startswith(str(tmp_path / "o.yaml") + ":")
    assert "YAML syntax error" in msg
    assert ":4:" in msg or ":3:" in msg


@pytest.mark.parametrize("text, where, words", [
    ("sections: [a]\n", "title", "missing required key 'title'"),
    ("title: x\n", "sections", "missing required key 'sections'"),
    ("title: x\nsections: []\n", ":2:11: sections", "at least one section"),
    ("title: x\nsections: abc\n", ":2:11: sections", "expected a list"),
    ("title: [a, b]\nsections: [a]\n", ":1:8: title", "expected text, got a list"),
    ("title: x\nlength: 长\nsections: [a]\n", ":2:9: length", "positive whole number"),
    ("title: x\nsections:\n  - heading: a\n    points: 3\n", ":4:13: sections[1].points", "expected a list"),
    ("title: x\nsections:\n  - points: [a]\n", ":3:5: sections[1]", "missing required key 'heading'"),
    ("title: x\nsectoins: [a]\nsections: [a]\n", ":2:1: sectoins", "unknown key"),
    ("title: x\nnumbering: roman\nsections: [a]\n", ":2:12: numbering", "unknown numbering 'roman' (known: lead, numbered)"),
    ("title: x\nlength: 100\nminutes: 3\nsections: [a]\n", ":3:1: minutes", "not both"),
    ("title: x\nvars: [a]\nsections: [a]\n", ":2:7: vars", "expected a mapping"),
])
def test_bad_outlines_are_located(tmp_path, text, where, words):
    msg = error_of(tmp_path, text)
    assert where in msg and words in msg
    assert "\n" not in msg


def test_missing_file_and_not_a_mapping(tmp_path):
    with pytest.raises(OutlineError, match="no such outline file"):
        load_outline(tmp_path / "nope.yaml")
    assert "expected a mapping" in error_of(tmp_path, "- a\n- b\n")


def test_an_outline_seed_is_the_default_seed_and_is_checked():
    from drafter.compose import draft
    from drafter.compose.outline import load_outline
    base = {"title": "在专题研讨会上的发言", "sections": ["坚持以学促干，在学思践悟中把牢方向"]}
    assert load_outline({**base, "seed": 0}).seed == 0 and load_outline(base).seed is None
    text = lambda d: "\n".join(d.speech.paragraphs())  # noqa: E731
    assert text(draft({**base, "seed": 5})) == text(draft(base, seed=5))
    assert text(draft({**base, "seed": 5}, seed=0)) == text(draft(base))
    for bad in (-1, "3", 1.5, True, 2**31):
        with pytest.raises(OutlineError) as err:
            load_outline({**base, "seed": bad})
        assert err.value.key == "seed"
