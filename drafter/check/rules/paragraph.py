"""The paragraph rules: line spacing, first-line indent, alignment and the outline levels of headings
(the paragraphs themselves, and their roles, are read in ``drafter.check.paragraphs``)."""

from __future__ import annotations

from drafter import ooxml as x
from drafter.check.paragraphs import marker_level, outline_level, stands_alone
from drafter.check.rules.base import Context, RuleResult, exact_line, result_of
from drafter.i18n import M_, N_

_LEFT = (None, "left", "start")


def line_spacing(ctx: Context) -> RuleResult:
    want = ctx.layout.line_spacing_pt
    problems = []
    for q in ctx.paras:
        got = exact_line(ctx, q)
        if got is None or abs(got - want) > 0.05:
            problems.append(M_("{para} {got}", para=q.label(),
                               got=M_("exactly {pt:g} pt", pt=got) if got else M_("not exact")))
    return result_of("line spacing", problems, len(ctx.paras), N_("paragraphs"),
                   M_("exactly {pt:g} pt in {n} paragraphs", pt=want, n=len(ctx.paras)))


def indent(ctx: Context) -> RuleResult:
    """First-line indent in twips (LibreOffice) and in characters (Word, WPS), both right."""
    problems = []
    for q in ctx.paras:
        look = ctx.layout.styles[q.role]
        layers = ctx.sheet.para_layers(q.p)
        twips = x.first_attr(layers, "w:ind", "w:firstLine")
        chars = x.first_attr(layers, "w:ind", "w:firstLineChars")
        want_twips, want_chars = look.indent_chars * look.size * 20, look.indent_chars * 100
        got_twips = int(twips) if twips else 0
        if abs(got_twips - want_twips) > 10 or (chars is not None and abs(int(chars) - want_chars) > 1):
            shown = (M_("{pt:g} pt / {chars:g} characters", pt=got_twips / 20, chars=int(chars) / 100) if chars
                     else M_("{pt:g} pt", pt=got_twips / 20))
            problems.append(M_("{para} {got} (want {want:g} characters)", para=q.label(), got=shown,
                               want=look.indent_chars))
    return result_of("indent", problems, len(ctx.paras), N_("paragraphs"),
                   M_("first lines indented as the layout says"))


def alignment(ctx: Context) -> RuleResult:
    want_jc = {"left": _LEFT, "center": ("center",), "right": ("right", "end"), "justify": ("both",)}
    problems = []
    for q in ctx.paras:
        want = ctx.layout.styles[q.role].align
        got = x.first_attr(ctx.sheet.para_layers(q.p), "w:jc", "w:val")
        if got not in want_jc[want]:
            problems.append(M_("{para} {got} (want {want})", para=q.label(), got=got or "left", want=want))
    return result_of("alignment", problems, len(ctx.paras), N_("paragraphs"), M_("title block centred, text justified"))


def heading_levels(ctx: Context) -> RuleResult:
    """一、 headings at outline level 1, （一） at 2, 1. at 3, （1） at 4 (Heading N or outlineLvl)."""
    problems, n = [], 0
    for q in ctx.paras:
        marked = marker_level(q.text)
        level = outline_level(ctx.sheet, q.p)
        if marked and stands_alone(q.text):
            n += 1
            if level != marked:
                problems.append(M_("{para} at {level} (want level {want})", para=q.label(),
                                   level=M_("level {n}", n=level) if level else M_("body level"), want=marked))
        elif level and marked and marked != level:
            n += 1
            problems.append(M_("{para} at level {level} (numbering says level {want})", para=q.label(),
                               level=level, want=marked))
    return result_of("heading levels", problems, n, N_("numbered headings"),
                   M_("{n} numbered headings at their outline levels", n=n))

