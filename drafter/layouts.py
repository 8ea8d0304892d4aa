"""Layout profiles: every number of the official .docx layout, as data.

A profile is a YAML file (``drafter/data/layouts/<name>.yaml`` ships GB/T 9704 and a
large-print reading copy). A profile may ``extends:`` another and override only what
differs. The writer lays pages out from a ``Layout`` and ``drafter check`` measures a
.docx against the same ``Layout``, so the two can never disagree about a number.

Sizes are given as 字号 names (二号, 小二, 三号 …) or points; offices speak in 字号, and
getting 号 ↔ pt wrong is the classic mistake, so the table lives here once.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from drafter import diskcache
from drafter.errors import LayoutError
from drafter.i18n import _
from drafter.suggest import closest

if TYPE_CHECKING:
    import yaml

DEFAULT_LAYOUT = "gbt9704"

#: 字号 → points (the sizes Word and WPS offer in their Chinese UI)
SIZE_NAMES: dict[str, float] = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}

#: the paragraph roles a profile styles (the roles of ``drafter.blocks.Block``)
STYLE_ROLES = ("title", "speaker", "date", "salutation", "body", "closing",
               "heading1", "heading2", "heading3", "heading4")
ALIGNS = ("left", "center", "right", "justify")
MM_PER_PT = 25.4 / 72


def size_pt(value: object) -> float:
    """'三号' → 16, '16pt' → 16, 16 → 16; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(_("not a size: {value}").format(value=repr(value)))
    if isinstance(value, (int, float)):
        pt = float(value)
    else:
        text = str(value).strip()
        if text in SIZE_NAMES:
            return float(SIZE_NAMES[text])
        pt = float(text.removesuffix("pt").removesuffix("磅").strip())
    if not 1 <= pt <= 200:
        raise ValueError(_("size {pt} pt is out of range").format(pt=pt))
    return pt


def size_name(pt: float) -> str | None:
    """16 → '三号'; None when no 字号 has that size."""
    for name, value in SIZE_NAMES.items():
        if abs(value - pt) < 0.01:
            return name
    return None


def describe_size(pt: float) -> str:
    """'16 pt (三号)', the way check messages show sizes."""
    name = size_name(pt)
    shown = f"{pt:g} pt"
    return f"{shown} ({name})" if name else shown


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    bold: bool = False
    align: str = "justify"
    indent_chars: float = 0


@dataclass(frozen=True)
class PageNumber:
    text: str
    font: str
    size: float
    odd: str
    even: str
    inset_chars: float
    below_text_mm: float

    def parts(self) -> tuple[str, str]:
        """The text before and after the page field: '— {page} —' → ('— ', ' —')."""
        before, _, after = self.text.partition("{page}")
        return before, after


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    source: str
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    lines_per_page: int
    chars_per_line: int
    latin_font: str
    language: str
    line_spacing_pt: float
    condense_pt: float
    overhang_pt: float
    styles: dict[str, TextStyle]
    lead_sentence: tuple[str, ...]
    lead_item: str
    title_space_after_lines: float
    page_number: PageNumber
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def text_width_pt(self) -> float:
        return mm_to_pt(self.width_mm - self.margin_left_mm - self.margin_right_mm)

    @property
    def text_height_pt(self) -> float:
        return mm_to_pt(self.height_mm - self.margin_top_mm - self.margin_bottom_mm)

    @property
    def body(self) -> TextStyle:
        return self.styles["body"]

    def lead_style(self, depth: int, inline_item: bool) -> TextStyle:
        """How the opening run of a paragraph looks: 一是 items vs lead sentences by depth."""
        if inline_item:
            return self.styles[self.lead_item]
        index = min(max(depth, 1), len(self.lead_sentence)) - 1
        return self.styles[self.lead_sentence[index]]

    def lines_that_fit(self) -> int:
        return int(self.text_height_pt / self.line_spacing_pt + 1e-6)

    @property
    def line_width_pt(self) -> float:
        """The width a line of text may fill: the text area plus the overhang on both sides."""
        return self.text_width_pt + 2 * self.overhang_pt

    def chars_that_fit(self) -> int:
        return int(self.line_width_pt / (self.body.size - self.condense_pt) + 1e-6)


# ---------------------------------------------------------------- loading

def available_layouts() -> list[str]:
    """Names of the profiles that ship with drafter."""
    folder = resources.files("drafter") / "data" / "layouts"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _shipped_path(name: str) -> Path | None:
    path = Path(str(resources.files("drafter") / "data" / "layouts" / f"{name}.yaml"))
    return path if path.is_file() else None


