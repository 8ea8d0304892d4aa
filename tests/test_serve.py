"""``drafter serve``: the outline routes, drafting, sentence data, downloads, through the app."""

from __future__ import annotations

import io

import pytest
import yaml

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from serve_support import EXAMPLES, WRITE, client, config, outline_folder  # noqa: E402


@pytest.fixture
def page(tmp_path):
    root = outline_folder(tmp_path / "outlines")
    with client(config(root)) as c:
        yield c


def example(name="研讨发言.yaml") -> dict:
    """An example outline as the page holds it (dates as text, as JSON carries them)."""
    from drafter.serve.web import jsonable
    return jsonable(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))


def test_the_page_and_its_files_are_served(page):
    html = page.get("/")
    assert html.status_code == 200 and "drafter drafting assistant" in html.text
    assert "http" not in html.text.replace("http-equiv", ""), "the page loads nothing from the network"
    for name in ("main.js", "outline.js", "draft.js", "bank.js", "api.js", "state.js", "i18n.js", "app.css"):
        r = page.get(f"/static/{name}")
        assert r.status_code == 200, name
        assert "https://" not in r.text and "//cdn" not in r.text, name
    assert "script-src 'self'" in html.headers["content-security-policy"]


def test_types_and_a_new_outline_from_drafter_new(page):
    names = [t["name"] for t in page.get("/api/types").json()["types"]]
    assert {"研讨发言", "党课"} <= set(names)
    r = page.post("/api/outline/new", json={"type": "党课", "theme": "以学促干"}, headers=WRITE).json()
    from drafter.compose.starter import new_outline
    assert r["yaml"] == new_outline("党课", theme="以学促干")
    assert r["outline"]["type"] == "党课" and r["outline"]["sections"]


def test_form_and_yaml_stay_in_step(page):
    outline = example()
    r = page.post("/api/outline/check", json={"outline": outline}, headers=WRITE).json()
    assert r["problem"] is None
    back = page.post("/api/outline/parse", json={"yaml": r["yaml"]}, headers=WRITE).json()
    assert back["problem"] is None
    from drafter.compose import load_outline
    assert load_outline(back["outline"]) == load_outline(outline)
    assert back["outline"]["sections"][2] == "着力在推动高质量发展上见真章", "a bare heading is written bare"


def test_yaml_of_the_form_is_tidy(page):
    outline = {"type": "研讨发言", "title": "标题", "speaker": "", "sections": [
        {"heading": "一", "text": "", "points": [{"heading": "甲", "text": "", "points": []}]},
        {"heading": "二", "text": "原文一段\n原文二段", "points": []}]}
    text = page.post("/api/outline/check", json={"outline": outline}, headers=WRITE).json()["yaml"]
    data = yaml.safe_load(text)
    assert "speaker" not in data
    assert data["sections"] == [{"heading": "一", "points": ["甲"]}, {"heading": "二", "text": "原文一段\n原文二段"}]
    assert "text: |" in text


def test_validation_names_the_field_at_fault(page):
    """The key path says which form field gets the message (the page puts it next to that field)."""
    outline = example()
    outline["sections"][1]["heading"] = ""
    problem = page.post("/api/outline/check", json={"outline": outline}, headers=WRITE).json()["problem"]
    assert problem["key"] == "sections[2].heading" and "empty" in problem["message"]
    outline = example()
    outline["length"] = -5
    assert page.post("/api/outline/check", json={"outline": outline}, headers=WRITE).json()["problem"]["key"] == "length"
    outline = example()
    outline["type"] = "不存在的类型"
    assert page.post("/api/outline/check", json={"outline": outline}, headers=WRITE).json()["problem"]["key"] == "type"


def test_yaml_syntax_error_gives_line(page):
    r = page.post("/api/outline/parse", json={"yaml": "title: a\nsections: [\n"}, headers=WRITE).json()
    assert r["outline"] is None and r["problem"]["line"]


