"""``drafter draft OUTLINE``: a whole speech from a YAML outline, the templates and the phrase bank."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from drafter.atomic import write_text_atomic
from drafter.bank.locate import announce, resolve_bank
from drafter.console import echo
from drafter.errors import UsageError
from drafter.fastcli import Spec
from drafter.i18n import N_, _

if TYPE_CHECKING:
    import typer

ORDER = 30

HELP = N_("""Draft a complete speech from an outline: title, 同志们：, opening, every section, closing.

The text comes from the phrase bank (see docs/bank-format.md for which bank is used); the
same outline and seed give the same draft.

Examples:

    drafter draft 提纲.yaml -o 发言.docx
    drafter draft 提纲.yaml --seed 2 --sources 发言-溯源.yaml -o 发言.docx
    drafter draft 提纲.yaml > 发言.txt""")
BANK_HELP = N_("Phrase bank folder (default: DRAFTER_BANK, else the project's bank found from the current "
               "folder, else the built-in one; see docs/bank-format.md).")


#: the command line as the signature in ``register`` declares it (fastcli.py: read without typer)
FAST = Spec(arguments=("outline",),
            options={"-o": "out", "--out": "out", "--seed": "seed", "--bank": "bank", "--templates": "templates",
                     "--sources": "sources", "--layout": "layout", "--reference-doc": "reference_doc"},
            flags={"--strict": "strict", "--force": "force", "--lint-comments": "lint_comments"},
            ints=frozenset({"seed"}), strings=frozenset({"layout"}))


def register(app: typer.Typer) -> None:
    import typer  # noqa: PLC0415 - the CLI framework (+75 ms CPU, measured): `drafter draft` runs without it (FAST)

    def draft(
        outline: Path = typer.Argument(..., metavar="OUTLINE.yaml", help=N_("The outline (.yaml); see docs/outline.md.")),
        out: Optional[Path] = typer.Option(None, "-o", "--out", metavar="FILE",
                                           help=N_("Write here (.docx .pdf .md .txt); text on stdout if not given.")),
        seed: Optional[int] = typer.Option(None, "--seed", metavar="N",
                                           help=N_("Same seed, same draft; another seed, another draft (default 0).")),
        bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR", help=BANK_HELP),
        templates: Optional[Path] = typer.Option(None, "--templates", metavar="DIR",
                                                 help=N_("Look for templates here first, then ./templates, then "
                                                         "the built-in ones.")),
        strict: bool = typer.Option(False, "--strict",
                                    help=N_("A slot with no value in vars is an error, not a 〔待补充〕 marker.")),
        sources: Optional[Path] = typer.Option(None, "--sources", metavar="FILE",
                                               help=N_("Write where every borrowed line came from (.yaml or .json).")),
        layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                             help=N_("Layout profile name or file, for .docx output.")),
        reference_doc: Optional[Path] = typer.Option(None, "--reference-doc", metavar="FILE.docx",
                                                     help=N_("A .docx whose styles the output takes, for .docx output.")),
        force: bool = typer.Option(False, "--force", help=N_("Replace an output file that already exists.")),
        lint_comments: bool = typer.Option(False, "--lint-comments",
                                           help=N_("Lint the .docx and put every finding in it as a Word comment.")),
    ) -> None:
        """Draft a complete speech from an outline: title, 同志们：, opening, every section, closing."""
        run(outline=outline, out=out, seed=seed, bank=bank, templates=templates, strict=strict, sources=sources,
            layout=layout, reference_doc=reference_doc, force=force, lint_comments=lint_comments)

    app.command("draft", help=HELP)(draft)


def run(outline: Path, out: Optional[Path], seed: Optional[int], bank: Optional[Path], templates: Optional[Path],
        strict: bool, sources: Optional[Path], layout: Optional[str], reference_doc: Optional[Path], force: bool,
        lint_comments: bool) -> None:
    """Draft a complete speech from an outline: title, 同志们：, opening, every section, closing."""
    from drafter.compose import draft as compose  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    docx_options = {k: v for k, v in (("layout", layout), ("reference_doc", reference_doc)) if v is not None}
    if lint_comments and (out is None or out.suffix.lower() != ".docx"):
        raise UsageError(_("--lint-comments applies to .docx output only (use -o NAME.docx)"))
    if docx_options and (out is None or out.suffix.lower() not in (".docx", ".pdf")):
        raise UsageError(_("--layout and --reference-doc apply to .docx and .pdf output only (use -o NAME.docx)"))
    from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    inputs = [outline, reference_doc, Path(layout) if layout else None]
    if out is not None:
        check_output(out, inputs=inputs, force=force)
    if sources is not None:
        check_output(sources, inputs=inputs, force=force, option="--sources")
        if out is not None and out.resolve() == sources.resolve():
            raise UsageError(_("{out}: -o and --sources name the same file; choose two").format(out=out))

    choice = resolve_bank(bank)
    announce(choice)
    loaded = _warn_unedited(outline)
    result = compose(loaded, bank=choice.path, seed=seed, templates=templates, strict=strict)
    for warning in result.warnings:
        echo("drafter: " + _("warning: {warning}").format(warning=warning), err=True)
    if sources is not None:
        write_sources(sources, result)
    if out is None:
        from drafter.writers import render  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        text = render(result.speech, "txt")
        echo(text if text.endswith("\n") else text + "\n", nl=False)  # a last line, not glued to the next
        return
    from drafter.writers import write  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    write(result.speech, out, **docx_options)
    echo("drafter: " + _("wrote {out} ({length} characters, target {target})").format(
        out=out, length=result.length, target=result.target), err=True)
    if lint_comments:
        from drafter.writers.docx_comments import comment_draft  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
        echo("drafter: " + _("{n} lint comments in {out}").format(n=comment_draft(out), out=out), err=True)


def _warn_unedited(outline: Path):
    """The outline, read once; one straight from ``drafter new`` still holds its 〔待填：…〕: say
    so before drafting."""
    from drafter.compose.outline import load_outline, unedited  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    loaded = load_outline(outline)
    for key, text in unedited(loaded):
        echo("drafter: " + _("warning: {key} still holds {text} from drafter new; write your own "
                                   "before drafting").format(key=key, text=text), err=True)
    return loaded


def write_sources(path: Path, result) -> None:
    """溯源: for every borrowed line, the phrase id and the source documents and paragraphs."""


    data = {"target": result.target, "length": result.length, "template": result.template,
            "borrowed": result.sources_dict()}
    if path.suffix.lower() == ".json":
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    import yaml  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    write_text_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))
