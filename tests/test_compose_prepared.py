"""What a one-shot draft keeps between runs (compose/prepared.py, env.code_cache): the same
drafts with it as without it, a bank or template edit seen at once, and a damaged or
unwritable cache folder costing only time."""

from __future__ import annotations

import hashlib
import importlib
import json
import marshal
import os
import shutil
from pathlib import Path

import pytest
import yaml

from drafter import diskcache
from drafter.compose import draft, prepared
from drafter.compose import env as envmod
from drafter.writers import render
from drafter.yamlfile import safe_load

ROOT = Path(__file__).resolve().parent.parent
draftmod = importlib.import_module("drafter.compose.draft")  # the package exports draft()
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def digest(d) -> str:
    blob = render(d.speech, "txt") + json.dumps(d.sources_dict(), ensure_ascii=False, sort_keys=True)
    blob += json.dumps([p.key for p in d.placements]) + json.dumps(d.warnings, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A cache folder of the test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(where))
    return where / "drafter"


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "bank"
    shutil.copytree(FIXTURE_BANK, path)
    return path


def kept(home: Path, kind: str = prepared.KIND) -> list[Path]:
    return sorted((home / kind).glob("*.bin"))


def without_cache(monkeypatch, outline, bank, seed):
    """The draft when nothing is kept: every lookup misses."""
    with monkeypatch.context() as m:
        m.setattr(prepared, "load", lambda key: None)
        m.setattr(prepared, "store", lambda *a, **k: False)
        m.setattr(envmod, "code_cache", lambda: None)
        return draft(outline, bank=bank, seed=seed)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_kept_bank_drafts_as_a_fresh_one(path, bank, home, monkeypatch):
    for seed in (0, 3):
        fresh = without_cache(monkeypatch, path, bank, seed)
        first = draft(path, bank=bank, seed=seed)     # prepares, keeps
        assert kept(home)
        again = draft(path, bank=bank, seed=seed)     # from what was kept
        assert digest(fresh) == digest(first) == digest(again)


def test_a_kept_bank_is_not_read_again(bank, home, monkeypatch):
    draft(EXAMPLES[0], bank=bank, seed=0)
    monkeypatch.setattr(draftmod, "candidates", lambda b: pytest.fail("bank read again"))
    from drafter.bank import index
    monkeypatch.setattr(index, "cached_phrases", lambda *a, **k: pytest.fail("bank read again"))
    draft(EXAMPLES[1], bank=bank, seed=1)


def test_a_bank_edit_is_seen_by_the_next_draft(bank, home, monkeypatch):
    outline = EXAMPLES[0]
    before = draft(outline, bank=bank, seed=0)
    used = {b.phrase for b in before.sources}
    assert used
    for path in sorted((bank / "phrases").glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        left = [e for e in entries if e["id"] not in used]
        if len(left) != len(entries):
            tmp = path.with_suffix(".tmp")
            tmp.write_text(yaml.safe_dump(left, allow_unicode=True, sort_keys=False), encoding="utf-8")
            tmp.replace(path)
    after = draft(outline, bank=bank, seed=0)
    assert not used & {b.phrase for b in after.sources}
    assert digest(after) == digest(without_cache(monkeypatch, outline, bank, 0))


def test_a_code_change_is_a_new_key(bank, home, monkeypatch):
    key = prepared.bank_key(bank)
    monkeypatch.setattr(prepared, "code_fingerprint", lambda: "another drafter")
    assert prepared.bank_key(bank) != key


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_cache_file_is_a_miss(damage, bank, home, monkeypatch):
    outline = EXAMPLES[2]
    first = draft(outline, bank=bank, seed=0)
    for path in kept(home) + kept(home, envmod.CODE_KIND):
        data = path.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            middle = len(data) * 2 // 3
            data = data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1:]
        elif damage == "garbage":
            data = os.urandom(len(data))
        else:
            data = b""
        path.write_bytes(data)
    assert digest(draft(outline, bank=bank, seed=0)) == digest(first)


def test_a_byte_changed_on_disk_is_not_trusted(bank, home):
    """One byte of the stored file changed inside a kept line's text, the key intact, such that
    marshal still reads it (as another line): diskcache's CRC-32 of the value makes it a miss."""
    key = prepared.bank_key(bank)
    draft(EXAMPLES[0], bank=bank, seed=0)
    value = prepared.load(key)
    assert value is not None
    text = next(line[1] for line in value[3][0] if line[1].endswith("。"))
    [path] = kept(home)
    data = bytearray(path.read_bytes())
    encoded = text.encode("utf-8")
    assert data.count(encoded) == 1
    at = data.index(encoded) + len(encoded) - 1   # the last byte of 。 (E3 80 82) becomes 〃's (E3 80 83)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    # unchecked, the file reads as a bank whose line says something else
    head = diskcache._head(key)  # the format and the key, then the CRC-32 of the value, then the value
    assert data.startswith(head)
    assert text[:-1] + "〃" in {line[1] for line in marshal.loads(bytes(data[len(head) + 4:]))[3][0]}
    assert diskcache.load(prepared.KIND, key) is None
    assert prepared.load(key) is None