def test_open_and_save_outline_files(page, tmp_path):
    files = page.get("/api/files").json()["files"]
    assert "研讨发言.yaml" in files and "党课.yaml" in files
    opened = page.get("/api/outline/open", params={"name": "党课.yaml"}).json()
    assert opened["outline"]["type"] == "党课" and opened["problem"] is None
    opened["outline"]["title"] = "改过的标题"
    saved = page.post("/api/outline/save", json={"name": "sub/新的", "outline": opened["outline"]}, headers=WRITE).json()
    assert saved["name"] == "sub/新的.yaml"
    on_disk = (tmp_path / "outlines" / "sub" / "新的.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(on_disk)["title"] == "改过的标题"
    assert "sub/新的.yaml" in page.get("/api/files").json()["files"]


def test_draft_view_is_the_speech_the_cli_makes(page):
    from drafter.compose import draft
    from drafter.writers import render
    outline = example()
    view = page.post("/api/draft", json={"outline": outline, "seed": 3}, headers=WRITE).json()
    speech = draft(outline, seed=3).speech
    texts = [b.get("text") or b["lead"] + "".join(s["text"] for s in b["segments"]) for b in view["blocks"]]
    assert texts == speech.paragraphs()
    assert render(speech, "txt").startswith(texts[0])
    roles = [b["role"] for b in view["blocks"]]
    assert roles[:4] == ["title", "speaker", "date", "salutation"] and "body" in roles
    from drafter.compose.length import drafted_length  # notes to the writer are not length
    assert view["length"] == drafted_length(speech) and view["target"] == 2500
    assert view["minutes"].startswith("about ")
    borrowed = [s for b in view["blocks"] for s in b.get("segments", []) if s["sources"]]
    assert borrowed, "borrowed sentences carry their sources"
    src = borrowed[0]["sources"][0]["sources"][0]
    assert src["file"] and src["para"]


def test_outline_text_is_never_template_code(page):
    outline = example()
    outline["title"] = "{{ 7*7 }}{% raw %}@title 假{% endraw %}"
    outline["sections"][0]["heading"] = "{{ cycler.__init__.__globals__ }}"
    view = page.post("/api/draft", json={"outline": outline}, headers=WRITE).json()
    assert view["blocks"][0]["text"] == "{{ 7*7 }}{% raw %}@title 假{% endraw %}"
    assert any("{{ cycler.__init__.__globals__ }}" in (b.get("lead") or b.get("text") or "") for b in view["blocks"])


def test_lint_findings_for_the_page(page):
    findings = page.post("/api/lint", json={"paragraphs": ["标题", "这里有XX要补。", "这里有XX要补。"]},
                         headers=WRITE).json()["findings"]
    rules = {f["rule"] for f in findings}
    assert any(f["paragraph"] == 2 and f["excerpt"] for f in findings), findings
    assert rules


def test_bad_draft_request_is_one_message(page):
    r = page.post("/api/draft", json={"outline": {"title": "x"}}, headers=WRITE)
    assert r.status_code == 400 and r.json()["key"] == "sections"
    r = page.post("/api/draft", json={"outline": example(), "seed": -1}, headers=WRITE)
    assert r.status_code == 400 and "seed" in r.json()["error"]
    r = page.post("/api/draft", content=b"not json", headers=WRITE)
    assert r.status_code == 400


@pytest.mark.parametrize("fmt", ["docx", "md", "txt", "sources"])
def test_downloads(page, fmt):
    from drafter.compose import draft
    from drafter.writers import render
    outline = example("党课.yaml")
    r = page.post("/api/download", json={"outline": outline, "seed": 2, "format": fmt, "name": "dir/党课.yaml"},
                  headers=WRITE)
    assert r.status_code == 200
    assert "filename*=UTF-8''%E5%85%9A%E8%AF%BE" in r.headers["content-disposition"]
    result = draft(outline, seed=2)
    if fmt == "docx":
        from docx import Document
        # the writer may break a long title into lines (a line break inside the paragraph)
        paras = [p.text.replace("\n", "") for p in Document(io.BytesIO(r.content)).paragraphs if p.text.strip()]
        assert paras[0] == result.speech.title.replace("\n", "")
        assert result.speech.paragraphs()[-1] in paras
    elif fmt == "sources":
        data = yaml.safe_load(r.text)
        assert data["borrowed"] == yaml.safe_load(yaml.safe_dump(result.sources_dict(), allow_unicode=True))
    else:
        assert r.content.decode("utf-8") == render(result.speech, fmt)


def test_alternatives_say_clearly_when_the_composer_has_none(page):
    import drafter.compose as composer
    r = page.post("/api/alternatives", json={"outline": example(), "key": "1#1"}, headers=WRITE)
    if hasattr(composer, "alternatives"):
        assert r.status_code == 200 and "alternatives" in r.json()
    else:
        assert r.status_code == 501 and "alternatives" in r.json()["error"]


def test_view_cuts_paragraphs_at_the_placed_sentences():
    """With the composer's placements (key, role, text, phrase id, source, section), each placed
    sentence becomes a choosable segment with its key; one printed nowhere is passed over."""
    from collections import namedtuple

    from drafter.blocks import blocks
    from drafter.compose import draft
    from drafter.serve import view
    result = draft(example(), seed=0)
    Placement = namedtuple("Placement", "key role text phrase_id source section")
    bodies = [view.SENTENCE.findall(b.text[len(b.lead):]) for b in blocks(result.speech) if b.role == "body"]
    sentences = max(bodies, key=len)  # the body paragraph with most sentences (at least 3)
    assert len(sentences) >= 3
    placements = [Placement(f"1#{i}", "论述", s, f"论述-{i}", {"file": "a.txt", "para": i}, "一部分")
                  for i, s in enumerate(sentences, 1)]
    placements.insert(1, Placement("1#99", "论述", "稿子里没有的一句。", None, None, "一部分"))
    result.placements = placements
    shown = view.build(result, {"pins": {"1#2": "论述-2", "1#3": {"text": "手改"}}})
    placed = [s for b in shown["blocks"] for s in b.get("segments", []) if s.get("key")]
    assert [s["key"] for s in placed] == [f"1#{i}" for i in range(1, len(sentences) + 1)]
    assert [s["text"] for s in placed] == sentences
    assert not placed[0]["locked"] and placed[1]["locked"] and placed[2]["hand"]
    assert placed[0]["sources"][0]["sources"] == [{"file": "a.txt", "para": 1}]
    assert shown["choosable"]


def test_a_saved_outline_keeps_the_seed_and_redrafts_to_the_same_text(page, tmp_path):
    from drafter.compose import draft
    from drafter.writers import render
    outline = example()
    shown = page.post("/api/draft", json={"outline": outline, "seed": 4}, headers=WRITE).json()
    page.post("/api/outline/save", json={"name": "带种子", "outline": outline, "seed": 4}, headers=WRITE)
    path = tmp_path / "outlines" / "带种子.yaml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["seed"] == 4
    again = draft(path).speech  # no seed given: the outline's
    texts = [b.get("text") or b["lead"] + "".join(s["text"] for s in b["segments"]) for b in shown["blocks"]]
    assert again.paragraphs() == texts
    assert render(again, "txt") != render(draft(path, seed=0).speech, "txt")
    # opening it gives the page its seed back
    opened = page.get("/api/outline/open", params={"name": "带种子.yaml"}).json()
    assert opened["outline"]["seed"] == 4 and opened["problem"] is None
