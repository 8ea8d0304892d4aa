"""Draft every outline we ship or test with, write it out, parse it back: the outline's headings at their depths?

    PYTHONPATH=. python tools/roundtrip_check.py [--seeds 0 1 2] [--formats txt md docx] [OUTLINE ...]

Default outlines: examples/*.yaml, bench/outlines/*.yaml and the starting outline ``drafter new`` writes
for every speech type (its placeholders filled). Each is drafted in both numbering styles and four
shapes (as written; cut to two sections; sections without points; both), with every seed, written to
every format and parsed back; a case passes when the parsed tree's (depth, heading) list is the
outline's. Prints each failure (the first differing heading) and a count; exit status 1 on any.
tests/test_roundtrip.py runs a subset of the same matrix with these same helpers.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ("full", "two", "nopoints", "two-nopoints")


def outline_headings(nodes, depth: int = 1) -> list[tuple[int, str]]:
    """(depth, heading) of an outline's sections and points, in order."""
    out: list[tuple[int, str]] = []
    for node in nodes:
        if isinstance(node, str):
            out.append((depth, node))
        else:
            out.append((depth, node["heading"]))
            out.extend(outline_headings(node.get("points") or [], depth + 1))
    return out


def variant(data: dict, numbering: str, shape: str) -> dict:
    """The outline in one numbering style and shape."""
    sections = data["sections"]
    if shape.startswith("two"):
        sections = sections[:2]
    if shape.endswith("nopoints"):
        sections = [{"heading": s if isinstance(s, str) else s["heading"]} for s in sections]
    return dict(data, numbering=numbering, sections=sections)


def starter_outlines() -> list[tuple[str, dict]]:
    """``drafter new TYPE --theme …`` for every speech type, placeholders filled in."""
    from drafter.compose import env as envmod
    from drafter.compose.starter import new_outline

    out = []
    for info in envmod.list_templates():
        text = new_outline(info.name, theme="以学促干")
        data = yaml.safe_load(text)
        data["sections"] = [{"heading": s["heading"].replace("〔待填：", "").replace("〕", "")}
                            for s in data["sections"]]
        out.append((f"new {info.name}", data))
    return out


def cases(paths: list[Path]) -> list[tuple[str, dict]]:
    found = [(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p),
              yaml.safe_load(p.read_text(encoding="utf-8"))) for p in paths]
    return found


def check(name: str, data: dict, seeds, formats, tmp: Path) -> list[str]:
    from drafter.compose.draft import draft
    from drafter.parser import parse_file
    from drafter.writers import write

    failures = []
    for numbering in ("lead", "numbered"):
        for shape in SHAPES:
            v = variant(data, numbering, shape)
            outline = tmp / "outline.yaml"
            outline.write_text(yaml.safe_dump(v, allow_unicode=True), encoding="utf-8")
            want = outline_headings(v["sections"])
            for seed in seeds:
                speech = draft(outline, seed=seed).speech
                drafted = [(d, s.heading) for d, s in speech.walk()]
                if drafted != want:
                    failures.append(f"{name} {numbering} {shape} seed {seed}: the draft itself has {drafted[:3]}…")
                    continue
                for suffix in formats:
                    written = write(speech, tmp / f"draft.{suffix}")
                    got = [(d, s.heading) for d, s in parse_file(written).walk()]
                    if got != want:
                        diff = next(((a, b) for a, b in zip(got + [None] * len(want), want + [None] * len(got))
                                     if a != b), None)
                        failures.append(f"{name} {numbering} {shape} seed {seed} .{suffix}: got {diff[0]} for {diff[1]}")
    return failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outlines", type=Path, nargs="*")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--formats", nargs="+", default=["txt", "md", "docx"])
    args = ap.parse_args()
    if args.outlines:
        todo = cases(args.outlines)
    else:
        todo = cases(sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "bench" / "outlines").glob("*.yaml")))
        todo += starter_outlines()
    failures: list[str] = []
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in todo:
            found = check(name, data, args.seeds, args.formats, Path(tmp))
            n += 2 * len(SHAPES) * len(args.seeds)
            for f in found:
                print("FAIL", f)
            failures += found
    print(f"{len(todo)} outlines, {n} drafts x {len(args.formats)} formats: {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
