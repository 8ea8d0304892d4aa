"""What a bank holds: phrases with their sources, and the bank as a whole.

A phrase's id is stable across re-mines (category + hash of its folded text), so
tombstones, hand edits and other writers' banks can all refer to it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from drafter.i18n import M_, Message, _

#: Categories every bank knows, with what they mean (users may add more in categories.yaml).
DEFAULT_CATEGORIES: dict[str, str] = {
    "开篇": "opening moves: how a speech starts",
    "引语": "quoted statements of leaders",
    "论述": "statements of significance and situation",
    "要求": "directives: 要…/必须…",
    "举措": "measures: a sentence that opens on its verb (推动…/健全…)",
    "查摆": "shortfalls and self-criticism: 还存在…/不够…/仍有短板",
    "排比": "parallel series of three or more",
    "对仗": "paired and four-character couplets",
    "金句": "aphorisms and sayings",
    "过渡": "transitions",
    "标题": "heading patterns",
    "结尾": "closings",
}

ORIGINS = ("mined", "user")

#: ``{name}`` in a phrase text; ``{…}`` is a free (unnamed-on-purpose) slot of a heading pattern.
SLOT_RE = re.compile(r"\{([^{}]*)\}")
FREE_SLOT = "…"

_SPACE_RE = re.compile(r"\s+")


_NFKC_COMMON = [(c, unicodedata.normalize("NFKC", c)) for c in "，；：！？（）％"]


def fold(text: str) -> str:
    """The form texts are compared in: full/half-width folded (NFKC), lower case, no spaces.

    Writers type the same phrase with ，or , and with stray spaces; those must
    not make two phrases differ, nor make a search miss. (Computed as
    ``re.sub(r"\\s+", "", unicodedata.normalize("NFKC", text)).lower()``, only faster:
    the full-width punctuation of Chinese text is replaced first, and NFKC runs only on
    what is still not normal; building a 100,000-phrase index folds every text.)
    """
    if not unicodedata.is_normalized("NFKC", text):
        for wide, narrow in _NFKC_COMMON:
            if wide in text:
                text = text.replace(wide, narrow)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    if " " in text or not text.isprintable():
        text = _SPACE_RE.sub("", text)
    return text.lower()


def fold_all(texts) -> list[str]:
    """``[fold(t) for t in texts]`` in one pass over them all, for texts holding no NUL.

    NUL joins them: it is a stable character (no normalisation composes, reorders or
    decomposes across it, it is neither a space nor a cased letter), so folding the joined
    text folds each part as on its own. The one context-sensitive lowering (Greek final
    sigma) and NUL in a text make it fold them one by one.
    """
    texts = list(texts)
    joined = "\0".join(texts)
    if not texts or "Σ" in joined or joined.count("\0") != len(texts) - 1:
        return [fold(t) for t in texts]
    for wide, narrow in _NFKC_COMMON:   # a no-op on texts already normal (these are not)
        if wide in joined:
            joined = joined.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", joined):   # some text needs NFKC: only it pays
        parts = joined.split("\0")
        normal = partial(unicodedata.is_normalized, "NFKC")
        joined = "\0".join(t if normal(t) else unicodedata.normalize("NFKC", t) for t in parts)
    if " " in joined or not joined.replace("\0", "").isprintable():
        joined = _SPACE_RE.sub("", joined)
    return joined.lower().split("\0")


def make_id(category: str, text: str, digits: int = 8) -> str:
    """Stable id: the category and the first hex digits of sha1 of the folded text."""
    return id_of_key(category, fold(text), digits)


def id_of_key(category: str, key: str, digits: int = 8) -> str:
    """``make_id`` of a text whose folded form (``fold``) is ``key`` already (mining folds in bulk)."""
    return f"{category}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:digits]}"


def unique_id(category: str, text: str, taken: dict[str, str]) -> str:
    """``make_id``, lengthened on the rare hash collision with a different text.

    ``taken`` maps ids already in use to their folded texts.
    """
    key = fold(text)
    for digits in (8, 12, 16, 40):
        pid = make_id(category, text, digits)
        if taken.get(pid, key) == key:
            return pid
    raise ValueError(_("cannot make a unique id for {text}").format(text=repr(text)))


def slot_names(text: str) -> list[str]:
    """Named slots used in ``text``, in order of first use, without the free slot ``{…}``."""
    names: list[str] = []
    for name in SLOT_RE.findall(text):
        name = name.strip()
        if name and name != FREE_SLOT and name not in names:
            names.append(name)
    return names


class Source(NamedTuple):
    """Where a phrase was seen: a corpus file (as given to mine) and a 1-based paragraph index.

    A named tuple (not a dataclass): big banks hold hundreds of thousands of these.
    """

    file: str
    para: int

    def to_dict(self) -> dict:
        return {"file": self.file, "para": self.para}


@dataclass
class Phrase:
    id: str
    text: str
    category: str
    tags: list[str] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)
    count: int = 1
    sources: list[Source] = field(default_factory=list)
    origin: str = "user"
    #: keys this version of drafter does not know; kept, in their order, on every rewrite
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The folded text: what duplicates and searches compare (cached while text is unchanged)."""
        cached = self.__dict__.get("_key")
        if cached is None or cached[0] is not self.text:
            cached = (self.text, fold(self.text))
            self.__dict__["_key"] = cached
        return cached[1]

    def content(self) -> tuple:
        """What a user edits (not count/sources): the basis of hand-edit detection."""
        return (self.text, self.category, tuple(self.tags), tuple(self.slots), self.origin,
                tuple(sorted((k, repr(v)) for k, v in self.extra.items())))

    def to_dict(self) -> dict:
        data = {"id": self.id, "text": self.text, "category": self.category,
                "tags": list(self.tags), "slots": list(self.slots), "count": self.count,
                "sources": [s.to_dict() for s in self.sources], "origin": self.origin}
        for k, v in self.extra.items():
            data.setdefault(k, v)
        return data


