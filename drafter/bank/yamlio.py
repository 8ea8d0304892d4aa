"""Reading and writing bank YAML in one canonical, diff-friendly form.

We emit phrase files ourselves rather than through ``yaml.dump``: it is several
times faster on big banks and lets us fix the layout exactly (keys in a set order,
short lists in flow style, one source per line). Everything we write is plain
YAML that ``yaml.safe_load`` reads back to the same values (tests check this).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from drafter.bank.phrase import Phrase, Source, unique_id
from drafter.errors import BankError
from drafter.i18n import _
from drafter.yamlfile import parse_yaml
from drafter.yamlfile import read_text as _read_text

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_RESOLVER = yaml.resolver.Resolver()

KNOWN_KEYS = ("id", "text", "category", "tags", "slots", "count", "sources", "origin")

# Characters a plain scalar must not start with, and ASCII characters we never leave plain.
_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_BLOCK_UNSAFE = re.compile(r"[:#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_FLOW_UNSAFE = re.compile(r"[:#,?\[\]{}\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_NON_PRINTABLE = re.compile(r"[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85]")


#: first characters for which the resolver has an implicit type to try (int, float, bool, null, ...):
#: a plain scalar starting with any other character reads back as a string (Resolver.resolve looks
#: its candidates up by the first character; it has no wildcard or path resolvers here)
_TYPED_START = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k)
_ALWAYS_TRY = None in _RESOLVER.yaml_implicit_resolvers or bool(_RESOLVER.yaml_path_resolvers)


def _plain_ok(text: str, unsafe: re.Pattern) -> bool:
    if not text or text[0] in _BAD_START or text != text.strip() or unsafe.search(text):
        return False
    if text[0] not in _TYPED_START and not _ALWAYS_TRY:   # most Chinese text: nothing to resolve
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON escapes are valid YAML escapes)."""
    out = json.dumps(text, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                              else f"\\U{ord(m.group()):08x}", out)


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    return text if _plain_ok(text, _FLOW_UNSAFE if flow else _BLOCK_UNSAFE) else _quoted(text)


def _flow_list(items: list[str], memo: dict[str, str] | None = None) -> str:
    if memo is None:
        return "[" + ", ".join(scalar(str(i), flow=True) for i in items) + "]"
    return "[" + ", ".join([_memo_scalar(str(i), memo, True) for i in items]) + "]"


def _memo_scalar(text: str, memo: dict[str, str], flow: bool) -> str:
    out = memo.get(text)
    if out is None:
        out = memo[text] = scalar(text, flow=flow)
    return out


class Memo:
    """Scalars already rendered for values that come back entry after entry (categories,
    tags, slot names, source files): kept by a caller rendering many entries."""

    __slots__ = ("block", "flow")

    def __init__(self) -> None:
        self.block: dict[str, str] = {}
        self.flow: dict[str, str] = {}


def render_phrase(p: Phrase, memo: Memo | None = None) -> str:
    """One entry, keys in the documented order, unknown keys after them."""
    if memo is None:
        memo = Memo()
    block, flow = memo.block, memo.flow
    lines = [f"- id: {scalar(p.id)}", f"  text: {scalar(p.text)}",
             f"  category: {_memo_scalar(p.category, block, False)}", f"  tags: {_flow_list(p.tags, flow)}",
             f"  slots: {_flow_list(p.slots, flow)}", f"  count: {int(p.count)}"]
    if p.sources:
        lines.append("  sources:")
        for s in sorted(set(p.sources)):
            name = flow.get(s.file)
            if name is None:
                name = flow[s.file] = scalar(s.file, flow=True)
            lines.append(f"  - {{file: {name}, para: {int(s.para)}}}")
    else:
        lines.append("  sources: []")
    lines.append(f"  origin: {_memo_scalar(p.origin, block, False)}")
    if p.extra:
        dumped = yaml.dump(p.extra, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           default_flow_style=False, width=1 << 30)
        lines.extend("  " + line for line in dumped.splitlines())
    return "\n".join(lines) + "\n"


