"""Leftover placeholders: XX, **, *, A总书记, 〔待补充〕, ____ and template syntax.

The corpus is anonymised with exactly these marks, and drafts made from it carry
them as slots; any that survive into a finished speech is the most embarrassing
mistake a writer can make, so they are errors.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from drafter.i18n import M_, N_
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, Finding
from drafter.lint.text import excerpt

RULES = {"placeholder": (ERROR, N_("leftover placeholder (XX, **, *, A总书记, 〔待补充〕, ____, {{ }})"))}

#: (kind shown to the user, pattern). Order matters only for the message.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("XX", re.compile(r"(?<![A-Za-z])(?:[XxＸｘ×]{2,})(?![A-Za-z])")),
    ("*", re.compile(r"[*＊]+")),
    ("A总书记", re.compile(r"(?<![A-Za-z0-9])[A-Z](?:总书记|同志|新时代|主席|书记|省长|市长|县长|区长)")),
    ("〔待补充〕", re.compile(r"[〔【\[［(（]\s*(?:待补充|待定|待核实|待核|待填|待完善|此处|TODO|TBD|todo)"
                            r"[^〕】\]］)）]{0,30}[〕】\]］)）]")),
    ("____", re.compile(r"_{2,}|＿{2,}")),
    # starter text older versions of ``drafter new`` left (now it writes 〔待填：…〕, caught above)
    ("“主题”", re.compile(r"“主题”|〔第.{1,2}部分标题〕")),
    ("{{ }}", re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}")),
]


def find(text: str) -> list[tuple[str, re.Match[str]]]:
    """Every placeholder in ``text`` as (kind, match), left to right."""
    hits = [(kind, m) for kind, pat in PATTERNS for m in pat.finditer(text)]
    return sorted(hits, key=lambda h: h[1].start())


def check(doc: Doc) -> Iterator[Finding]:
    for i, para in enumerate(doc.paras):
        hits = find(para.text)
        if not hits:
            continue
        counts = Counter(m.group() for _, m in hits)
        listed = "、".join(f"{tok} ×{n}" if n > 1 else tok for tok, n in counts.items())
        _, first = hits[0]
        where = excerpt(para.text, first.start(), first.end())
        yield doc.finding(i, ERROR, "placeholder",
                          M_("leftover placeholder {listed}: fill in before delivery ({where})",
                             listed=listed, where=where),
                          first.group())
