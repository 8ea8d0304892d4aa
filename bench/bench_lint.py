"""How fast drafter lint is: corpus files and a long synthetic speech (prints figures)."""

from __future__ import annotations

import time
from pathlib import Path

from drafter.lint import lint_file, lint_text, resolve_rules

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    rules = resolve_rules()
    files = sorted((ROOT / "corpus").glob("*.txt"))
    chars = sum(lint_file(f, rules=rules).chars for f in files)
    t = timed(lambda: [lint_file(f, rules=rules) for f in files])
    print(f"corpus: {len(files)} files, {chars} 字 in {t * 1000:.0f} ms ({chars / t / 1000:.0f}k 字/s)")
    big = "\n".join(f.read_text(encoding="utf-8") for f in files) * 4
    t = timed(lambda: lint_text(big, "big", rules=rules), repeat=3)
    print(f"one long text: {len(big)} characters in {t * 1000:.0f} ms")
    t = timed(lambda: resolve_rules(), repeat=5)
    print(f"loading shipped rules.yaml: {t * 1000:.1f} ms")


if __name__ == "__main__":
    main()
