"""Layout profiles: 号 ↔ pt, the shipped profiles, extends, and errors that name file, line and key."""

from __future__ import annotations

import pytest

from drafter.errors import LayoutError
from drafter.layouts import SIZE_NAMES, available_layouts, load_layout, size_name, size_pt


@pytest.mark.parametrize("name,pt", [("初号", 42), ("小初", 36), ("一号", 26), ("小一", 24), ("二号", 22),
                                     ("小二", 18), ("三号", 16), ("小三", 15), ("四号", 14), ("小四", 12),
                                     ("五号", 10.5)])
def test_hao_to_points_and_back(name, pt):
    assert size_pt(name) == pt
    assert size_name(pt) == name


@pytest.mark.parametrize("value,pt", [(16, 16), ("16pt", 16), ("10.5", 10.5), ("16 pt", 16)])
def test_sizes_in_points(value, pt):
    assert size_pt(value) == pt


@pytest.mark.parametrize("bad", ["三號x", "huge", True, 0, 500])
def test_bad_sizes(bad):
    with pytest.raises(ValueError):
        size_pt(bad)


def test_sizes_are_descending():
    values = list(SIZE_NAMES.values())
    assert values == sorted(values, reverse=True)


def test_default_profile_is_gbt9704():
    lay = load_layout(None)
    assert lay.name == "gbt9704" and "large-print" in available_layouts()
    assert (lay.width_mm, lay.height_mm) == (210, 297)
    assert (lay.margin_top_mm, lay.margin_bottom_mm, lay.margin_left_mm, lay.margin_right_mm) == (37, 35, 28, 26)
    assert (lay.lines_that_fit(), lay.chars_that_fit()) == (22, 28)
    assert lay.styles["title"].font == "方正小标宋简体" and lay.styles["title"].size == 22
    assert not lay.styles["title"].bold
    assert [lay.styles[f"heading{i}"].font for i in range(1, 5)] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
    assert lay.page_number.size == 14 and lay.page_number.parts() == ("— ", " —")


def test_large_print_extends_gbt9704():
    lay = load_layout("large-print")
    assert lay.body.size == 18 and lay.body.font == "仿宋_GB2312"
    assert lay.margin_top_mm == 37
    assert (lay.lines_that_fit(), lay.chars_that_fit()) == (17, 24)


