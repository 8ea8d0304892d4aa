"""Near duplicates: mined phrases that are one phrase written slightly differently, folded into one.

The same line comes back from speech to speech with a character changed, dropped or added
(要坚持… / 坚持…, a typo, a variant character) or with other punctuation (，/、/；, full- or
half-width). Kept apart they crowd the bank with copies; folded, the phrase's count and
sources tell how often it really recurs. Two phrases of one category are near duplicates when

* their *skeletons* are equal: the text with punctuation and spaces removed, NFKC-folded and
  lower-cased (:func:`skeleton`), so punctuation variants always fold; or
* their skeletons are at most one edit apart (a character substituted, inserted or deleted)
  and the shorter holds at least :data:`MIN_EDIT_LEN` characters. One character of a short
  phrase is much of its meaning (真抓实干 / 真抓实效 are two phrases), one of a long
  sentence is a variant; the threshold is measured (docs/bank-format.md, "Near duplicates").

Folding is a star, never a chain: phrases are taken by count (then by text), and each is folded
into the first phrase taken before it that is a near duplicate of it and was itself kept, so a
folded phrase is always within the threshold of the text that represents it. It runs once, on
the whole merged result, so it does not depend on the order documents were mined in or on
``--jobs``.

Finding the candidates costs two dictionary look-ups per phrase and length, not a comparison
with every phrase: a skeleton of length n is filed under its first n//2 characters and under
the rest. One substitution leaves one of the two halves intact; for an insertion, the shorter
skeleton's halves reappear at the start or at the end of the longer one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher

#: two skeletons one edit apart fold when the shorter holds at least this many characters
#: (Han characters mostly): below it one character is much of a phrase's meaning (measured: see
#: docs/bank-format.md, "Near duplicates")
MIN_EDIT_LEN = 12
#: ... or, from :data:`MIN_SHORT_LEN` on, when the phrase it folds into was seen this many times
#: as often: a rare short variant of a common phrase is a slip (任何时侯 / 任何时候), while two
#: short phrases seen alike (干一行、爱一行 / 干一行、钻一行) are two phrases
SHORT_RATIO = 10
MIN_SHORT_LEN = 4
#: representatives seen often are found by their character 4-grams (a fragment's first one)
GRAM = 4

#: what a skeleton leaves out: spaces, ASCII punctuation but the ``{}`` of slots (so ``{地名}``
#: never reads as the word 地名), general punctuation (—…“”‘’), CJK punctuation (、。《》「」【】〔〕)
#: and their full-width and small forms but ｛｝ (which NFKC makes ASCII)
_NOT_SKELETON = re.compile(r"[\s!-/:-@\[-`|~\u00b7\u2000-\u206f\u3000-\u303f\ufe10-\ufe6f"
                           r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5c\uff5e-\uff65]")


def skeleton(text: str) -> str:
    """What near duplicates are compared on: no punctuation or spaces, NFKC-folded, lower case.

    Punctuation goes first: what is left of Chinese text is nearly always NFKC-normal already,
    which a quick check tells (full-width ，。 are not). Characters NFKC turns into punctuation
    (㈠ → (一)) lose it after.
    """
    text = _NOT_SKELETON.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _NOT_SKELETON.sub("", unicodedata.normalize("NFKC", text))
    return text.lower()


def within_one_edit(a: str, b: str) -> bool:
    """At most one character substituted, inserted or deleted between ``a`` and ``b``."""
    la, lb = len(a), len(b)
    if la > lb:
        a, b, la, lb = b, a, lb, la
    if lb - la > 1:
        return False
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if i == la:
        return True
    return a[i + 1:] == b[i + 1:] if la == lb else a[i:] == b[i + 1:]


_NONE: list[int] = []


def near_groups(items: list[tuple[str, str]], counts: list[int]) -> dict[int, int]:
    """Which item each near duplicate folds into: ``{index: index of its representative}``.

    ``items`` are ``(category, text)`` and ``counts`` how often each was seen. Items are taken
    by count, then by text; each folds into the first representative taken before it that is
    a near duplicate of it, or represents itself (and is left out of the answer).
    """
    if all(a < b for a, b in zip(items, items[1:])):
        # already in item order (accumulate.fold_near sorts them): a stable sort by count alone
        # gives the same order without comparing the texts again
        minus = [-c for c in counts]
        order = sorted(range(len(items)), key=minus.__getitem__)
    else:
        order = [i for _, _, i in sorted(zip([-c for c in counts], items, range(len(items))))]
    index = NearIndex()
    into: dict[int, int] = {}
    for i in order:
        j = index.place(items[i], counts[i])
        if j is not None:
            into[i] = order[j]
    return into


class NearIndex:
    """The representatives taken so far, filed to find near duplicates of the next item: items
    are placed one by one by count, then by text (:func:`near_groups`, or a stream already in that
    order, ``mining/spill.py``), and only representatives are kept, so its size is the bank's."""

    def __init__(self) -> None:
        self.placed = 0
        self.exact: dict[tuple[str, str], int] = {}
        # representatives by (category, length, half): "same" holds a skeleton of length n under
        # (n, its first n//2 characters) and (-n, the rest); "longer" holds it as the longer of a
        # pair n - 1 / n, under the halves the shorter one has
        self.same: dict[tuple, list[int]] = {}
        self.longer: dict[tuple, list[int]] = {}
        self.grams: dict[str, list[int]] = {}  # GRAM-grams of the representatives seen SHORT_RATIO times or more
        self.skeletons: dict[int, str] = {}
        self.counts: dict[int, int] = {}

    def place(self, item: tuple[str, str], count: int) -> int | None:
        """The number (in order placed) of the representative ``item`` folds into, else None: it
        represents itself (numbered next)."""
        me = self.placed
        self.placed += 1
        category, text = item
        sk = skeleton(text)
        j = self.exact.get((category, sk))
        n = len(sk)
        same, longer, skeletons, counts = self.same, self.longer, self.skeletons, self.counts
        if j is None and n >= MIN_SHORT_LEN:
            h, g = n // 2, (n - 1) // 2
            head, tail = sk[:h], sk[h:]
            # the same length; one shorter (this is the longer); one longer (this is the shorter)
            found = (same.get((category, n, head), _NONE) + same.get((category, -n, tail), _NONE)
                     + same.get((category, n - 1, sk[:g]), _NONE) + same.get((category, 1 - n, sk[g + 1:]), _NONE)
                     + longer.get((category, n, head), _NONE) + longer.get((category, -n, tail), _NONE))
            near = [k for k in found if _folds(sk, count, skeletons[k], counts[k])] if found else found
            if not near and n >= GRAM:  # a rare fragment of a common phrase, in any category
                hit = self.grams.get(sk[:GRAM])
                if hit:
                    need = SHORT_RATIO * count
                    near = [k for k in hit if counts[k] >= need and sk in skeletons[k]]
            if near:
                j = min(near)
        if j is not None:
            return j
        self.exact[(category, sk)] = me
        if n >= MIN_SHORT_LEN:
            skeletons[me] = sk
            counts[me] = count
            h, g = n // 2, (n - 1) // 2
            for table, key in ((same, (category, n, sk[:h])), (same, (category, -n, sk[h:])),
                               (longer, (category, n - 1, sk[:g])), (longer, (category, 1 - n, sk[g + 1:]))):
                hit = table.get(key)
                if hit is None:
                    table[key] = [me]
                else:
                    hit.append(me)
            if count >= SHORT_RATIO:
                for gram in {sk[k:k + GRAM] for k in range(n - GRAM + 1)}:
                    self.grams.setdefault(gram, []).append(me)
        return None


