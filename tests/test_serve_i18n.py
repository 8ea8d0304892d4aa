"""The page speaks the writer's language: Chinese by default, English with --lang en / the locale.

Its words are English message ids listed in drafter/serve/strings.py (so the catalog test of
tests/test_i18n.py fails when one has no Chinese); this test fails when the page's files use a
word that is not listed, or hold Chinese text outside a message (the writer's data aside).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from serve_support import EXAMPLES, WRITE, client, config, outline_folder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "drafter" / "serve" / "static"
HAN = re.compile(r"[\u4e00-\u9fff]")
JS_MESSAGE = re.compile(r'\bt\(\s*"((?:[^"\\]|\\.)*)"')
HTML_MESSAGE = re.compile(r'\{\{_\("((?:[^"\\]|\\.)*)"\)\}\}')
#: Chinese the page's files may hold as data: a type name, examples the writer sees as examples,
#: the numbering markers, a slot name
DATA = ("研讨发言", "以学促干", "地名", "滨江区", "一、（一）一是")


def page_messages() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(STATIC.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        found[path.name] = [json.loads(f'"{m}"') for m in JS_MESSAGE.findall(text)]
        labels = re.search(r"const LABELS = \{(.*?)\};", text, re.DOTALL)
        if labels:  # field names, translated where they are shown: t(LABELS[key])
            found[path.name] += re.findall(r':\s*"([^"]+)"', labels.group(1))
    found["index.html"] = [json.loads(f'"{m}"') for m in HTML_MESSAGE.findall(
        (STATIC / "index.html").read_text(encoding="utf-8"))]
    return found


def test_every_word_of_the_page_is_a_listed_message():
    from drafter.serve.strings import PAGE
    listed = set(PAGE)
    missing = [f"{name}: {m}" for name, messages in page_messages().items() for m in messages if m not in listed]
    assert not missing, "page messages not in drafter/serve/strings.py PAGE:\n" + "\n".join(missing)
    assert sum(len(m) for m in page_messages().values()) > 100


def test_no_chinese_in_the_page_files_outside_messages():
    for path in sorted(STATIC.glob("*.js")) + [STATIC / "index.html"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//")[0] if path.suffix == ".js" else line
            code = HTML_MESSAGE.sub("", JS_MESSAGE.sub("t(", code))
            for data in DATA:
                code = code.replace(data, "")
            assert not HAN.search(code), f"{path.name}:{number}: Chinese outside a message: {line.strip()}"


def test_every_page_message_has_chinese_and_keeps_its_placeholders():
    from drafter.i18n import catalog
    from drafter.serve.strings import PAGE
    zh = catalog("zh")
    field = re.compile(r"\{[^{}]*\}")
    for message in PAGE:
        text = zh.gettext(message)
        words = field.sub("", message).replace("YAML", "")
        assert HAN.search(text) or not re.search("[A-Za-z]{2}", words), message
        assert sorted(field.findall(text)) == sorted(field.findall(message)), message


@pytest.fixture
def folder(tmp_path):
    return outline_folder(tmp_path / "outlines")


@pytest.mark.parametrize("lang, words, lang_attr", [
    ("zh", ("起草助手", "提纲与草稿", "下载 Word", "换一稿"), 'lang="zh-CN"'),
    ("en", ("drafting assistant", "Outline and draft", "Download Word", "Redraw"), 'lang="en"'),
])
def test_the_page_and_its_messages_in_either_language(folder, monkeypatch, lang, words, lang_attr):
    monkeypatch.setenv("DRAFTER_LANG", lang)
    with client(config(folder)) as page:
        html = page.get("/").text
        assert lang_attr in html and all(w in html for w in words)
        assert "{{" not in html
        strings = json.loads(re.search(r'<script id="drafter-strings" type="application/json">(.*?)</script>',
                                       html, re.DOTALL).group(1))
        assert strings["lock this sentence"] == ("锁定这句" if lang == "zh" else "lock this sentence")
        body = re.sub(r'<script id="drafter-strings".*?</script>', "", html, flags=re.DOTALL)
        visible = re.sub(r"<[^>]+>", " ", body)
        if lang == "en":
            assert not HAN.search(visible.replace("{地名}", ""))
        # the server's own messages: a bad request, a path outside the folder
        bad = page.post("/api/draft", json={"outline": {"title": "x"}, "seed": -1}, headers=WRITE).json()["error"]
        outside = page.get("/api/outline/open", params={"name": "../x.yaml"}).json()["error"]
        view = page.post("/api/draft", json={"outline": _example(), "seed": 0}, headers=WRITE).json()
    if lang == "zh":
        assert "种子" in bad and "不在提纲文件夹" in outside and view["minutes"].startswith("约 ")
    else:
        assert "seed" in bad and "is not inside the outline folder" in outside and view["minutes"].startswith("about ")
        assert not HAN.search(bad + outside.split("(")[0])


def test_lint_findings_on_the_page_are_in_the_writers_language(folder, monkeypatch):
    monkeypatch.setenv("DRAFTER_LANG", "zh")
    with client(config(folder)) as page:
        found = page.post("/api/lint", json={"paragraphs": ["同志们：", "我们要〔待补充：地名〕加快发展。"]},
                          headers=WRITE).json()["findings"]
    assert found and all(HAN.search(f["message"]) for f in found)
    assert any(f["rule"] == "placeholder" for f in found)  # rule ids stay as they are


def _example() -> dict:
    import yaml

    from drafter.serve.web import jsonable
    return jsonable(yaml.safe_load((EXAMPLES / "研讨发言.yaml").read_text(encoding="utf-8")))
