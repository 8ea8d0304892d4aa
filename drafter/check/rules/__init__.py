"""The layout rules ``drafter check`` applies, one function each.

Every rule returns a ``RuleResult`` saying what it found; a failing rule lists the first
few places at fault (paragraph number and opening words) so the user can find them.
Numbers come from the ``Layout`` the writer uses, so writer and checker agree.

One module per step of the check: ``page`` (size, margins, grid), ``runs`` (fonts, sizes, bold,
language), ``paragraph`` (spacing, indent, alignment, heading levels), ``footer`` (page numbers);
``base`` holds what they share. ``RULES`` lists them in the order the report shows them.
"""

from __future__ import annotations

from drafter.check.rules.base import Context, RuleResult
from drafter.check.rules.footer import page_numbers
from drafter.check.rules.page import grid, margins, page_size
from drafter.check.rules.paragraph import alignment, heading_levels, indent, line_spacing
from drafter.check.rules.runs import bold, language, latin_font, punctuation_font, run_fonts, sizes, style_fonts

__all__ = ["RULES", "Context", "RuleResult"]

RULES = (page_size, margins, grid, style_fonts, run_fonts, latin_font, punctuation_font, sizes, bold,
         language, line_spacing, indent, alignment, heading_levels, page_numbers)
