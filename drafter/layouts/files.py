"""Finding a profile's files and reading them: shipped names, paths, YAML with lines, ``extends:`` merged."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import LayoutError
from drafter.i18n import _
from drafter.suggest import closest

if TYPE_CHECKING:
    import yaml


def available_layouts() -> list[str]:
    """Names of the profiles that ship with drafter."""
    folder = resources.files("drafter") / "data" / "layouts"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _shipped_path(name: str) -> Path | None:
    path = Path(str(resources.files("drafter") / "data" / "layouts" / f"{name}.yaml"))
    return path if path.is_file() else None


def resolve(name_or_path: str | Path) -> Path:
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


def line_of(node: yaml.Node | None, key: str) -> int | None:
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


def parent_profile(path: Path) -> Path | None:
    """The file a profile ``extends:`` (read cheaply: the key's line), or None."""

    text = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"^extends:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", text, re.M)
    if m is None:
        return None
    return extended(path, m.group(1).strip())


def extended(path: Path, parent: str) -> Path:
    """The file an ``extends:`` value in the profile at ``path`` names: a .yaml beside it, or a shipped name.
    The cache key (``parent_profile``) and loading (``load_merged``) both follow it, so they agree."""
    return path.parent / parent if parent.endswith((".yaml", ".yml")) else resolve(parent)


def load_merged(path: Path, seen: tuple[Path, ...]) -> dict:
    if path.resolve() in seen:
        raise LayoutError(_("'extends' makes a loop"), path=str(path), key="extends")
    data, node = _read_yaml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return {**data, "_nodes": {str(path): node}}
    if not isinstance(parent, str):
        raise LayoutError(_("'extends' must name a layout or a file"), path=str(path),
                          line=line_of(node, "extends"), key="extends")
    base = load_merged(extended(path, parent), seen + (path.resolve(),))
    nodes = {**base.pop("_nodes"), str(path): node}
    merged = _merge(base, data)
    merged["_nodes"] = nodes
    return merged
