"""Parse throughput and peak memory on a corpus of ≥ 50 MB built by repeating corpus/.

    python bench/parse_bench.py [--mb 50]

Target: ≥ 10 MB/s on one core, with peak memory that does not grow with corpus size
(documents are streamed: read, parsed and dropped one at a time; what remains is one directory
listing of file names). Prints figures for the
full corpus and for a fifth of it, so the memory claim is visible in the output.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build_corpus  # noqa: E402

from drafter.parser import parse_file  # noqa: E402
from drafter.readers import iter_sources  # noqa: E402


def parse_all(directory: Path) -> int:
    size = 0
    for path in iter_sources([directory]):
        parse_file(path)
        size += path.stat().st_size
    return size


def throughput(directory: Path) -> tuple[float, float]:
    start = time.perf_counter()
    size = parse_all(directory)
    elapsed = time.perf_counter() - start
    return size / 1024 / 1024, elapsed


def peak_memory(directory: Path) -> float:
    """Peak Python heap while parsing (a separate pass: tracemalloc slows parsing ~5x)."""
    tracemalloc.start()
    parse_all(directory)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        small.mkdir()
        large.mkdir()
        build_corpus(small, args.mb / 5)
        build_corpus(large, args.mb)
        mb, elapsed = throughput(large)
        print(f"parse: {mb:.1f} MB in {elapsed:.2f} s = {mb / elapsed:.1f} MB/s on one core (target >= 10)")
        for label, directory in (("1/5 corpus", small), ("full corpus", large)):
            print(f"peak traced memory, {label}: {peak_memory(directory):.1f} MB")
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (process, incl. interpreter)")


if __name__ == "__main__":
    main()
