"""The page-number rule: the footers' text, font, size, side and inset, odd and even pages."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from drafter import ooxml as x
from drafter.check.rules.base import Context, RuleResult
from drafter.i18n import M_, Joined
from drafter.layouts import describe_size


def footer_text(p) -> tuple[str, list]:
    """The footer paragraph as '— {page} —' and its text runs."""
    text, runs, state = [], [], None
    instr: list[str] = []
    for el in p.iter(qn("w:r"), qn("w:fldSimple")):
        if el.tag == qn("w:fldSimple"):
            if "PAGE" in el.get(qn("w:instr"), "").split():
                text.append("{page}")
            continue
        fld = el.find(qn("w:fldChar"))
        if fld is not None:
            kind = fld.get(qn("w:fldCharType"))
            if kind == "begin":
                state, instr = "code", []
            elif kind == "separate":
                state = "result"
            elif kind == "end":
                text.append("{page}" if "PAGE" in "".join(instr).split() else "")
                state = None
            continue
        if el.getparent().tag == qn("w:fldSimple"):
            runs.append(el)  # the field's shown result: styled like the rest, text is {page}
        elif state == "code":
            instr.extend(t.text or "" for t in el.iter(qn("w:instrText")))
        elif state is None and el.text:
            text.append(el.text)
            runs.append(el)
    return "".join(text), runs


def _footer_problems(ctx: Context, footer, which: str, align: str) -> tuple[list[str], str]:
    pn = ctx.layout.page_number
    problems: list[str] = []
    want = re.sub(r"\s", "", pn.text)
    paras = [p for p in footer._element.iter(qn("w:p"))]
    found = [(p, *footer_text(p)) for p in paras]
    hit = next(((p, t, r) for p, t, r in found if "{page}" in t), None)
    if hit is None:
        return [M_("{which} footer has no page number", which=which)], ""
    p, text, runs = hit
    shown = text.replace("{page}", "1").strip()
    if re.sub(r"\s", "", text) != want:
        problems.append(M_("{which} footer reads “{shown}” (want “{want}”)", which=which, shown=shown,
                           want=pn.text.format(page=1)))
    sheet = ctx.sheet
    for r in runs:
        layers = sheet.run_layers(p, r)
        font, size = x.font_of(layers, "eastAsia"), x.size_of(layers) or 10
        if font != pn.font or abs(size - pn.size) > 0.01:
            problems.append(M_("{which} footer in {font} {size} (want {want_font} {want_size})", which=which,
                               font=font, size=describe_size(size), want_font=pn.font,
                               want_size=describe_size(pn.size)))
            break
    player = sheet.para_layers(p)
    jc = x.first_attr(player, "w:jc", "w:val") or "left"
    got_align = {"both": "left", "start": "left", "end": "right"}.get(jc, jc)
    if got_align != align:
        problems.append(M_("{which} footer {got} (want {want})", which=which, got=got_align, want=align))
    elif align in ("left", "right"):
        inset = int(x.first_attr(player, "w:ind", f"w:{align}") or
                    x.first_attr(player, "w:ind", "w:start" if align == "left" else "w:end") or 0)
        want_inset = pn.inset_chars * pn.size * 20
        if abs(inset - want_inset) > 20:
            problems.append(M_("{which} footer {pt:g} pt from the {align} edge (want {want:g} character)",
                               which=which, pt=inset / 20, align=align, want=pn.inset_chars))
    return problems, M_("{which} “{shown}” {align}", which=which, shown=shown, align=align)


def page_numbers(ctx: Context) -> RuleResult:
    pn = ctx.layout.page_number
    if not ctx.document.sections:
        return RuleResult("page numbers", False, "the document has no section properties (w:sectPr), "
                                                 "so no page setup and no footer; re-save it in Word or WPS")
    section = ctx.document.sections[0]
    if section.footer.is_linked_to_previous:
        return RuleResult("page numbers", False, M_("no footer (want page numbers “— 1 —”)"))
    problems, odd_shown = _footer_problems(ctx, section.footer, M_("odd-page"), pn.odd)
    shown = [odd_shown] if odd_shown else []
    if pn.odd != pn.even:
        if not ctx.document.settings.odd_and_even_pages_header_footer:
            problems.append(M_("odd and even pages share one footer (want even pages {even}, odd pages {odd})",
                               even=pn.even, odd=pn.odd))
        elif section.even_page_footer.is_linked_to_previous:
            problems.append(M_("no even-page footer"))
        else:
            more, even_shown = _footer_problems(ctx, section.even_page_footer, M_("even-page"), pn.even)
            problems += more
            shown.append(even_shown)
    if problems:
        return RuleResult("page numbers", False, Joined("; ", problems))
    return RuleResult("page numbers", True, M_("{shown}, {font} {size}", shown=Joined(", ", shown), font=pn.font,
                                               size=describe_size(pn.size)))

