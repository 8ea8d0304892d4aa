"""Closest known name for a typo: ``section`` → ``sections``, ``lenght`` → ``length``.

One helper for every "unknown key/value" error (outline keys, type, numbering, categories,
layouts), on difflib: character similarity, which works for Chinese names too
(研讨发言稿 → 研讨发言).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from drafter.i18n import _


def closest(word: object, choices: Iterable[object], cutoff: float | None = None) -> str | None:
    """The known name most like ``word``, or None when none is close enough (similarity 0.6,
    0.5 for names of up to three characters: 党科 → 党课)."""
    names = [str(c) for c in choices]
    text = str(word)
    if not text or not names:
        return None
    folded = {n.casefold(): n for n in names}
    if text.casefold() in folded:
        return folded[text.casefold()]
    for name in names:  # a prefix or extension of a known name: section → sections
        if len(text) >= 3 and (name.startswith(text) or text.startswith(name)) and \
                abs(len(name) - len(text)) <= 2:
            return name
    if cutoff is None:
        cutoff = 0.5 if len(text) <= 3 else 0.6
    match = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def unknown(what: str, word: object, choices: Iterable[object]) -> str:
    """``unknown key 'section'; did you mean 'sections'? (known: ...)`` in the user's language.

    ``what`` is an English msgid marked elsewhere with N_ (``N_("key")``, ``N_("type")``).
    """
    names = [str(c) for c in choices]
    best = closest(word, names)
    known = ", ".join(names)
    if best is not None:
        return _("unknown {what} {word!r}: did you mean {best!r}? (known: {known})").format(
            what=_(what), word=str(word), best=best, known=known)
    return _("unknown {what} {word!r} (known: {known})").format(what=_(what), word=str(word), known=known)
