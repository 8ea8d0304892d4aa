"""Run every rule over a document: the one place that knows the rule families.

``lint_paragraphs`` is the core (it takes the normalised paragraphs, or plain
strings in tests); ``lint_text`` and ``lint_file`` get there through the same
reader and normaliser everything else in drafter uses, so paragraph numbers agree
with parse positions and bank sources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, cast

from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.limits import limit
from drafter.lint import length, numbering, pairs, placeholders, punctuation, repetition, structure, terms
from drafter.lint.context import Doc, LintOptions, ParaLike, SimplePara
from drafter.lint.findings import Finding, LintReport
from drafter.lint.text import content_chars
from drafter.normalize import paragraphs
from drafter.readers import read
from drafter.readers.stream import parts
from drafter.readers.text import strip_markdown

#: built-in rule families, in the order their findings are listed within a paragraph
FAMILIES = (placeholders, numbering, structure, repetition, punctuation, pairs, length)

Check = Callable[[Doc], Iterator[Finding]]
RulesArg = str | Path | Sequence[str | Path] | Sequence[terms.TermRule] | None


def builtin_rules() -> dict[str, tuple[str, str]]:
    """``{rule id: (level, description)}`` for every built-in rule."""
    out: dict[str, tuple[str, str]] = {}
    for family in FAMILIES:
        out.update(family.RULES)
    return out


def resolve_rules(rules: RulesArg = None) -> list[terms.TermRule]:
    """规范表述 rules: the shipped ones plus user files, or an already loaded list as is."""
    if isinstance(rules, (list, tuple)) and rules and all(isinstance(r, terms.TermRule) for r in rules):
        return list(rules)
    # anything else is files (a list mixing rules and files fails in load_rules, as before)
    loaded = terms.load_rules(cast("str | Path | Sequence[str | Path] | None", rules or None))
    clash = sorted({r.id for r in loaded} & set(builtin_rules()))
    if clash:
        raise DrafterError(_("rule id {rule!r} is a built-in rule id; choose another").format(rule=clash[0]), key="id")
    return loaded


def make_options(target=None, rate: int = 220, **options) -> LintOptions:
    if isinstance(target, str):
        target = length.parse_target(target, rate)
    return LintOptions(target=target, rate=rate, **options)


def lint_paragraphs(paras: Iterable[ParaLike | str], file: str = "<text>", rules: RulesArg = None,
                    target=None, rate: int = 220, offset: int = 0, carry: dict | None = None,
                    **options) -> LintReport:
    """Lint paragraphs (``Para`` objects, or strings standing for already clean text).

    For one part of a longer file: ``offset`` paragraphs came before it, ``carry`` is what the
    rules kept from them (one dict for the whole file, see ``lint_parts``)."""
    items = [SimplePara(p, p, i) if isinstance(p, str) else p for i, p in enumerate(paras, 1)]
    doc = Doc(file, items, make_options(target, rate, **options), offset=offset, carry=carry)
    checks: list[Check] = [f.check for f in FAMILIES] + [terms.check_with(resolve_rules(rules))]
    findings = [f for check in checks for f in check(doc) if f.rule not in doc.options.ignore]
    findings.sort(key=lambda f: (f.paragraph, _rank(f)))
    chars = sum(content_chars(p.text) for p in items)
    return LintReport(file, findings, chars, rate)


def _rank(f: Finding) -> int:
    return 0 if f.level == "error" else 1


def lint_text(text: str, file: str = "<text>", rejoin: bool = True, **kwargs) -> LintReport:
    return lint_paragraphs(paragraphs(text, rejoin=rejoin), file, **kwargs)


def lint_file(path: str | Path, rules: RulesArg = None, target=None, rate: int = 220,
              **options) -> LintReport:
    """Read a .txt/.md/.docx (ReadError if it cannot be read) and lint it."""
    raw = read(path)
    return lint_text(raw.text, str(path), rejoin=raw.rejoin, rules=rules, target=target,
                     rate=rate, **options)


def lint_parts(path: str | Path, rules: RulesArg = None, rate: int = 220, target=None,
               **options) -> Iterator[LintReport]:
    """Lint a text file too large to hold whole (``readers/stream.py``) part by part: one report
    per part, its findings numbered by paragraphs of the whole file, then one more with what
    only the end of the file decides and, as ``notes``, what the rules covered.

    Rules that follow the document carry their state from part to part and so see the whole
    file: numbering and inline item runs, repeated sentences (up to
    ``repetition.CARRY_SENTENCES`` remembered), empty sections, the length against ``--target``.
    Overused phrases and long paragraphs are judged within each part (counting every phrase
    of hundreds of MB would hold them all): the notes say so."""
    loaded = resolve_rules(rules)
    markdown = Path(path).suffix.lower() in (".md", ".markdown")
    file = str(path)
    carry: dict = {}
    before = chars = count = 0
    for part in parts(path):
        paras = paragraphs(strip_markdown(part.text) if markdown else part.text, layout=part.layout)
        report = lint_paragraphs(paras, file, rules=loaded, rate=rate, offset=before, carry=carry, **options)
        before += len(paras)
        chars += report.chars
        count += 1
        yield report
    last = Doc(file, [], make_options(target, rate, **options), carry=carry)   # the length: at paragraph 1
    findings = [f for f in (*structure.finish(file, carry), *length.verdict(last, chars))
                if f.rule not in last.options.ignore]
    notes = [_("{file}: read in {parts} parts of about {mb} MB; numbering, repeated sentences, empty sections "
               "and the length target are checked across the whole file, overused phrases and long "
               "paragraphs within each part").format(file=file, parts=count, mb=limit("STREAM_PART_MB", 2))]
    if "sentences-full" in carry:
        notes.append(_("{file}: past paragraph {para}, sentences are checked only against the {n} remembered "
                       "before it").format(file=file, para=carry["sentences-full"],
                                           n=repetition.CARRY_SENTENCES))
    yield LintReport(file, findings, 0, rate, notes=notes)
