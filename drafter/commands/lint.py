"""``drafter lint FILE...``: proofread speeches; ``file:paragraph: level rule-id: message``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import typer

from drafter.clihelp.layout import width_of
from drafter.errors import DrafterError, UsageError
from drafter.i18n import N_, _, ngettext, pinned, translate

ORDER = 60

HELP = N_("""Proofread speeches: placeholders, numbering, repetition, punctuation, pairs, length, 规范表述.

Exit status: 0 clean or warnings only, 1 errors found, 2 a file or option could not be used.

Examples:

    drafter lint 发言.docx
    drafter lint 发言.docx --target 10min --ignore repeated-phrase
    drafter lint 发言.txt --fix --in-place""")


def register(app: typer.Typer) -> None:
    app.command("lint", help=HELP)(lint)


def lint(
    paths: Optional[List[Path]] = typer.Argument(None, metavar="FILE...",
                                                 help=N_("Speech files (.txt .md .docx) or directories of them.")),
    as_json: bool = typer.Option(False, "--json",
                                 help=N_("One JSON object per finding per line (summary to stderr).")),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", metavar="FILE.yaml",
                                               help=N_("Extra 规范表述 rules (YAML); may be repeated.")),
    rate: int = typer.Option(220, "--rate", min=1, metavar="N",
                             help=N_("Speaking rate in 字 per minute, for the time estimate.")),
    target: Optional[str] = typer.Option(None, "--target", metavar="LENGTH",
                                         help=N_("Length target: 3000 (±10%), 2500-3500, 10min or 8-10min.")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULE",
                                               help=N_("Rule id not to report; may be repeated.")),
    phrase_count: int = typer.Option(3, "--phrase-count", min=2, metavar="N",
                                     help=N_("Report a four-character phrase used this many times.")),
    phrase_density: Optional[float] = typer.Option(None, "--phrase-density", min=0.0, metavar="NUM",
                                                   help=N_("Also report one used more often than this per 1,000 字.")),
    fix: bool = typer.Option(False, "--fix", help=N_("Write a copy with half-width punctuation made full-width "
                                                     "(NAME.fixed.EXT), then lint that copy.")),
    in_place: bool = typer.Option(False, "--in-place", help=N_("With --fix: rewrite the file itself.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help=N_("With --fix and one file: where to write.")),
    force: bool = typer.Option(False, "--force", help=N_("Replace an output file that already exists.")),
    comments: Optional[Path] = typer.Option(None, "--comments", metavar="OUT.docx",
                                            help=N_("With one .docx: write a copy with every finding as a Word "
                                                    "comment on the text it is about (author drafter).")),
    list_rules: bool = typer.Option(False, "--list-rules", help=N_("List every rule id with its level and exit.")),
) -> None:
    """Proofread speeches: placeholders, numbering, repetition, punctuation, pairs, length, 规范表述."""
    from drafter.lint import fix_file, lint_file, resolve_rules  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.lint.runner import make_options  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.readers import iter_sources  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.readers.stream import streams  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    loaded = resolve_rules(list(rules or []))
    if list_rules:
        _print_rules(loaded)
        return
    if not paths:
        raise UsageError(_("give one or more files to lint (or --list-rules)"))
    if (in_place or output) and not fix:
        raise UsageError(_("--in-place and --output only go with --fix"))
    if in_place and output:
        raise UsageError(_("--in-place and --output exclude each other"))
    # keyword arguments of lint_file and lint_parts
    options: dict[str, Any] = dict(rules=loaded, rate=rate, target=make_options(target, rate).target,
                                   ignore=frozenset(ignore or []), phrase_min_count=phrase_count,
                                   phrase_density=phrase_density)
    reports, unreadable = [], 0
    sources = list(iter_sources(paths))
    if output and len(sources) > 1:
        raise UsageError(_("--output needs exactly one file"))
    if output:
        from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        check_output(output, inputs=[s for s in sources if not isinstance(s, DrafterError)], force=force)
    if comments:
        if fix:
            raise UsageError(_("--comments and --fix exclude each other (fix first, then lint the fixed copy)"))
        if len(sources) != 1 or isinstance(sources[0], DrafterError) or sources[0].suffix.lower() != ".docx":
            raise UsageError(_("--comments needs exactly one .docx file to comment on"))
        if comments.suffix.lower() != ".docx":
            raise UsageError(_("{comments}: --comments writes a .docx").format(comments=comments))
        from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        check_output(comments, inputs=[s for s in sources if not isinstance(s, DrafterError)], force=force,
                     option="--comments")
    # the language resolved once, not twice per finding (a streamed dump prints tens of thousands)
    with pinned():
        for source in sources:
            try:
                if isinstance(source, DrafterError):
                    raise source
                if fix:
                    source, count = fix_file(source, out=output, in_place=in_place)
                    typer.echo(ngettext("{source}: {count} half-width mark made full-width",
                                        "{source}: {count} half-width marks made full-width", count).format(
                        source=source, count=count), err=True)
                if not fix and not comments and streams(source):
                    report = _lint_streamed(source, options, as_json)
                else:
                    report = lint_file(source, **options)
            except DrafterError as err:
                typer.echo(f"drafter: {err}", err=True)
                unreadable += 1
                continue
            reports.append(report)
            if comments:
                from drafter.writers.docx_comments import add_lint_comments  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
                count = add_lint_comments(source, comments, report.findings)
                typer.echo("drafter: " + _("wrote {out} ({count} comments)").format(out=comments, count=count), err=True)
            _echo_findings(report.findings, as_json)
            typer.echo(report.summary(), err=as_json)
        if len(reports) > 1:
            typer.echo(_total(reports), err=as_json)
        if unreadable:
            raise typer.Exit(2)
        if any(r.errors for r in reports):
            raise typer.Exit(1)


def _lint_streamed(source, options: dict, as_json: bool):
    """A file too large to hold whole, linted part by part (``readers/stream.py``): each part's
    findings printed as they come; the report returned holds only the totals."""
    from drafter.lint.findings import LintReport  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.lint.runner import lint_parts  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    chars = errors = warnings = 0
    for part in lint_parts(source, **options):
        _echo_findings(part.findings, as_json)
        for note in part.notes:
            typer.echo("drafter: " + note, err=True)
        chars += part.chars
        errors += part.errors
        warnings += part.warnings
    return LintReport(str(source), [], chars, options.get("rate", 220), tally=(errors, warnings))


def _echo_findings(findings, as_json: bool) -> None:
    """One write for a report's findings, not one per finding."""
    if findings:
        typer.echo("\n".join(f.to_json() if as_json else f.line() for f in findings))


def _total(reports) -> str:
    from drafter.lint.findings import count_of, format_minutes  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    chars = sum(r.chars for r in reports)
    rate = reports[0].rate
    errors, warnings = sum(r.errors for r in reports), sum(r.warnings for r in reports)
    return _("total: {files}, {chars} 字, {minutes} at {rate} 字/分; {errors}, {warnings}").format(
        files=count_of(len(reports), "file"), chars=chars, minutes=translate(format_minutes(chars / rate)),
        rate=rate, errors=count_of(errors, "error"), warnings=count_of(warnings, "warning"))


def _print_rules(loaded) -> None:
    from drafter.lint import builtin_rules  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    def level_of(level: str) -> str:
        shown = _(level)
        return shown + " " * max(0, 8 - width_of(shown))

    for rid, (level, text) in builtin_rules().items():
        typer.echo(f"{rid:24} {level_of(level)}{_(text)}")
    for rule in loaded:
        write = rule.write or _("(table)")
        typer.echo(f"{rule.id:24} {level_of(rule.level)}→ {write}  [{rule.source}]")
