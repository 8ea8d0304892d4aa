"""``drafter draft OUTLINE``: a whole speech from a YAML outline, the templates and the phrase bank."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

ORDER = 30


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)


def draft(
    outline: Path = typer.Argument(..., help="The outline (.yaml); see docs/outline.md."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write here (.docx .md .txt); stdout text if not given."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Same seed, same draft; another seed, another draft (default 0)."),
    bank: Optional[Path] = typer.Option(None, "--bank", help="Phrase bank directory (default ./phrasebank, else the built-in one)."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Look for templates here first, then ./templates, then the built-in ones."),
    strict: bool = typer.Option(False, "--strict", help="A slot with no value in vars is an error, not a 〔待补充〕 marker."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="Write where every borrowed line came from (.yaml or .json)."),
    layout: Optional[str] = typer.Option(None, "--layout", help="Layout profile name or file, for .docx output."),
    reference_doc: Optional[Path] = typer.Option(None, "--reference-doc", help="A .docx whose styles the output takes, for .docx output."),
    force: bool = typer.Option(False, "--force", help="Replace an output file that already exists."),
    lint_comments: bool = typer.Option(False, "--lint-comments", help="Lint the .docx and put every finding in it as a Word comment."),
) -> None:
    """Draft a complete speech from an outline: title, 同志们：, opening, every section, closing."""
    from drafter.cli import fail
    from drafter.compose import draft as compose

    docx_options = {k: v for k, v in (("layout", layout), ("reference_doc", reference_doc)) if v is not None}
    if lint_comments and (out is None or out.suffix.lower() != ".docx"):
        fail("--lint-comments applies to .docx output only (use -o NAME.docx)")
    if docx_options and (out is None or out.suffix.lower() != ".docx"):
        fail("--layout and --reference-doc apply to .docx output only (use -o NAME.docx)")
    from drafter.writers.guard import check_output
    inputs = [outline, reference_doc, Path(layout) if layout else None]
    if out is not None:
        check_output(out, inputs=inputs, force=force)
    if sources is not None:
        check_output(sources, inputs=inputs, force=force, option="--sources")
        if out is not None and out.resolve() == sources.resolve():
            fail(f"{out}: -o and --sources name the same file; choose two")
    from drafter.bank.locate import announce, resolve_bank

    choice = resolve_bank(bank)
    announce(choice)
    result = compose(outline, bank=choice.path, seed=seed, templates=templates, strict=strict)
    for warning in result.warnings:
        typer.echo(f"drafter: warning: {warning}", err=True)
    if sources is not None:
        write_sources(sources, result)
    if out is None:
        from drafter.writers import render
        typer.echo(render(result.speech, "txt"), nl=False)
        return
    from drafter.writers import write
    write(result.speech, out, **docx_options)
    typer.echo(f"drafter: wrote {out} ({result.length} characters, target {result.target})", err=True)
    if lint_comments:
        from drafter.writers.docx_comments import comment_draft
        typer.echo(f"drafter: {comment_draft(out)} lint comments in {out}", err=True)


def write_sources(path: Path, result) -> None:
    """溯源: for every borrowed line, the phrase id and the source documents and paragraphs."""
    import json

    from drafter.writers.atomic import write_text_atomic

    data = {"target": result.target, "length": result.length, "template": result.template,
            "borrowed": result.sources_dict()}
    if path.suffix.lower() == ".json":
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    import yaml

    write_text_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
