"""Phrases out of one speech: each sentence, clause and series put in the category its shape says.

Categories come from the structure of the language, never from a list of known phrases:

* position: sentences of the opening that announce the talk are 开篇, those of the closing 结尾;
* sentence frames: a leader and a verb of saying (总书记…指出/强调) make 引语, a leading
  connective (同时 / 因此 / 这一重要论述) 过渡, a leading 要/必须 要求, a shortfall (还不够,
  有待提高, 仍有短板: drafter/roles.py) 查摆, a copula or a situation opener (…是… / 当前)
  论述, a short sentence of two echoing halves 金句;
* shapes below the sentence: three or more parallel members (、 or ，) are 排比, two 对仗,
  and a quoted pair (“功成不必在我、功成必定有我”) 金句.

Every phrase is a whole sentence, clause, series or quoted span, cut at punctuation.

The steps live beside this module: a whole sentence's category by its frame in
``mining/category.py``, the series and pairs inside it in ``mining/shapes.py``, the units a long
listing sentence holds in ``mining/units.py``; this module walks a speech's pieces and
sentences through them.
"""

from __future__ import annotations

from typing import NamedTuple

from drafter.mining.category import FIRST_PERSON, _aphorism, _category, is_aphorism, sentence_category
from drafter.mining.sentences import body_clauses, han_len, sentences, strip_end
from drafter.mining.setphrases import sentence_candidates
from drafter.mining.shapes import _shapes, shapes
from drafter.mining.units import SPAN_MIN, _split_when_drafted, units_of

__all__ = ["Piece", "Found", "find_phrases", "opening_moves", "sentence_category", "is_aphorism", "shapes",
           "units_of", "FIRST_PERSON", "MOVE_OF"]

#: what each sentence category does as an opening move (for skeletons)
MOVE_OF = {"引语": "引述讲话精神", "论述": "阐明意义形势", "开篇": "引出发言主题", "要求": "提出总体要求",
           "金句": "金句点题", "过渡": "承上启下"}


class Piece(NamedTuple):
    """A stretch of one paragraph with its place in the speech (opening, heading, body, closing).

    A tuple: one is made per paragraph of the corpus, and a frozen dataclass costs twice as much.
    """

    para: int
    role: str
    text: str
    last: bool = False


class Found(NamedTuple):
    """One phrase found (a tuple: made once per phrase on the hot path, so kept cheap)."""

    category: str
    text: str
    para: int
    #: a category given to a whole sentence by its frame (not a shape found inside it)
    whole: bool = False



def find_phrases(pieces: list[Piece], sets: list[tuple[str, str, int]] | None = None) -> list[Found]:
    """Every phrase of a speech's pieces, in document order (duplicates included).

    With ``sets``, the set-phrase candidates of every sentence (:mod:`drafter.mining.setphrases`)
    are appended to it as ``(candidate, sentence, para)``: whether one is a phrase only a whole
    corpus tells.
    Built as one list (not a chain of generators): this runs for every sentence of the corpus.
    """
    out: list[Found] = []
    for piece in pieces:
        if piece.role == "title":
            continue
        if piece.role == "heading":
            # an inline item (一是…，…，…) is parsed as a heading but reads as body text
            if piece.text.count("，") >= 2:
                body = strip_end(piece.text)
                parts = body_clauses(body)
                if sets is not None:
                    sentence_candidates(parts, body, piece.para, sets)
                out.extend(Found(c, t, piece.para) for c, t in _shapes(piece.text, body, parts) if han_len(t) >= 4)
            continue
        if piece.role == "closing" and piece.last and han_len(piece.text) <= 40:
            out.append(Found("结尾", piece.text, piece.para))
            continue
        for sentence in sentences(piece.text):
            _sentence_phrases(sentence, piece, out, sets)
    return out


def _sentence_phrases(sentence: str, piece: Piece, out: list[Found], sets: list[tuple[str, str, int]] | None = None) -> None:
    sentence = sentence.strip()
    if not sentence:
        return
    para = piece.para
    body = strip_end(sentence)
    h = han_len(body)  # the same as the sentence's: 。！？ are not Han
    parts = body_clauses(body)
    if sets is not None:
        sentence_candidates(parts, body, para, sets)
    found = None
    if piece.role == "closing" and h <= 60:
        aphorism = _aphorism(body, h)
        out.append(Found("金句" if aphorism else "结尾", sentence, para))
    else:
        found = _category(sentence, body, h, piece.role)
        if found:
            out.append(Found(found[0], found[1], para, True))
    if piece.role == "body" and len(parts) > 1 and h > SPAN_MIN and not _split_when_drafted(found, sentence, parts):
        taken = found[1] if found else sentence
        for category, text in units_of(parts):
            if text != sentence and text[:-1] != taken:
                out.append(Found(category, text, para))
    for category, text in _shapes(sentence, body, parts):
        text = text.strip()
        if len(text) >= 12 or han_len(text) >= 4:
            out.append(Found(category, text, para))


def opening_moves(found: list[Found], pieces: list[Piece]) -> list[tuple[str, str, str]]:
    """The moves of a speech's opening as ``(move, category, text)``, in order, repeats folded."""
    opening = {p.para for p in pieces if p.role == "opening"}
    moves: list[tuple[str, str, str]] = []
    for f in found:
        move = MOVE_OF.get(f.category) if f.whole and f.para in opening else None
        if move and (not moves or moves[-1][0] != move):
            moves.append((move, f.category, f.text))
    return moves
