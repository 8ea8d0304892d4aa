"""The fast paths of a big bank give what the plain ones give (issue 15): the whole-file
reader and the entry-by-entry one, folding texts together and one by one, a ranked search
asked tier by tier (walking the rank order for common words) and one query ranking all."""

from __future__ import annotations

import random
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.bank import save_bank
from drafter.bank.index import index_path, open_index
from drafter.bank.phrase import fold, fold_all
from drafter.bank.search import Finder, Query, _sql, search, search_near
from drafter.bank.yamlio import render_phrases
from tests.test_bank_search import QUERIES, ids, make_bank


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), max_size=6))
def test_folding_texts_together_folds_each_as_alone(texts):
    assert fold_all(texts) == [fold(t) for t in texts]


def test_fold_all_on_greek_and_combining_marks():
    texts = ["ΑΣ", "Σ", "e", "\u0301x", "ＡＢ，", "深化 改革", "\u3000a\u00a0b", ""]
    assert fold_all(texts) == [fold(t) for t in texts]


def test_whole_file_reader_equals_entry_by_entry():
    import drafter.bank.fastparse as fp
    bank = make_bank(400, 3)
    for category in ("金句", "排比", "论述"):
        phrases = [p for p in bank.phrases if p.category == category and "\u4e00" <= p.text[0]
                   and all("\u4e00" <= t[0] for t in p.tags)]
        text = render_phrases(phrases)
        bulk = fp._bulk_rows(text, fp.new_memo())
        assert bulk is not None                              # drafter's own layout: the fast path
        saved = fp._bulk_rows
        fp._bulk_rows = lambda text, memo: None
        try:
            assert fp.fast_rows(text, category) == (bulk, {})
        finally:
            fp._bulk_rows = saved


@pytest.mark.parametrize("odd", ['  text: "引号"\n', "  note: 手加的键\n", "  tags: [a, 'b']\n"])
def test_whole_file_reader_on_entries_outside_the_plain_layout(odd):
    import drafter.bank.fastparse as fp
    phrases = [p for p in make_bank(80, 4).phrases if p.category == "金句" and "\u4e00" <= p.text[0]
               and all("\u4e00" <= t[0] for t in p.tags)]
    assert fp._bulk_rows(render_phrases(phrases), fp.new_memo()) is not None
    text = render_phrases(phrases)
    lines = text.split("\n")
    at = lines.index("  slots: []", 20)
    if odd.startswith("  note"):
        lines.insert(at, odd.rstrip("\n"))
    else:
        key = odd.split(":")[0]
        at = next(i for i in range(at, 0, -1) if lines[i].startswith(key + ":"))
        lines[at] = odd.rstrip("\n")
    text = "\n".join(lines)
    bulk = fp._bulk_rows(text, fp.new_memo())
    assert (bulk is None) == (not odd.startswith("  text"))  # a quoted text needs no PyYAML
    rows, odd_entries = fp.fast_rows(text, "金句")
    assert len(rows) == len(phrases)
    saved = fp._bulk_rows
    fp._bulk_rows = lambda text, memo: None
    try:
        assert fp.fast_rows(text, "金句") == (rows, odd_entries)
    finally:
        fp._bulk_rows = saved


@pytest.fixture(scope="module")
def common(tmp_path_factory):
    """A bank where the common words are in a fifth or more of the phrases: searches walk."""
    directory = tmp_path_factory.mktemp("bank")
    save_bank(make_bank(4000, 11), directory)
    return directory


def one_query(bank_dir, query):
    """The search as one query ranking every match (no tiers, no walk)."""
    conn = open_index(bank_dir)
    try:
        from drafter.bank.index import phrase_from_row
        return [phrase_from_row(r[:-1]) for r in conn.execute(*_sql(query, True))]
    finally:
        conn.close()


def test_ranked_tiers_equal_one_query_ranking_all(common):
    rng = random.Random(2)
    texts = [p.text for p in search(common, Query(limit=None), ranked=False)]
    queries = QUERIES + ["坚持", "落实 发展 改革", "创新 群众", "坚持改革"]
    queries += [t[a:a + rng.randint(2, 6)] for t in rng.sample(texts, 60) for a in [rng.randrange(len(t))]]
    for text in queries:
        for limit in (1, 7, 50):
            for extra in ({}, {"categories": ["金句"]}, {"tags": ["发展"]}, {"min_count": 5}):
                q = Query(text=text, limit=limit, **extra)
                assert ids(search(common, q)) == ids(one_query(common, q)), (text, limit, extra)
                if not extra:
                    assert ids(search_near(common, q)[0]) == ids(one_query(common, q))
    conn = sqlite3.connect(index_path(common))
    walked = conn.execute("SELECT 1 FROM sqlite_master WHERE name='phrases_rank'").fetchone()
    conn.close()
    assert walked, "common words should have walked the rank order"


def test_first_search_on_a_new_index_does_not_make_the_rank_index(tmp_path):
    save_bank(make_bank(4000, 12), tmp_path)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f".index.sqlite{suffix}").unlink(missing_ok=True)
    first = search(tmp_path, Query(text="发展", limit=50))
    conn = sqlite3.connect(index_path(tmp_path))
    made = conn.execute("SELECT 1 FROM sqlite_master WHERE name='phrases_rank'").fetchone()
    conn.close()
    assert not made
    assert ids(search(tmp_path, Query(text="发展", limit=50))) == ids(first)   # now it walks


def test_tags_through_the_full_text_index(common):
    from drafter.bank import load_bank
    from drafter.bank.export import bank_stats
    phrases = load_bank(common).phrases
    with Finder(common) as finder:
        found = finder.tags_in("坚持发展改革，推动")
        by_row = dict(zip(sorted(finder.categories()), finder.phrases(sorted(finder.categories()))))
    want = {}
    for tag in sorted({fold(t) for p in phrases for t in p.tags}):
        if len(tag) >= 2 and tag in "坚持发展改革,推动":
            want[tag] = sorted(p.id for p in phrases if tag in [fold(t) for t in p.tags])
    assert {t: sorted(by_row[r].id for r in rows) for t, rows in found.items()} == want and want
    counts = {}
    for p in phrases:
        for t in {fold(t) for t in p.tags}:
            counts[t] = counts.get(t, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert list(bank_stats(common)["tags"].items()) == top
