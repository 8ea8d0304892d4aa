"""draft(outline) → a whole speech: the outline's headings, composed body text, the asked length.

One call: load and check the outline, load the bank, pick the template for the outline's
type, share the target length out, render, read the lines back as a Speech, and, if the
length missed by more than a few per cent, render again with corrected shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from drafter import roles
from drafter.bank import default_bank_dir
from drafter.compose import cache, pool
from drafter.compose import env as envmod
from drafter.compose import length as lengthmod
from drafter.compose import prepared as preparedmod
from drafter.compose.admission import BankView
from drafter.compose.admission import Speech as Occasion
from drafter.compose.analysis import AnalysisCache
from drafter.compose.assemble import to_speech
from drafter.compose.helpers import Borrowed, Composer, missing_marker, placed_categories
from drafter.compose.outline import LENGTH_RANGE, Outline, load_outline
from drafter.compose.select import BankWords, candidates
from drafter.compose.state import DraftState
from drafter.compose.units import index_lines, prepare
from drafter.errors import BankError, TemplateError
from drafter.i18n import N_, _
from drafter.model import Speech
from drafter.suggest import unknown
from drafter.yamlfile import safe_load

#: renderings tried to hit the length; each is a few milliseconds
MAX_ROUNDS = 5
#: aim inside this band so the ±10 % promise holds comfortably
AIM = 0.04


@dataclass
class Draft:
    speech: Speech
    sources: list[Borrowed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    target: int = 0
    template: str = ""
    #: places the bank had too little relevant material for (see state.Shortfall)
    shortfalls: list = field(default_factory=list)
    #: every body sentence and the slot it fills (see state.Placement), in order
    placements: list = field(default_factory=list)
    #: the drafting state, for choosing alternatives (compose/choose.py); not part of the result
    state: DraftState | None = field(default=None, repr=False, compare=False)

    @property
    def length(self) -> int:
        """Characters of the speech, notes to the writer (〔待补充（写作提示）：…〕) not counted."""
        return lengthmod.drafted_length(self.speech)

    def sources_dict(self) -> list[dict]:
        return [b.to_dict() for b in self.sources]


def draft(outline_path_or_dict, bank=None, seed: int | None = None, templates=None,
          strict: bool = False) -> Draft:
    """Compose a speech from an outline (path or mapping) and a bank (Bank, directory or None)."""
    outline = outline_path_or_dict if isinstance(outline_path_or_dict, Outline) \
        else load_outline(outline_path_or_dict)
    bank_obj, finder = cache.open_bank(bank, open_bank)
    try:
        return _compose(outline, bank_obj, finder, seed, templates, strict)
    finally:
        if finder is not None:
            finder.close()


def _compose(outline: Outline, bank_obj, finder, seed, templates, strict: bool) -> Draft:
    skeleton = skeleton_for(bank_obj, outline.type)
    environment = cache.environment(templates, envmod.make_env)
    info = envmod.find_template(outline.type, templates)
    if info is None:
        names = [t.name for t in envmod.list_templates(templates)]
        raise outline.error("type", unknown(N_("type"), outline.type, names))
    frames = cache.per_environment(environment, "frames", lambda: load_frames(environment))
    target = lengthmod.target_length(outline, skeleton)
    shares = lengthmod.budgets(outline, target)
    numbering = outline.numbering or info.numbering
    seed = (outline.seed or 0) if seed is None else int(seed)
    directory = getattr(bank_obj, "directory", None)
    occasion = Occasion(outline)
    if finder is None:
        lines, index = cache.per_bank(bank_obj, "prepared", lambda: prepared_lines(bank_obj))
        view = cache.per_bank(bank_obj, cache.occasion_key(occasion),
                              lambda: BankView((), occasion, prepared=lines, index=index))
    else:  # a big bank: only a pool chosen through the index (pool.py)
        words = BankWords(finder)
        phrases = pool.indexed_pool(finder, outline, placed_categories(frames), seed, target, words)
        view = BankView(phrases, occasion, AnalysisCache.for_bank(directory), source_years=source_years(directory))
    best: tuple[Speech, Composer] | None = None
    for _round in range(MAX_ROUNDS):
        composer = Composer(outline, view, frames=frames, skeleton=skeleton, budgets=shares,
                            seed=seed, strict=strict)
        speech = render_speech(environment, info.name, outline, composer, numbering)
        actual = lengthmod.drafted_length(speech)
        if best is None or abs(actual - target) < abs(lengthmod.drafted_length(best[0]) - target):
            best = (speech, composer)
        if lengthmod.within(actual, target, AIM):
            break
        fixed = actual - composer.composed_chars
        shares = lengthmod.rescale(shares, fixed, target, actual)
    assert best is not None  # MAX_ROUNDS >= 1 and the first round always sets it
    speech, composer = best
    return Draft(speech=speech, sources=composer.borrowed, target=target, template=info.name,
                 warnings=_warnings(outline, composer, speech, target),
                 shortfalls=composer.shortfalls, placements=composer.state.placements,
                 state=composer.state)


def prepared_lines(bank_obj) -> tuple[list, tuple]:
    """The bank's lines as ``units.prepare`` makes them and their ``units.index_lines``: as
    opened from the drafting cache (compose/prepared.py), else made now, and kept there when
    the bank is a folder."""
    kept = getattr(bank_obj, "drafting_lines", None)
    if kept is not None:
        return kept
    directory = getattr(bank_obj, "directory", None)
    years = source_years(directory)
    lines = prepare(candidates(bank_obj), AnalysisCache.for_bank(directory), years)
    index = index_lines(lines)
    key = getattr(bank_obj, "drafting_key", None)
    if key is not None and directory is not None:
        preparedmod.store(key, directory, bank_obj.skeletons, years, bank_obj.drafting_count, (lines, index))
    return lines, index


def source_years(directory) -> dict[str, int]:
    """The year of each source text a bank names in its SOURCES-<folder>.tsv files (file,
    title columns): the shipped bank's national reports and congress reports."""
    out: dict[str, int] = {}
    if directory is None:
        return out
    for tsv in sorted(Path(directory).glob("SOURCES-*.tsv")):
        folder = tsv.stem.split("-", 1)[1]
        try:
            lines = tsv.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        head = lines[0].split("\t") if lines else []
        if "file" not in head or "title" not in head:
            continue
        fi, ti = head.index("file"), head.index("title")
        for line in lines[1:]:
            cells = line.split("\t")
            if len(cells) > max(fi, ti):
                year = roles.source_year(cells[ti]) or roles.source_year(cells[fi])
                if year:
                    out[f"{folder}/{cells[fi]}"] = year
    return out


