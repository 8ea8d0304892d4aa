"""Dates as a speech prints them (one definition for the model, the writers and the outline)."""

from __future__ import annotations


def canonical_date(date) -> str | None:
    """Dates as a speech prints them: 2026-11-21, 2026/11/21, a date object → 2026年11月21日."""
    if date is None or date == "":
        return None
    text = str(date).strip().strip("（）()")
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        y, m, d = (int(p) for p in parts)
        return f"{y}年{m}月{d}日"
    return text
