"""``drafter export FILE -o OUT``: any speech (.txt .md .docx) to .docx in the official layout, .md or .txt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from drafter.console import echo
from drafter.errors import UsageError
from drafter.fastcli import Spec
from drafter.i18n import N_, _

if TYPE_CHECKING:
    import typer

ORDER = 40

HELP = N_("""Re-lay a speech out: parse it, then write it as .docx (official layout), .md or .txt.

Examples:

    drafter export 讲话.txt -o 讲话.docx
    drafter export 旧稿.docx -o 新稿.docx --layout large-print""")


#: the command line as the signature in ``register`` declares it (fastcli.py: read without typer)
FAST = Spec(arguments=("path",), options={"-o": "out", "--out": "out", "--layout": "layout",
                                          "--reference-doc": "reference_doc"},
            flags={"--force": "force"}, strings=frozenset({"layout"}), required=frozenset({"out"}))


def register(app: typer.Typer) -> None:
    import typer  # noqa: PLC0415 - the CLI framework (+75 ms CPU, measured): `drafter export` runs without it (FAST)

    def export(
        path: Path = typer.Argument(..., metavar="FILE", help=N_("A speech (.txt .md .docx; .doc .wps .pdf through LibreOffice/pdftotext).")),
        out: Path = typer.Option(..., "-o", "--out", metavar="OUT", help=N_("Write here: .docx, .pdf (through LibreOffice), .md or .txt.")),
        layout: Optional[str] = typer.Option(None, "--layout", metavar="NAME|FILE",
                                             help=N_("Layout profile for .docx output (default gbt9704).")),
        reference_doc: Optional[Path] = typer.Option(None, "--reference-doc", metavar="FILE.docx",
                                                     help=N_("Take styles and page setup from this .docx.")),
        force: bool = typer.Option(False, "--force", help=N_("Replace an output file that already exists.")),
    ) -> None:
        """Re-lay a speech out: parse it, then write it as .docx (official layout), .md or .txt."""
        run(path=path, out=out, layout=layout, reference_doc=reference_doc, force=force)

    app.command("export", help=HELP)(export)


def run(path: Path, out: Path, layout: Optional[str], reference_doc: Optional[Path], force: bool) -> None:
    """Re-lay a speech out: parse it, then write it as .docx (official layout), .md or .txt."""
    from drafter.parser import parse_file  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    from drafter.writers import write  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)

    options = {k: v for k, v in (("layout", layout), ("reference_doc", reference_doc)) if v is not None}
    if options and out.suffix.lower() not in (".docx", ".pdf"):
        raise UsageError(_("--layout and --reference-doc apply to .docx and .pdf output only (use -o NAME.docx)"))
    from drafter.writers.guard import check_output  # noqa: PLC0415 - `drafter --help` imports every command module: +950 ms CPU were these at the top (measured)
    check_output(out, inputs=[path, reference_doc, Path(layout) if layout else None], force=force)
    speech = parse_file(path)
    write(speech, out, **options)
    echo("drafter: " + _("wrote {out}").format(out=out), err=True)
