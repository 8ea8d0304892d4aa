"""drafter/serve as functions, no server and no browser: path confinement, the served address, the
gate in front of the app (called as ASGI directly), and the outline form ⇄ YAML helpers."""

from __future__ import annotations

import asyncio
import datetime
import json
from pathlib import Path

import pytest

from drafter.serve.config import Refused, ServeConfig, inside, split_host
from drafter.serve.guard import HEADERS, Guard
from drafter.serve.outline_api import for_compose, from_yaml, problem, tidy, to_yaml
from drafter.serve.web import jsonable, text_field


def cfg(tmp_path, host="127.0.0.1", port=8765) -> ServeConfig:
    (tmp_path / "bank").mkdir(exist_ok=True)
    (tmp_path / "root").mkdir(exist_ok=True)
    return ServeConfig(bank=tmp_path / "bank", root=tmp_path / "root", host=host, port=port)


# ---------------------------------------------------------------- paths

def test_inside_accepts_names_in_the_folder_and_absolute_paths_in_it(tmp_path):
    base = tmp_path.resolve()
    assert inside(base, "a/提纲.yaml", (".yaml",), "x") == base / "a" / "提纲.yaml"
    assert inside(base, str(base / "b.yaml"), (".yaml",), "x") == base / "b.yaml"
    assert inside(base, " c.YAML ", (".yaml",), "x") == base / "c.YAML"


@pytest.mark.parametrize("name", ["../escape.yaml", "/etc/passwd.yaml", "a/../../b.yaml"])
def test_inside_refuses_what_leaves_the_folder(tmp_path, name):
    with pytest.raises(Refused, match="is not inside") as info:
        inside(tmp_path.resolve(), name, (".yaml",), "the outline folder")
    assert info.value.status == 403


def test_inside_follows_symbolic_links_out_and_refuses_them(tmp_path):
    base = (tmp_path / "root")
    base.mkdir()
    outside = tmp_path / "secret.yaml"
    outside.write_text("x", encoding="utf-8")
    (base / "link.yaml").symlink_to(outside)
    with pytest.raises(Refused, match="is not inside"):
        inside(base.resolve(), "link.yaml", (".yaml",), "x")


@pytest.mark.parametrize("name, status", [("", 400), ("  ", 400), ("a\0b.yaml", 400), (None, 400),
                                          ("notes.txt", 400)])
def test_inside_refuses_missing_names_nul_and_other_suffixes(tmp_path, name, status):
    with pytest.raises(Refused) as info:
        inside(tmp_path.resolve(), name, (".yaml", ".yml"), "x")
    assert info.value.status == status


@pytest.mark.parametrize("header, expected", [
    ("127.0.0.1:8765", ("127.0.0.1", 8765)), ("[::1]:80", ("::1", 80)), ("LOCALHOST", ("localhost", 80)),
    ("[::1]", ("::1", 80)), ("host:abc", ("host", None)), ("::1", ("::1", 80)),
])
def test_split_host(header, expected):
    assert split_host(header) == expected


def test_a_loopback_server_answers_to_its_loopback_names_on_its_port_only(tmp_path):
    c = cfg(tmp_path)
    assert c.loopback() and not c.wildcard()
    assert c.host_ok("127.0.0.1:8765") and c.host_ok("localhost:8765") and c.host_ok("[::1]:8765")
    assert not c.host_ok("127.0.0.1:8766") and not c.host_ok("evil.example:8765") and not c.host_ok(None)
    assert not c.host_ok("192.168.1.5:8765")
    assert c.origin_ok("http://localhost:8765") and not c.origin_ok("https://localhost:8765")
    assert c.url() == "http://127.0.0.1:8765/"


def test_a_wildcard_server_takes_any_address_but_no_foreign_name(tmp_path):
    c = cfg(tmp_path, host="0.0.0.0")
    assert c.wildcard() and c.host_ok("192.168.1.5:8765") and not c.host_ok("rebind.example:8765")
    assert c.url() == "http://127.0.0.1:8765/"


def test_an_ipv6_address_is_bracketed_in_the_url(tmp_path):
    assert cfg(tmp_path, host="::1", port=9000).url() == "http://[::1]:9000/"


def test_the_shipped_bank_is_not_writable_a_copy_is(tmp_path):
    from drafter.bank import packaged_bank_dir

    assert not ServeConfig(bank=packaged_bank_dir(), root=tmp_path).bank_writable()
    assert cfg(tmp_path).bank_writable()


# ---------------------------------------------------------------- the gate (ASGI)

def _call(guard: Guard, method="GET", path="/api/x", headers=(), body=b""):
    """Run the guard on one request; (status, headers, body) of what it sent."""
    sent = []
    scope = {"type": "http", "method": method, "path": path,
             "headers": [(k.encode(), v.encode()) for k, v in headers]}
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    data = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), data


