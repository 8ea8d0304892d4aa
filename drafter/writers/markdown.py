"""Markdown layout: '#' title, '##'–'#####' numbered headings, bold inline leads.

The markdown reader strips exactly this markup, so .md round-trips like .txt.
"""

from __future__ import annotations

from drafter.blocks import blocks
from drafter.model import Speech


def to_markdown(speech: Speech) -> str:
    lines: list[str] = []
    for b in blocks(speech):
        if not b.text:
            continue
        if b.role == "title":
            lines.append(f"# {b.text}")
        elif b.role == "heading":
            lines.append(f"{'#' * (b.level + 1)} {b.text}")
        elif b.lead:
            lines.append(f"**{b.lead}**{b.text[len(b.lead):]}")
        else:
            lines.append(b.text)
    return "\n\n".join(lines) + "\n"
