"""Mine a corpus: map each speech to its phrases and structure record, merge, write the bank.

Each document is read, parsed and mined on its own (in a worker process with ``jobs`` > 1)
and comes back as a small partial result; partial results merge by adding counts and
uniting capped source lists, an operation that does not depend on order, so the bank is
the same for any number of jobs. Documents stream through: memory holds the bank being
built, never the corpus.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from drafter.bank import merge_mined
from drafter.errors import DrafterError, ReadError, WriteError
from drafter.i18n import _
from drafter.limits import limit
from drafter.mining.accumulate import Accumulator, DocResult, MineResult
from drafter.mining.extract import find_phrases, opening_moves
from drafter.mining.neardup import paragraph_signature
from drafter.mining.pieces import speech_pieces
from drafter.mining.setphrases import KEEP
from drafter.mining.skeletons import heading_patterns, speech_record
from drafter.mining.slots import DEFAULT_ALIASES, Slotter, load_aliases
from drafter.mining.spill import Spill, spilling
from drafter.mining.themes import Tagger, load_themes, themes_text, title_themes
from drafter.model import Speech
from drafter.normalize import paragraphs
from drafter.parser import parse_doc, parse_paragraphs
from drafter.readers import iter_sources, read
from drafter.readers.stream import parts, streams
from drafter.readers.text import markdown_hints, strip_markdown


class Miner:
    """Mines speeches with one alias table and one theme table."""

    def __init__(self, aliases: dict[str, str] | None = None, themes: dict | None = None,
                 spill: Spill | None = None):
        self.slot = Slotter(aliases)
        self.tag = Tagger(themes)
        self.spill = spill          # where a streamed file's partial bank spills (mining/spill.py)

    def speech(self, speech: Speech, name: str) -> DocResult:
        pieces = speech_pieces(speech, self.slot)
        terms = title_themes(self.slot(speech.title))
        out = DocResult(name)
        closings: list[str] = []
        closing_paras = {p.para for p in pieces if p.role == "closing"}
        candidates: list[tuple[str, str, int]] = []
        found = find_phrases(pieces, candidates)
        phrases = out.phrases
        for f in found:
            key = (f.category, f.text)
            entry = phrases.get(key)
            if entry is None:
                entry = phrases[key] = [0, [], None, []]
            entry[0] += 1
            if f.para not in entry[1]:
                entry[1].append(f.para)
            if f.para in closing_paras and f.category in ("结尾", "金句") and f.text not in closings:
                closings.append(f.text)
        for (_category, text), entry in out.phrases.items():
            entry[2] = self.tag(text, terms)
        self._set_candidates(candidates, terms, out)
        patterns = heading_patterns(speech, self.slot)
        for p in patterns:
            entry = out.phrases.setdefault(("标题", p.text), [0, [], [], []])
            for heading, para in p.examples:
                entry[0] += 1
                if para and para not in entry[1]:
                    entry[1].append(para)
                if heading not in entry[3]:
                    entry[3].append(heading)
        out.record = speech_record(speech, name, opening_moves(found, pieces), patterns, closings)
        _paragraph_signatures(pieces, out)
        return out

    def _set_candidates(self, candidates: list[tuple[str, str, int]], terms, out: DocResult) -> None:
        """Record set-phrase candidates with the (at most ``KEEP``) sentences they came from."""
        for text, sentence, para in candidates:
            entry = out.sets.setdefault(text, [0, [], None, []])
            entry[0] += 1
            if para not in entry[1]:
                entry[1].append(para)
            if sentence not in entry[3]:
                entry[3].append(sentence)
        for text, entry in out.sets.items():
            entry[2] = self.tag(text, terms)
            entry[3] = sorted(entry[3])[:KEEP]

    def file(self, path: Path, name: str) -> "DocResult | Accumulator":
        if streams(path):
            return self.streamed(path, name)

        try:
            raw = read(path)
            speech = parse_doc(raw, source=name)
            result = self.speech(speech, name)
        except DrafterError as err:
            return DocResult(name, error=str(err))
        except Exception as err:  # noqa: BLE001 - one odd file must not stop a corpus run
            return DocResult(name, error=f"{name}: could not be mined ({type(err).__name__}: {err})")
        result.size = len(raw.text.encode("utf-8"))
        return result


    def streamed(self, path: Path, name: str) -> "DocResult | Accumulator":
        """A text file too large to hold whole (``readers/stream.py``), mined part by part into
        one partial bank: its phrases, with sources numbered as paragraphs of the whole file.
        Its parts are not speeches, so no structure record (skeleton) is taken from them. A
        fault anywhere in the file (an invalid byte) refuses the whole file, as for a small one."""
        acc = Accumulator(self.spill)
        before = size = count = 0
        markdown = path.suffix.lower() in (".md", ".markdown")
        try:
            for part in parts(path):
                count += 1
                text = strip_markdown(part.text) if markdown else part.text
                # split as the whole file splits there (its layout), once: the parse and the count share it
                paras = paragraphs(text, layout=part.layout)
                speech = parse_paragraphs(paras, name, markdown_hints(part.text) if markdown else None)
                doc = self.speech(speech, name)
                doc.record = None
                acc.add(doc, before)        # its sources numbered as paragraphs of the whole file
                before += len(paras)
                size += len(part.text.encode("utf-8"))
        except WriteError:
            raise                           # the run's own temporary files: not this file's fault
        except DrafterError as err:
            return DocResult(name, error=str(err))
        except Exception as err:  # noqa: BLE001 - one odd file must not stop a corpus run
            return DocResult(name, error=f"{name}: could not be mined ({type(err).__name__}: {err})")
        acc.result.files, acc.result.bytes = 1, size
        acc.result.notes.append(_("{file}: read in {parts} parts of about {mb} MB; its phrases are mined, but no "
                                  "speech skeleton is taken from it (it is not one speech)").format(
            file=name, parts=count, mb=limit("STREAM_PART_MB", 2)))
        return acc


def _paragraph_signatures(pieces, out: DocResult) -> None:
    """The signature of every paragraph a phrase or set-phrase candidate came from."""
    wanted = {p for entry in out.phrases.values() for p in entry[1]}
    wanted.update(p for entry in out.sets.values() for p in entry[1])
    texts: dict[int, list[str]] = {}
    for piece in pieces:
        if piece.para in wanted:
            texts.setdefault(piece.para, []).append(piece.text)
    out.paras = {para: paragraph_signature("".join(parts)) for para, parts in texts.items()}


def corpus_files(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to mine with the names their sources get: relative to a directory given, else as given."""

    files: list[tuple[Path, str]] = []
    errors: list[str] = []
    for arg in paths:
        arg = Path(arg)
        if not arg.exists():
            # (iter_sources names what is there instead: a symlink loop, a broken link, nothing)
            raise next(e for e in iter_sources([arg]) if isinstance(e, ReadError))
        for item in iter_sources([arg]):
            if isinstance(item, ReadError):
                errors.append(str(item))
                continue
            name = item.relative_to(arg).as_posix() if arg.is_dir() else arg.as_posix()
            files.append((item, name))
    return files, errors


