"""Reading user-written YAML (outlines, layouts, rules, banks) with errors that say where.

Every YAML file drafter reads was written or edited by a person, so a syntax error must
come back as one line naming the file, line and column, as the kind of ``DrafterError``
the caller's subject calls for (``OutlineError``, ``LayoutError``, ``BankError``...).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.errors import DrafterError


def yaml_error(err: yaml.YAMLError, path, error: type[DrafterError] = DrafterError,
               what: str = "not valid YAML") -> DrafterError:
    """A ``DrafterError`` for a PyYAML error, with the line and column of its mark."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or getattr(err, "context", None) or str(err)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return error(f"{what}: {problem}", path=str(path), line=line, column=column)


def parse_yaml(text: str, path, error: type[DrafterError] = DrafterError, loader=yaml.SafeLoader,
               what: str = "not valid YAML"):
    """The data in ``text``; a syntax error raises ``error`` naming ``path``, line and column."""
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as err:
        raise yaml_error(err, path, error, what) from None


def compose_yaml(text: str, path, error: type[DrafterError] = DrafterError,
                 what: str = "not valid YAML"):
    """``(data, node)``: the data and its node tree, whose marks give each key's line."""
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise yaml_error(err, path, error, what) from None


def read_text(path, error: type[DrafterError] = DrafterError, what: str = "file") -> str:
    """A UTF-8 text file (BOM allowed); missing or unreadable raises ``error`` naming it."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"{what} not found", path=str(path)) from None
    except UnicodeDecodeError:
        raise error(f"{what} is not UTF-8 text", path=str(path)) from None
    except OSError as err:
        raise error(f"cannot read {what}: {err.strerror or err}", path=str(path)) from None
