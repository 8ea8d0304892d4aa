"""Building a ``Layout`` from a merged profile: every key read, typed and range-checked, the grid verified."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from drafter.errors import LayoutError
from drafter.i18n import _
from drafter.layouts.files import line_of
from drafter.layouts.model import ALIGNS, SIZE_NAMES, STYLE_ROLES, Layout, PageNumber, TextStyle, size_pt

if TYPE_CHECKING:
    import yaml


class _Reader:
    """Typed access to the merged profile; every failure names file, line and key."""

    def __init__(self, data: dict, path: Path):
        self.nodes: dict[str, yaml.Node] = data.pop("_nodes", {})
        self.data = data
        self.path = path

    def fail(self, key: str, message: str) -> LayoutError:
        node = self.nodes.get(str(self.path))
        line = line_of(node, key)
        if line is None:  # the key came from a parent profile: point there
            for file, other in reversed(self.nodes.items()):
                if line_of(other, key) is not None:
                    return LayoutError(message, path=file, line=line_of(other, key), key=key)
        return LayoutError(message, path=str(self.path), line=line, key=key)

    def get(self, key: str):
        value: object = self.data
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                raise self.fail(key, "missing")
            value = value[part]
        return value

    @overload
    def number(self, key: str, low: float = 0, high: float = 10_000, *, integer: Literal[True]) -> int: ...

    @overload
    def number(self, key: str, low: float = 0, high: float = 10_000, integer: Literal[False] = False) -> float: ...

    def number(self, key: str, low: float = 0, high: float = 10_000, integer: bool = False) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, _("must be a number, not {value}").format(value=repr(value)))
        if integer and value != int(value):
            raise self.fail(key, _("must be a whole number, not {value}").format(value=repr(value)))
        if not low <= value <= high:
            raise self.fail(key, _("{value} is out of range ({low:g}–{high:g})").format(value=value, low=low, high=high))
        return int(value) if integer else float(value)

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, _("must be a non-empty text, not {value}").format(value=repr(value)))
        return value.strip()

    def size(self, key: str) -> float:
        try:
            return size_pt(self.get(key))
        except ValueError:
            raise self.fail(key, _("unknown size {value}: use a 字号 ({value2}) or points").format(value=repr(self.get(key)), value2=', '.join(list(SIZE_NAMES)[:12]))) from None

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.get(key)
        if value not in options:
            raise self.fail(key, _("{value} is not one of {value2}").format(value=repr(value), value2=', '.join(options)))
        return value

    def flag(self, key: str, default: bool) -> bool:
        try:
            value = self.get(key)
        except LayoutError:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, _("must be true or false, not {value}").format(value=repr(value)))
        return value

    def known_keys(self, key: str, allowed: tuple[str, ...]) -> None:
        section = self.get(key) if key else self.data
        if not isinstance(section, dict):
            raise self.fail(key, _("must be a mapping"))
        for k in section:
            if k not in allowed:
                where = f"{key}.{k}" if key else str(k)
                raise self.fail(where, _("unknown key (expected one of {value})").format(value=', '.join(allowed)))


STYLE_KEYS = ("font", "size", "bold", "align", "indent_chars")


def _style(r: _Reader, role: str) -> TextStyle:
    key = f"styles.{role}"
    r.known_keys(key, STYLE_KEYS)
    return TextStyle(
        font=r.text(f"{key}.font"),
        size=r.size(f"{key}.size"),
        bold=r.flag(f"{key}.bold", False),
        align=r.choice(f"{key}.align", ALIGNS) if "align" in r.get(key) else "justify",
        indent_chars=r.number(f"{key}.indent_chars", 0, 10) if "indent_chars" in r.get(key) else 0,
    )


def build_layout(data: dict, path: Path) -> Layout:
    r = _Reader(data, path)
    r.known_keys("", ("name", "description", "page", "grid", "text", "styles", "leads",
                      "title_block", "page_number"))
    r.known_keys("page", ("width_mm", "height_mm", "margin_top_mm", "margin_bottom_mm",
                          "margin_left_mm", "margin_right_mm"))
    r.known_keys("grid", ("lines_per_page", "chars_per_line"))
    r.known_keys("text", ("latin_font", "language", "line_spacing_pt", "condense_pt", "overhang_pt"))
    r.known_keys("styles", STYLE_ROLES)
    r.known_keys("leads", ("sentence", "item"))
    r.known_keys("page_number", ("text", "font", "size", "odd", "even", "inset_chars", "below_text_mm"))
    styles = {role: _style(r, role) for role in STYLE_ROLES}
    sentence = r.get("leads.sentence")
    if not isinstance(sentence, list) or not sentence or any(s not in styles for s in sentence):
        raise r.fail("leads.sentence", _("must list style roles ({value})").format(value=', '.join(STYLE_ROLES)))
    pn_text = r.text("page_number.text")
    if pn_text.count("{page}") != 1:
        raise r.fail("page_number.text", _("must hold '{page}' once, e.g. '— {page} —'"))
    layout = Layout(
        name=str(data.get("name") or path.stem),
        description=str(data.get("description") or ""),
        source=str(path),
        width_mm=r.number("page.width_mm", 50, 1000),
        height_mm=r.number("page.height_mm", 50, 1000),
        margin_top_mm=r.number("page.margin_top_mm", 0, 200),
        margin_bottom_mm=r.number("page.margin_bottom_mm", 0, 200),
        margin_left_mm=r.number("page.margin_left_mm", 0, 200),
        margin_right_mm=r.number("page.margin_right_mm", 0, 200),
        lines_per_page=r.number("grid.lines_per_page", 1, 200, integer=True),
        chars_per_line=r.number("grid.chars_per_line", 1, 200, integer=True),
        latin_font=r.text("text.latin_font"),
        language=r.text("text.language"),
        line_spacing_pt=r.number("text.line_spacing_pt", 1, 200),
        condense_pt=r.number("text.condense_pt", 0, 10) if "condense_pt" in r.get("text") else 0,
        overhang_pt=r.number("text.overhang_pt", 0, 20) if "overhang_pt" in r.get("text") else 0,
        styles=styles,
        lead_sentence=tuple(sentence),
        lead_item=r.choice("leads.item", STYLE_ROLES),
        title_space_after_lines=r.number("title_block.space_after_lines", 0, 10),
        page_number=PageNumber(
            text=pn_text,
            font=r.text("page_number.font"),
            size=r.size("page_number.size"),
            odd=r.choice("page_number.odd", ("left", "center", "right")),
            even=r.choice("page_number.even", ("left", "center", "right")),
            inset_chars=r.number("page_number.inset_chars", 0, 10),
            below_text_mm=r.number("page_number.below_text_mm", 0, 100),
        ),
        raw=data,
    )
    _check_grid(layout, r)
    return layout


def _check_grid(layout: Layout, r: _Reader) -> None:
    """The grid the profile promises must be what its page, size and spacing give."""
    if layout.text_width_pt <= 0 or layout.text_height_pt <= 0:
        raise r.fail("page", _("the margins leave no text area"))
    lines = layout.lines_that_fit()
    if lines != layout.lines_per_page:
        raise r.fail("grid.lines_per_page",
                     _("{lines_per_page} lines promised, but {line_spacing_pt:g} pt spacing fits {lines} in {text_height_pt:.1f} pt; change text.line_spacing_pt or the margins").format(lines_per_page=layout.lines_per_page, line_spacing_pt=layout.line_spacing_pt, lines=lines, text_height_pt=layout.text_height_pt))
    chars = layout.chars_that_fit()
    if chars != layout.chars_per_line:
        step = layout.body.size - layout.condense_pt
        raise r.fail("grid.chars_per_line",
                     _("{chars_per_line} characters promised, but {step:g} pt characters fit {chars} in {line_width_pt:.1f} pt; change text.overhang_pt, styles.body.size or the margins").format(chars_per_line=layout.chars_per_line, step=step, chars=chars, line_width_pt=layout.line_width_pt))