_WORKER: Miner | None = None


def _init_worker(aliases: dict, themes: dict, spill: Spill | None) -> None:
    global _WORKER
    _WORKER = Miner(aliases, themes, spill)


#: files per task sent to a worker: enough that a task's partial bank (bounded by the bank, not
#: by the files) is worth its pickling, few enough that the work spreads evenly and progress moves
MAX_CHUNK = 64


def _work(chunk: list[tuple[Path, str]]) -> tuple[int, Accumulator]:
    """Mine a chunk of files in a worker and send back one merged partial bank, not one per file."""
    assert _WORKER is not None  # set by _init in each worker process
    acc = Accumulator(_WORKER.spill)
    for path, name in chunk:
        part = _WORKER.file(path, name)
        if isinstance(part, Accumulator):
            acc.merge(part)
        else:
            acc.add(part)
    return len(chunk), acc


def _chunks(files: list, jobs: int) -> list[list]:
    size = max(1, min(MAX_CHUNK, -(-len(files) // (jobs * 4))))
    return [files[i:i + size] for i in range(0, len(files), size)]


def _partials(files: list[tuple[Path, str]], aliases: dict, themes: dict, jobs: int,
              spill: Spill | None = None) -> Iterator[tuple[int, Accumulator | DocResult]]:
    """``(files done, result)``: per document in this process, per chunk of documents with ``jobs`` > 1.

    Workers get paths (never texts) and return partial banks in chunk order, so errors keep
    the order of the files and the merged bank is the one a single process builds.
    """
    if jobs <= 1 or len(files) < 2:
        miner = Miner(aliases, themes, spill)
        for path, name in files:
            yield 1, miner.file(path, name)
        return
    ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(aliases, themes, spill)) as pool:
        yield from pool.imap(_work, _chunks(files, jobs))


def bank_tables(out_dir: Path) -> tuple[dict, dict]:
    """The alias and theme tables to mine with: the defaults, overridden by the bank's files."""
    aliases = dict(DEFAULT_ALIASES)
    if (out_dir / "aliases.yaml").exists():
        aliases.update(load_aliases(out_dir / "aliases.yaml"))
    return aliases, load_themes(out_dir / "themes.yaml")


def collect(paths: Iterable[str | Path], *, jobs: int = 1,
            aliases: dict | None = None, themes: dict | None = None,
            on_progress: Callable[[int, int], None] | None = None, spill: Spill | None = None) -> Accumulator:
    """Mine the files under ``paths`` into an accumulator (nothing written; with a ``spill``,
    its entries past the budget go to sorted runs in the spill's folder, ``mining/spill.py``).

    ``on_progress(done, total)``, if given, is called before the first file and as files finish.
    """
    files, errors = corpus_files(paths)
    acc = Accumulator(spill)
    acc.result.errors.extend(errors)
    aliases = dict(DEFAULT_ALIASES) if aliases is None else aliases
    finished = 0
    if on_progress is not None:
        on_progress(0, len(files))
    for done, part in _partials(files, aliases, themes or {}, max(1, jobs), spill):
        if isinstance(part, Accumulator):
            acc.merge(part)
        else:
            acc.add(part)
        finished += done
        if on_progress is not None:
            on_progress(finished, len(files))
    return acc


#: the collector's first threshold while mining (Python's default is 700): a mine allocates
#: tens of millions of objects (pieces, clause lists, bank entries) that form no cycles, and
#: with the default an eighth of a run's CPU went on collections finding nothing in
#: the growing bank (measured: 5.3 MB of public text, 3.84 → 3.25 s CPU). Cycles are still
#: collected, less often; the CLI sets the same for every command (drafter/__init__.py).
MINE_GC_THRESHOLD = 50_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often for the run (never more often than the caller had it)."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= MINE_GC_THRESHOLD:   # off, or rare enough already
        yield
        return
    gc.set_threshold(MINE_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        if gc.get_threshold()[0] == MINE_GC_THRESHOLD:      # unless someone set their own since
            gc.set_threshold(*before)


def mine(paths: Iterable[str | Path], out_dir: str | Path = "phrasebank", jobs: int = 1,
         on_progress: Callable[[int, int], None] | None = None) -> MineResult:
    """Mine ``paths`` (files and directories) and merge the result into the bank at ``out_dir``.

    ``on_progress(done, total)`` is told how many files are mined, first with ``done`` 0: the
    library draws nothing, the CLI and the web page draw their own progress bars from it.
    """
    with _fewer_collections():
        return _mine(Path(out_dir), paths, jobs, on_progress)


def _mine(out_dir: Path, paths: Iterable[str | Path], jobs: int,
          on_progress: Callable[[int, int], None] | None) -> MineResult:
    aliases, themes = bank_tables(out_dir)
    with spilling(out_dir) as spill:    # removed before the bank is written, however this ends
        acc = collect(paths, jobs=jobs, aliases=aliases, themes=themes, on_progress=on_progress, spill=spill)
        if not acc.result.files:
            raise ReadError(_("no speech could be read") + (f" ({acc.result.errors[0]})" if acc.result.errors
                                                           else ""), path=", ".join(str(p) for p in paths))
        phrases = acc.phrases()
    skeletons = acc.skeletons()
    acc.release()                       # the bank is written from ``phrases`` alone
    acc.result.phrases = len(phrases)
    extra = {} if (out_dir / "themes.yaml").exists() else {"themes.yaml": themes_text(themes)}
    # consume: each mined phrase let go as its folded copy is made, not held twice while writing
    acc.result.report = merge_mined(out_dir, phrases, skeletons, aliases=aliases, extra=extra, consume=True)
    acc.result.types = {kind: stats.documents for kind, stats in sorted(acc.types.items())}
    return acc.result


def phrases_from_speech(speech: Speech, source_name: str, aliases: dict | None = None) -> list:
    """The phrases of one speech as bank entries (``origin: mined``), e.g. to harvest a draft.

    Sources name ``source_name`` and the speech's paragraphs (from its positions, or from
    the writers' layout when it has none).
    """
    acc = Accumulator()
    acc.add(Miner(aliases).speech(speech, source_name))
    return acc.phrases()


def cpu_jobs(jobs: int) -> int:
    """``--jobs 0`` means one per CPU."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)
