"""The import structure of the package: no cycles, and each module only imports its own layer or lower.

The layers and the rule are documented in docs/architecture.md ("Layers"); this test is what
holds the code to them. Imports are read from the source (``ast``), including imports inside
functions: an import a function defers still makes the two modules depend on each other.
Imports under ``if TYPE_CHECKING:`` count for the layer rule (a type is a dependency too) but
not for cycles (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"

#: lowest first. A module may import modules of its own layer and of the layers below it.
#: Names are the first component under ``drafter`` (a top-level module or a subpackage);
#: ``""`` is the package's own ``__init__`` (``__version__``, lazy names: no imports).
LAYERS: list[tuple[str, set[str]]] = [
    ("base", {"", "i18n", "errors", "faults", "limits", "atomic", "diskcache", "dates", "markers", "roles",
              "sectors", "words",
              "suggest", "yamlfile", "textshape", "normalize", "ooxml", "console"}),
    ("model", {"model", "blocks"}),
    ("formats", {"readers", "parser", "layouts", "fonts"}),
    ("corpus", {"mining", "bank", "lint", "check"}),
    ("output", {"writers", "compose"}),
    ("interface", {"commands", "serve", "clihelp", "fastcli"}),
    ("entry", {"cli", "__main__"}),
]
LAYER_OF = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, int, bool]]:
    """``[(imported drafter module, line, type-checking only)]`` for the module at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # `from drafter import markers` imports the module drafter.markers
            targets = [f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in known] or [source]
        else:
            continue
        for target in targets:
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in known and target != name:
                out.append((target, node.lineno, _type_checking_only(node, parents)))
    return out


def graph(runtime_only: bool) -> dict[str, dict[str, int]]:
    known = modules()
    edges: dict[str, dict[str, int]] = {m: {} for m in known}
    for name, path in known.items():
        for target, line, typing_only in imports_of(name, path, known):
            if not (runtime_only and typing_only):
                edges[name].setdefault(target, line)
    return edges


def find_cycle(edges: dict[str, dict[str, int]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None (iterative depth-first search)."""
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    for root in sorted(edges):
        if root in state:
            continue
        path = [root]
        stack = [iter(sorted(edges[root]))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(edges[nxt])))
    return None


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYER_OF[parts[1] if len(parts) > 1 else ""]


def test_every_module_has_a_layer():
    unplaced = sorted({m.split(".")[1] for m in modules() if "." in m} - set(LAYER_OF))
    assert not unplaced, f"add these to LAYERS here and in docs/architecture.md: {unplaced}"


def test_no_import_cycles():
    cycle = find_cycle(graph(runtime_only=True))
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_each_module_imports_only_its_layer_or_lower():
    wrong = []
    for module, targets in graph(runtime_only=False).items():
        for target, line in targets.items():
            if layer(target) > layer(module):
                wrong.append(f"{module} (line {line}, layer {LAYERS[layer(module)][0]}) imports {target} "
                             f"(layer {LAYERS[layer(target)][0]})")
    assert not wrong, "\n".join(wrong)


def test_the_model_imports_no_reader_parser_or_writer():
    imported = graph(runtime_only=False)
    for module in ("drafter.model", "drafter.blocks"):
        assert not [t for t in imported[module] if t.split(".")[1] in ("readers", "parser", "writers")]


def test_commands_do_not_reach_back_into_the_cli():
    imported = graph(runtime_only=False)
    back = sorted(m for m, targets in imported.items() if m.startswith("drafter.commands") and "drafter.cli" in targets)
    assert not back, f"raise drafter.errors.UsageError instead of importing drafter.cli: {back}"


#: the parts of drafter/clihelp/, lowest first: each imports only those before it
CLIHELP = ["drafter.clihelp.layout", "drafter.clihelp.pages", "drafter.clihelp.usage", "drafter.clihelp.root"]


def test_clihelp_parts_import_only_those_before_them():
    imported = graph(runtime_only=False)
    assert sorted(m for m in imported if m.startswith("drafter.clihelp.")) == sorted(CLIHELP)
    wrong = [f"{m} imports {t}" for i, m in enumerate(CLIHELP) for t in imported[m]
             if t.startswith("drafter.clihelp") and t not in CLIHELP[:i]]
    assert not wrong, "\n".join(wrong)


#: the steps of writing one body (drafter/compose/), lowest first: a step imports no later one —
#: what a sentence says, how a body is printed, what the bodies of a draft share, the writer
BODY_STEPS = ["drafter.compose.sentences", "drafter.compose.paragraphs", "drafter.compose.state",
              "drafter.compose.section"]


def test_the_steps_of_writing_a_body_import_no_later_step():
    imported = graph(runtime_only=False)
    wrong = [f"{m} imports {t}" for i, m in enumerate(BODY_STEPS) for t in imported[m] if t in BODY_STEPS[i + 1:]]
    assert not wrong, "\n".join(wrong)
    # what a sentence says and how a body is printed are plain text: no bank, no draft
    assert not [t for m in BODY_STEPS[:2] for t in imported[m] if t.startswith("drafter.compose.")]


def test_clihelp_layout_is_plain_text():
    """``drafter lint`` lays its report out with it: no framework behind a width."""
    tree = ast.parse((PACKAGE / "clihelp" / "layout.py").read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {n.split(".")[0] for n in names} - {"__future__", "inspect", "re", "unicodedata"}, names


# the checker itself: it must see what it is meant to catch

def test_find_cycle_sees_a_cycle_and_a_clean_graph():
    assert find_cycle({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1}, "b": {}, "c": {"a": 1, "b": 1}}) is None


@pytest.mark.parametrize("source, expected", [
    ("from drafter.model import Speech\n", [("drafter.model", 1, False)]),
    ("def f():\n    from drafter import markers\n", [("drafter.markers", 2, False)]),
    ("from .phrase import Bank\n", [("drafter.bank.phrase", 1, False)]),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import drafter.model\n", [("drafter.model", 3, True)]),
    ("import os\nfrom docx.oxml.ns import qn\n", []),
])
def test_imports_of_reads_absolute_relative_deferred_and_typing_imports(tmp_path, source, expected):
    path = tmp_path / "store.py"
    path.write_text(source, encoding="utf-8")
    known = {"drafter.model": Path(), "drafter.markers": Path(), "drafter.bank.phrase": Path(),
             "drafter.bank.store": path}
    assert imports_of("drafter.bank.store", path, known) == expected
