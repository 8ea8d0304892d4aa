"""What every layout rule shares: the ``Context`` it reads, the ``RuleResult`` it returns and how a
failing rule lists the first few places at fault (paragraph number and opening words)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from drafter import ooxml as x
from drafter.check.paragraphs import Para
from drafter.i18n import M_, Joined
from drafter.layouts import Layout

if TYPE_CHECKING:
    from docx.document import Document

SHOWN = 3  # places listed per failing rule


@dataclass
class RuleResult:
    rule: str
    ok: bool
    found: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "ok": self.ok, "found": self.found}


@dataclass
class Context:
    document: Document
    sheet: x.StyleSheet
    layout: Layout
    paras: list[Para]


def result_of(rule: str, problems: Sequence[str], checked: int, what: str, good: str) -> RuleResult:
    """Pass with ``good`` or fail with the count and the first places at fault (``what`` is a
    msgid marked N_: "runs", "paragraphs")."""
    if not problems:
        return RuleResult(rule, True, good if checked else M_("no {what} to check", what=M_(what)))
    shown = Joined("; ", list(problems[:SHOWN]) + (["…"] if len(problems) > SHOWN else []))
    return RuleResult(rule, False, M_("{n} of {checked} {what} wrong: {shown}", n=len(problems), checked=checked,
                                      what=M_(what), shown=shown))



def exact_line(ctx: Context, q: Para) -> float | None:
    """Exact line spacing in points, or None when the paragraph's spacing is not exact."""
    layers = ctx.sheet.para_layers(q.p)
    rule = x.first_attr(layers, "w:spacing", "w:lineRule")
    value = x.first_attr(layers, "w:spacing", "w:line")
    if rule != "exact" or value is None:
        return None
    return int(value) / 20