def render_speech(environment, name: str, outline: Outline, composer: Composer, numbering: str) -> Speech:
    view = escaped_outline(outline)
    context = {
        "outline": view,
        "sections": view.sections,
        "numbered": numbering == "numbered",
        "numbering": numbering,
        "number": composer.number,
        "item_family": composer.item_family,
        "fill": _escaped(composer.fill),
        "phrase": _escaped(composer.phrase),
        "frame": _escaped(composer.frame),
        "body": _escaped(composer.body),
        "opening": _escaped(composer.opening),
        "closing": _escaped(composer.closing),
    }
    rendered = envmod.render(environment, name, context)
    speech = to_speech(rendered, template=name, source=outline.source)
    if not speech.title:
        raise TemplateError(_("template printed no @title line"), path=name)
    return speech


def _escaped(helper):
    """A helper whose results are escaped data (see env.escape_value)."""
    def call(*args, **kwargs):
        return envmod.escape_value(helper(*args, **kwargs))
    call.__name__ = helper.__name__
    call.__doc__ = helper.__doc__
    return call


def escaped_outline(outline: Outline) -> Outline:
    """A copy of the outline for the template, every text escaped; node keys kept."""
    def node(n):
        return replace(n, heading=envmod.escape_value(n.heading), text=envmod.escape_value(n.text),
                       points=[node(p) for p in n.points])
    return replace(outline, **{k: envmod.escape_value(getattr(outline, k)) for k in
                               ("title", "speaker", "date", "theme", "vars", "opening", "closing")},
                   sections=[node(s) for s in outline.sections])


#: a shortfall warning names this many terms of its heading to add material on
SHORTFALL_TERMS = 4


def _warnings(outline: Outline, composer: Composer, speech: Speech, target: int) -> list[str]:
    out = []
    if composer.missing:
        names = "、".join(composer.missing)
        out.append(_("slots with no value in vars, printed as {marker}: {names}").format(
            marker=missing_marker("…"), names=names))
    actual = lengthmod.drafted_length(speech)
    for gap in composer.shortfalls:
        message = (_("“{heading}”: the bank has relevant material for {written} of {wanted} characters "
                     "and no line of {roles} on it; add phrases or mine speeches on {topic} for a "
                     "fuller draft") if gap.roles else
                   _("“{heading}”: the bank has relevant material for {written} of {wanted} characters; "
                     "add phrases or mine speeches on {topic} for a fuller draft"))
        out.append(message.format(heading=gap.heading, written=gap.written, wanted=gap.wanted,
                                  roles="、".join(gap.roles), topic="、".join(gap.words[:SHORTFALL_TERMS]) or gap.heading))
    if composer.notes:
        out.append(_("the bank has nothing or too little on {places}: the draft holds a note to you there "
                     "({marker}) saying what to write, to replace with your own text").format(
            places="、".join(f"“{h}”" for h in composer.notes), marker=lengthmod.NOTE_OPEN + "…〕"))
    if not lengthmod.within(actual, target):
        out.append(_("length {actual} is more than 10% off the target {target}: the bank has too little "
                     "material relevant to this outline (mine more of your own speeches on its topics, "
                     "or shorten the target)").format(actual=actual, target=target))
    low, high = LENGTH_RANGE
    if outline.target_length() is not None and not low <= target <= high:
        out.append(_("target {target} is outside {low}–{high} characters, the range drafts are fitted for")
                   .format(target=target, low=low, high=high))
    return out


