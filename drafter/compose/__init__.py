"""Compose a speech from a YAML outline, Jinja templates and the phrase bank.

``draft(outline, bank=None, seed=None, templates=None, strict=False) -> Draft``
``alternatives(outline, key, bank=None, seed=0, limit=8) -> list[Alternative]``
"""

from drafter.compose.choose import Alternative, alternatives
from drafter.compose.draft import Draft, draft
from drafter.compose.outline import Outline, load_outline

__all__ = ["Alternative", "Draft", "Outline", "alternatives", "draft", "load_outline"]