def _profile(tmp_path, text, name="office.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extends_a_file_and_overrides_one_key(tmp_path):
    path = _profile(tmp_path, "extends: gbt9704\nstyles:\n  title: {size: 小一}\n")
    lay = load_layout(path)
    assert lay.styles["title"].size == 24 and lay.styles["title"].font == "方正小标宋简体"
    child = _profile(tmp_path, "extends: office.yaml\npage_number: {font: 仿宋_GB2312}\n", "child.yaml")
    lay = load_layout(child)
    assert lay.page_number.font == "仿宋_GB2312" and lay.styles["title"].size == 24


def test_unknown_size_names_file_line_and_key(tmp_path):
    path = _profile(tmp_path, "extends: gbt9704\nstyles:\n  body: {size: 大三}\n")
    with pytest.raises(LayoutError) as err:
        load_layout(path)
    assert str(err.value).startswith(f"{path}:3: styles.body.size: unknown size '大三'")


def test_unknown_key_is_named(tmp_path):
    path = _profile(tmp_path, "extends: gbt9704\ntext:\n  line_spacing: 28\n")
    with pytest.raises(LayoutError, match=r"office.yaml:3: text.line_spacing: unknown key"):
        load_layout(path)


def test_grid_that_does_not_fit_is_refused(tmp_path):
    path = _profile(tmp_path, "extends: gbt9704\ntext:\n  line_spacing_pt: 29\n")
    with pytest.raises(LayoutError, match=r"grid.lines_per_page: 22 lines promised, but 29 pt spacing fits 21"):
        load_layout(path)


def test_missing_key_in_a_standalone_profile(tmp_path):
    path = _profile(tmp_path, "name: x\npage: {width_mm: 210}\n")
    with pytest.raises(LayoutError, match="office.yaml.*missing"):
        load_layout(path)


def test_bad_yaml_and_loops(tmp_path):
    with pytest.raises(LayoutError, match=r"office.yaml:2:4: not valid YAML"):
        load_layout(_profile(tmp_path, "a: b\n  c: d\n"))
    _profile(tmp_path, "extends: b.yaml\n", "a.yaml")
    _profile(tmp_path, "extends: a.yaml\n", "b.yaml")
    with pytest.raises(LayoutError, match="extends: 'extends' makes a loop"):
        load_layout(tmp_path / "a.yaml")


def test_missing_file_and_unknown_name(tmp_path):
    with pytest.raises(LayoutError, match="layout file not found"):
        load_layout(tmp_path / "none.yaml")
    with pytest.raises(LayoutError, match="no layout named 'nosuch'.*gbt9704"):
        load_layout("nosuch")


def test_a_profile_is_parsed_once_but_an_edit_is_seen(tmp_path):
    """load_layout caches built profiles by file, size and mtime of the whole extends chain."""
    import os

    from drafter.layouts import load_layout as load

    base = tmp_path / "base.yaml"
    base.write_text("extends: gbt9704\nstyles:\n  title: {size: 小一}\n", encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\n", encoding="utf-8")
    first = load(child)
    assert load(child) is first and first.styles["title"].size == 24
    base.write_text("extends: gbt9704\nstyles:\n  title: {size: 二号}\n", encoding="utf-8")
    os.utime(base, ns=(base.stat().st_mtime_ns + 10**9,) * 2)
    assert load(child).styles["title"].size == 22  # the parent changed: rebuilt


@pytest.fixture
def stored(tmp_path, monkeypatch):
    """A fresh on-disk layout store and no layouts built in this process yet."""
    from drafter import layouts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(layouts, "_CACHE", {})
    return tmp_path / "cache" / "drafter" / "layouts"


@pytest.mark.parametrize("name", available_layouts())
def test_a_stored_layout_is_the_layout_built_from_yaml(name, stored, monkeypatch):
    """The next command reads the built profile back without PyYAML, equal in every field."""
    from drafter import layouts

    built = load_layout(name)
    assert len(list(stored.glob("*.bin"))) == 1
    monkeypatch.setattr(layouts, "_CACHE", {})
    monkeypatch.setattr(layouts.files, "load_merged", lambda *a, **k: pytest.fail("parsed the YAML again"))
    again = load_layout(name)
    assert again is not built and again == built and repr(again) == repr(built) and again.raw == built.raw


def test_a_damaged_store_is_rebuilt_and_an_edit_is_seen(tmp_path, stored, monkeypatch):
    import os

    from drafter import layouts

    profile = tmp_path / "mine.yaml"
    profile.write_text("extends: gbt9704\nstyles:\n  title: {size: 小一}\n", encoding="utf-8")
    assert load_layout(profile).styles["title"].size == 24
    (entry,) = stored.glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:40])
    monkeypatch.setattr(layouts, "_CACHE", {})
    assert load_layout(profile).styles["title"].size == 24
    profile.write_text("extends: gbt9704\nstyles:\n  title: {size: 二号}\n", encoding="utf-8")
    os.utime(profile, ns=(profile.stat().st_mtime_ns + 10**9,) * 2)
    monkeypatch.setattr(layouts, "_CACHE", {})
    assert load_layout(profile).styles["title"].size == 22


def test_errors_are_never_stored(tmp_path, stored, monkeypatch):
    from drafter import layouts

    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: gbt9704\nstyles:\n  title: {size: 大号}\n", encoding="utf-8")
    for _ in range(2):
        monkeypatch.setattr(layouts, "_CACHE", {})
        with pytest.raises(LayoutError, match="大号"):
            load_layout(bad)
    assert not list(stored.glob("*.bin"))


def test_a_layout_holding_more_than_plain_data_is_built_each_time(tmp_path, stored):
    """A date in the profile (YAML reads it as one) cannot be stored: the layout still loads."""
    profile = tmp_path / "dated.yaml"
    profile.write_text("extends: gbt9704\ndescription: 2026-01-01\n", encoding="utf-8")
    assert load_layout(profile).description == "2026-01-01"
    assert not list(stored.glob("*.bin"))


# ---------------------------------------------------------------- every check of a profile's values

