"""规范表述 rules: the shipped YAML, user extensions, and errors that say where."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.lint import lint_paragraphs
from drafter.lint.terms import load_rules

#: shipped rule id → (a sentence it must catch, the same sentence written right)
SAMPLES = {
    "xi-thought-name": ("深入学习习近平新时代中国特色社会主义理论。", "深入学习习近平新时代中国特色社会主义思想。"),
    "xi-thought-short": ("用习近平思想武装头脑。", "用习近平经济思想指导工作。"),
    "core-formulation": ("同以习近平总书记为核心的党中央保持高度一致。", "同以习近平同志为核心的党中央保持高度一致。"),
    "xi-informal-title": ("习总书记指出，要实干。", "习近平总书记指出，要实干。"),
    "party-congress-name": ("学习贯彻二十大精神。", "学习贯彻党的二十大精神，落实中共十八大以来的部署。"),
    "plenary-session-name": ("贯彻二十届三中全会精神。", "贯彻党的二十届三中全会精神。"),
    "whole-process-democracy": ("发展全过程民主。", "发展全过程人民民主。"),
    "supply-side-reform": ("深化供给侧改革。", "深化供给侧结构性改革。"),
    "central-eight-rules": ("落实八项规定精神。", "落实中央八项规定精神。"),
    "formula-quotes": ("深刻领悟两个确立的决定性意义，编制十四五规划。",
                       "深刻领悟“两个确立”的决定性意义，编制“十四五”规划，年龄在二十四五岁。"),
    "four-confidences-verb": ("增强“四个自信”。", "坚定“四个自信”。"),
    "four-consciousness-verb": ("坚定“四个意识”。", "增强“四个意识”。"),
    "two-safeguards-verb": ("树牢“两个维护”。", "坚决做到“两个维护”。"),
    "two-establishments-verb": ("坚决做到“两个确立”。", "深刻领悟“两个确立”的决定性意义。"),
    "three-confidences": ("坚定道路自信、理论自信、制度自信。", "坚定道路自信、理论自信、制度自信、文化自信。"),
    "socialism-name": ("坚持和发展有中国特色社会主义。", "坚持和发展中国特色社会主义。"),
    "new-development-philosophy": ("贯彻五大发展理念。", "贯彻新发展理念。"),
    "belt-and-road-initiative": ("服务“一带一路”战略。", "服务共建“一带一路”倡议。"),
    "covid-name": ("抗击新冠肺炎疫情。", "应对新冠病毒感染。"),
    "xiaokang-achieved": ("决胜全面建成小康社会。", "全面建设社会主义现代化国家。"),
    "taiwan-leader": ("台湾总统发表讲话。", "台湾地区领导人发表讲话。"),
    "miswritten": ("我们要再接再励，按步就班推进。", "我们要再接再厉，按部就班推进。"),
}


def rules_in(text: str, **kw) -> set[str]:
    return {f.rule for f in lint_paragraphs([text], **kw).findings}


def test_every_shipped_rule_has_a_sample():
    assert {r.id for r in load_rules()} == set(SAMPLES)


@pytest.mark.parametrize("rule_id", sorted(SAMPLES))
def test_shipped_rule_catches_the_wrong_form_and_passes_the_right_one(rule_id):
    wrong, right = SAMPLES[rule_id]
    assert rule_id in rules_in(wrong)
    assert rules_in(right) == set()


def test_message_says_what_to_write_and_why():
    (finding,) = lint_paragraphs(["学习贯彻二十大精神。"]).findings
    assert "“二十大” → 党的二十大" in finding.message
    assert "colloquial" in finding.message
    (finding,) = lint_paragraphs(["我们要再接再励，按步就班推进。"]).findings
    assert finding.message.startswith("“再接再励” → 再接再厉、“按步就班” → 按部就班 (2×): ")


def write(tmp_path, text: str):
    path = tmp_path / "office.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_rules_extend_override_and_disable(tmp_path):
    path = write(tmp_path, """
rules:
  - id: office-retired
    level: error
    match: [新常态下]
    write: 当前
    why: 本单位已不再使用
  - id: party-congress-name
    enabled: false
  - id: miswritten
    match: {再接再励: 再接再厉}
    level: warning
    why: 本单位错别字表
""")
    text = "新常态下，要学习二十大精神，再接再励，按步就班。"
    found = {f.rule: f for f in lint_paragraphs([text], rules=path).findings}
    assert set(found) == {"office-retired", "miswritten"}
    assert found["office-retired"].level == "error"
    assert found["miswritten"].level == "warning" and "按部就班" not in found["miswritten"].message


@pytest.mark.parametrize("body, where", [
    ("rules:\n  - id: x\n    match: a\n    write: b\n    why: c\n    colour: red\n", "office.yaml:2: rules[0]: unknown key 'colour'"),
    ("rules:\n  - id: ok\n    match: a\n    write: b\n    why: c\n  - id: y\n    pattern: '(a'\n    write: b\n    why: c\n",
     "office.yaml:6: rules[1].pattern: bad regular expression"),
    ("rules:\n  - id: y\n    pattern: 'a'\n    write: '\\2'\n    why: c\n", "office.yaml:2: rules[0].write:"),
    ("rules:\n  - id: y\n    match: a\n    why: c\n", "office.yaml:2: rules[0].write: 'write' is required"),
    ("rules:\n  - id: Bad Id\n    match: a\n    write: b\n    why: c\n", "office.yaml:2: rules[0].id:"),
    ("rules: [\n", "office.yaml:2:1: not valid YAML"),
    ("rules: 3\n", "office.yaml:1: expected a list of rules"),
])
def test_bad_rules_files_say_where(tmp_path, body, where):
    path = write(tmp_path, body)
    with pytest.raises(DrafterError) as err:
        load_rules(path)
    assert str(err.value).replace(str(tmp_path) + "/", "").startswith(where), str(err.value)


def test_missing_rules_file(tmp_path):
    with pytest.raises(DrafterError, match="rules file not found"):
        load_rules(tmp_path / "none.yaml")


def test_user_rule_may_not_take_a_builtin_id(tmp_path):
    path = write(tmp_path, "rules:\n  - id: placeholder\n    match: a\n    write: b\n    why: c\n")
    with pytest.raises(DrafterError, match="built-in rule id"):
        lint_paragraphs(["文本"], rules=path)
