"""A large corpus for the benches: corpus/ repeated into a directory until it holds N MB."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(directory: Path, megabytes: float) -> int:
    """Copy corpus/*.txt into ``directory`` (numbered copies) until it holds ``megabytes``; bytes written."""
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    total, n = 0, 0
    while total < megabytes * 1024 * 1024:
        for src in sources:
            dst = directory / f"{n:06d}_{src.name}"
            shutil.copyfile(src, dst)
            total += dst.stat().st_size
            n += 1
    return total
