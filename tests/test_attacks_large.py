"""Large but honest inputs (issue 16): a text file past the stream size is mined and linted part
by part (``drafter/readers/stream.py``) in bounded memory, numbered as the whole file, and a
fault deep inside it is still one line naming where.

The stream size is lowered here (``DRAFTER_STREAM_MB=1``, parts of 1 MB) so a 2.2 MB file
streams in three parts; bench/stream_bench.py runs the 200 MB case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from attack import ROOT, clean_failure, clean_success, run_cli

from drafter.bank import load_bank
from drafter.mining.slots import source_regex
from drafter.normalize import paragraphs

STREAM = {"DRAFTER_STREAM_MB": "1", "DRAFTER_STREAM_PART_MB": "1"}
SPEECHES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus-public").rglob("*.txt"))


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """About 2.2 MB of speeches one after another, a blank line between them."""
    path = tmp_path_factory.mktemp("large") / "dump.txt"
    texts = [p.read_text(encoding="utf-8").strip() for p in SPEECHES]
    out, size, n = [], 0, 0
    while size < 2.2 * 2**20:
        text = texts[n % len(texts)]
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        n += 1
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def test_a_large_file_is_mined_part_by_part_with_sources_in_the_whole_file(big, tmp_path):
    bank = tmp_path / "bank"
    result = run_cli(["mine", str(big), "-o", str(bank), "-q"], env=STREAM, timeout=300, mem_mb=400)
    clean_success(result, timeout=300)
    paras = [p.text for p in paragraphs(big.read_text(encoding="utf-8"))]
    checked = found = 0
    for phrase in load_bank(bank).phrases:
        if "{" in phrase.text or phrase.category == "标题":
            continue
        for source in phrase.sources:
            checked += 1
            if 0 < source.para <= len(paras):
                para = paras[source.para - 1]
                # a clause mined as a sentence of its own ends in 。 where its source goes on with ，；：
                found += phrase.text in para or bool(source_regex(phrase.text).search(para))
    assert checked > 1000, checked
    # near duplicates folded into one phrase keep their own sources: nearly all, not all, hold the text
    assert found >= 0.9 * checked, f"{found} of {checked} sources hold their phrase"
    last = max(s.para for p in load_bank(bank).phrases for s in p.sources)
    assert last > len(paras) * 0.9, "sources stop early: later parts not mined or not renumbered"


def test_a_large_file_is_linted_part_by_part_numbered_as_the_whole_file(big):
    result = run_cli(["lint", "--json", str(big)], env=STREAM, timeout=300, mem_mb=400)
    assert result.signal is None and result.code in (0, 1), result.err[-500:]
    assert "Traceback" not in result.err and "internal error" not in result.err
    paras = [p for p in paragraphs(big.read_text(encoding="utf-8"))]
    findings = [json.loads(line) for line in result.out.splitlines() if line.startswith("{")]
    assert len(findings) > 100
    late = [f for f in findings if f["paragraph"] > len(paras) // 2]
    assert late, "no finding in the second half: later parts not linted or not renumbered"
    with_excerpt = [f for f in findings if f.get("excerpt")]
    held = sum(f["excerpt"] in paras[f["paragraph"] - 1].text or f["excerpt"] in paras[f["paragraph"] - 1].raw
               for f in with_excerpt)
    assert held >= 0.98 * len(with_excerpt), f"{held} of {len(with_excerpt)} excerpts in their paragraph"
    assert re.search(r"\d+ 字|\d+ characters", result.out + result.err)


def test_a_bad_byte_deep_in_a_large_file_is_one_line_with_its_line(big, tmp_path):
    data = big.read_bytes()
    at = data.index(b"\n", 1_300_000) + 1                  # the start of a line in the second part
    line = data.count(b"\n", 0, at) + 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data[:at] + b"\xff" + data[at:])
    for argv in (["mine", str(bad), "-o", str(tmp_path / "bank"), "-q"], ["lint", str(bad)]):
        message = clean_failure(run_cli(argv, env=STREAM, timeout=300, mem_mb=400), str(bad), timeout=300)
        assert f"{line}" in message and f"{at}" in message, message
    assert not (tmp_path / "bank" / "phrases").exists()


def test_a_20_mb_file_exports_in_proportion_to_its_size(big, tmp_path):
    """Export reads a file whole (up to DRAFTER_MAX_INPUT_MB): a 20 MB text (the 2.2 MB one nine
    times over) exports to .docx within 60 CPU seconds and 500 MB, and its CPU time grows with the
    size, not faster: at most 15 times that of the 2.2 MB file for 9 times the text (a cost per
    paragraph that grew with the document would be 81 times). Measured: 0.36 and 2.70 CPU-s
    (7.5 times)."""
    text = big.read_text(encoding="utf-8")
    twenty = tmp_path / "twenty.txt"
    twenty.write_text("\n\n".join([text] * 9), encoding="utf-8")
    small = run_cli(["export", str(big), "-o", str(tmp_path / "small.docx")], timeout=60)
    clean_success(small, timeout=60)
    large = run_cli(["export", str(twenty), "-o", str(tmp_path / "twenty.docx")], timeout=60)
    clean_success(large, timeout=60)
    assert (tmp_path / "twenty.docx").stat().st_size > 5 * (tmp_path / "small.docx").stat().st_size
    assert large.cpu < 15 * small.cpu, f"2.2 MB: {small.cpu:.1f} CPU-s, 20 MB: {large.cpu:.1f} CPU-s"
