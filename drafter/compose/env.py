"""The Jinja environment drafts are rendered in: sandboxed, strict, and found along a search path.

Search path: ``--templates DIR`` first, then ``./templates`` in the working directory,
then the templates shipped in the package (``drafter/data/templates``). A template is
``<name>.j2``; its first comment may say ``description:`` and ``numbering:``.

Templates are code the user chose to run, but phrases and outline text are data: they
reach the output only as values printed by ``{{ }}`` (never compiled), escaped on the way
in (``escape_value``) so that they can never start a control line (see ``assemble``).
Undefined variables are errors that name the variable, the template and the line.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import TemplateError

SUFFIX = ".j2"
#: stands in for '@' and newlines inside printed values until the lines are read back
AT_ESCAPE = "\ue000"
NL_ESCAPE = "\ue001"


def builtin_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "templates"


def search_path(templates: str | Path | None = None) -> list[Path]:
    """Where templates are looked up, first match wins."""
    out = []
    if templates:
        path = Path(templates)
        if not path.is_dir():
            raise TemplateError("templates directory not found", path=str(path))
        out.append(path)
    local = Path("templates")
    if local.is_dir() and local.resolve() != builtin_dir():
        out.append(local)
    out.append(builtin_dir())
    return out


def escape_value(value):
    """Data (phrases, outline text) made safe to print: on one line, never a control line.

    Applied where data enters the template context (the outline view and every helper's
    result), not in ``finalize``: macro output, which holds control lines, is printed too.
    Idempotent, so data that passes through a helper twice is not harmed.
    """
    if isinstance(value, str):
        return value.replace("@", AT_ESCAPE).replace("\r\n", "\n").replace("\n", NL_ESCAPE)
    if isinstance(value, list):
        return [escape_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(escape_value(v) for v in value)
    if isinstance(value, dict):
        return {k: escape_value(v) for k, v in value.items()}
    return value


def refuse_none(value):
    """``finalize``: printing None is a template bug (a missing key or phrase), not text."""
    if value is None:
        raise TemplateError("a template printed None (a missing value); test it with "
                            "{% if … %} before printing")
    return value


def make_env(templates: str | Path | None = None):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path(templates)], encoding="utf-8"),
        undefined=StrictUndefined,
        finalize=refuse_none,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass
class TemplateInfo:
    name: str
    path: Path
    description: str
    numbering: str
    extends: str | None


def _header(source: str) -> dict[str, str]:
    m = re.match(r"\s*\{#-?(.*?)-?#\}", source, re.S)
    out = {}
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.strip().partition(":")
            if sep:
                out[key.strip()] = value.strip()
    ext = re.search(r"\{%-?\s*extends\s+[\"']([^\"']+)[\"']", source)
    if ext:
        out["extends"] = ext.group(1).removesuffix(SUFFIX)
    return out


def list_templates(templates: str | Path | None = None) -> list[TemplateInfo]:
    """Every template on the search path (names starting with _ are parts, not speech types)."""
    seen: dict[str, TemplateInfo] = {}
    for directory in search_path(templates):
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            name = path.name.removesuffix(SUFFIX)
            if name.startswith("_") or name in seen:
                continue
            head = _header(path.read_text(encoding="utf-8"))
            seen[name] = TemplateInfo(name, path, head.get("description", ""),
                                      head.get("numbering", "numbered"), head.get("extends"))
    return sorted(seen.values(), key=lambda t: t.name)


def find_template(name: str, templates: str | Path | None = None) -> TemplateInfo | None:
    for info in list_templates(templates):
        if info.name == name:
            return info
    return None


def render(env, name: str, context: dict) -> str:
    """Render template ``name``; Jinja errors become one-line TemplateErrors with file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from drafter.errors import DrafterError

    try:
        template = env.get_template(name + SUFFIX)
        return template.render(**context)
    except DrafterError:
        raise
    except TemplateSyntaxError as err:
        raise TemplateError(f"template syntax error: {err.message}", path=err.filename or err.name,
                            line=err.lineno) from None
    except TemplateNotFound as err:
        raise TemplateError(f"template not found: {err.name}") from None
    except (UndefinedError, SecurityError) as err:
        path, line = _template_frame(err)
        what = "undefined variable" if isinstance(err, UndefinedError) else "not allowed"
        raise TemplateError(f"{what}: {err.message}", path=path, line=line) from None
    except Exception as err:  # any other failure inside a template: name the place, not a traceback
        path, line = _template_frame(err)
        if path is None:
            raise
        raise TemplateError(f"template failed: {type(err).__name__}: {err}", path=path, line=line) from None


def _template_frame(err: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame inside a template file (Jinja rewrites them to template lines)."""
    found = (None, None)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.endswith(SUFFIX):
            found = (frame.filename, frame.lineno)
    return found
