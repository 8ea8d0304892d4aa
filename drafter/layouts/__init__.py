"""Layout profiles: every number of the official .docx layout, as data.

A profile is a YAML file (``drafter/data/layouts/<name>.yaml`` ships GB/T 9704 and a
large-print reading copy). A profile may ``extends:`` another and override only what
differs. The writer lays pages out from a ``Layout`` and ``drafter check`` measures a
.docx against the same ``Layout``, so the two can never disagree about a number.

Sizes are given as 字号 names (二号, 小二, 三号 …) or points; offices speak in 字号, and
getting 号 ↔ pt wrong is the classic mistake, so the table lives here once.

The package works in steps: ``model`` (the numbers as data, 字号 ↔ pt), ``files`` (finding and
reading profiles, ``extends:`` merged), ``build`` (a merged profile → a checked ``Layout``) and
``stored`` (built layouts kept on disk); ``load_layout`` here runs them.
"""

from __future__ import annotations

from pathlib import Path

from drafter.layouts import files
from drafter.layouts.build import build_layout
from drafter.layouts.files import available_layouts
from drafter.layouts.model import (
    ALIGNS,
    MM_PER_PT,
    SIZE_NAMES,
    STYLE_ROLES,
    Layout,
    PageNumber,
    TextStyle,
    describe_size,
    mm_to_pt,
    size_name,
    size_pt,
)
from drafter.layouts.stored import cache_key, load_stored, store

__all__ = ["ALIGNS", "DEFAULT_LAYOUT", "MM_PER_PT", "SIZE_NAMES", "STYLE_ROLES", "Layout", "PageNumber",
           "TextStyle", "available_layouts", "describe_size", "load_layout", "mm_to_pt", "size_name", "size_pt"]

DEFAULT_LAYOUT = "gbt9704"


def load_layout(name_or_path: str | Path | "Layout" | None = None) -> Layout:
    """A shipped profile by name ('gbt9704', 'large-print') or a .yaml file; None → default.

    Raises LayoutError naming the file, line and key at fault.
    """
    if isinstance(name_or_path, Layout):
        return name_or_path
    path = files.resolve(name_or_path or DEFAULT_LAYOUT)
    key = cache_key(path)
    if key is not None and key in _CACHE:
        return _CACHE[key]
    layout = load_stored(key) if key is not None else None
    if layout is None:
        data = files.load_merged(path, seen=())
        layout = build_layout(data, path)
        if key is not None:
            store(key, layout)
    if key is not None:
        _CACHE[key] = layout
    return layout


#: built layouts by the identity (path, size, mtime) of the profile and its ``extends`` chain
_CACHE: dict[tuple, Layout] = {}
