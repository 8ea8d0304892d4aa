"""A fast reader for phrase files in exactly the layout drafter writes.

PyYAML reads about 1 MB/s; a 100,000-phrase bank is ~25 MB. Files drafter wrote (and
hand edits that keep the layout) are read here instead: one regular expression per
entry, straight into index rows (rows.py), with each distinct tag list, source file,
category and origin checked once. Anything outside that layout (comments, other
quoting, odd indentation) makes the whole file return None and the caller falls back to
PyYAML; an entry with a hand-added key is read by PyYAML alone. So the result is always
what PyYAML would give.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from itertools import repeat

import yaml

from drafter.bank.phrase import Phrase, fold, fold_all
from drafter.bank.rows import RS, US, pack_sources, phrase_from_row, row_of
from drafter.bank.yamlio import _BLOCK_UNSAFE, _FLOW_UNSAFE, _Loader, _plain_ok, phrase_from_dict

_NUM = r"(?:0|[1-9][0-9]*)"
_ENTRY = re.compile(
    r"- id: ([^\n]+)\n"
    r"  text: ([^\n]+)\n"
    r"  category: ([^\n]+)\n"
    r"  tags: \[([^\n]*)\]\n"
    r"  slots: \[([^\n]*)\]\n"
    rf"  count: ({_NUM})\n"
    rf"  sources:(?: \[\]|((?:\n  - \{{file: [^\n]+, para: {_NUM}\}})+))\n"
    r"  origin: ([^\n]+)\n")
_SOURCE = re.compile(rf"\n  - \{{file: ([^\n]+), para: ({_NUM})\}}")
#: a plain scalar that cannot be anything but this string: it starts with a character no
#: YAML indicator or implicit type (all ASCII) starts with, and holds no unsafe character
_SURE_PLAIN = re.compile(r"[^\x00-\x9f\s\u2028\u2029\ufeff\ud800-\udfff]"
                         r"[^:#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*")


class _Bail(Exception):
    """The text is not in drafter's own layout."""


def _value(raw: str, flow: bool = False) -> str:
    if raw.startswith('"'):
        if not raw.endswith('"') or len(raw) < 2 or "\\" in raw and re.search(r"\\[^\"\\/bfnrtu]", raw):
            raise _Bail
        try:
            return json.loads(raw)
        except ValueError:
            raise _Bail from None
    if not _plain_ok(raw, _FLOW_UNSAFE if flow else _BLOCK_UNSAFE):
        raise _Bail
    return raw


def _text(raw: str) -> str:
    """A block scalar (id, text): the common case without calling PyYAML's resolver."""
    if _SURE_PLAIN.fullmatch(raw) and not raw[-1].isspace():
        return raw
    return _value(raw)


_SOURCE_FILE = re.compile(rf"\n  - \{{file: ([^\n]+), para: {_NUM}\}}")


def new_memo() -> "_Memo":
    """A cache of checked values to share between the files of one bank."""
    return _Memo()


class _Memo:
    """Values that repeat across entries (categories, tag lists, source files), checked once."""

    def __init__(self) -> None:
        self.block: dict[str, str] = {}
        self.lists: dict[str, str] = {}
        self.files: dict[str, tuple[str, bool]] = {}

    def scalar(self, raw: str) -> str:
        value = self.block.get(raw)
        if value is None:
            value = self.block[raw] = _value(raw)
        return value

    def flow_list(self, inner: str) -> str:
        """The packed column (rows.pack) of a flow list's items, from inside its brackets."""
        packed = self.lists.get(inner)
        if packed is None:
            if not inner:
                packed = ""
            elif '"' in inner:
                raise _Bail
            else:
                items = [_value(item, flow=True) for item in inner.split(", ")]
                packed = US.join(items)  # plain flow items hold no separator and are never empty
            self.lists[inner] = packed
        return packed

    def file(self, raw: str) -> tuple[str, bool]:
        """A source file's value, and whether it packs without JSON."""
        found = self.files.get(raw)
        if found is None:
            value = _value(raw, flow=True)
            found = self.files[raw] = (value, bool(value) and US not in value and RS not in value
                                       and value[0] != "\0")
        return found


def _sources(group: str | None, memo: _Memo, simple: bool) -> str:
    """The packed sources column (rows.pack_sources) of an entry's source lines, in the
    order written (reading a row sorts them and drops repeats, as PyYAML's reading does).
    ``simple``: every file named in this text is a plain value that packs as it is."""
    if not group:
        return ""
    if simple:
        return US.join(map(RS.join, _SOURCE.findall(group)))
    return pack_sources([(memo.file(raw)[0], int(para)) for raw, para in _SOURCE.findall(group)])


def _row(groups: tuple, memo: _Memo, simple: bool) -> tuple:
    pid, raw_text, category, tags, slots, count, sources, origin = groups
    value = _text(raw_text)
    category, origin = memo.scalar(category), memo.scalar(origin)
    if not value or not category or not origin:
        raise _Bail
    return (_text(pid), value, category, memo.flow_list(tags), memo.flow_list(slots), int(count),
            _sources(sources, memo, simple), origin, "", fold(value))