def test_an_unwritable_cache_folder_costs_only_time(bank, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    first = draft(EXAMPLES[0], bank=bank, seed=0)
    again = draft(EXAMPLES[0], bank=bank, seed=0)
    assert digest(first) == digest(again) == digest(without_cache(monkeypatch, EXAMPLES[0], bank, 0))


def test_nothing_is_written_into_the_bank_or_the_templates(bank, home, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(envmod.builtin_dir(), templates)
    before_bank = sorted(p.name for p in bank.rglob("*"))
    before_templates = sorted(p.name for p in templates.rglob("*"))
    draft(EXAMPLES[0], bank=bank, seed=0, templates=templates)
    draft(EXAMPLES[0], bank=bank, seed=0, templates=templates)
    derived = {".index.sqlite", ".index.sqlite-wal", ".index.sqlite-shm", ".drafting-cache.json",
               ".lock-gate", ".lock-swap", ".lock"}
    assert sorted(p.name for p in bank.rglob("*") if p.name not in derived) == \
        sorted(n for n in before_bank if n not in derived)
    assert sorted(p.name for p in templates.rglob("*")) == before_templates
    assert kept(home) and kept(home, envmod.CODE_KIND)


def test_a_big_bank_is_still_drawn_through_its_index(bank, home, monkeypatch):
    """A bank kept while small is pooled once it counts as big (pool.BIG_BANK)."""
    draft(EXAMPLES[0], bank=bank, seed=0)
    import drafter.compose.pool as poolmod
    monkeypatch.setattr(poolmod, "BIG_BANK", 5)
    called = []
    real = poolmod.indexed_pool
    monkeypatch.setattr(poolmod, "indexed_pool", lambda *a, **k: called.append(1) or real(*a, **k))
    draft(EXAMPLES[0], bank=bank, seed=0)
    assert called


def test_compiled_templates_are_kept_and_an_edit_compiles_afresh(bank, home, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(envmod.builtin_dir(), templates)
    first = draft(EXAMPLES[0], bank=bank, seed=0, templates=templates)
    assert kept(home, envmod.CODE_KIND)
    environment = envmod.make_env(templates)
    loaded = []
    cache = environment.bytecode_cache
    real = cache.load_bytecode
    cache.load_bytecode = lambda bucket: (real(bucket), loaded.append(bucket.code is not None))
    environment.get_template("研讨发言.j2")
    assert loaded and all(loaded)
    layout = templates / "_layout.j2"
    source = layout.read_text(encoding="utf-8")
    assert "@title" in source
    layout.write_text(source.replace("@title ", "@title 【改】", 1), encoding="utf-8")
    edited = draft(EXAMPLES[0], bank=bank, seed=0, templates=templates)
    assert edited.speech.title.startswith("【改】") and not first.speech.title.startswith("【改】")


def test_safe_load_reads_as_yaml_safe_load():
    for path in (ROOT / "drafter" / "data" / "sectors.yaml", envmod.builtin_dir() / "_frames.yaml"):
        text = path.read_text(encoding="utf-8")
        assert safe_load(text) == yaml.safe_load(text)
    for bad in ("a: [1, 2", "a: b: c", "- a\nb: c", "\t- x", "a: 'b"):
        with pytest.raises(yaml.YAMLError) as fast:
            safe_load(bad)
        with pytest.raises(yaml.YAMLError) as slow:
            yaml.safe_load(bad)
        assert str(fast.value) == str(slow.value)


def _same(a, b) -> None:
    """Equal and of the same types all the way down (1 and True, 0.0 and -0.0 told apart)."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            _same(a[k], b[k])
    elif isinstance(a, float):
        assert repr(a) == repr(b)
    else:
        assert a == b


def test_kept_lines_read_back_as_prepared_and_share_their_words(bank, home):
    made = draftmod.prepared_lines(draftmod.open_bank(bank)[0])  # prepares and keeps
    lines, index = prepared.load(prepared.bank_key(bank))[3]
    assert all(type(line[-1]) is bytes for line in lines)  # what a line is about: read when asked for
    _same(made[0], [(*line[:-1], marshal.loads(line[-1])) for line in lines])
    _same(made[1], index)
    one: dict[str, int] = {}
    for line in lines:
        for w in (line[2], line[3], *line[4]):
            assert one.setdefault(w, id(w)) == id(w)  # one object per role, category, tag, however many lines hold it
    for w in index[0]:
        assert one.setdefault(w, id(w)) == id(w)


def test_a_kept_unit_reads_what_it_is_about_when_asked(bank, home):
    from drafter.compose.units import StoredUnit, Unit, unit_of

    def unit(line):
        uid, text, role, category, tags, slots, _level, _ties, newest, _where, about = line
        return unit_of(uid, text, role, category, tags, slots, newest, about)

    made = draftmod.prepared_lines(draftmod.open_bank(bank)[0])[0]
    kept = prepared.load(prepared.bank_key(bank))[3][0]
    plain = ("id", "text", "role", "category", "tags", "slots", "newest", "chars", "phrase")
    for fresh, stored in zip(made, kept, strict=True):
        a, b = unit(fresh), unit(stored)
        assert type(a) is Unit and type(b) is StoredUnit
        assert "words" not in vars(b)  # not read until asked for
        assert [getattr(b, name) for name in plain] == [getattr(a, name) for name in plain]
        assert (b.words, b.compounds, b.sources, b.fields) == (a.words, a.compounds, a.sources, a.fields)
        assert type(b.fields) is dict and type(b.sources) is list and "words" in vars(b)
    with pytest.raises(AttributeError):
        b.nothing  # noqa: B018 - an attribute no unit has is still an AttributeError


def test_sharing_keeps_a_line_of_another_layout_as_it_is():
    odd = ("x", 1.0, [True], {"a": -0.0})
    out, _index = prepared._stored(([odd], ({}, {})))
    _same([odd], out)
