"""drafter: read, mine, draft and export Chinese Party and government speeches, offline.

The public face is small; everything is imported lazily so the CLI starts fast::

    from drafter import parse_file, parse_text
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: the garbage collector's thresholds for the command line (drafter/__main__.py, cli.main). A
#: command lives a second or so, and nearly everything it allocates (its modules, the bank's
#: lines, the draft) lives to its end, so the default (a collection every 700 allocations,
#: each going over what survived the last) spends about a sixth of a draft's CPU finding
#: nothing. Every 50,000: cycles are still collected, a server's too, just less often.
CLI_GC_THRESHOLDS = (50_000, 20, 20)
__all__ = ["parse_file", "parse_text", "Speech", "Section", "DrafterError"]

_LAZY = {
    "parse_file": "drafter.parser",
    "parse_text": "drafter.parser",
    "Speech": "drafter.model",
    "Section": "drafter.model",
    "DrafterError": "drafter.errors",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
