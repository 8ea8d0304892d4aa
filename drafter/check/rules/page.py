"""The page rules: page size, margins and the grid of lines and characters they give."""

from __future__ import annotations

from docx.oxml.ns import qn

from drafter import ooxml as x
from drafter.check.rules.base import Context, RuleResult, exact_line
from drafter.i18n import M_, N_, Joined

#: margin sides as shown to a person (the layout keys stay as they are)
_SIDES = (N_("top"), N_("bottom"), N_("left"), N_("right"))

TWIPS_PER_MM = 1440 / 25.4
MM_TOLERANCE = 0.5


def _mm(twips) -> float:
    return int(twips) / TWIPS_PER_MM


def _sections(ctx: Context) -> list:
    return ctx.document.element.body.findall(f".//{qn('w:sectPr')}")


def _unset(name: str) -> RuleResult:
    """A document without section properties has no page setup to pass (it used to pass page
    size and margins with nothing found, and fail the grid on an IndexError)."""
    return RuleResult(name, False, M_("no section properties (w:sectPr), so no page setup; re-save it in Word or WPS"))


def page_size(ctx: Context) -> RuleResult:
    want = (ctx.layout.width_mm, ctx.layout.height_mm)
    sections = _sections(ctx)
    if not sections:
        return _unset("page size")
    found = []
    for sect in sections:
        pg = sect.find(qn("w:pgSz"))
        w = _mm(pg.get(qn("w:w"), 12240)) if pg is not None else 215.9  # Word's default is Letter
        h = _mm(pg.get(qn("w:h"), 15840)) if pg is not None else 279.4
        found.append((w, h))
    bad = [f"{w:.1f} × {h:.1f} mm" for w, h in found
           if abs(w - want[0]) > MM_TOLERANCE or abs(h - want[1]) > MM_TOLERANCE]
    sizes = sorted({f"{w:.1f} × {h:.1f} mm" for w, h in found})
    if bad:
        return RuleResult("page size", False, M_("{sizes} (want {w:g} × {h:g} mm)", sizes=", ".join(sizes),
                                                 w=want[0], h=want[1]))
    return RuleResult("page size", True, ", ".join(sizes))


def margins(ctx: Context) -> RuleResult:
    lay = ctx.layout
    want = {"top": lay.margin_top_mm, "bottom": lay.margin_bottom_mm,
            "left": lay.margin_left_mm, "right": lay.margin_right_mm}
    shown, ok = [], True
    sections = _sections(ctx)
    if not sections:
        return _unset("margins")
    for sect in sections:
        mar = sect.find(qn("w:pgMar"))
        for side, mm in want.items():
            value = mar.get(qn(f"w:{side}")) if mar is not None else None
            got = _mm(value) if value is not None else 25.4
            if abs(abs(got) - mm) > MM_TOLERANCE:
                ok = False
                shown.append(M_("{side} {got:.1f} mm (want {want:g})", side=M_(side), got=got, want=mm))
        gutter = mar.get(qn("w:gutter")) if mar is not None else None
        if gutter and _mm(gutter) > MM_TOLERANCE:
            ok = False
            shown.append(M_("gutter {got:.1f} mm (want 0)", got=_mm(gutter)))
    if ok:
        return RuleResult("margins", True, Joined(" ", [M_("{side} {mm:g}", side=M_(k), mm=v)
                                                        for k, v in want.items()] + ["mm"]))
    return RuleResult("margins", False, Joined(", ", list(dict.fromkeys(shown))))


def grid(ctx: Context) -> RuleResult:
    """Lines per page and characters per line that the text area, size and spacing give."""
    lay = ctx.layout
    body = [q for q in ctx.paras if q.role == "body"]
    if not body:
        return RuleResult("grid", True, M_("no body paragraphs to check"))
    sections = _sections(ctx)
    if not sections:
        return _unset("grid")
    sect = sections[-1]
    pg, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    if pg is None or mar is None:
        return RuleResult("grid", False, M_("no page size or margins in the document"))
    width_pt = (int(pg.get(qn("w:w"))) - int(mar.get(qn("w:left"))) - int(mar.get(qn("w:right")))) / 20
    height_pt = (int(pg.get(qn("w:h"))) - abs(int(mar.get(qn("w:top")))) - abs(int(mar.get(qn("w:bottom"))))) / 20
    q = body[0]
    run = q.runs[q.lead_runs] if len(q.runs) > q.lead_runs else None
    layers = ctx.sheet.run_layers(q.p, run)
    size = x.size_of(layers) or 10
    spacing = int(x.first_attr(layers, "w:spacing", "w:val") or 0) / 20
    line = exact_line(ctx, q)
    players = ctx.sheet.para_layers(q.p)
    sides = [int(x.first_attr(players, "w:ind", f"w:{a}") or x.first_attr(players, "w:ind", f"w:{b}") or 0)
             for a, b in (("left", "start"), ("right", "end"))]
    width_pt -= sum(sides) / 20  # negative indents widen the line into the margins
    chars = int(width_pt / (size + spacing) + 1e-6) if size + spacing > 0 else 0
    lines = int(height_pt / line + 1e-6) if line else 0
    shown_line = M_("line {line:g} pt", line=line) if line else M_("line spacing not exact")
    widen = M_(", lines {widen:+g} pt", widen=-sum(sides) / 20) if any(sides) else ""
    found = M_("{lines} lines × {chars} characters ({size:g} pt {spacing:+g} pt{widen}, {line})",
               lines=lines or "?", chars=chars, size=size, spacing=spacing, widen=widen, line=shown_line)
    ok = (lines, chars) == (lay.lines_per_page, lay.chars_per_line)
    return RuleResult("grid", ok, found if ok else M_("{found} (want {lines} × {chars})", found=found,
                                                      lines=lay.lines_per_page, chars=lay.chars_per_line))

