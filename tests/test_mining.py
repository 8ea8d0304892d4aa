"""drafter mine: what the bank mined from corpus/ must hold, and how mining behaves.

The committed bank (drafter/data/phrasebank) is checked against a fresh mining of corpus/, so
a miner change without a regenerated bank fails here.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
import yaml

from drafter.bank import load_bank
from drafter.mining import collect, mine, phrases_from_speech, source_regex
from drafter.mining.neardup import skeleton
from drafter.mining.run import Accumulator, Miner
from drafter.normalize import paragraphs
from drafter.parser import parse_file, parse_text
from drafter.readers import read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
#: public-domain national texts (zh.wikisource) mined into the shipped bank beside corpus/
PUBLIC = ROOT / "corpus-public"
PACKAGED = ROOT / "drafter" / "data" / "phrasebank"
DERIVED = {".index.sqlite", ".lock", ".drafting-cache.json"}
#: provenance shipped beside the bank, not written by mining
PROVENANCE = {"SOURCES-gwr.tsv", "SOURCES-cpc.tsv"}


@pytest.fixture(scope="module")
def corpus_bank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bank") / "phrasebank"
    mine([CORPUS], out, jobs=1)
    return out


@pytest.fixture(scope="module")
def phrases(corpus_bank):
    return load_bank(corpus_bank, use_index=False).phrases


def by_text(phrases) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in phrases:
        out.setdefault(p.text, set()).add(p.category)
    return out


def bank_files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file() and not p.name.startswith(tuple(DERIVED))}


# -- what the corpus bank must hold ------------------------------------------------------------

@pytest.mark.parametrize("text, categories", [
    ("一分部署、九分落实", {"金句", "对仗"}),
    ("功成不必在我、功成必定有我", {"金句", "对仗"}),
    ("把惠民生的事办实、暖民心的事办细、顺民意的事办好", {"排比"}),
    ("发言完毕，谢谢大家！", {"结尾"}),
    ("坚持{…}，在{…}中{…}", {"标题"}),
    ("着力在{…}上{…}", {"标题"}),
])
def test_corpus_bank_holds(phrases, text, categories):
    found = by_text(phrases)
    assert text in found, f"{text} not mined"
    assert found[text] & categories, f"{text} mined as {found[text]}, expected one of {categories}"


def test_every_default_category_is_mined(phrases):
    assert {p.category for p in phrases} >= {"开篇", "引语", "论述", "要求", "排比", "对仗", "金句",
                                            "过渡", "标题", "结尾"}


def test_phrases_are_whole_units(phrases):
    for p in phrases:
        assert p.text == p.text.strip() and p.text[0] not in "，、；：。”’）", p.text
        assert p.text.count("“") == p.text.count("”"), p.text
        assert p.text.count("（") == p.text.count("）"), p.text
        if p.category != "标题":
            assert p.text[-1] not in "，、；：", p.text


def test_tags_are_theme_words(phrases):
    tags = by_tags(phrases)
    assert "高质量发展" in tags["把惠民生的事办实、暖民心的事办细、顺民意的事办好"] or \
        "民生" in tags["把惠民生的事办实、暖民心的事办细、顺民意的事办好"]
    assert "落实" in tags["一分部署、九分落实"]
    assert any("以学促干" in t for t in tags.values())


def by_tags(phrases) -> dict[str, list[str]]:
    return {p.text: p.tags for p in phrases}


def test_slots_and_aliases(phrases):
    texts = [p.text for p in phrases]
    assert not any(re.search(r"(?<![A-Za-z])A(总书记|同志|新时代)", t) for t in texts)
    assert not any("XX" in t or "**" in t for t in texts)
    slotted = [p for p in phrases if p.slots]
    assert slotted, "the corpus has anonymised places and figures"
    for p in slotted:
        assert all("{" + s + "}" in p.text for s in p.slots)
    assert any("习近平总书记指出：“新发展理念和高质量发展是内在统一的。”" == t for t in texts)


def test_sources_point_at_paragraphs_that_contain_the_phrase(corpus_bank):
    check_sources(corpus_bank)


@pytest.mark.xfail(strict=True, reason="known bug: near-duplicate folding (mining/neardup.py) unites the sources "
                   "of folded variants and fragments, so a few 溯源 entries of the public-text bank point at a "
                   "paragraph holding a variant (e.g. 排比-7d4c582a); the corpus-only bank passes")
def test_packaged_bank_sources(tmp_path):
    check_sources(PACKAGED)


def near_in(text: str, para: str) -> bool:
    """Is a stretch of ``para`` at most one edit from ``text``, punctuation aside? (Near
    duplicates are compared on skeletons: mining/neardup.py.)"""
    core = skeleton(text)
    para = skeleton(para)
    n = len(core)
    if n < 12:
        return False
    for size in (n - 1, n, n + 1):
        for i in range(0, len(para) - size + 1):
            if one_edit(core, para[i:i + size]):
                return True
    return False


def one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) >= len(b)):] == b[i + (len(b) >= len(a)):]


def check_sources(bank_dir: Path) -> None:
    bank = load_bank(bank_dir, use_index=False)
    paras: dict[str, list[str]] = {}
    checked = 0
    for p in bank.phrases:
        if p.origin != "mined":
            continue
        assert p.sources, p.id
        rx = source_regex(p.text, bank.aliases or None)
        for s in p.sources:
            if s.file not in paras:
                root = CORPUS if (CORPUS / s.file).exists() else PUBLIC
                paras[s.file] = [x.text for x in paragraphs(read(root / s.file).text)]
            assert 1 <= s.para <= len(paras[s.file]), (p.id, s)
            para = paras[s.file][s.para - 1]
            # a phrase folded with a near duplicate (one edit apart) keeps the variant's sources
            assert rx.search(para) or near_in(p.text, para), f"{p.id} {p.text!r} not in {s.file} ¶{s.para}"
            checked += 1
    assert checked > 100


# -- skeletons ---------------------------------------------------------------------------------

def test_skeletons(corpus_bank):
    sk = yaml.safe_load((corpus_bank / "skeletons.yaml").read_text(encoding="utf-8"))
    assert set(sk) == {"研讨发言", "辅导报告"}
    talk, lecture = sk["研讨发言"], sk["辅导报告"]
    assert talk["documents"] == 4 and lecture["documents"] == 1
    assert talk["top_sections"]["typical"] == 3
    assert "lead" in talk["nesting"] and "numbered" in lecture["nesting"] and "inline" in lecture["nesting"]
    assert "发言完毕，谢谢大家！" in talk["closing_formulas"]
    patterns = {h["pattern"] for h in talk["heading_patterns"]}
    assert {"坚持{…}，在{…}中{…}", "着力在{…}上{…}"} <= patterns
    for h in talk["heading_patterns"] + lecture["heading_patterns"]:
        assert len(h["examples"]) >= 2
    assert talk["opening_moves"] and all(m["move"] for m in talk["opening_moves"])
    assert lecture["section_chars"]["typical"] > talk["section_chars"]["typical"]


# -- determinism, jobs, merging ----------------------------------------------------------------

def test_mining_twice_is_byte_identical(corpus_bank, tmp_path):
    again = tmp_path / "again"
    mine([CORPUS], again, jobs=1)
    assert bank_files(again) == bank_files(corpus_bank)
    before = bank_files(again)
    mine([CORPUS], again, jobs=1)          # re-mine into the same bank
    assert bank_files(again) == before


def test_jobs_2_gives_the_same_bank(corpus_bank, tmp_path):
    two = tmp_path / "two"
    mine([CORPUS], two, jobs=2)
    assert bank_files(two) == bank_files(corpus_bank)


def test_committed_bank_is_up_to_date(tmp_path):
    out = tmp_path / "phrasebank"
    mine([CORPUS, PUBLIC], out, jobs=1)
    fresh = bank_files(out)
    packaged = {k: v for k, v in bank_files(PACKAGED).items() if k not in PROVENANCE}
    # which files differ, and each one's first differing line: comparing the two dicts whole makes
    # pytest diff megabytes of YAML (quadratic; a stale bank then looked like a hang for many minutes)
    stale = sorted(k for k in fresh.keys() | packaged.keys() if fresh.get(k) != packaged.get(k))
    first = {k: _first_difference(fresh.get(k), packaged.get(k)) for k in stale}
    assert not stale, ("drafter/data/phrasebank is stale: mine `corpus corpus-public` into a new folder and "
                       f"copy it over (see docs/bank-format.md); files that differ (fresh vs shipped): {first}")


def _first_difference(fresh, packaged) -> str:
    if fresh is None or packaged is None:
        return "only in the " + ("shipped" if fresh is None else "fresh") + " bank"
    a, b = fresh.splitlines(), packaged.splitlines()
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"line {n + 1}: {a[n] if n < len(a) else '<end>'!r} vs {b[n] if n < len(b) else '<end>'!r}"


def test_shipped_public_texts_carry_their_provenance():
    for folder in ("gwr", "cpc"):
        rows = (PUBLIC / folder / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
        listed = {r.split("\t")[0] for r in rows}
        assert listed == {p.name for p in (PUBLIC / folder).glob("*.txt")}
        assert all("public domain" in r for r in rows)
        assert (PACKAGED / f"SOURCES-{folder}.tsv").read_bytes() == (PUBLIC / folder / "MANIFEST.tsv").read_bytes()
    assert (ROOT / "phrasebank").resolve() == PACKAGED.resolve()


def test_hand_added_and_hand_edited_phrases_survive_a_remine(corpus_bank, tmp_path):
    bank_dir = tmp_path / "bank"
    shutil.copytree(corpus_bank, bank_dir)
    path = bank_dir / "phrases" / "金句.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries.append({"id": "金句-user0001", "text": "撸起袖子加油干", "category": "金句", "tags": ["担当"],
                    "slots": [], "count": 1, "sources": [], "origin": "user"})
    edited = next(e for e in entries if e["origin"] == "mined")
    edited["tags"] = ["手工"]
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mine([CORPUS], bank_dir, jobs=1)
    after = {p.id: p for p in load_bank(bank_dir, use_index=False).phrases}
    assert after["金句-user0001"].text == "撸起袖子加油干"
    assert after[edited["id"]].tags == ["手工"]


def test_phrase_deleted_by_hand_stays_deleted(corpus_bank, tmp_path):
    bank_dir = tmp_path / "bank"
    shutil.copytree(corpus_bank, bank_dir)
    path = bank_dir / "phrases" / "结尾.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    gone = next(e for e in entries if e["text"] == "发言完毕，谢谢大家！")
    entries.remove(gone)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mine([CORPUS], bank_dir, jobs=1)
    texts = {p.text for p in load_bank(bank_dir, use_index=False).phrases}
    assert "发言完毕，谢谢大家！" not in texts


def test_sources_named_relative_to_the_directory_or_as_given(tmp_path):
    acc = collect([CORPUS / "000_270d42a2c73d1346.txt"])
    files = {f for e in acc.entries.values() for f, _ in e[1]}
    assert files == {(CORPUS / "000_270d42a2c73d1346.txt").as_posix()}
    acc = collect([CORPUS])
    assert {f for e in acc.entries.values() for f, _ in e[1]} == {p.name for p in CORPUS.glob("*.txt")}


def test_unreadable_files_are_skipped_with_a_message(tmp_path):
    shutil.copy(CORPUS / "001_0f1c5fa2941999c5.txt", tmp_path / "a.txt")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    result = mine([tmp_path], tmp_path / "bank")
    assert result.files == 1
    assert any("b.doc" in e for e in result.errors)


# -- harvesting one speech ---------------------------------------------------------------------

def test_phrases_from_parsed_speech_point_at_its_paragraphs():
    speech = parse_file(CORPUS / "001_0f1c5fa2941999c5.txt")
    found = phrases_from_speech(speech, "001.txt")
    assert any(p.text == "把惠民生的事办实、暖民心的事办细、顺民意的事办好" and p.category == "排比" for p in found)
    paras = [p.text for p in paragraphs(read(CORPUS / "001_0f1c5fa2941999c5.txt").text)]
    for p in found:
        assert p.id.startswith(p.category + "-")
        for s in p.sources:
            assert s.file == "001.txt"
            assert source_regex(p.text).search(paras[s.para - 1]), p.text


def test_phrases_from_a_speech_without_positions():
    from drafter.blocks import to_paragraphs
    from drafter.model import Section, Speech

    speech = Speech(title="在专题读书班上的交流发言", salutation="同志们：",
                    opening=["下面，我结合工作实际谈几点认识。"],
                    sections=[Section("一、", "把握要求", body=["要把好事办好、把实事办实、把难事办妥，让群众看到变化。"])],
                    closing=["以上发言，请批评指正。"])
    found = phrases_from_speech(speech, "draft")
    paras = to_paragraphs(speech)
    assert {p.category for p in found} >= {"开篇", "排比", "结尾"}
    for p in found:
        for s in p.sources:
            assert p.text in paras[s.para - 1]


# -- unseen speeches of the same kind ----------------------------------------------------------

UNSEEN = """在县委理论学习中心组“调查研究”专题研讨会上的交流发言

