"""The Jinja environment drafts are rendered in: sandboxed, strict, and found along a search path.

Search path: ``--templates DIR`` first, then ``./templates`` in the working directory,
then the templates shipped in the package (``drafter/data/templates``). A template is
``<name>.j2``; its first comment may say ``description:`` and ``numbering:``.

Templates are code the user chose to run, but phrases and outline text are data: they
reach the output only as values printed by ``{{ }}`` (never compiled), escaped on the way
in (``escape_value``) so that they can never start a control line (see ``assemble``).
Undefined variables are errors that name the variable, the template and the line.

Templates also run on a budget, since a user template is code and a loop or a product
can ask for more than any machine has (``'嗬' * 10**9``, ``10**100000000``, nested
``range`` loops): rendering stops after ``DRAFTER_TEMPLATE_SECONDS`` (default 5) or
``DRAFTER_TEMPLATE_MAX_CHARS`` characters of output (default 2,000,000), and the sandbox's
``*``, ``**``, ``%`` and ``+``, the padding methods and filters (``center``, ``ljust``,
``indent`` ...), ``replace`` and ``join`` and ``namespace`` attributes refuse a result past
that size before making it. What no check foresees (``~`` chains, ``sum`` of lists) meets the
memory budget: in the main thread a render may grow the process by at most
``DRAFTER_TEMPLATE_MAX_MB`` (default 256) before an allocation fails (RLIMIT_AS, lowered for
the render only). Each is a ``TemplateError`` naming the template.
"""

from __future__ import annotations

import functools
import hashlib
import re
import signal
import sys
import threading
import traceback
import types
from dataclasses import dataclass
from pathlib import Path

from drafter import diskcache
from drafter.errors import DrafterError, TemplateError
from drafter.i18n import _
from drafter.limits import MB, limit

try:
    import resource
except ImportError:  # not on Windows: renders there have no memory budget
    resource = None  # type: ignore[assignment]  # a module is expected; None means no memory budget here

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
            raise TemplateError(_("templates directory not found"), path=str(path))
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
        raise TemplateError(_("a template printed None (a missing value); test it with {% if … %} before printing"))
    return value


def max_chars() -> int:
    return limit("TEMPLATE_MAX_CHARS", 2_000_000)


def max_seconds() -> int:
    return limit("TEMPLATE_SECONDS", 5)


def max_memory_mb() -> int:
    return limit("TEMPLATE_MAX_MB", 256)


class BudgetError(TemplateError):
    """A template that asked for more time, output or memory than its budget."""


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def check_binop(operator: str, left, right, cap: int) -> None:
    """Refuse, before computing it, a product, power, format or sum larger than ``cap``."""
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        if abs(left) > 1 and right * abs(left).bit_length() > 100_000:
            raise BudgetError(_("{left} ** {right} would be a number of more than 30,000 digits").format(left=left, right=right))
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(n, int) and size * n > cap:
                raise BudgetError(_("repeating {size} characters or items {n} times is more than {cap}").format(size=size, n=n, cap=cap))
    elif operator == "%" and isinstance(left, str):
        if any(int(w) > cap for w in re.findall(r"%[-+ #0]*(\d+)", left) + re.findall(r"\.(\d+)", left)):
            raise BudgetError(_("a % format wider than {cap} characters").format(cap=cap))
    elif operator == "+":
        a, b = _size(left), _size(right)
        if a is not None and b is not None and a + b > cap:
            raise BudgetError(_("joining {a} and {b} characters or items is more than {cap}").format(a=a, b=b, cap=cap))


_PADDING = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap"}


def _check_width(name: str, args, kwargs, cap: int) -> None:
    if name in _PADDING or name == "format":
        numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
        if any(n > cap for n in numbers):
            raise BudgetError(_("{name}() to a width of more than {cap} characters").format(name=name, cap=cap))
    if name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:3]):
        text, old, new = args[:3]
        count = args[3] if len(args) > 3 and isinstance(args[3], int) and args[3] >= 0 else None
        times = text.count(old) if old else len(text) + 1
        size = len(text) + (times if count is None else min(times, count)) * (len(new) - len(old))
        if size > cap:
            raise BudgetError(_("replace() making {size} characters is more than {cap}").format(size=size, cap=cap))
    if name in ("format", "format_map"):
        texts = [a for a in args if isinstance(a, str)]
        if any(int(w) > cap for t in texts for w in re.findall(r"[:%][^{}]*?(\d{4,})", t)):
            raise BudgetError(_("a format wider than {cap} characters").format(cap=cap))


