"""A large honest input (issue 16): mine (and with --lint, lint) one text file of N MB (default
200), read part by part (drafter/readers/stream.py), beside the anchor measured in the same run:
the same speeches mined as a folder of ordinary files (--anchor-mb of them, default 10).

Prints, for each, MB, wall seconds, CPU seconds (user + system), MB per CPU second and the peak
resident memory of the drafter process (all from wait4, so only that process), then the file's
MB per CPU second over the anchor's. What the issue asks: that ratio at least 1 (the bench's
throughput) and the memory bounded (not growing with the file; 500 MB at most). The lines each
printed are counted. The corpus is about 1 MB, so both the file and the folder cycle it, each copy
made distinct (``distinct``: every sentence of copy N carries its number), as 200 MB of different
speeches would be: a lint of the one file then reports what repeats across the speeches themselves
(the work reports' closing thanks), not every sentence of every copy again. The machine is
shared: wall seconds of a 20-minute run and a 1-minute one meet different loads, so the ratio is
taken on CPU seconds; the wall figures are printed beside them.

    python bench/stream_bench.py [--mb 200] [--anchor-mb 10] [--lint [--no-mine]] [--stream-mb N]
    python bench/stream_bench.py --export 1 5 20

``--export`` instead exports files of those sizes (read whole, up to DRAFTER_MAX_INPUT_MB) to
.docx: what the issue asks is time in proportion to the size (the CPU seconds per MB flat).

``--stream-mb`` streams a file past N MB (DRAFTER_STREAM_MB, default 16): with ``--mb 10
--stream-mb 1`` a quick run compares the same 10 MB streamed and as a folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def speeches() -> list[str]:
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus-public").rglob("*.txt"))
    return [p.read_text(encoding="utf-8").strip() for p in files]


def distinct(text: str, copy: int) -> str:
    """The ``copy``-th copy of a speech, every sentence made its own: each 。 gains the copy's
    number (（第N份）), so a speech seen again further on in the file repeats no sentence of an
    earlier copy. The file and the folder are built the same way, copy by copy, so a lint of the
    one file reports about what the folder's lint reports, not every sentence of 200 copies."""
    return text if copy == 0 else text.replace("。", f"（第{copy}份）。")


def build_file(path: Path, megabytes: float) -> int:
    texts = speeches()
    size, n = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 2**20:
            chunk = distinct(texts[n % len(texts)], n // len(texts)) + "\n\n"
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
            n += 1
    return size


def build_folder(folder: Path, megabytes: float) -> int:
    texts = speeches()
    folder.mkdir()
    size, n = 0, 0
    while size < megabytes * 2**20:
        path = folder / f"{n:06d}.txt"
        path.write_text(distinct(texts[n % len(texts)], n // len(texts)) + "\n", encoding="utf-8")
        size += path.stat().st_size
        n += 1
    return size


def run(argv: list[str], env: dict) -> tuple[float, float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit code and lines printed of ``python -m drafter argv``."""
    start = time.monotonic()
    lines = 0
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "drafter", *argv], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None
        for block in iter(lambda: proc.stdout.read(1 << 20), b""):     # counted, not kept
            lines += block.count(b"\n")
        _, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            print(err.read().decode("utf-8", "replace")[-500:], file=sys.stderr)
    return time.monotonic() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, lines


def row(name: str, size: int, wall: float, cpu: float, rss: float, code: int, lines: int) -> float:
    """Print one line; return MB per CPU second."""
    mb = size / 2**20
    print(f"{name:34} {mb:7.1f} MB  wall {wall:7.1f} s  cpu {cpu:7.1f} s  {mb / cpu:5.2f} MB/cpu-s"
          f"  peak {rss:6.1f} MB  exit {code}  {lines} lines out", flush=True)
    return mb / cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--anchor-mb", type=float, default=10)
    ap.add_argument("--lint", action="store_true", help="lint the file and the anchor too (slow)")
    ap.add_argument("--no-mine", action="store_true", help="with --lint: lint only (the file is built the same)")
    ap.add_argument("--stream-mb", type=int, help="stream files past this many MB (DRAFTER_STREAM_MB)")
    ap.add_argument("--export", type=float, nargs="+", metavar="MB", help="export files of these sizes instead")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if args.export:
        export(args.export, env)
        return
    if args.stream_mb:
        env["DRAFTER_STREAM_MB"] = str(args.stream_mb)
    work = Path(tempfile.mkdtemp(prefix="stream-bench-"))
    try:
        anchor = work / "speeches"
        anchor_size = build_folder(anchor, args.anchor_mb)
        big = work / "dump.txt"
        size = build_file(big, args.mb)
        if not args.no_mine:
            base = row("anchor: mine a folder of speeches", anchor_size,
                       *run(["mine", str(anchor), "-o", str(work / "a"), "-q"], env))
            it = row("mine one file, streamed", size, *run(["mine", str(big), "-o", str(work / "b"), "-q"], env))
            print(f"mine: streamed / anchor = {it / base:.2f} (MB per CPU second)", flush=True)
        if args.lint:
            base = row("anchor: lint a folder of speeches", anchor_size, *run(["lint", str(anchor)], env))
            it = row("lint one file, streamed", size, *run(["lint", str(big)], env))
            print(f"lint: streamed / anchor = {it / base:.2f} (MB per CPU second)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def export(sizes: list[float], env: dict) -> None:
    work = Path(tempfile.mkdtemp(prefix="stream-bench-"))
    try:
        for mb in sizes:
            path = work / f"speech-{mb:g}MB.txt"
            size = build_file(path, mb)
            row(f"export {mb:g} MB to .docx", size, *run(["export", str(path), "-o", str(work / "out.docx"),
                                                           "--force"], env))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