@dataclass
class BankFiles:
    """What a draft needs of a bank directory: its phrases (a small bank) and skeletons, or
    its lines as prepared before (``drafting_lines``, compose/prepared.py; phrases not read)."""

    phrases: list
    skeletons: dict
    directory: Path | None = None
    #: the bank's prepared lines and their index (units.prepare, index_lines), when the drafting cache had them
    drafting_lines: tuple | None = None
    #: the bank's identity for the drafting cache (prepared.bank_key), when it has one
    drafting_key: str | None = None
    #: how many phrases the bank's index holds (for the drafting cache)
    drafting_count: int = 0


def open_bank(bank):
    """(bank, finder): a Bank-like object, and for a big bank an open index Finder.

    ``bank`` is a Bank (used as it is), a directory, or None (the packaged bank). A bank
    directory of more than pool.BIG_BANK phrases is not loaded: the draft picks its
    pool through the index. A small one is read from the index whole. Either way only
    the phrase files and skeletons.yaml are read (not tombstones, aliases, categories).
    """
    if bank is not None and not isinstance(bank, (str, Path)):
        return bank, None
    directory = Path(bank) if bank is not None else Path(default_bank_dir())
    if not directory.is_dir():
        raise BankError(_("phrase bank directory not found"), path=str(directory))
    key = preparedmod.bank_key(directory)
    kept = preparedmod.load(key)
    if kept is not None and kept[2] <= pool.BIG_BANK:  # prepared before, and no file of the bank changed since
        skeletons, _years, count, lines = kept
        return BankFiles([], skeletons, directory, drafting_lines=lines, drafting_key=key,
                         drafting_count=count), None
    # bank index, search and store: +60 ms CPU on the 360 ms of importing drafter.compose
    # (measured 2026-12-02) for `drafter templates` and the like, which import compose but read no
    # phrase, and for a draft from a bank kept prepared (compose/prepared.py)
    try:
        from drafter.bank.files import SKELETONS  # noqa: PLC0415 - see above
        from drafter.bank.index import cached_phrases  # noqa: PLC0415 - see above
        from drafter.bank.search import Finder  # noqa: PLC0415 - see above
        from drafter.bank.store import read_mapping  # noqa: PLC0415 - see above
    except ImportError as err:  # the bank package is not there: nothing to borrow from
        raise BankError(_("phrase bank support is missing ({err})").format(err=err)) from None
    skeletons = read_mapping(directory / SKELETONS, "skeletons.yaml")
    finder = Finder(directory)
    try:
        count = finder.count()
    except BaseException:
        finder.close()
        raise
    if count > pool.BIG_BANK:
        return BankFiles([], skeletons, directory), finder
    finder.close()
    return BankFiles(cached_phrases(directory), skeletons, directory, drafting_key=key, drafting_count=count), None


def bank_skeletons(bank):
    """A Bank as it is, or for a directory (None: the packaged bank) just its skeletons:
    what ``drafter new`` needs, without reading a phrase."""
    if bank is not None and not isinstance(bank, (str, Path)):
        return bank
    from drafter.bank.files import SKELETONS  # noqa: PLC0415 - bank store: see open_bank
    from drafter.bank.store import read_mapping  # noqa: PLC0415 - bank store: see open_bank
    directory = Path(bank) if bank is not None else Path(default_bank_dir())
    if not directory.is_dir():
        raise BankError(_("phrase bank directory not found"), path=str(directory))
    return BankFiles([], read_mapping(directory / SKELETONS, "skeletons.yaml"))


def skeleton_for(bank, kind: str) -> dict:
    """The mined skeleton for a speech type (by name or alias), or {} if the bank has none."""
    skeletons = getattr(bank, "skeletons", None)
    if callable(skeletons):
        skeletons = skeletons()
    if skeletons is None and getattr(bank, "path", None):
        skeletons = read_skeletons(Path(bank.path))
    skeletons = skeletons or {}
    if kind in skeletons:
        return _as_dict(skeletons[kind])
    for _name, sk in skeletons.items():
        sk = _as_dict(sk)
        if kind in (sk.get("aliases") or []):
            return sk
    return {}


def read_skeletons(directory: Path) -> dict:
    path = directory / "skeletons.yaml"
    if not path.is_file():
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise BankError(_("skeletons.yaml is not valid YAML: {err}").format(err=err), path=str(path)) from None


def _as_dict(sk) -> dict:
    if isinstance(sk, dict):
        return sk
    if hasattr(sk, "to_dict"):
        return sk.to_dict()
    return dict(getattr(sk, "__dict__", {}))


def load_frames(environment) -> dict:
    """``_frames.yaml`` from the template search path: connecting sentences and category roles."""
    try:
        source, filename, _uptodate = environment.loader.get_source(environment, "_frames.yaml")
    except Exception:
        return {}
    try:
        data = safe_load(source) or {}
    except yaml.YAMLError as err:
        raise TemplateError(_("_frames.yaml is not valid YAML: {err}").format(err=err), path=filename) from None
    if not isinstance(data, dict):
        raise TemplateError(_("_frames.yaml must be a mapping of kind → list of sentences"), path=filename)
    return data
