"""Compose a speech from a YAML outline, Jinja templates and the phrase bank.

``draft(outline, bank=None, seed=None, templates=None, strict=False) -> Draft``
"""

from drafter.compose.draft import Draft, draft
from drafter.compose.outline import Outline, load_outline

__all__ = ["Draft", "Outline", "draft", "load_outline"]