def _odd_entry(chunk: str, default_category: str) -> Phrase:
    """One entry outside the layout (say, with a hand-added key): PyYAML on just that entry."""
    try:
        data = yaml.load(chunk, Loader=_Loader)
        if not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict)):
            raise _Bail
        return phrase_from_dict(data[0], default_category)
    except (yaml.YAMLError, ValueError):
        raise _Bail from None


#: an id or text that is a plain scalar that cannot be anything but itself (``_SURE_PLAIN``
#: and no trailing space, as ``_text`` tests one by one)
_SURE = re.compile(r"[^\x00-\x9f\s\u2028\u2029\ufeff\ud800-\udfff]"
                   r"[^:#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*(?<!\s)")
#: many ids or texts, each followed by a newline, every one ``_SURE`` (one sweep for a file)
_ALL_SURE = re.compile(rf"(?:{_SURE.pattern}\n)*")
_LINE_ENTRY = re.compile("(?m)^" + _ENTRY.pattern)
#: lines of an entry besides its source lines
_ENTRY_LINES = 8
_SOURCE_HEAD, _SOURCE_NEXT, _PARA = "\n  - {file: ", "}\n  - {file: ", ", para: "


def _bulk_rows(text: str, memo: _Memo) -> list[tuple] | None:
    """The common case, a whole file at C speed: every entry in the layout with values that
    need no PyYAML (ids and texts tested as sure plain scalars in one sweep, the others read
    as ``_text`` reads them; each distinct category, origin, tag list and source file checked
    once). None when any entry is not."""
    entries = _LINE_ENTRY.findall(text)
    if not entries or len(entries) != text.count("\n- id: ") + 1:
        return None
    ids: Sequence[str]
    texts: Sequence[str]
    cats: Sequence[str]
    origins: Sequence[str]
    tags: Sequence[str]
    slots: Sequence[str]
    ids, texts, cats, tags, slots, counts, sources, origins = zip(*entries)
    # every match starts on an entry's first line and none holds another's: they cover the
    # file exactly when they hold all its lines
    all_sources = "".join(sources)
    if text.count("\n") != _ENTRY_LINES * len(entries) + all_sources.count("\n"):
        return None
    try:
        if not _ALL_SURE.fullmatch("\n".join(ids) + "\n"):
            ids = [_text(raw) for raw in ids]
        if not _ALL_SURE.fullmatch("\n".join(texts) + "\n"):
            texts = [_text(raw) for raw in texts]
            if not all(texts):
                return None
        scalars = {raw: memo.scalar(raw) for raw in {*cats, *origins}}
        lists = {raw: memo.flow_list(raw) for raw in {*tags, *slots}}
        files = {raw: memo.file(raw) for raw in set(_SOURCE_FILE.findall(all_sources))}
    except _Bail:
        return None
    if not all(scalars.values()) or any(v != (raw, True) or _PARA in raw or "}" in raw
                                        for raw, v in files.items()):
        return None
    if any(k != v for k, v in scalars.items()):
        cats, origins = [scalars[c] for c in cats], [scalars[o] for o in origins]
    if any(k != v for k, v in lists.items()):
        tags, slots = [lists[t] for t in tags], [lists[t] for t in slots]
    head = len(_SOURCE_HEAD)
    packed = [s[head:-1].replace(_SOURCE_NEXT, US).replace(_PARA, RS) if s else "" for s in sources]
    return list(zip(ids, texts, cats, tags, slots, map(int, counts), packed, origins,
                    repeat("", len(ids)), fold_all(texts)))


def fast_rows(text: str, default_category: str,
              memo: _Memo | None = None) -> tuple[list[tuple], dict[int, Phrase]] | None:
    """The entries of a phrase file as index rows (rows.ROW order), or None when the file
    is not in drafter's own layout; also, by position, the entries PyYAML had to read
    (their unknown keys may hold values a row cannot keep as they are, see index.py).
    ``memo`` carries checked values from file to file (see ``new_memo``).
    """
    if not text:
        return [], {}
    if not text.endswith("\n") or not text.startswith("- id: "):
        return None
    memo = memo or _Memo()
    bulk = _bulk_rows(text, memo)
    if bulk is not None:
        return bulk, {}
    rows: list[tuple] = []
    odd: dict[int, Phrase] = {}
    try:
        simple = all(memo.file(raw) == (raw, True) for raw in set(_SOURCE_FILE.findall(text)))
    except _Bail:
        simple = False
    match, end, pos = _ENTRY.match, len(text), 0
    try:
        while pos < end:
            m = match(text, pos)
            if m is not None and (m.end() == end or text.startswith("- id: ", m.end())):
                try:
                    rows.append(_row(m.groups(), memo, simple))
                    pos = m.end()
                    continue
                except _Bail:
                    pass                       # in the layout but a value is not: PyYAML
            nxt = text.find("\n- id: ", pos)
            stop = end if nxt < 0 else nxt + 1
            p = _odd_entry(text[pos:stop], default_category)
            odd[len(rows)] = p
            rows.append(row_of(p))
            pos = stop
    except _Bail:
        return None
    return rows, odd


def fast_parse(text: str, default_category: str) -> list[Phrase] | None:
    """The entries of a phrase file as Phrases, or None when it is not in drafter's layout."""
    found = fast_rows(text, default_category)
    if found is None:
        return None
    rows, odd = found
    return [odd.get(i) or phrase_from_row(r) for i, r in enumerate(rows)]
