"""A small mined bank that tests of bank editing and of ``drafter phrases`` build in a temp folder."""

from __future__ import annotations

from pathlib import Path

from drafter.bank import Phrase, Source, make_id, merge_mined


def mined(text, category="金句", count=1, sources=(("a.txt", 1),), tags=()) -> Phrase:
    """A phrase as mining leaves it: its id from category and text, ``sources`` as (file, line) pairs,
    origin "mined"."""
    return Phrase(make_id(category, text), text, category, list(tags), [], count,
                  [Source(f, line) for f, line in sources], "mined")


BASE = [mined("一分部署、九分落实", count=3, tags=["落实"]),
        mined("功成不必在我、功成必定有我", "对仗", sources=[("b.txt", 2)])]
CLOSING = mined("发言完毕，谢谢大家！", "结尾", count=4, sources=[("c.txt", 9)])


def make_bank(directory: Path, phrases: list[Phrase]) -> Path:
    """Mine ``phrases`` into a new bank at ``directory`` (as three 研讨发言 would) and return it."""
    merge_mined(directory, phrases, {"研讨发言": {"documents": 3}})
    return directory
