"""Set phrases recurring across speeches (drafter/mining/setphrases.py): 一张蓝图绘到底 as 金句."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.mining import collect
from drafter.mining.run import Accumulator, DocResult
from drafter.mining.setphrases import recurs, set_phrase
from drafter.normalize import paragraphs
from drafter.readers import read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"


@pytest.mark.parametrize("clause, phrase", [
    ("坚持一张蓝图绘到底", "一张蓝图绘到底"),
    ("我们将坚持一张蓝图绘到底", "一张蓝图绘到底"),
    ("一任接着一任干", "一任接着一任干"),
    ("以钉钉子精神一锤接着一锤敲", "一锤接着一锤敲"),
    ("要用心用情用力", "用心用情用力"),
    ("一个都不能少", "一个都不能少"),
    ("真抓实干埋头苦干", "真抓实干埋头苦干"),
])
def test_set_phrase_shapes(clause, phrase):
    assert set_phrase(clause) == phrase


@pytest.mark.parametrize("clause", [
    "推动高质量发展", "坚持问题导向", "习近平总书记强调", "进一步提高政治站位", "一体推进三不腐",
    "一次深刻的思想洗礼", "新时代新征程上", "与同志们共同交流", "把握好一个重点", "一张蓝图",
    "一张{地名}绘到底", "坚持“一张蓝图”绘到底", "以钉钉子的精神一锤接着一锤敲",
    "新时代新征程", "压紧压实责任", "不平衡不充分",
])
def test_ordinary_clauses_are_not_set_phrases(clause):
    assert set_phrase(clause) is None


def _doc(name: str, sentence: str, para: int = 3) -> DocResult:
    doc = DocResult(name, size=1)
    doc.sets["一张蓝图绘到底"] = [1, [para], [], [sentence]]
    return doc


def _mined(acc: Accumulator) -> set[str]:
    return {p.text for p in acc.phrases() if p.category == "金句"}


def test_two_sentences_in_two_files_make_a_set_phrase():
    acc = Accumulator()
    acc.add(_doc("a.txt", "坚持一张蓝图绘到底，对已有的部署"))
    assert not _mined(acc)
    acc.add(_doc("b.txt", "要追求利在长远，坚持一张蓝图绘到底"))
    assert _mined(acc) == {"一张蓝图绘到底"}
    (entry,) = [p for p in acc.phrases() if p.text == "一张蓝图绘到底"]
    assert entry.count == 2 and [(s.file, s.para) for s in entry.sources] == [("a.txt", 3), ("b.txt", 3)]


def test_copies_of_one_sentence_or_one_file_are_one_source():
    copies = Accumulator()
    for name in ("a.txt", "copy-of-a.txt", "another-copy.txt"):
        copies.add(_doc(name, "坚持一张蓝图绘到底，对已有的部署"))
    assert not _mined(copies)
    one_file = Accumulator()
    doc = _doc("a.txt", "坚持一张蓝图绘到底，对已有的部署")
    doc.sets["一张蓝图绘到底"][3].append("要追求利在长远，坚持一张蓝图绘到底")
    one_file.add(doc)
    assert not _mined(one_file)


def test_partials_merge_like_one_accumulator():
    docs = [_doc("a.txt", "甲，坚持一张蓝图绘到底"), _doc("b.txt", "甲，坚持一张蓝图绘到底"),
            _doc("c.txt", "乙，坚持一张蓝图绘到底", para=5)]
    whole = Accumulator()
    for d in docs:
        whole.add(d)
    left, right = Accumulator(), Accumulator()
    left.add(_doc("c.txt", "乙，坚持一张蓝图绘到底", para=5))
    right.add(_doc("a.txt", "甲，坚持一张蓝图绘到底"))
    right.add(_doc("b.txt", "甲，坚持一张蓝图绘到底"))
    left.merge(right)
    assert left.phrases() == whole.phrases()
    assert _mined(whole) == {"一张蓝图绘到底"}


def test_recurs_needs_two_sentences_and_two_files():
    assert recurs(["s", "t"], ["a", "b"])
    assert not recurs(["s"], ["a", "b"])
    assert not recurs(["s", "t"], ["a"])


def _new_signal(phrases, other) -> set[str]:
    """Texts only the recurrence signal mines: mined from these files, not from any one alone."""
    return {p.text for p in phrases if p.category == "金句"} - other


def _single_file_texts(files: list[Path]) -> set[str]:
    out: set[str] = set()
    for f in files:
        out |= {p.text for p in collect([f]).phrases()}
    return out


def _assert_sources_hold(phrases, base: Path, texts: set[str]) -> None:
    for p in phrases:
        if p.text in texts:
            for s in p.sources:
                para = [x.text for x in paragraphs(read(base / s.file).text)][s.para - 1]
                assert p.text in para, (p.text, s)


def test_corpus_gains_only_the_set_phrase_it_repeats():
    phrases = collect([CORPUS]).phrases()
    new = _new_signal(phrases, _single_file_texts(sorted(CORPUS.glob("*.txt"))))
    assert new == {"一张蓝图绘到底"}
    _assert_sources_hold(phrases, CORPUS, new)


def test_unseen_speeches_share_set_phrases():
    files = sorted(UNSEEN.glob("[0-9]*.txt"))
    phrases = collect(files).phrases()
    new = _new_signal(phrases, _single_file_texts(files))
    # 一张蓝图绘到底 in three speeches, 一锤接着一锤敲 after a lead-in (以钉钉子精神…) in one of
    # them, 一任接着一任干 in two: nothing else recurs in a set-phrase shape
    assert new == {"一张蓝图绘到底", "一锤接着一锤敲", "一任接着一任干"}
    _assert_sources_hold(phrases, UNSEEN, new)
    (blueprint,) = [p for p in phrases if p.text == "一张蓝图绘到底"]
    assert {Path(s.file).name for s in blueprint.sources} == {f.name for f in files}


def test_a_speech_mined_with_its_copies_gains_nothing(tmp_path):
    # the bench repeats corpus files under new names: copies are one source
    src = CORPUS / "000_270d42a2c73d1346.txt"
    for k in range(3):
        shutil.copyfile(src, tmp_path / f"{k:03d}_{src.name}")
    assert "一张蓝图绘到底" not in {p.text for p in collect([tmp_path]).phrases()}
