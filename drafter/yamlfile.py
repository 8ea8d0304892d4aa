"""Reading user-written YAML (outlines, layouts, rules, banks) with errors that say where.

Every YAML file drafter reads was written or edited by a person, so a syntax error must
come back as one line naming the file, line and column, as the kind of ``DrafterError``
the caller's subject calls for (``OutlineError``, ``LayoutError``, ``BankError``...).

Beyond what ``yaml.safe_load`` checks, the loaders here refuse what a hand-written file
never means and what would hurt drafter later: a key given twice in one mapping (the
first block would be dropped without a word), ``!!binary``/``!!set``/``!!omap`` values (they
would print as Python reprs), dates that do not exist, ``.inf``/``.nan``, nesting deeper than
``DRAFTER_MAX_YAML_DEPTH`` and alias bombs (see ``drafter/limits.py``). The nesting and
alias checks run over the parser's event stream first, which is flat: nothing recursive
or exponential runs before they pass.
"""

from __future__ import annotations

import math

import yaml
from yaml.constructor import ConstructorError

from drafter.errors import DrafterError
from drafter.i18n import N_, _
from drafter.limits import limit, read_input_bytes


class _Checks:
    """Constructor overrides shared by the pure-Python and the libyaml loader."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple, int] = {}
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise ConstructorError(None, None, _("key '{value}' given twice in one mapping (first on line {value2}); the first would be lost — merge the two or rename one").format(value=key_node.value, value2=seen[key]), key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def refuse_tag(self, node):
        raise ConstructorError(None, None, _("{value} values are not allowed here; write plain text, numbers or lists").format(value=node.tag.replace('tag:yaml.org,2002:', '!!')), node.start_mark)

    def checked_timestamp(self, node):
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError) as err:
            raise ConstructorError(None, None, _("{value} is not a valid date ({err}); write it as YYYY-MM-DD, or quote it to keep it as text").format(value=repr(node.value), err=err), node.start_mark) from None

    def checked_float(self, node):
        value = yaml.SafeLoader.construct_yaml_float(self, node)
        if not math.isfinite(value):
            raise ConstructorError(None, None, _("{value} is not a finite number").format(value=repr(node.value)),
                                   node.start_mark)
        return value


def _install(cls):
    for tag in ("binary", "set", "omap", "pairs"):
        cls.add_constructor(f"tag:yaml.org,2002:{tag}", _Checks.refuse_tag)
    cls.add_constructor("tag:yaml.org,2002:timestamp", _Checks.checked_timestamp)
    cls.add_constructor("tag:yaml.org,2002:float", _Checks.checked_float)
    return cls


class UserLoader(_Checks, yaml.SafeLoader):
    """``yaml.SafeLoader`` with the checks above."""


_install(UserLoader)

if hasattr(yaml, "CSafeLoader"):
    class CUserLoader(_Checks, yaml.CSafeLoader):
        """The same on libyaml (for big bank files)."""

    _install(CUserLoader)
else:  # pragma: no cover - PyYAML without libyaml
    CUserLoader = UserLoader  # type: ignore[misc,assignment]  # the stubs assume libyaml; without it the same loader


def safe_load(text: str):
    """``yaml.safe_load(text)``, read by libyaml when PyYAML has it (several times quicker);
    for drafter's own files (_frames.yaml, sectors.yaml), not a user's. Text libyaml refuses
    is read again by the pure-Python loader, so what is accepted, and every error message,
    is ``yaml.safe_load``'s."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - the safe loader, in C
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _user_loader(loader):
    if loader in (yaml.SafeLoader, UserLoader):
        return UserLoader
    if loader is getattr(yaml, "CSafeLoader", None) or loader is CUserLoader:
        return CUserLoader
    return loader