def _folds(sk: str, count: int, rep: str, rep_count: int) -> bool:
    """Does a phrase (skeleton, count) fold into a representative one edit away (the threshold)?"""
    shorter = min(len(sk), len(rep))
    if shorter < MIN_EDIT_LEN and (shorter < MIN_SHORT_LEN or rep_count < SHORT_RATIO * count):
        return False
    return within_one_edit(sk, rep)


# -- copies of a paragraph read with other punctuation ------------------------------------------
#
# A speech re-posted many times comes back with a separator changed here and there (，for 、, a
# ；) and now and then a character. Its phrases fold by the rules above, but a changed separator
# also changes what the miner reads: 推动新技术、新产业、新业态 cut by a ；after 新产业 gives the
# pair 推动新技术、新产业, a phrase no copy with the usual punctuation holds. Such a reading is told
# by the paragraph it came from: when a paragraph recurs (the same skeleton, or one edit from it,
# in at least SHORT_RATIO places) and at most one in SHORT_RATIO of its copies gives a phrase, that
# phrase is a punctuation accident of the copies, and folds into the reading most copies give that
# shares the longest stretch of text with it; with none sharing four characters it is left out (its
# copies' sightings are counted in the readings they share with the rest). A paragraph that does not
# recur folds nothing.

#: paragraphs of at least this many skeleton characters match one edit apart (a shared half of 20
#: characters or more and the same length give or take one); shorter ones only when equal
PARA_MIN = 40
#: a phrase seen in more different paragraphs than this recurs in its own right (never a copy's accident);
#: copies of one paragraph count as different ones when a character differs, so the cap is generous
PARA_CAP = 1024


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def paragraph_signature(text: str) -> tuple[int, ...]:
    """What paragraph copies are matched on: the hash of the skeleton and, from ``PARA_MIN``
    characters, the length and hashes of its halves (as :func:`near_groups` files phrases)."""
    sk = skeleton(text)
    n = len(sk)
    if n < PARA_MIN:
        return (_h(sk),)
    h, g = n // 2, (n - 1) // 2
    return (_h(sk), n, _h(sk[:h]), _h(sk[h:]), _h(sk[:g]), _h(sk[g + 1:]))