async def _echo(scope, receive, send):
    message = await receive()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": message.get("body", b"")})


HOST = ("host", "127.0.0.1:8765")
PAGE = [HOST, ("x-drafter", "1"), ("origin", "http://127.0.0.1:8765")]


def test_the_gate_passes_the_pages_own_requests_and_adds_the_security_headers(tmp_path):
    status, headers, body = _call(Guard(_echo, cfg(tmp_path)), "POST", headers=PAGE, body=b"{}")
    assert (status, body) == (200, b"{}")
    assert dict(HEADERS).items() <= headers.items()


@pytest.mark.parametrize("method, headers, status, words", [
    ("GET", [("host", "evil.example:8765")], 421, "the Host is not this server's address"),
    ("POST", [HOST, ("x-drafter", "1"), ("origin", "http://evil.example")], 403, "another site"),
    ("POST", [HOST, ("x-drafter", "1"), ("sec-fetch-site", "cross-site")], 403, "a cross-site request"),
    ("POST", [HOST], 403, "no X-Drafter header"),
    ("DELETE", [HOST, ("x-drafter", "2")], 403, "no X-Drafter header"),
])
def test_the_gate_refuses_with_a_json_reason(tmp_path, method, headers, status, words):
    got, sent_headers, body = _call(Guard(_echo, cfg(tmp_path)), method, headers=headers)
    assert got == status and words in json.loads(body)["error"]
    assert sent_headers[b"content-type"] == b"application/json; charset=utf-8"
    assert b"content-security-policy" in sent_headers


def test_reads_need_no_page_header(tmp_path):
    assert _call(Guard(_echo, cfg(tmp_path)), "GET", headers=[HOST])[0] == 200


@pytest.mark.parametrize("length", ["abc", str((1 << 20) + 1)])
def test_the_gate_refuses_big_or_bad_content_length_before_reading(tmp_path, length):
    status, _h, body = _call(Guard(_echo, cfg(tmp_path)), "POST", headers=[*PAGE, ("content-length", length)])
    assert status == 413 and "too large (at most 1 MB)" in json.loads(body)["error"]


def test_the_gate_counts_what_arrives_without_a_length(tmp_path):
    status, _h, body = _call(Guard(_echo, cfg(tmp_path)), "POST", headers=PAGE, body=b"x" * ((1 << 20) + 1))
    assert status == 413


def test_uploads_may_be_bigger(tmp_path):
    status, _h, _b = _call(Guard(_echo, cfg(tmp_path)), "POST", path="/api/mine/upload",
                           headers=[*PAGE, ("content-length", str(2 << 20))], body=b"x" * (2 << 20))
    assert status == 200


# ---------------------------------------------------------------- JSON and fields

def test_jsonable_turns_dates_and_tuples_into_json():
    value = {"date": datetime.date(2026, 11, 21), 3: ("a", [datetime.datetime(2026, 1, 2, 3, 4)])}
    assert jsonable(value) == {"date": "2026-11-21", "3": ["a", ["2026-01-02T03:04:00"]]}
    json.dumps(jsonable(value))


def test_text_field_requires_limits_and_defaults():
    assert text_field({"a": "x"}, "a") == "x"
    assert text_field({}, "a", required=False) == ""
    for data in ({}, {"a": "  "}, {"a": 3}):
        with pytest.raises(Refused, match="“a” is missing"):
            text_field(data, "a")
    with pytest.raises(Refused, match="too long \\(at most 2 characters\\)") as info:
        text_field({"a": "xyz"}, "a", limit=2)
    assert info.value.status == 400


# ---------------------------------------------------------------- outline form ⇄ YAML

def test_tidy_orders_keys_as_the_docs_and_drops_empty_values():
    outline = {"sections": [{"heading": "一", "points": [{"heading": "要点", "points": []}]}],
               "extra": 1, "title": "", "type": "党课", "theme": "", "vars": {}, "length": 2000}
    tidied = tidy(outline)
    assert list(tidied) == ["type", "title", "length", "sections", "extra"]
    assert tidied["title"] == "" and tidied["sections"] == [{"heading": "一", "points": ["要点"]}]


def test_to_yaml_writes_chinese_plainly_and_multiline_text_as_a_block():
    text = to_yaml({"type": "研讨发言", "title": "标题", "opening": "第一行\n第二行",
                    "sections": [{"heading": "一"}]})
    assert "type: 研讨发言\n" in text and "opening: |-\n  第一行\n  第二行\n" in text
    assert "sections:\n- 一\n" in text
    assert from_yaml(text) == {"type": "研讨发言", "title": "标题", "opening": "第一行\n第二行", "sections": ["一"]}


