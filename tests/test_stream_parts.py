"""A file read part by part (``drafter/readers/stream.py``) is read and linted as the whole file would
be (issue 16): its encoding is detected as for a whole file (Big5 too), and the lint rules that follow
the document (numbering, inline items, repeated sentences, empty sections, the length target) carry
their state from part to part, so they find what linting the whole text finds; what is judged within
each part is said in the report's notes, and a streamed mine says it takes no skeleton.

Parts are made small here (``part_chars`` patched to a few thousand characters) so corpus/ alone
makes a file of many parts, in process and in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

import drafter.readers.stream as stream
from drafter.lint.runner import lint_paragraphs, lint_parts
from drafter.mining.run import Accumulator, Miner
from drafter.normalize import paragraphs
from drafter.readers.text import decode

ROOT = Path(__file__).resolve().parent.parent
SPEECHES = sorted((ROOT / "corpus").glob("*.txt"))
#: rules that see the whole file when it is read part by part
WHOLE = {"numbering-sequence", "numbering-skip", "item-sequence", "numbering-mixed", "repeated-sentence",
         "empty-section", "length-target"}


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(stream, "part_chars", lambda: 3000)
    monkeypatch.setattr(stream, "_READ", 4096)


def _dump(tmp_path: Path, extra: str = "") -> Path:
    texts = [p.read_text(encoding="utf-8").strip() for p in SPEECHES]
    path = tmp_path / "dump.txt"
    path.write_text("\n\n".join(texts + texts[:2]) + extra + "\n", encoding="utf-8")
    return path


def _lines(findings) -> list[str]:
    return [f.line() for f in findings]


def _whole(path: Path, **options):
    """The file linted whole: its paragraphs, which are the paragraphs its parts split into."""
    paras = paragraphs(path.read_text(encoding="utf-8"))
    return lint_paragraphs(paras, str(path), **options).findings


def test_big5_is_detected_when_streaming_as_for_a_whole_file(tmp_path, small_parts):
    # traditional text (corpus/ in traditional characters where Big5 has them)
    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in SPEECHES)
    data = text.encode("big5", errors="ignore")
    path = tmp_path / "big5.txt"
    path.write_bytes(data)
    whole = decode(data, str(path))
    assert stream._encoding(data[:1 << 20], path)[0] == "big5"
    assert "".join(part.text for part in stream.parts(path)) == whole.replace("\r\n", "\n")


def test_streamed_lint_finds_what_whole_file_lint_finds_for_document_rules(tmp_path, small_parts):
    # a heading ending one part with the next heading opening the next is found empty across the cut,
    # numbering continues across parts (二、 after 一、 of an earlier part is no error; 四、 after 二、 is)
    path = _dump(tmp_path, "\n\n一、第一部分\n\n" + "这是正文内容，用来填满这一部分的篇幅。" * 400
                 + "\n\n二、第二部分\n\n四、第四部分\n\n同样的一句话在这里重复出现了很多次。\n\n同样的一句话在这里重复出现了很多次。")
    reports = list(lint_parts(path, target="3000"))
    assert len(reports) > 8
    streamed = [f for r in reports for f in r.findings if f.rule in WHOLE]
    whole = [f for f in _whole(path, target="3000") if f.rule in WHOLE]
    assert sorted(_lines(streamed)) == sorted(_lines(whole))
    rules = {f.rule for f in streamed}
    assert {"repeated-sentence", "numbering-sequence", "length-target"} <= rules
    # corpus/ twice over: the second copy's sentences repeat the first's, parts apart
    assert sum(f.rule == "repeated-sentence" for f in streamed) > 20
    assert reports[-1].notes and str(path) in reports[-1].notes[0]


def test_a_heading_that_ends_a_part_is_judged_by_what_opens_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "part_chars", lambda: 40)
    monkeypatch.setattr(stream, "_READ", 64)
    path = tmp_path / "cut.txt"
    path.write_text("一、第一部分\n\n" + "正文内容写在这里。" * 4 + "\n\n二、第二部分\n\n三、第三部分\n\n"
                    + "正文内容写在这里。" * 4 + "\n\n四、第四部分\n", encoding="utf-8")
    reports = list(lint_parts(path))
    assert len(reports) > 3
    empty = sorted(_lines(f for r in reports for f in r.findings if f.rule == "empty-section"))
    whole = sorted(_lines(f for f in _whole(path) if f.rule == "empty-section"))
    assert empty == whole and len(whole) == 2, empty


def test_a_streamed_mine_says_it_takes_no_skeleton(tmp_path, small_parts):
    path = _dump(tmp_path)
    acc = Miner().streamed(path, "dump.txt")
    assert isinstance(acc, Accumulator) and not acc.types and acc.entries
    assert len(acc.result.notes) == 1 and "dump.txt" in acc.result.notes[0]
    into = Accumulator()
    into.merge(acc)
    assert into.result.notes == acc.result.notes


def test_a_file_of_one_part_mines_what_the_whole_file_mines_but_its_skeleton(tmp_path, monkeypatch):
    # where the design says streamed and whole must agree: a file that fits in one part is the same
    # text split the same way (its whole layout), so the same phrases with the same sources come out
    monkeypatch.setattr(stream, "part_chars", lambda: 1 << 30)
    for speech in SPEECHES:
        path = tmp_path / speech.name
        path.write_bytes(speech.read_bytes())
        whole, streamed = Accumulator(), Accumulator()
        whole.add(Miner().file(path, path.name))
        streamed.merge(Miner().streamed(path, path.name))
        assert [p.to_dict() for p in streamed.phrases()] == [p.to_dict() for p in whole.phrases()], speech.name
        assert whole.types and not streamed.types