def paragraph_copies(paras: dict[int, list]) -> dict[int, int]:
    """``{skeleton hash: hash of its group}``: paragraphs equal or one edit apart, grouped.

    ``paras`` maps a skeleton hash to ``[times seen, signature]``.
    """
    parent = {h: h for h in paras}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[tuple, int] = {}
    for h in sorted(paras):
        sig = paras[h][1]
        if len(sig) < 6:
            continue
        _, n, head, tail, short_head, short_tail = sig
        for key in ((n, 0, head), (n, 1, tail), (n - 1, 0, short_head), (n - 1, 1, short_tail)):
            other = index.setdefault(key, h)
            if other != h:
                a, b = find(h), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {h: find(h) for h in paras}


def copy_accidents(keys: list[tuple[str, str]], counts: list[int], where: dict, paras: dict,
                   groups: dict[int, int] | None = None) -> dict[int, int | None]:
    """Which phrase folds into which (``{index: index}``) as the reading of paragraph copies that
    only a few of them give (see above); ``{index: None}`` for one that no reading of the other
    copies shares four characters with (it is left out). ``where`` maps a phrase key to
    ``{paragraph hash: times}`` (None: seen in too many paragraphs to tell)."""
    groups = paragraph_copies(paras) if groups is None else groups
    size: dict[int, int] = {}
    for h, (seen, _sig) in paras.items():
        size[groups[h]] = size.get(groups[h], 0) + seen
    # only groups of SHORT_RATIO copies or more fold anything: a phrase seen in no such group
    # neither folds nor is a reading that another folds into (most phrases: skipped at once)
    big = {g for g, n in size.items() if n >= SHORT_RATIO}
    spread: list[tuple[int, dict[int, int]]] = []
    readings: dict[int, list[tuple[int, int]]] = {}
    for i, key in enumerate(keys):
        seen_in = where.get(key)
        if not seen_in:
            continue
        for h in seen_in:
            if groups.get(h, h) in big:
                break
        else:
            continue
        by_group: dict[int, int] = {}
        for h, times in seen_in.items():
            g = groups.get(h, h)
            by_group[g] = by_group.get(g, 0) + times
        spread.append((i, by_group))
        for g, times in by_group.items():
            if g in big:
                readings.setdefault(g, []).append((i, times))
    into: dict[int, int | None] = {}
    for i, seen_groups in spread:
        if not all(g in big and SHORT_RATIO * t <= size[g] for g, t in seen_groups.items()):
            continue
        sk = skeleton(keys[i][1])
        best = None
        for g in sorted(seen_groups):
            for j, times in readings[g]:
                if j == i or SHORT_RATIO * times <= size[g]:
                    continue  # only a reading most copies give represents the others
                rank = (_longest_common(sk, skeleton(keys[j][1])), counts[j], keys[j])
                if rank[0] >= MIN_SHORT_LEN and (best is None or rank > best[0]):
                    best = (rank, j)
        into[i] = best[1] if best is not None else None
    return into


def _longest_common(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