def prescan(text: str, path, error: type[DrafterError] = DrafterError, loader=UserLoader,
            what: str = "not valid YAML") -> None:
    """Refuse YAML nested too deep or expanding too far (aliases), from the flat event stream."""

    max_depth, max_aliases = limit("MAX_YAML_DEPTH", 64), limit("MAX_YAML_ALIASES", 200)
    max_nodes = limit("MAX_YAML_NODES", 1_000_000)
    stack: list[tuple[str | None, int]] = []
    sizes: dict[str | None, int] = {}  # anchor → values it stands for (an alias event's anchor is never None)
    total = aliases = 0
    parse_loader = yaml.CSafeLoader if loader is CUserLoader else yaml.SafeLoader

    def fail(event, message):
        mark = event.start_mark
        raise error(message, path=str(path), line=mark.line + 1, column=mark.column + 1)

    try:
        for event in yaml.parse(text, Loader=parse_loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append((event.anchor, total))
                total += 1
                if len(stack) > max_depth:
                    fail(event, f"nested more than {max_depth} levels deep; flatten it "
                                "(DRAFTER_MAX_YAML_DEPTH raises the limit)")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, start = stack.pop()
                if anchor is not None:
                    sizes[anchor] = total - start
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                total += sizes.get(event.anchor, 1)
                if aliases > max_aliases:
                    fail(event, f"more than {max_aliases} aliases (*name); write the values out "
                                "(DRAFTER_MAX_YAML_ALIASES raises the limit)")
            if total > max_nodes:
                fail(event, f"expands to more than {max_nodes} values (an alias bomb?); "
                            "DRAFTER_MAX_YAML_NODES raises the limit")
    except yaml.YAMLError as err:
        raise yaml_error(err, path, error, what, text) from None


def yaml_error(err: yaml.YAMLError, path, error: type[DrafterError] = DrafterError,
               what: str = "not valid YAML", text: str | None = None) -> DrafterError:
    """A ``DrafterError`` for a PyYAML error, with the line and column of its mark."""
    if isinstance(err, yaml.reader.ReaderError):
        line = column = None
        if text is not None and isinstance(err.position, int):
            line = text.count("\n", 0, err.position) + 1
            column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        return error(_("{what}: control character U+{code:04X} is not allowed in YAML; remove it").format(
            what=_(what), code=char),
                     path=str(path), line=line, column=column)
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or getattr(err, "context", None) or str(err)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return error(f"{_(what)}: {problem}", path=str(path), line=line, column=column)


def _load(text: str, path, error, loader, what: str):
    loader = _user_loader(loader)
    prescan(text, path, error, loader, what)
    try:
        instance = loader(text)
        try:
            node = instance.get_single_node()
            data = instance.construct_document(node) if node is not None else None
        finally:
            instance.dispose()
    except yaml.YAMLError as err:
        raise yaml_error(err, path, error, what, text) from None
    except RecursionError:
        raise error(_("nested too deeply to read"), path=str(path)) from None
    return data, node


def parse_yaml(text: str, path, error: type[DrafterError] = DrafterError, loader=UserLoader,
               what: str = "not valid YAML"):
    """The data in ``text``; a syntax error raises ``error`` naming ``path``, line and column."""
    return _load(text, path, error, loader, what)[0]


def compose_yaml(text: str, path, error: type[DrafterError] = DrafterError,
                 what: str = "not valid YAML"):
    """``(data, node)``: the data and its node tree, whose marks give each key's line."""
    return _load(text, path, error, UserLoader, what)


def read_text(path, error: type[DrafterError] = DrafterError, what: str = "file") -> str:
    """A UTF-8 text file (BOM allowed): refused when missing, not a regular file (a FIFO would
    block), over the size limit, or not valid UTF-8 (the message gives the line and column)."""

    data = read_input_bytes(path, error, what)
    return decode_utf8(data, path, error, what)


def decode_utf8(data: bytes, path, error: type[DrafterError] = DrafterError, what: str = "file") -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = len(data[data.rfind(b"\n", 0, err.start) + 1:err.start].decode("utf-8", "replace")) + 1
        raise error(_("{what} is not UTF-8 text: invalid byte 0x{value:02x} (byte {byte}); save it as UTF-8").format(
            what=_(what), value=data[err.start], byte=err.start), path=str(path), line=line, column=column) from None


#: the words callers pass as ``what`` (marked here so they have Chinese)
_WHATS = (N_("not valid YAML"), N_("file"), N_("layout"), N_("rules file"), N_("outline"))