def _resolve(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise LayoutError(_("layout file not found"), path=text)
        return path
    shipped = _shipped_path(text)
    if shipped is None:
        best = closest(text, available_layouts())
        hint = _("did you mean {best!r}? ").format(best=best) if best else ""
        raise LayoutError(_("no layout named {name!r}; {hint}use one of {known} or a path to a .yaml "
                            "profile").format(name=text, hint=hint, known=", ".join(available_layouts())))
    return shipped


def _read_yaml(path: Path) -> tuple[dict, yaml.Node | None]:
    from drafter.yamlfile import compose_yaml, read_text  # noqa: PLC0415 - PyYAML (~20 ms) only when not stored

    data, node = compose_yaml(read_text(path, LayoutError, "layout"), path, LayoutError)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LayoutError(_("a layout profile must be a mapping of keys"), path=str(path), line=1)
    return data, node


def _line_of(node: yaml.Node | None, key: str) -> int | None:
    """1-based line of a dotted key in the composed YAML, or of its deepest existing parent."""
    import yaml  # noqa: PLC0415 - PyYAML (~20 ms) only when a profile is read from YAML

    line = None
    for part in key.split("."):
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if k.value == part:
                line, node = k.start_mark.line + 1, v
                break
        else:
            break
    return line


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_layout(name_or_path: str | Path | "Layout" | None = None) -> Layout:
    """A shipped profile by name ('gbt9704', 'large-print') or a .yaml file; None → default.

    Raises LayoutError naming the file, line and key at fault.
    """
    if isinstance(name_or_path, Layout):
        return name_or_path
    path = _resolve(name_or_path or DEFAULT_LAYOUT)
    key = _cache_key(path)
    if key is not None and key in _CACHE:
        return _CACHE[key]
    layout = _load_stored(key) if key is not None else None
    if layout is None:
        data = _load_merged(path, seen=())
        layout = _build(data, path)
        if key is not None:
            _store(key, layout)
    if key is not None:
        _CACHE[key] = layout
    return layout


#: built layouts by the identity (path, size, mtime) of the profile and its ``extends`` chain
_CACHE: dict[tuple, Layout] = {}
#: built layouts kept on disk (``drafter.diskcache``), so a command need not parse YAML
KEEP_STORED = 32


def _stored_key(key: tuple) -> str | None:
    """The disk cache's key: the profiles' identity and this module's (size, mtime)."""
    try:
        st = Path(__file__).stat()
    except OSError:
        return None
    return f"layout\n{key!r}\n{st.st_size}:{st.st_mtime_ns}"


def _load_stored(key: tuple) -> Layout | None:
    """The layout built before from the same files, or None (missing or damaged: build it again)."""
    stored_key = _stored_key(key)
    fields = diskcache.load("layouts", stored_key) if stored_key else None
    if not isinstance(fields, dict):
        return None
    try:
        fields["styles"] = {role: TextStyle(**style) for role, style in fields["styles"].items()}
        fields["lead_sentence"] = tuple(fields["lead_sentence"])
        fields["page_number"] = PageNumber(**fields["page_number"])
        return Layout(**fields)
    except (KeyError, TypeError, AttributeError):
        return None


def _store(key: tuple, layout: Layout) -> None:
    """Keep the built layout for the next command (a layout whose values are not plain data, such
    as a date in ``description``, is not kept)."""
    stored_key = _stored_key(key)
    if stored_key:
        diskcache.store("layouts", stored_key, {**asdict(layout), "raw": layout.raw}, keep=KEEP_STORED)


def _cache_key(path: Path) -> tuple | None:
    """Who the profile is: its file's and its parents' (path, size, mtime); None when unsure."""
    key, seen = [], set()
    current: Path | None = path
    try:
        while current is not None and current.resolve() not in seen:
            st = current.stat()
            seen.add(current.resolve())
            key.append((str(current.resolve()), st.st_size, st.st_mtime_ns))
            current = _parent_profile(current)
    except (OSError, LayoutError):
        return None
    return tuple(key)


def _parent_profile(path: Path) -> Path | None:
    """The file a profile ``extends:`` (read cheaply: the key's line), or None."""

    text = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"^extends:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
    if m is None:
        return None
    parent = m.group(1).strip()
    return path.parent / parent if parent.endswith((".yaml", ".yml")) else _resolve(parent)


def _load_merged(path: Path, seen: tuple[Path, ...]) -> dict:
    if path.resolve() in seen:
        raise LayoutError(_("'extends' makes a loop"), path=str(path), key="extends")
    data, node = _read_yaml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return {**data, "_nodes": {str(path): node}}
    if not isinstance(parent, str):
        raise LayoutError(_("'extends' must name a layout or a file"), path=str(path),
                          line=_line_of(node, "extends"), key="extends")
    parent_path = path.parent / parent if parent.endswith((".yaml", ".yml")) else _resolve(parent)
    base = _load_merged(parent_path, seen + (path.resolve(),))
    nodes = {**base.pop("_nodes"), str(path): node}
    merged = _merge(base, data)
    merged["_nodes"] = nodes
    return merged


class _Reader:
    """Typed access to the merged profile; every failure names file, line and key."""

    def __init__(self, data: dict, path: Path):
        self.nodes: dict[str, yaml.Node] = data.pop("_nodes", {})
        self.data = data
        self.path = path

    def fail(self, key: str, message: str) -> LayoutError:
        node = self.nodes.get(str(self.path))
        line = _line_of(node, key)
        if line is None:  # the key came from a parent profile: point there
            for file, other in reversed(self.nodes.items()):
                if _line_of(other, key) is not None:
                    return LayoutError(message, path=file, line=_line_of(other, key), key=key)
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


def _build(data: dict, path: Path) -> Layout:
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