同志们：
大兴调查研究之风，是做好新时代各项工作的基本功。下面，我结合分管工作，谈三点认识。
一、聚焦主责主业，在深入基层中摸清实情。调查研究是谋事之基、成事之道。要坚持身入、心入、情入，把情况摸清、把问题找准、把对策提实。坚持问题导向，沉下身子、迈开步子、放下架子，听真话、察实情、出实招。
二、聚焦急难愁盼，在破解难题中增进福祉。民生无小事，枝叶总关情。我们必须把群众的难事当作自己的大事，以钉钉子精神一件一件抓落实。同时，要建立问题清单、责任清单、整改清单，确保件件有着落、事事有回音。
三、聚焦作风建设，在真抓实干中锤炼本领。作风是形象，作风是力量。要坚持“少说空话、多干实事”，以实干践初心，以担当赢民心。
我的发言完毕，谢谢大家！
"""


def test_unseen_speech_is_mined_by_shape():
    speech = parse_text(UNSEEN, source="unseen.txt")
    acc = Accumulator()
    acc.add(Miner().speech(speech, "unseen.txt"))
    found = {(cat, text) for cat, text in acc.entries}
    assert ("标题", "聚焦{…}，在{…}中{…}") in found
    assert ("排比", "把情况摸清、把问题找准、把对策提实") in found
    assert ("排比", "沉下身子、迈开步子、放下架子") in found
    assert ("金句", "民生无小事，枝叶总关情。") in found or ("对仗", "民生无小事，枝叶总关情") in found
    assert ("金句", "少说空话、多干实事") in found
    assert ("对仗", "以实干践初心，以担当赢民心") in found
    assert ("结尾", "我的发言完毕，谢谢大家！") in found
    assert ("过渡", "同时，要建立问题清单、责任清单、整改清单，确保件件有着落、事事有回音。") in found or \
        ("要求", "同时，要建立问题清单、责任清单、整改清单，确保件件有着落、事事有回音。") in found
    assert any(cat == "开篇" and "谈三点认识" in text for cat, text in found)
    assert any(cat == "要求" and text.startswith("我们必须") for cat, text in found)
    tags = {text: e[2] for (cat, text), e in acc.entries.items()}
    assert "调查研究" in tags["调查研究是谋事之基、成事之道。"]
    assert acc.skeletons()["研讨发言"]["top_sections"]["typical"] == 3


# -- the command -------------------------------------------------------------------------------

def test_mine_command(tmp_path, capsys, corpus_bank):
    from drafter.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["mine", str(tmp_path / "nothing"), "-o", str(tmp_path / "bank")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nothing" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as exit_:
        main(["mine", str(CORPUS), "-o", str(tmp_path / "bank"), "--jobs", "2"])
    assert exit_.value.code == 0
    err = capsys.readouterr().err
    assert "mined 5 files" in err
    assert filecmp.cmp(tmp_path / "bank" / "skeletons.yaml", corpus_bank / "skeletons.yaml", shallow=False)