def render_phrases(phrases: list[Phrase]) -> str:
    """A whole phrases/<category>.yaml: entries sorted by id (then text, for stable duplicates)."""
    return "".join(phrase_chunks(phrases))


#: entries per piece of :func:`phrase_chunks` (about 1.4 MB of YAML for mined entries)
CHUNK_ENTRIES = 1000


def phrase_chunks(phrases: list[Phrase], size: int = CHUNK_ENTRIES) -> Iterator[str]:
    """The text of :func:`render_phrases` in pieces of ``size`` entries, so a big phrase file is
    written (``bank/journal.py``) without its whole text in memory at once."""
    memo = Memo()
    ordered = sorted(phrases, key=lambda p: (p.id, p.text))
    for start in range(0, len(ordered), size):
        yield "".join([render_phrase(p, memo) for p in ordered[start:start + size]])


def dump_yaml(data, header: str = "") -> str:
    """Non-phrase files (skeletons, aliases, categories, deleted): order kept, the top level
    always in block style (one name per line, easy to edit), short lists below it in flow style.
    """
    if not data:
        return header + ("[]\n" if isinstance(data, list) else "{}\n")
    if not isinstance(data, dict):
        return header + _dump(data, None)
    parts = []
    for key, value in data.items():
        flat = not isinstance(value, (dict, list)) or not value
        parts.append(_dump({key: value}, False if flat else None))
    return header + "".join(parts)


def _dump(data, flow) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=flow, width=1 << 30)


# --- reading --------------------------------------------------------------------------------

def load_yaml(path: Path, text: str | None = None):
    """Parse one YAML file; a syntax error becomes a BankError naming the file and line."""
    if text is None:
        text = read_text(path)
    return parse_yaml(text, path, BankError, loader=_Loader, what="malformed YAML")


def read_text(path: Path) -> str:
    return _read_text(path, BankError, "bank file")


def entry_line(text: str, index: int) -> int | None:
    """The 1-based line where list entry ``index`` starts (only computed when reporting)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if isinstance(node, yaml.SequenceNode) and index < len(node.value):
        return node.value[index].start_mark.line + 1
    return None


def _str_list(value, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v) for v in value]
    raise ValueError(_("{what} must be a list of words").format(what=what))


def _sources(value) -> list[Source]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(_("sources must be a list of {file, para}"))
    out = []
    for item in value:
        if not (isinstance(item, dict) and "file" in item and isinstance(item.get("para"), int)
                and not isinstance(item.get("para"), bool)):
            raise ValueError(_("each source needs file and an integer para"))
        out.append(Source(str(item["file"]), item["para"]))
    return sorted(set(out))


def phrase_from_dict(data: dict, default_category: str) -> Phrase:
    """Build a Phrase from a loaded entry; ValueError says which key is wrong."""
    text = data.get("text")
    text = "" if text is None else str(text)
    category = data.get("category")
    category = default_category if category in (None, "") else str(category)
    count = data.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool):
        raise ValueError(_("count must be a whole number"))
    origin = data.get("origin") or "user"
    pid = data.get("id")
    pid = unique_id(category, text, {}) if pid in (None, "") else str(pid)
    return Phrase(id=pid, text=text, category=category, tags=_str_list(data.get("tags"), "tags"),
                  slots=_str_list(data.get("slots"), "slots"), count=count,
                  sources=_sources(data.get("sources")), origin=str(origin),
                  extra={k: v for k, v in data.items() if k not in KNOWN_KEYS})


def parse_phrase_file(path: Path, text: str) -> list[Phrase]:
    """All entries of one phrases/<category>.yaml; any problem names the file and line."""
    data = load_yaml(path, text)
    if data is None:
        return []
    if not isinstance(data, list):
        raise BankError(_("a phrases file must be a list of entries (- id: ...)"), path=path, line=1)
    out = []
    for index, item in enumerate(data):
        try:
            if not isinstance(item, dict):
                raise ValueError(_("entry must be a mapping with id, text, category ..."))
            out.append(phrase_from_dict(item, path.stem))
        except ValueError as err:
            raise BankError(str(err), path=path, line=entry_line(text, index)) from None
    return out