def test_from_yaml_refuses_a_list_and_gives_lines_for_syntax_errors():
    from drafter.errors import OutlineError

    with pytest.raises(OutlineError, match="expected a mapping") as info:
        from_yaml("- a\n- b\n", "o.yaml")
    assert (info.value.path, info.value.line) == ("o.yaml", 1)
    with pytest.raises(OutlineError) as info:
        from_yaml("title: [a\nsections: []\n")
    assert info.value.line is not None


def test_from_yaml_dates_come_back_as_text():
    assert from_yaml("title: t\ndate: 2026-11-21\nsections: [a]\n")["date"] == "2026-11-21"


def test_for_compose_refuses_what_is_not_a_mapping():
    with pytest.raises(Refused) as info:
        for_compose(["title"])
    assert info.value.status == 400
    assert for_compose({"title": "t"}) == {"title": "t"}


def test_problem_names_the_key_at_fault_and_none_for_a_good_outline():
    good = {"type": "研讨发言", "title": "在研讨会上的发言", "sections": ["着力在强化理论武装上下功夫"]}
    assert problem(good) is None
    unknown = problem({**good, "type": "述职报告"})
    assert unknown["key"] == "type" and "研讨发言" in unknown["message"]
    bad = problem({**good, "length": "long"})
    assert bad["key"] == "length"


def test_a_saved_form_redrafts_from_its_yaml(tmp_path):
    """What the page saves is an outline file `drafter draft` reads to the same outline."""
    from drafter.compose import load_outline

    outline = {"type": "研讨发言", "title": "在研讨会上的发言", "date": "2026-11-21",
               "sections": [{"heading": "着力在强化理论武装上下功夫", "points": ["读原著学原文"]}]}
    path = Path(tmp_path / "o.yaml")
    path.write_text(to_yaml(outline), encoding="utf-8")
    loaded = load_outline(path)
    assert loaded.title == "在研讨会上的发言"
    assert [s.heading for s in loaded.sections] == ["着力在强化理论武装上下功夫"]


# ---------------------------------------------------------------- draft routes' checks

@pytest.mark.parametrize("seed", [-1, 2**31, True, "3", 1.5, None])
def test_a_seed_must_be_a_whole_number_in_range(seed):
    from drafter.serve.draft_api import seed_of

    with pytest.raises(Refused) as info:
        seed_of({"seed": seed})
    assert info.value.status == 400


def test_seed_defaults_to_zero_and_takes_the_bounds():
    from drafter.serve.draft_api import MAX_SEED, seed_of

    assert seed_of({}) == 0 and seed_of({"seed": MAX_SEED}) == MAX_SEED


@pytest.mark.parametrize("name, stem", [
    ("提纲.yaml", "提纲"), ("sub/dir/党课.YML", "党课"), ("..\\..\\evil.yaml", "evil"), ('a:b*c?.yaml', "abc"),
    ("  ", "发言"), (None, "发言"), (3, "发言"), ("...", "发言"), ("x" * 100, "x" * 80),
])
def test_a_download_is_named_by_the_outline_never_by_a_path(name, stem):
    from drafter.serve.draft_api import file_stem

    assert file_stem(name) == stem


@pytest.mark.parametrize("paragraphs", [None, "text", [1, 2], ["x"] * 5001])
def test_lint_route_refuses_what_is_not_a_list_of_texts(paragraphs):
    from drafter.serve.draft_api import lint

    with pytest.raises(Refused):
        lint(None, {"paragraphs": paragraphs})


def test_lint_route_numbers_findings_by_paragraph():
    from drafter.serve.draft_api import lint

    found = lint(None, {"paragraphs": ["标题", "请XX同志发言。"]})["findings"]
    assert [(f["paragraph"], f["rule"]) for f in found] == [(2, "placeholder")]
    assert found[0]["excerpt"] == "XX"


def test_speaking_time():
    from drafter.serve.view import speaking_time

    assert speaking_time(440, 220) == "about 2 min 00 s" and speaking_time(250, 220) == "about 1 min 08 s"
    assert speaking_time(100, 0) == "about 0 min 00 s"


# ---------------------------------------------------------------- bank routes as functions

class _Ctx:
    """What a route needs of a request: the config and the query string."""

    def __init__(self, config, **query):
        self.config = config
        self._query = query

    def query(self, name, default=""):
        return self._query.get(name, default)


