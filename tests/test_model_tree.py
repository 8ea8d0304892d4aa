"""drafter/model.py's tree: dict round trips (with and without positions), walk order and depth, kinds and
families of markers, what a round trip compares, and the length a speech counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.model import Section, Speech

MARKERS = ["一、", "二、", "（一）", "（三）", "1.", "（1）", "一是", "二要", "第一，", ""]
texts = st.text(alphabet="学习落实推动发展，。", min_size=1, max_size=12)


def sections(depth: int = 3):
    leaf = st.builds(Section, marker=st.sampled_from(MARKERS), heading=texts, body=st.lists(texts, max_size=2),
                     punct=st.sampled_from(["", "。", "；", "："]), para=st.none() | st.integers(1, 99),
                     body_paras=st.lists(st.integers(1, 99), max_size=2))
    if depth == 0:
        return leaf
    return st.builds(Section, marker=st.sampled_from(MARKERS), heading=texts, body=st.lists(texts, max_size=2),
                     sections=st.lists(sections(depth - 1), max_size=2), punct=st.sampled_from(["", "。"]),
                     para=st.none() | st.integers(1, 99))


speeches = st.builds(Speech, source=st.just("s.txt"), title=texts, speaker=st.none() | texts,
                     date=st.none() | st.just("2026-11-21"), salutation=st.none() | st.just("同志们："),
                     opening=st.lists(texts, max_size=2), sections=st.lists(sections(), max_size=3),
                     closing=st.lists(texts, max_size=2), title_paras=st.lists(st.integers(1, 5), max_size=2))


@settings(max_examples=30, deadline=None)
@given(speeches)
def test_a_speech_survives_the_dict_round_trip_with_positions(speech):
    assert Speech.from_dict(speech.to_dict(positions=True)) == speech


@settings(max_examples=30, deadline=None)
@given(speeches)
def test_without_positions_only_the_content_survives(speech):
    back = Speech.from_dict(speech.to_dict())
    assert back.content() == speech.content()
    assert all(s.para is None and s.punct == "" for _d, s in back.walk())


@settings(max_examples=30, deadline=None)
@given(speeches)
def test_walk_is_document_order_with_depth_one_at_the_top(speech):
    def order(secs, depth):
        for s in secs:
            yield depth, s
            yield from order(s.sections, depth + 1)

    walked = list(speech.walk())
    assert [(d, id(s)) for d, s in walked] == [(d, id(s)) for d, s in order(speech.sections, 1)]
    assert speech.headings() == [(d, s.marker, s.heading) for d, s in walked]


def test_dates_are_printed_the_way_a_speech_prints_them():
    assert Speech(date="2026-11-21").date == "2026年11月21日"
    assert Speech(date="2026/1/5").to_dict()["date"] == "2026年1月5日"
    assert Speech(date=None).date is None


def test_content_leaves_out_the_source_only():
    a = Speech(source="a.txt", title="标题", opening=["开头。"])
    b = Speech(source="b.docx", title="标题", opening=["开头。"], opening_paras=[3])
    assert a.content() == b.content() and "source" not in a.content()
    assert a.content() != Speech(title="标题", opening=["开头！"]).content()


def test_marker_kind_and_family():
    kinds = {m: (Section(m, "h").kind, Section(m, "h").family) for m in ("三、", "（十二）", "7.", "（2）", "三是",
                                                                      "四要", "")}
    assert kinds == {"三、": ("numbered", "一、"), "（十二）": ("numbered", "（一）"), "7.": ("numbered", "1."),
                     "（2）": ("numbered", "（1）"), "三是": ("inline", "一是"), "四要": ("inline", "一要"),
                     "": ("lead", "")}


def test_text_length_counts_characters_not_whitespace():
    speech = Speech(title="标 题", opening=["开头 内容。"],
                    sections=[Section("一、", "要点", body=["正文\u3000内容。"])])
    assert speech.text_length() == sum(len("".join(p.split())) for p in speech.paragraphs())
    assert speech.text_length() == len("标题开头内容。一、要点正文内容。")


def test_from_dict_fills_what_is_missing():
    speech = Speech.from_dict({"title": "标题", "sections": [{"heading": "要点"}]})
    assert speech.sections[0].marker == "" and speech.sections[0].body == [] and speech.opening == []
