"""Built layouts kept on disk (``drafter.diskcache``, kind ``layouts``), so a command need not parse YAML."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from drafter import diskcache
from drafter.errors import LayoutError
from drafter.layouts.files import parent_profile
from drafter.layouts.model import Layout, PageNumber, TextStyle

#: built layouts kept on disk (``drafter.diskcache``), so a command need not parse YAML
KEEP_STORED = 32
_PACKAGE = Path(__file__).parent


def _stored_key(key: tuple) -> str | None:
    """The disk cache's key: the profiles' identity and the (size, mtime) of this package's modules,
    which build and store a layout."""
    try:
        stamps = [(st.st_size, st.st_mtime_ns) for st in (p.stat() for p in sorted(_PACKAGE.glob("*.py")))]
    except OSError:
        return None
    return f"layout\n{key!r}\n{stamps!r}"


def load_stored(key: tuple) -> Layout | None:
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


def store(key: tuple, layout: Layout) -> None:
    """Keep the built layout for the next command (a layout whose values are not plain data, such
    as a date in ``description``, is not kept)."""
    stored_key = _stored_key(key)
    if stored_key:
        diskcache.store("layouts", stored_key, {**asdict(layout), "raw": layout.raw}, keep=KEEP_STORED)


def cache_key(path: Path) -> tuple | None:
    """Who the profile is: its file's and its parents' (path, size, mtime); None when unsure."""
    key, seen = [], set()
    current: Path | None = path
    try:
        while current is not None and current.resolve() not in seen:
            st = current.stat()
            seen.add(current.resolve())
            key.append((str(current.resolve()), st.st_size, st.st_mtime_ns))
            current = parent_profile(current)
    except (OSError, LayoutError):
        return None
    return tuple(key)
