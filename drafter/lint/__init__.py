"""drafter lint: proofread a draft or an old speech for what embarrasses a writer.

Rule families, one module each: placeholders (XX, ** left in), numbering (一、（一）
sequence and levels, 一是/二是 order, mixed 1./1、), structure (empty sections, a
paragraph far longer than its siblings), repetition (repeated sentences, overused
four-character phrases), punctuation (half-width marks, the only thing ``--fix``
rewrites), pairs (unpaired “”（）《》), length (against a target) and terms (规范表述
from ``drafter/data/rules.yaml`` plus the user's ``--rules``).
"""

from drafter.lint.context import LintOptions
from drafter.lint.findings import ERROR, WARNING, Finding, LintReport
from drafter.lint.fix import fix_file
from drafter.lint.punctuation import fix_text
from drafter.lint.runner import builtin_rules, lint_file, lint_paragraphs, lint_text, resolve_rules

__all__ = ["ERROR", "WARNING", "Finding", "LintOptions", "LintReport", "builtin_rules", "fix_file",
           "fix_text", "lint_file", "lint_paragraphs", "lint_text", "resolve_rules"]