def make_env(templates: str | Path | None = None):
    # Jinja2: +50 ms CPU on the 360 ms of importing drafter.compose (measured 2026-12-02), for commands
    # that import compose and never render (`drafter new`, `drafter templates`): loaded by the first render
    from jinja2 import FileSystemLoader, StrictUndefined  # noqa: PLC0415 - see above
    from jinja2.sandbox import SandboxedEnvironment  # noqa: PLC0415 - see above
    from jinja2.utils import Namespace  # noqa: PLC0415 - see above

    cap = max_chars()

    class BudgetNamespace(Namespace):
        def __setitem__(self, name, value):
            size = _size(value)
            if size is not None and size > cap:
                raise BudgetError(_("namespace value {name} of {size} characters or items is more than {cap}").format(name=name, size=size, cap=cap))
            super().__setitem__(name, value)

    class BudgetedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "%", "+"])

        def call_binop(self, context, operator, left, right):
            check_binop(operator, left, right, cap)
            return super().call_binop(context, operator, left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
            name = getattr(__obj, "__name__", "")
            owner = getattr(__obj, "__self__", None)
            if name == "replace" and isinstance(owner, str):
                _check_width(name, (owner, *args), kwargs, cap)
            elif name == "join" and isinstance(owner, str) and len(args) == 1:
                args = (_checked_join(owner, args[0], cap),)
            elif name:
                _check_width(name, args, kwargs, cap)
            return super().call(__context, __obj, *args, **kwargs)

    env = BudgetedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path(templates)], encoding="utf-8"),
        bytecode_cache=code_cache(),
        undefined=StrictUndefined,
        finalize=refuse_none,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["namespace"] = BudgetNamespace
    for name in (_PADDING | {"replace"}) & set(env.filters):
        env.filters[name] = _bounded_filter(env.filters[name], name, cap)
    env.filters["join"] = _bounded_join(env.filters["join"], cap)
    return env


def _checked_join(separator: str, items, cap: int) -> list:
    """``items`` as a list, refused if joining its texts with ``separator`` passes ``cap``."""
    items = list(items)
    size = len(separator) * max(0, len(items) - 1) + sum(len(i) for i in items if isinstance(i, str))
    if size > cap:
        raise BudgetError(_("join() making {size} characters is more than {cap}").format(size=size, cap=cap))
    return items


def _bounded_join(func, cap: int):
    @functools.wraps(func)
    def bounded(eval_ctx, value, d="", attribute=None):
        if attribute is None and isinstance(d, str):
            value = _checked_join(d, value, cap)
        return func(eval_ctx, value, d, attribute)
    return bounded


#: compiled templates are kept under $XDG_CACHE_HOME/drafter/<this>/ (drafter/diskcache.py)
CODE_KIND = "templates"


