"""The rules of styles and runs: East Asian, Latin and punctuation fonts, sizes, bold, language."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from drafter import ooxml as x
from drafter.check.paragraphs import Para, style_role
from drafter.check.rules.base import Context, RuleResult, result_of
from drafter.i18n import M_, N_, Joined
from drafter.layouts import TextStyle, describe_size

_LATIN = re.compile("[A-Za-z0-9]")
_CN_PUNCT = re.compile("[“”‘’—…]")


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
    return result_of("style fonts", problems, len(checks), N_("styles"), Joined(", ", shown))


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
    return result_of("run fonts", problems, n, N_("runs"), M_("{n} runs in their style's East Asian font", n=n))


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
    return result_of("latin font", problems, n, N_("runs with Latin letters or digits"),
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
    return result_of("punctuation font", problems, n, N_("runs with “”—…"),
                   M_("{n} runs keep “”—… in the Chinese font", n=n))


def sizes(ctx: Context) -> RuleResult:
    problems, n = [], 0
    for q, i, _r, layers, look in _each_run(ctx):
        n += 1
        got = x.size_of(layers) or 10.0
        if abs(got - look.size) > 0.01:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=describe_size(got), want=describe_size(look.size)))
    return result_of("sizes", problems, n, N_("runs"), M_("{n} runs in their style's size", n=n))


def bold(ctx: Context) -> RuleResult:
    problems, n = [], 0
    for q, i, _r, layers, look in _each_run(ctx):
        n += 1
        got = x.bold_of(layers)
        if got != look.bold:
            problems.append(M_("{para} run {i}: {got} (want {want})", para=q.label(), i=i + 1,
                               got=M_("bold") if got else M_("not bold"),
                               want=M_("bold") if look.bold else M_("regular")))
    return result_of("bold", problems, n, N_("runs"), M_("{n} runs bold only where the layout says", n=n))


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

