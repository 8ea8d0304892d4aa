"""Phrase bank at scale: build a 100,000-phrase bank and time what a writer waits for.

Prints: writing the bank, the first index build, `drafter phrases search` wall time (a
fresh process, index present; target < 0.3 s), the same search in-process, the time to
bring the index up to date after one entry changes, and `drafter draft` wall time with
that bank (target < 1 s) when the draft command exists.

    python bench/phrases_bench.py [--phrases N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.bank import DEFAULT_CATEGORIES, Bank, Phrase, Source, make_id, save_bank  # noqa: E402
from drafter.bank.edit import edit_phrase  # noqa: E402
from drafter.bank.index import open_index, rebuild  # noqa: E402
from drafter.bank.search import Query, search  # noqa: E402

WORDS = ("坚持 推动 深化 落实 部署 发展 改革 创新 担当 作为 群众 民生 基层 实干 学习 思想 政治 "
         "建设 质量 高质量 治理 服务 安全 生态 开放 人才 教育 作风 纪律 党建 初心 使命 责任 "
         "统筹 协调 突破 攻坚 提升 优化 完善 强化 巩固 拓展 激发 凝聚 力量 智慧 共同 富裕").split()
PUNCT = ("、", "，", "、", "，", "；")


def fake_text(rng: random.Random) -> str:
    parts = [rng.choice(WORDS) + rng.choice(WORDS) for _ in range(rng.randint(2, 6))]
    text = parts[0]
    for part in parts[1:]:
        text += rng.choice(PUNCT) + part
    return text + rng.choice(("", "。"))


def build_bank(n: int, seed: int = 7) -> Bank:
    rng = random.Random(seed)
    categories = list(DEFAULT_CATEGORIES)
    seen, phrases = set(), []
    while len(phrases) < n:
        text = fake_text(rng) + str(len(phrases) % 97)
        category = rng.choice(categories)
        pid = make_id(category, text, 12)
        if pid in seen:
            continue
        seen.add(pid)
        sources = [Source(f"{rng.randrange(5000):04d}.txt", rng.randint(1, 60))
                   for _ in range(rng.randint(1, 3))]
        phrases.append(Phrase(pid, text, category, rng.sample(WORDS, 2), [], len(sources),
                              sources, "mined"))
    return Bank(phrases=phrases)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cli(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def draft_time(bank_dir: Path) -> str:
    """Best of 3 for the 3,000-character outline of bench/serve_bench.py, written to .txt."""
    sys.path.insert(0, str(ROOT / "bench"))
    from serve_bench import OUTLINE
    outline = bank_dir.parent / f"{bank_dir.name}-outline.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    out = bank_dir.parent / f"{bank_dir.name}-draft.txt"
    if not (ROOT / "drafter" / "commands" / "draft.py").exists():
        return "n/a (no drafter draft yet)"
    try:
        args = ("draft", str(outline), "--bank", str(bank_dir), "-o", str(out))
        cli(*args)       # warm the OS cache
        return f"{min(cli(*args) for _ in range(3)):.3f} s"
    except subprocess.CalledProcessError as err:
        return f"failed ({err})"
    finally:
        outline.unlink(missing_ok=True)
        out.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="Build the bank here and keep it.")
    args = parser.parse_args()
    bank_dir = args.keep or Path(tempfile.mkdtemp(prefix="phrasebank-bench-"))
    try:
        bank = build_bank(args.phrases)
        t_save, _ = timed(lambda: save_bank(bank, bank_dir))
        size = sum(p.stat().st_size for p in bank_dir.rglob("*.yaml")) / 1e6
        print(f"bank: {args.phrases} phrases, {size:.1f} MB of YAML, written and indexed in "
              f"{t_save:.2f} s")
        from drafter.bank import load_bank
        t_load, _ = timed(lambda: load_bank(bank_dir))
        print(f"load_bank (whole bank, from the index): {t_load:.2f} s")
        t_index, _ = timed(lambda: rebuild(bank_dir))
        print(f"index build from scratch (all YAML read again): {t_index:.2f} s")
        runs = [cli("phrases", "search", "落实 发展", "--bank", str(bank_dir)) for _ in range(3)]
        print(f"`drafter phrases search '落实 发展'` wall time: {min(runs):.3f} s (best of 3; "
              f"target < 0.3 s)")
        t_q, hits = timed(lambda: search(bank_dir, Query(text="深化改革", limit=50)))
        print(f"in-process search '深化改革': {t_q * 1000:.1f} ms, {len(hits)} hits shown")
        victim = bank.phrases[len(bank.phrases) // 2]
        t_edit, _ = timed(lambda: edit_phrase(bank_dir, victim.id, add_tags=["基准测试"]))
        print(f"`phrases edit` of one entry in-process (lock, load its category, rewrite that "
              f"file, index it): {t_edit:.2f} s")
        t_cli = cli("phrases", "edit", victim.id, "--untag", "基准测试", "--bank", str(bank_dir))
        print(f"`drafter phrases edit ... --untag` wall time: {t_cli:.2f} s")
        victim2 = bank.phrases[len(bank.phrases) // 3]
        path = bank_dir / "phrases" / f"{victim2.category}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"  text: {victim2.text}\n",
                                     f"  text: {victim2.text}（改）\n", 1), encoding="utf-8")
        t_refresh, _ = timed(lambda: open_index(bank_dir).close())
        print(f"index refresh after a hand edit of one entry (its ~{len(bank.phrases) // 10}-entry "
              f"file read again): {t_refresh:.2f} s")
        t_fresh, _ = timed(lambda: open_index(bank_dir).close())
        print(f"index check when nothing changed: {t_fresh * 1000:.1f} ms")
        print(f"`drafter draft` wall time with this bank: {draft_time(bank_dir)} (target < 1 s)")
    finally:
        if args.keep is None:
            shutil.rmtree(bank_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
