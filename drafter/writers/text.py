"""Plain-text writer: the corpus's own layout, from the blocks of ``drafter.blocks``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.blocks import blocks

if TYPE_CHECKING:
    from drafter.model import Speech


def to_text(speech: Speech) -> str:
    """Title block, a blank line, then one paragraph per line (the corpus's own layout)."""
    bs = [b for b in blocks(speech) if b.text]
    head = [b.text for b in bs if b.role in ("title", "speaker", "date")]
    rest = [b.text for b in bs if b.role not in ("title", "speaker", "date")]
    return "\n".join(head) + "\n\n" + "\n".join(rest) + "\n"
