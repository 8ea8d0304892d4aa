"""A large honest input (issue 16): mine (and with --lint, lint) one text file of N MB (default
200), read part by part (drafter/readers/stream.py), beside the anchor measured in the same run:
the same speeches mined as a folder of ordinary files (--anchor-mb of them, default 10).

Prints, for each, MB, wall seconds, MB/s and the peak resident memory of the drafter process
(from wait4, so only that process). What the issue asks: the file's MB/s near the anchor's (the
bench's throughput) and its memory bounded (not growing with the file; 500 MB at most).

    python bench/stream_bench.py [--mb 200] [--anchor-mb 10] [--lint]
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


def build_file(path: Path, megabytes: float) -> int:
    texts = speeches()
    size, n = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 2**20:
            chunk = texts[n % len(texts)] + "\n\n"
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
        path.write_text(texts[n % len(texts)] + "\n", encoding="utf-8")
        size += path.stat().st_size
        n += 1
    return size


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code of ``python -m drafter argv``."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "drafter", *argv], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(err[-500:], file=sys.stderr)
    return time.monotonic() - start, usage.ru_maxrss / 1024, proc.returncode


def row(name: str, size: int, seconds: float, rss: float, code: int) -> None:
    mb = size / 2**20
    print(f"{name:34} {mb:8.1f} MB {seconds:8.1f} s {mb / seconds:7.2f} MB/s  peak {rss:7.1f} MB  exit {code}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--anchor-mb", type=float, default=10)
    ap.add_argument("--lint", action="store_true", help="lint the file and the anchor too (slow)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stream-bench-"))
    try:
        anchor = work / "speeches"
        anchor_size = build_folder(anchor, args.anchor_mb)
        big = work / "dump.txt"
        size = build_file(big, args.mb)
        row("anchor: mine a folder of speeches", anchor_size, *run(["mine", str(anchor), "-o", str(work / "a"), "-q"]))
        row("mine one file, streamed", size, *run(["mine", str(big), "-o", str(work / "b"), "-q"]))
        if args.lint:
            row("anchor: lint a folder of speeches", anchor_size, *run(["lint", str(anchor)]))
            row("lint one file, streamed", size, *run(["lint", str(big)]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
