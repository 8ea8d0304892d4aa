"""The layout rules ``drafter check`` applies, one function each.

Every rule returns a ``RuleResult`` saying what it found; a failing rule lists the first
few places at fault (paragraph number and opening words) so the user can find them.
Numbers come from the ``Layout`` the writer uses, so writer and checker agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from docx.oxml.ns import qn

from drafter import ooxml as x
from drafter.check.paragraphs import Para, marker_level, outline_level, stands_alone, style_role
from drafter.i18n import M_, N_, Joined
from drafter.layouts import Layout, TextStyle, describe_size

if TYPE_CHECKING:
    from docx.document import Document

#: margin sides as shown to a person (the layout keys stay as they are)
_SIDES = (N_("top"), N_("bottom"), N_("left"), N_("right"))

TWIPS_PER_MM = 1440 / 25.4
MM_TOLERANCE = 0.5
SHOWN = 3  # places listed per failing rule
_LATIN = re.compile("[A-Za-z0-9]")
_CN_PUNCT = re.compile("[“”‘’—…]")
_LEFT = (None, "left", "start")


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


def _result(rule: str, problems: Sequence[str], checked: int, what: str, good: str) -> RuleResult:
    """Pass with ``good`` or fail with the count and the first places at fault (``what`` is a
    msgid marked N_: "runs", "paragraphs")."""
    if not problems:
        return RuleResult(rule, True, good if checked else M_("no {what} to check", what=M_(what)))
    shown = Joined("; ", list(problems[:SHOWN]) + (["…"] if len(problems) > SHOWN else []))
    return RuleResult(rule, False, M_("{n} of {checked} {what} wrong: {shown}", n=len(problems), checked=checked,
                                      what=M_(what), shown=shown))


def _mm(twips) -> float:
    return int(twips) / TWIPS_PER_MM


# ---------------------------------------------------------------- page

def _sections(ctx: Context) -> list:
    return ctx.document.element.body.findall(f".//{qn('w:sectPr')}")


def page_size(ctx: Context) -> RuleResult:
    want = (ctx.layout.width_mm, ctx.layout.height_mm)
    found = []
    for sect in _sections(ctx):
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
    for sect in _sections(ctx):
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
    sect = _sections(ctx)[-1]
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
    line = _line(ctx, q)
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


def _line(ctx: Context, q: Para) -> float | None:
    """Exact line spacing in points, or None when the paragraph's spacing is not exact."""
    layers = ctx.sheet.para_layers(q.p)
    rule = x.first_attr(layers, "w:spacing", "w:lineRule")
    value = x.first_attr(layers, "w:spacing", "w:line")
    if rule != "exact" or value is None:
        return None
    return int(value) / 20


# ---------------------------------------------------------------- styles and runs

def _style_roles(ctx: Context) -> dict[str, str]:
    """Styles used by paragraphs whose name gives their role, plus Normal for body."""
    roles = {}
    for q in ctx.paras:
        role = style_role(q.style_name)
        if role and q.style_id:
            roles[q.style_id] = role
    if ctx.sheet.default_para:
        roles.setdefault(ctx.sheet.default_para, "body")
    return roles


def style_fonts(ctx: Context) -> RuleResult:
    problems, shown = [], []
    defaults = [ctx.sheet.default_rpr] if ctx.sheet.default_rpr is not None else []
    checks: list[tuple[str, list, str]] = [(M_("document defaults"), defaults, "body")]
    for style_id, role in _style_roles(ctx).items():
        layers = [s.find(qn("w:rPr")) for s in ctx.sheet.chain(style_id)] + defaults
        checks.append((ctx.sheet.style_name(style_id), [lay for lay in layers if lay is not None], role))
    for name, layers, role in checks:
        want = ctx.layout.styles[role].font
        got = x.font_of(layers, "eastAsia")
        if got != want:
            problems.append(M_("{name} {got} (want {want})", name=name, got=got or M_("no East Asian font"),
                               want=want))
        else:
            shown.append(M_("{name} {got}", name=name, got=got))
    return _result("style fonts", problems, len(checks), N_("styles"), Joined(", ", shown))


def _look(ctx: Context, q: Para, i: int, layers) -> TextStyle:
    """What run ``i`` should look like: a lead look that matches it best, else the role's style."""
    if i >= q.lead_runs:
        return ctx.layout.styles[q.role]
    lay = ctx.layout
    looks = [lay.styles[r] for r in (*lay.lead_sentence, lay.lead_item)]
    font, bold = x.font_of(layers, "eastAsia"), x.bold_of(layers)
    return next((s for s in looks if (s.font, s.bold) == (font, bold)),
                next((s for s in looks if s.font == font), looks[0]))


def _each_run(ctx: Context):
    for q in ctx.paras:
        for i, r in enumerate(q.runs):
            layers = ctx.sheet.run_layers(q.p, r)
            yield q, i, r, layers, _look(ctx, q, i, layers)


