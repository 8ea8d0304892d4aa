"""Mining: section skeletons and a phrase bank out of a corpus of speeches.

Public face: ``mine(paths, out_dir, jobs)`` (mine and merge into a bank directory),
``collect`` (mine into memory), ``phrases_from_speech`` (one speech's phrases as bank
entries), ``source_regex`` (find a bank text again in its corpus form).
"""

from drafter.mining.run import MineResult, collect, mine, phrases_from_speech
from drafter.mining.slots import DEFAULT_ALIASES, source_regex

__all__ = ["mine", "collect", "phrases_from_speech", "MineResult", "source_regex", "DEFAULT_ALIASES"]