@pytest.mark.parametrize("override, where, words", [
    ("page: {width_mm: wide}", "page.width_mm", "must be a number, not 'wide'"),
    ("page: {width_mm: true}", "page.width_mm", "must be a number"),
    ("page: {width_mm: 20}", "page.width_mm", "20 is out of range (50–1000)"),
    ("grid: {lines_per_page: 22.5}", "grid.lines_per_page", "must be a whole number, not 22.5"),
    ("text: {latin_font: '  '}", "text.latin_font", "must be a non-empty text"),
    ("styles: {body: {align: middle}}", "styles.body.align", "'middle' is not one of left, center, right, justify"),
    ("styles: {body: {bold: yes please}}", "styles.body.bold", "must be true or false"),
    ("styles: {body: {colour: red}}", "styles.body.colour", "unknown key (expected one of font, size"),
    ("styles: {body: {indent_chars: 11}}", "styles.body.indent_chars", "out of range (0–10)"),
    ("leads: {sentence: [heading1, footnote]}", "leads.sentence", "must list style roles"),
    ("leads: {sentence: []}", "leads.sentence", "must list style roles"),
    ("leads: {item: quote}", "leads.item", "'quote' is not one of title"),
    ("page_number: {text: '第 页'}", "page_number.text", "must hold '{page}' once"),
    ("page_number: {text: '{page}/{page}'}", "page_number.text", "must hold '{page}' once"),
    ("page_number: {odd: justify}", "page_number.odd", "is not one of left, center, right"),
    ("grid: {chars_per_line: 28}\nstyles: {body: {size: 17}}", "grid.chars_per_line", "28 characters promised, but 17 pt characters fit 26"),
    ("styles: 3", "styles", "must be a mapping"),
])
def test_each_bad_value_is_named_with_file_line_and_key(tmp_path, override, where, words):
    path = _profile(tmp_path, f"extends: gbt9704\n{override}\n")
    with pytest.raises(LayoutError) as err:
        load_layout(path)
    assert err.value.key == where and words in err.value.message
    assert err.value.path == str(path) and err.value.line is not None


def test_margins_that_leave_no_text_area(tmp_path):
    path = _profile(tmp_path, "extends: gbt9704\npage: {margin_left_mm: 110, margin_right_mm: 110}\n")
    with pytest.raises(LayoutError, match="the margins leave no text area") as err:
        load_layout(path)
    assert err.value.key == "page"


def test_an_error_in_a_value_from_the_parent_points_at_the_parent(tmp_path):
    parent = _profile(tmp_path, "extends: gbt9704\ngrid:\n  lines_per_page: 20\n", "parent.yaml")
    child = _profile(tmp_path, "extends: parent.yaml\nname: child\n", "child.yaml")
    with pytest.raises(LayoutError) as err:
        load_layout(child)
    assert (err.value.path, err.value.line, err.value.key) == (str(parent), 3, "grid.lines_per_page")


def test_extends_must_name_something(tmp_path):
    with pytest.raises(LayoutError, match="'extends' must name a layout or a file") as err:
        load_layout(_profile(tmp_path, "extends: [gbt9704]\n"))
    assert err.value.line == 1


def test_a_profile_that_is_not_a_mapping(tmp_path):
    with pytest.raises(LayoutError, match="must be a mapping of keys"):
        load_layout(_profile(tmp_path, "- gbt9704\n"))


def test_a_layout_is_passed_through_and_name_defaults_to_the_file(tmp_path):
    lay = load_layout("gbt9704")
    assert load_layout(lay) is lay
    path = _profile(tmp_path, "extends: gbt9704\nname: ''\n", "我的版式.yaml")
    assert load_layout(path).name == "我的版式"


def test_lead_style_by_depth_and_for_items():
    lay = load_layout("gbt9704")
    assert lay.lead_style(1, False) == lay.styles["heading1"]
    assert lay.lead_style(0, False) == lay.styles["heading1"]
    assert lay.lead_style(9, False) == lay.styles["heading4"]
    assert lay.lead_style(1, True) == lay.styles["heading3"] and lay.lead_style(1, True).bold


def test_describe_size():
    from drafter.layouts import describe_size

    assert describe_size(16) == "16 pt (三号)" and describe_size(13) == "13 pt" and describe_size(10.5) == "10.5 pt (五号)"