def code_cache():
    """Where compiled templates are kept between runs (Jinja compiles a template in tens of
    milliseconds, each command again): the user's cache folder, never the bank or a template
    folder. Each entry is found by the template's name and file and holds the checksum of the
    source it was compiled from, which Jinja compares (an edited template compiles afresh);
    the folder's key also names the Jinja and Python versions and this module's source (the
    environment's options and sandbox are code generation's inputs too). A damaged or foreign
    file is compiled again; a folder that cannot be written costs only the compile."""
    import jinja2  # noqa: PLC0415 - Jinja2: see make_env
    from jinja2.bccache import BytecodeCache  # noqa: PLC0415 - Jinja2: see make_env

    try:
        own = Path(__file__).read_bytes()
    except OSError:
        return None
    prefix = hashlib.sha1(b"\0".join([jinja2.__version__.encode(), sys.version.encode(), own])).hexdigest()[:16]

    class CodeCache(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            stored = diskcache.load(CODE_KIND, f"{prefix}:{bucket.key}")
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == bucket.checksum \
                    and isinstance(stored[1], types.CodeType):
                bucket.code = stored[1]

        def dump_bytecode(self, bucket) -> None:
            if bucket.code is not None:
                diskcache.store(CODE_KIND, f"{prefix}:{bucket.key}", (bucket.checksum, bucket.code), keep=64)

    return CodeCache()


def _bounded_filter(func, name: str, cap: int):
    @functools.wraps(func)
    def bounded(*args, **kwargs):
        _check_width(name, args[1:], kwargs, cap)
        return func(*args, **kwargs)
    return bounded


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
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError  # noqa: PLC0415 - Jinja2: see make_env
    from jinja2.exceptions import SecurityError  # noqa: PLC0415 - Jinja2: see make_env

    try:
        template = env.get_template(name + SUFFIX)
        return _render_on_budget(template, context)
    except BudgetError as err:
        path, line = _template_frame(err)
        raise BudgetError(_("template over budget: {message}").format(message=err.message), path=path or _filename(env, name),
                          line=line) from None
    except MemoryError:
        raise BudgetError(_("template over budget: it needed more than {mb} MB of memory (DRAFTER_TEMPLATE_MAX_MB "
                            "raises the limit)").format(mb=max_memory_mb()), path=_filename(env, name)) from None
    except RecursionError:
        raise TemplateError(_("template recursion too deep (a macro calling itself without end?)"),
                            path=_filename(env, name)) from None
    except DrafterError:
        raise
    except TemplateSyntaxError as err:
        raise TemplateError(_("template syntax error: {message}").format(message=err.message), path=err.filename or err.name,
                            line=err.lineno) from None
    except TemplateNotFound as err:
        raise TemplateError(_("template not found: {name}").format(name=err.name)) from None
    except (UndefinedError, SecurityError) as err:
        path, line = _template_frame(err)
        what = "undefined variable" if isinstance(err, UndefinedError) else "not allowed"
        raise TemplateError(f"{what}: {err.message}", path=path, line=line) from None
    except Exception as err:  # any other failure inside a template: name the place, not a traceback
        path, line = _template_frame(err)
        if path is None:
            raise
        raise TemplateError(_("template failed: {error_type}: {err}").format(error_type=type(err).__name__, err=err), path=path, line=line) from None


def _filename(env, name: str) -> str:
    try:
        return env.get_template(name + SUFFIX).filename or name + SUFFIX
    except Exception:  # noqa: BLE001 - only for a message
        return name + SUFFIX


def _render_on_budget(template, context: dict) -> str:
    """``template.render(**context)``, stopped past the output or time budget."""
    cap, seconds = max_chars(), max_seconds()
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timed:
        def expired(_signum, _frame):
            raise BudgetError(_("still running after {seconds} s (DRAFTER_TEMPLATE_SECONDS raises the limit)").format(seconds=seconds))
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    memory = _lower_memory_limit(max_memory_mb()) if timed else None
    try:
        parts, size = [], 0
        for part in template.generate(**context):
            size += len(part)
            if size > cap:
                raise BudgetError(_("output past {cap} characters (DRAFTER_TEMPLATE_MAX_CHARS raises the limit)").format(cap=cap))
            parts.append(part)
        return "".join(parts)
    finally:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, memory)
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _lower_memory_limit(mb: int) -> tuple[int, int] | None:
    """Let the process's address space grow by at most ``mb`` MB from now (never raising a
    lower limit already set); returns the limits to restore, or None where this cannot be done."""
    if resource is None:
        return None
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            size = next(int(line.split()[1]) * 1024 for line in handle if line.startswith("VmSize:"))
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = size + mb * MB
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return None
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (OSError, ValueError, StopIteration):
        return None
    return soft, hard


def _template_frame(err: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame inside a template file (Jinja rewrites them to template lines)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.endswith(SUFFIX):
            found = (frame.filename, frame.lineno)
    return found