def run_fonts(ctx: Context) -> RuleResult:
    problems, n = [], 0
    for q, i, _r, layers, look in _each_run(ctx):
        n += 1
        got = x.font_of(layers, "eastAsia")
        if got != look.font:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=got or M_("no East Asian font"), want=look.font))
    return _result("run fonts", problems, n, N_("runs"), M_("{n} runs in their style's East Asian font", n=n))


def latin_font(ctx: Context) -> RuleResult:
    want, problems, n = ctx.layout.latin_font, [], 0
    for q, i, r, layers, _ in _each_run(ctx):
        if not _LATIN.search(r.text):
            continue
        n += 1
        got = x.font_of(layers, "ascii")
        if got != want:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=got or M_("no Latin font"), want=want))
    return _result("latin font", problems, n, N_("runs with Latin letters or digits"),
                   M_("{font} in {n} runs", font=want, n=n))


def punctuation_font(ctx: Context) -> RuleResult:
    """“”—… share code points with Latin fonts: w:hint="eastAsia" keeps them in the Chinese font."""
    problems, n = [], 0
    for q, i, r, layers, _ in _each_run(ctx):
        if not _CN_PUNCT.search(r.text):
            continue
        n += 1
        hint = x.first_attr(layers, "w:rFonts", "w:hint")
        if hint != "eastAsia" and x.font_of(layers, "ascii") != x.font_of(layers, "eastAsia"):
            problems.append(M_("{para} run {i}: no East Asian hint, “”—… take {font}", para=q.label(), i=i + 1,
                               font=x.font_of(layers, "ascii")))
    return _result("punctuation font", problems, n, N_("runs with “”—…"),
                   M_("{n} runs keep “”—… in the Chinese font", n=n))


def sizes(ctx: Context) -> RuleResult:
    problems, n = [], 0
    for q, i, _r, layers, look in _each_run(ctx):
        n += 1
        got = x.size_of(layers) or 10.0
        if abs(got - look.size) > 0.01:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=describe_size(got), want=describe_size(look.size)))
    return _result("sizes", problems, n, N_("runs"), M_("{n} runs in their style's size", n=n))


def bold(ctx: Context) -> RuleResult:
    problems, n = [], 0
    for q, i, _r, layers, look in _each_run(ctx):
        n += 1
        got = x.bold_of(layers)
        if got != look.bold:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=M_("bold") if got else M_("not bold"),
                               want=M_("bold") if look.bold else M_("regular")))
    return _result("bold", problems, n, N_("runs"), M_("{n} runs bold only where the layout says", n=n))


def language(ctx: Context) -> RuleResult:
    want = ctx.layout.language
    problems = []
    defaults = [ctx.sheet.default_rpr] if ctx.sheet.default_rpr is not None else []
    got = x.first_attr(defaults, "w:lang", "w:eastAsia")
    if got != want:
        problems.append(M_("document defaults {got}", got=got or M_("none")))
    theme = ctx.document.settings.element.find(qn("w:themeFontLang"))
    theme_lang = theme.get(qn("w:eastAsia")) if theme is not None else None
    if theme_lang not in (None, want):
        problems.append(M_("theme fonts {lang} (falls back to its fonts)", lang=theme_lang))
    if problems:
        return RuleResult("language", False, M_("{problems} (want East Asian language {want})",
                                                problems=Joined(", ", problems), want=want))
    return RuleResult("language", True, M_("East Asian language {want}", want=want))


# ---------------------------------------------------------------- paragraphs

def line_spacing(ctx: Context) -> RuleResult:
    want = ctx.layout.line_spacing_pt
    problems = []
    for q in ctx.paras:
        got = _line(ctx, q)
        if got is None or abs(got - want) > 0.05:
            problems.append(M_("{para} {got}", para=q.label(),
                               got=M_("exactly {pt:g} pt", pt=got) if got else M_("not exact")))
    return _result("line spacing", problems, len(ctx.paras), N_("paragraphs"),
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
    return _result("indent", problems, len(ctx.paras), N_("paragraphs"),
                   M_("first lines indented as the layout says"))


def alignment(ctx: Context) -> RuleResult:
    want_jc = {"left": _LEFT, "center": ("center",), "right": ("right", "end"), "justify": ("both",)}
    problems = []
    for q in ctx.paras:
        want = ctx.layout.styles[q.role].align
        got = x.first_attr(ctx.sheet.para_layers(q.p), "w:jc", "w:val")
        if got not in want_jc[want]:
            problems.append(M_("{para} {got} (want {want})", para=q.label(), got=got or "left", want=want))
    return _result("alignment", problems, len(ctx.paras), N_("paragraphs"), M_("title block centred, text justified"))


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
    return _result("heading levels", problems, n, N_("numbered headings"),
                   M_("{n} numbered headings at their outline levels", n=n))


# ---------------------------------------------------------------- page numbers

def _footer_text(p) -> tuple[str, list]:
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
    found = [(p, *_footer_text(p)) for p in paras]
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


RULES = (page_size, margins, grid, style_fonts, run_fonts, latin_font, punctuation_font, sizes, bold,
         language, line_spacing, indent, alignment, heading_levels, page_numbers)
