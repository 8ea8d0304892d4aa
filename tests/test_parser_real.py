"""Real public speeches and reports, annotated by the structure conventions (tests/fixtures/real).

30 excerpts from corpus-public (xi2013 speeches, government work reports, congress reports), each
.yaml naming its source and lines. The floor is what the parser reaches now; raise it as it improves.
"""

from __future__ import annotations

from realgold import score


def test_real_speeches_parse_as_annotated():
    result = score()
    assert result["documents"] >= 30
    assert result["headings_f1"] >= 0.98, result
    assert result["depth_f1"] >= 0.97, result
    assert result["title_exact"] >= 0.95, result
