"""Outline routes: start one (``drafter new``), check it, keep the form and the YAML in step,
list, open and save outline files in the outline folder.

The page holds the outline as the same mapping the YAML file holds. ``tidy`` puts it in
the order and shape docs/outline.md shows (a point with nothing but a heading is written
as just its heading), so the YAML view reads as a writer would write it.
"""

from __future__ import annotations

import yaml

from drafter.atomic import write_text_atomic
from drafter.compose import load_outline
from drafter.compose.env import find_template, list_templates
from drafter.compose.outline import TOP_KEYS, parse_yaml
from drafter.compose.starter import new_outline
from drafter.errors import DrafterError, OutlineError
from drafter.i18n import N_, _
from drafter.serve.config import MAX_LISTED, OUTLINE_SUFFIXES, Refused
from drafter.serve.web import Ctx, jsonable, text_field
from drafter.suggest import unknown
from drafter.yamlfile import read_text

#: top-level keys in the order the YAML shows them (docs/outline.md's order)
ORDER = ("type", "numbering", "title", "speaker", "date", "theme", "length", "minutes", "rate",
         "vars", "opening", "closing", "sections", "pins", "seed")


def pins_supported() -> bool:
    """Does this drafter's outline format know ``pins:`` (sentence choices)?"""
    return "pins" in TOP_KEYS


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def tidy(outline: dict) -> dict:
    """The outline in docs/outline.md's order, empty values left out, bare points as text."""
    out = {}
    for key in [*ORDER, *(k for k in outline if k not in ORDER)]:
        if key not in outline:
            continue
        value = outline[key]
        if key == "sections" and isinstance(value, list):
            value = [_node(n) for n in value]
        if value is None or value == "" or value == [] or value == {}:
            if key not in ("title", "sections"):
                continue
        out[key] = value
    return out


def _node(node):
    if not isinstance(node, dict):
        return node
    node = {k: v for k, v in node.items() if v not in (None, "", [], {})}
    if isinstance(node.get("points"), list):
        node["points"] = [_node(p) for p in node["points"]]
    if set(node) == {"heading"} and isinstance(node["heading"], str):
        return node["heading"]
    return node


def to_yaml(outline: dict) -> str:
    return yaml.dump(tidy(outline), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1000, default_flow_style=False)


def from_yaml(text: str, name: str | None = None) -> dict:
    """The mapping a YAML text holds (OutlineError with line and column when it is not one)."""
    name = name or _("outline")
    data, _marks = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise OutlineError(_("expected a mapping with title and sections at the top of the outline"),
                           path=name, line=1, column=1)
    return jsonable(data)


def for_compose(outline: dict) -> dict:
    """The outline as the composer takes it (without ``pins`` when this drafter has none yet)."""
    if not isinstance(outline, dict):
        raise Refused(_("the outline should be a mapping (type, title, sections …)"), 400)
    if "pins" in outline and not pins_supported():
        return {k: v for k, v in outline.items() if k != "pins"}
    return outline


def problem(outline: dict, templates=None) -> dict | None:
    """The first thing wrong with the outline, as {key, message}, or None."""
    try:
        parsed = load_outline(for_compose(outline))
    except OutlineError as err:
        return {"key": err.key or "", "message": err.message}
    if find_template(parsed.type, templates) is None:
        names = [t.name for t in list_templates(templates)]
        return {"key": "type", "message": unknown(N_("type"), parsed.type, names)}
    return None


def outline_of(data: dict) -> dict:
    outline = data.get("outline")
    if not isinstance(outline, dict):
        raise Refused(_("the request holds no outline"), 400)
    return outline


# -- routes --------------------------------------------------------------------------------

def types(ctx: Ctx, data: dict) -> dict:
    return {"types": [{"name": t.name, "description": t.description, "numbering": t.numbering}
                      for t in list_templates(ctx.config.templates)]}


def new(ctx: Ctx, data: dict) -> dict:
    kind = text_field(data, "type", limit=50)
    theme = text_field(data, "theme", required=False, limit=200).strip() or None
    text = new_outline(kind, theme=theme, bank=ctx.config.bank, templates=ctx.config.templates)
    return {"yaml": text, "outline": from_yaml(text)}


def check(ctx: Ctx, data: dict) -> dict:
    """The form's outline → its YAML and the first problem (the page shows it by the field)."""
    outline = outline_of(data)
    return {"yaml": to_yaml(outline), "problem": problem(outline, ctx.config.templates)}


def parse(ctx: Ctx, data: dict) -> dict:
    """The YAML view's text → the outline for the form, and the first problem."""
    text = text_field(data, "yaml", required=False, limit=200_000)
    try:
        outline = from_yaml(text)
    except OutlineError as err:
        return {"outline": None, "problem": {"key": "", "message": err.message, "line": err.line,
                                             "column": err.column}}
    return {"outline": outline, "problem": problem(outline, ctx.config.templates)}


def files(ctx: Ctx, data: dict) -> dict:
    root = ctx.config.root
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        if len(found) >= MAX_LISTED:
            break
        if path.suffix.lower() not in OUTLINE_SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or _in_bank(ctx, path):
            continue
        if not path.resolve().is_relative_to(root):
            continue
        found.append(rel.as_posix())
    return {"root": str(root), "files": found}


def _in_bank(ctx: Ctx, path) -> bool:
    return path.resolve().is_relative_to(ctx.config.bank)


def open_(ctx: Ctx, data: dict) -> dict:
    name = ctx.query("name")
    path = ctx.config.in_root(name, OUTLINE_SUFFIXES)
    if not path.is_file():
        raise Refused(_("there is no “{name}” in the outline folder").format(name=name), 404)
    if path.stat().st_size > 1 << 20:
        raise Refused(_("“{name}” is too large to be an outline").format(name=name), 400)
    try:  # regular files only (a FIFO would block), UTF-8 checked
        text = read_text(path, OutlineError, what="outline")
    except DrafterError as err:
        raise Refused(_("“{name}” cannot be read: {error}").format(name=name, error=err.message), 400) from None
    result = parse(ctx, {"yaml": text})
    return {"name": path.relative_to(ctx.config.root).as_posix(), "yaml": text, **result}


def save(ctx: Ctx, data: dict) -> dict:
    name = text_field(data, "name", limit=300)
    if not name.lower().endswith(OUTLINE_SUFFIXES):
        name += ".yaml"
    path = ctx.config.in_root(name, OUTLINE_SUFFIXES)
    if _in_bank(ctx, path):
        raise Refused(_("an outline cannot be saved in the bank folder"))
    outline = dict(outline_of(data))
    seed = data.get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed <= 2**31 - 1 \
            and (seed or "seed" in outline):
        # the seed the page drafted with: `drafter draft` on the saved file gives the same speech
        outline["seed"] = seed
    text = to_yaml(outline)
    write_text_atomic(path, text)
    return {"name": path.relative_to(ctx.config.root).as_posix(), "yaml": text}
