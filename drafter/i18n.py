"""Messages in the writer's language: gettext catalogs, Simplified Chinese by default.

Code holds English message ids; ``drafter/locale/zh_CN/LC_MESSAGES/drafter.po`` holds
their Chinese, compiled to ``drafter.mo`` (shipped in the package). Which language:

1. ``--lang en|zh`` on the command line (``set_language``);
2. else ``DRAFTER_LANG`` (``en`` or ``zh``);
3. else the locale: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set and is
   not ``C``/``POSIX`` — English when it starts with ``en``, Chinese otherwise;
4. else Chinese.

How to use it (see docs/i18n.md)::

    from drafter.i18n import _, N_, ngettext

    raise OutlineError(_("no such outline file"), path=path)      # at run time: _()
    typer.echo(_("wrote {path}").format(path=out))                 # placeholders by name
    RULES = {"xx": N_("fill in before delivery")}                  # module level: N_() marks,
    print(_(RULES["xx"]))                                          # _() translates at use
    ngettext("{n} file", "{n} files", n).format(n=n)
    Finding(message=M_("fill in {what} before delivery", what=x))  # text that is also machine output

``M_(msgid, **params)`` is for messages that appear both to people and in ``--json``: it is a
``str`` holding the English text (what JSON gets, the same in every language), and
``translate(message)`` / ``str(message.translated())`` gives it in the user's language.

The argument of ``_``/``N_``/``ngettext`` must be a plain string literal (no f-string):
Babel extracts the literal, and ``tests/test_i18n.py`` fails for a literal with no Chinese.
Machine-readable output (JSON keys, rule ids, file formats) is never translated.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "drafter"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
_CATALOG_LOCALE = {"zh": "zh_CN"}

_override: str | None = None
_catalogs: dict[str, _gettext.NullTranslations] = {}


def normalize_language(value: str | None) -> str | None:
    """``en``, ``en_US.UTF-8``, ``zh``, ``zh_CN`` ... → ``en`` or ``zh``; None when unknown or C/POSIX."""
    if not value:
        return None
    value = value.strip().lower()
    if _is_c_locale(value):
        return None
    if value.startswith("en"):
        return "en"
    if value.startswith("zh"):
        return "zh"
    return None


def _is_c_locale(value: str) -> bool:
    value = value.strip().lower()
    return value in ("c", "posix") or value.startswith(("c.", "posix."))


def set_language(lang: str | None) -> None:
    """Force a language for this process (``--lang``); None goes back to the environment."""
    global _override
    if lang is not None and normalize_language(lang) is None:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    _override = normalize_language(lang) if lang is not None else None


@contextmanager
def pinned() -> Iterator[None]:
    """The current language resolved once for a block that shows many messages (``lint`` printing
    thousands of findings): ``language`` reads the environment on every call, about 20 µs."""
    global _override
    saved = _override
    _override = language()
    try:
        yield
    finally:
        _override = saved


def language(environ: dict[str, str] | None = None) -> str:
    """The language messages are shown in now: ``zh`` or ``en``."""
    if _override is not None:
        return _override
    env = os.environ if environ is None else environ
    chosen = normalize_language(env.get("DRAFTER_LANG"))
    if chosen:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(var) or "").strip()
        if not value or _is_c_locale(value):
            continue  # unset, or C/POSIX (no preference): look further
        return normalize_language(value) or DEFAULT
    return DEFAULT


def catalog(lang: str | None = None) -> _gettext.NullTranslations:
    """The translations for ``lang`` (default: the current language); English is the identity."""
    lang = lang or language()
    if lang not in _catalogs:
        locale = _CATALOG_LOCALE.get(lang)
        if locale is None:
            _catalogs[lang] = _gettext.NullTranslations()
        else:
            _catalogs[lang] = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale], fallback=True)
    return _catalogs[lang]


def _(message: str) -> str:
    """``message`` (an English literal) in the current language."""
    return catalog().gettext(message)


def gettext(message: str) -> str:
    return catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the current language (Chinese has one form)."""
    return catalog().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a literal for translation without translating it (module-level constants)."""
    return message


class Message(str):
    """A message that is English text as a ``str`` (for JSON and comparisons), with the msgid and
    parameters to show it in the user's language (``translated()``)."""

    __slots__ = ("msgid", "params")
    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, params: dict | None = None):
        params = dict(params or {})
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def translated(self) -> str:
        text = catalog().gettext(self.msgid)
        if not self.params:
            return text
        return text.format(**{k: v.translated() if isinstance(v, Message) else v for k, v in self.params.items()})

    def __reduce__(self):  # pickling across mining/lint worker processes
        return (Message, (self.msgid, self.params))


class Joined(Message):
    """Messages joined by a separator: English joined for JSON, each translated for a person."""

    __slots__ = ("items", "sep")
    items: list[str]
    sep: str

    def __new__(cls, sep: str, items):
        items = list(items)
        self = str.__new__(cls, sep.join(items))
        self.msgid, self.params, self.items, self.sep = sep.join(items), {}, items, sep
        return self

    def translated(self) -> str:
        return self.sep.join(translate(item) if isinstance(item, Message) else item for item in self.items)

    def __reduce__(self):
        return (Joined, (self.sep, self.items))


def M_(msgid: str, **params) -> Message:
    """A translatable message that stays English where a program reads it (see ``Message``)."""
    return Message(msgid, params)


def translate(text: str) -> str:
    """``text`` for a person: a ``Message`` in the current language, a plain msgid through the
    catalog (unchanged when it has no translation)."""
    if isinstance(text, Message):
        return text.translated()
    return catalog().gettext(text) if text else text