@pytest.fixture
def bank_ctx(tmp_path):
    from drafter.bank import Phrase, make_id, merge_mined

    bank = tmp_path / "bank"
    merge_mined(bank, [Phrase(make_id("金句", t), t, "金句", ["落实"], [], 1, [], "mined")
                       for t in ("一分部署、九分落实", "功成不必在我", "真抓实干")], {})
    (tmp_path / "root").mkdir()
    return _Ctx(ServeConfig(bank=bank, root=tmp_path / "root"))


@pytest.mark.parametrize("tags, expected", [("落实，作风 民生", ["落实", "作风", "民生"]), (["a", " b "], ["a", "b"]),
                                            (None, []), ("", [])])
def test_tags_from_the_page_as_a_list_or_one_text(tags, expected):
    from drafter.serve.bank_api import _tags

    assert _tags({"tags": tags}, "tags") == expected


@pytest.mark.parametrize("tags", [[1, 2], {"a": 1}, ["x"] * 51])
def test_tags_that_are_not_words_are_refused(tags):
    from drafter.serve.bank_api import _tags

    with pytest.raises(Refused, match="tags should be a list of words"):
        _tags({"tags": tags}, "tags")


def test_paging_numbers_are_clamped_and_text_refused():
    from drafter.serve.bank_api import MAX_LIMIT, _int

    assert _int("0", 1, MAX_LIMIT) == 1 and _int("9999", 1, MAX_LIMIT) == MAX_LIMIT
    with pytest.raises(Refused, match="is not a number"):
        _int("-3", 0, 10)


def test_phrases_page_through_the_bank(bank_ctx):
    from drafter.serve.bank_api import phrases

    first = phrases(_Ctx(bank_ctx.config, limit="2"), {})
    assert len(first["phrases"]) == 2 and first["more"] is True
    rest = phrases(_Ctx(bank_ctx.config, limit="2", offset="2"), {})
    assert len(rest["phrases"]) == 1 and rest["more"] is False
    ids = {p["id"] for p in first["phrases"] + rest["phrases"]}
    assert len(ids) == 3


def test_add_edit_delete_through_the_routes(bank_ctx):
    from drafter.bank import load_bank
    from drafter.serve.bank_api import add, delete, edit

    added = add(bank_ctx, {"text": "以钉钉子精神抓落实", "category": "金句", "tags": "落实，作风"})["phrase"]
    assert added["tags"] == ["落实", "作风"] and added["origin"] == "user"
    edited = edit(bank_ctx, {"id": added["id"], "tags": ["作风", "新"], "was_tags": ["落实", "作风"]})["phrase"]
    assert edited["tags"] == ["作风", "新"]
    assert delete(bank_ctx, {"id": added["id"]}) == {"removed": [added["id"]]}
    assert load_bank(bank_ctx.config.bank).get(added["id"]) is None


def test_edits_of_the_shipped_bank_are_refused_with_409(tmp_path):
    from drafter.bank import packaged_bank_dir
    from drafter.serve.bank_api import add, delete

    ctx = _Ctx(ServeConfig(bank=packaged_bank_dir(), root=tmp_path))
    for route, data in ((add, {"text": "x", "category": "金句"}), (delete, {"id": "x"})):
        with pytest.raises(Refused, match="the built-in bank is read-only") as info:
            route(ctx, data)
        assert info.value.status == 409


def test_copy_is_refused_when_the_bank_is_already_editable(bank_ctx):
    from drafter.serve.bank_api import copy

    with pytest.raises(Refused) as info:
        copy(bank_ctx, {})
    assert info.value.status == 409


def test_a_paragraph_is_cut_at_its_placed_sentences_in_the_order_they_print():
    """A sentence chosen for a later slot may print first (where its role goes): each placed
    sentence keeps its key on the page, and one that holds a shorter one claims it first
    (the chosen 2.1#4 held 2.1#3's words; 2.1#4 vanished from the page and the browser test failed)."""
    from types import SimpleNamespace

    from drafter.serve.view import _segments

    def placed(key, text):
        return SimpleNamespace(key=key, text=text, phrase_id=f"举措-{key}", role="举措", section="二", source=None)

    first, second = "要扑下身子、沉到一线、深入基层。", "坚持调研开路，扑下身子、沉到一线、深入基层，把脉问诊、解剖麻雀。"
    text = second + first + "〔待补充：写本单位的做法〕。"
    segments, cursor = _segments(text, [placed("2.1#3", first), placed("2.1#4", second)], 0, [], {})
    assert [(s.get("key"), s["text"]) for s in segments[:2]] == [("2.1#4", second), ("2.1#3", first)]
    assert "".join(s["text"] for s in segments) == text
    assert cursor == 2
    later, cursor = _segments(first, [placed("3#1", "另一段的话。"), placed("3#2", first)], 0, [], {},
                              later=["另一段的话。"])
    assert cursor == 0 and [s.get("key") for s in later] == [None]
