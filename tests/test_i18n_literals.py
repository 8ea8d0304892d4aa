"""No user-facing English left unwrapped: every error raised and every line echoed goes through gettext.

Walks the AST of every module under drafter/ and fails on
* ``raise SomeError("text")`` / ``raise SomeError(f"...")`` whose message (first argument) is a string
  literal or f-string with letters, not wrapped in ``_()``/``N_()``/``M_()``/``ngettext()``;
* ``typer.echo("...")``, ``click.echo("...")``, ``print("...")`` whose first argument is such a literal.

A site that is not for people (debug output, machine-readable output, an internal error a user never
sees) goes in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "drafter"
WRAPPERS = {"_", "N_", "M_", "ngettext", "translate"}
WORD = re.compile(r"[A-Za-z]{2,}")


def _sentence(text: str) -> bool:
    """Words a person reads: two or more words of letters once placeholders and the name drafter are gone."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    return len([t for t in text.split() if WORD.search(t) and t.strip(":") != "drafter"]) >= 2

# (module path relative to drafter/, a fragment of the literal) -> why it is not user-facing
ALLOWED: dict[tuple[str, str], str] = {
    ("__init__.py", "has no attribute"): "module __getattr__ protocol: hasattr() reads it, not a person",
    ("bank/__init__.py", "has no attribute"): "module __getattr__ protocol: hasattr() reads it, not a person",
    ("cli.py", "has no attribute"): "module __getattr__ protocol: hasattr() reads it, not a person",
    ("writers/docx_package.py", "no document or core part"): "NotPreparable is caught: the caller writes the slow way",
    ("writers/docx_package.py", "the body is not"): "NotPreparable is caught: the caller writes the slow way",
    ("writers/docx_package.py", "core properties not"): "NotPreparable is caught: the caller writes the slow way",
    ("i18n.py", "unknown language"): "ValueError from set_language: the CLI validates --lang first; "
    "a programming error, and the catalog cannot translate before the language is known",
}


def _text(node: ast.AST) -> str | None:
    """The literal text of a str constant or f-string (placeholders as {}), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left or "") + (right or "")
    return None


def _call_name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        base = func.value.id if isinstance(func.value, ast.Name) else "?"
        return f"{base}.{func.attr}"
    return "?"


def _sites(path: Path) -> list[tuple[int, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, str]] = []

    def check(call: ast.Call, kind: str, args: list[ast.expr]) -> None:
        for arg in args:
            text = _text(arg)
            if text is not None and _sentence(text):
                found.append((call.lineno, kind, text))

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            check(node.exc, "raise " + _call_name(node.exc.func), node.exc.args)  # r.fail(key, message) too
        elif isinstance(node, ast.Call) and _call_name(node.func) in ("typer.echo", "click.echo", "print", "typer.secho", "click.secho"):
            check(node, _call_name(node.func), node.args[:1])
    return found


def literal_sites() -> list[str]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, kind, text in _sites(path):
            if any(rel == mod and frag in text for (mod, frag) in ALLOWED):
                continue
            out.append(f"drafter/{rel}:{line}: {kind}({text!r})")
    return out


def test_no_unwrapped_user_facing_literals() -> None:
    sites = literal_sites()
    assert not sites, f"{len(sites)} user-facing literals not through gettext:\n" + "\n".join(sites)


def test_allowlist_entries_still_exist() -> None:
    """An allowlist entry whose site is gone must go too (no stale exemptions)."""
    for mod, frag in ALLOWED:
        texts = [text for _, _, text in _sites(ROOT / mod)]
        assert any(frag in t for t in texts), f"ALLOWED entry {mod}: {frag!r} matches nothing"


@pytest.mark.parametrize(
    "source",
    ['raise OutlineError("no such file")', 'raise OutlineError(f"bad value {x}")', 'typer.echo("wrote it")', 'print("hello there")',
     'raise r.fail("page", "must be a mapping")'],
)
def test_detector_catches(source: str, tmp_path: Path) -> None:
    p = tmp_path / "m.py"
    p.write_text(source + "\n", encoding="utf-8")
    assert _sites(p)


@pytest.mark.parametrize(
    "source",
    ['raise OutlineError(_("no such file"))', 'raise OutlineError(_("bad {x}").format(x=x))', 'typer.echo(json.dumps(d))', 'print("—")',
     'raise outline.error("type", unknown(N_("type"), t, names))', 'typer.echo(f"drafter: {err}")'],
)
def test_detector_passes_wrapped(source: str, tmp_path: Path) -> None:
    p = tmp_path / "m.py"
    p.write_text(source + "\n", encoding="utf-8")
    assert not _sites(p)