@dataclass
class Bank:
    """A whole bank in memory. ``deleted`` maps tombstoned ids to the text they had."""

    phrases: list[Phrase] = field(default_factory=list)
    skeletons: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)
    categories: dict = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    deleted: dict[str, str] = field(default_factory=dict)
    #: None for a whole bank; else the only categories loaded (an edit on a big bank)
    partial: frozenset | None = None

    def __post_init__(self) -> None:
        self._by_id: dict[str, Phrase] | None = None
        self._by_cat: dict[str, list[Phrase]] | None = None
        self._by_key: dict[str, list[Phrase]] | None = None

    def _reindex(self) -> tuple[dict[str, Phrase], dict[str, list[Phrase]]]:
        by_id: dict[str, Phrase] = {}
        by_cat: dict[str, list[Phrase]] = {}
        for p in self.phrases:
            by_id.setdefault(p.id, p)
            by_cat.setdefault(p.category, []).append(p)
        self._by_id, self._by_cat = by_id, by_cat
        return by_id, by_cat

    def invalidate(self) -> None:
        """Call after changing ``phrases`` in place so lookups see the change."""
        self._by_id = self._by_cat = self._by_key = None

    def add(self, phrase: Phrase) -> None:
        """Append a phrase, keeping the lookups current (cheap for many adds)."""
        self.phrases.append(phrase)
        if self._by_id is not None and self._by_cat is not None:  # (set and cleared together)
            self._by_id.setdefault(phrase.id, phrase)
            self._by_cat.setdefault(phrase.category, []).append(phrase)
        if self._by_key is not None:
            self._by_key.setdefault(phrase.key, []).append(phrase)

    def with_text(self, text: str) -> list[Phrase]:
        """Phrases whose text is the same as ``text`` once folded."""
        if self._by_key is None:
            self._by_key = {}
            for p in self.phrases:
                self._by_key.setdefault(p.key, []).append(p)
        return list(self._by_key.get(fold(text), []))

    def get(self, pid: str) -> Phrase | None:
        by_id = self._by_id if self._by_id is not None else self._reindex()[0]
        return by_id.get(pid)

    def by_category(self, category: str, tags: list[str] | tuple = ()) -> list[Phrase]:
        """Phrases of one category (having all ``tags``), most frequent first, then by id."""
        by_cat = self._by_cat if self._by_cat is not None else self._reindex()[1]
        found = by_cat.get(category, [])
        if tags:
            want = set(tags)
            found = [p for p in found if want <= set(p.tags)]
        return sorted(found, key=lambda p: (-p.count, p.id))

    def is_deleted(self, phrase: Phrase) -> bool:
        """A tombstone matches by id, or by folded text (so a re-categorised phrase stays gone)."""
        if phrase.id in self.deleted:
            return True
        keys = getattr(self, "_deleted_keys", None)
        if keys is None or keys[0] != len(self.deleted):
            keys = (len(self.deleted), {fold(t) for t in self.deleted.values() if t})
            self._deleted_keys = keys
        return phrase.key in keys[1]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TEMPLATE = re.compile(r"\{[%#{]|[%#}]\}")


def text_problem(text: str) -> Message | None:
    """Why ``text`` cannot be a phrase, or None: a control character or line break (a phrase is
    one line, and a .docx cannot hold most control characters), or template syntax (a phrase
    is data printed as written, never template code). English as a str (``phrases validate --json``),
    ``translate()`` for a person."""
    bad = _CONTROL.search(text)
    if bad:
        return M_("control character or line break U+{code:04X} at position {pos}: "
                  "a phrase is one line of plain text", code=ord(bad.group()), pos=bad.start() + 1)
    code = _TEMPLATE.search(text)
    if code:
        return M_("template syntax {code}: a phrase is plain text with {{name}} slots; "
                  "put template code in a template", code=code.group())
    return None
