"""How drafts read, measured: python bench/draft_quality.py [--root DIR] [--bank DIR] [OUTLINES...]

For a set of outlines (default: bench/outlines/*.yaml, written for this bench on themes the
corpus covers badly) and seeds 0 and 1, drafts each with the drafter found in --root (default:
this checkout; give another checkout's path to measure it the same way, e.g. before a change),
then prints, per outline and overall:

  bank      share of body sentences borrowed from the bank
  conn      share of body sentences not borrowed from the bank: connecting sentences of
            _frames.yaml (the bench outlines have no verbatim text)
  offtopic  share of body sentences sharing no content word with their section
            (heading, points, the heading above; words as drafter/words.py splits them)
  broken    sentences that do not end properly, fragments, unpaired quotes
  slots     〔待补充〕 placeholders (unfilled slots)
  notes     notes to the writer (〔待补充（写作提示）：…〕) where the bank had nothing on a
            place: not sentences of the speech, not counted as length, not as slots
  occasion  occasion mismatches: 研讨 lines in a 党课, 党课 lines in a 发言, a count in
            我谈N点 that differs from the sections, lines in another level's voice, lines
            tied to another year, meeting or dated campaign, lines of a rural setting in a city
            district's speech (县域, 农村寄宿制) or of an urban one in a 镇's (智慧城市)
  maxpara   longest paragraph (characters)
  length    characters / target
  seeds     share of sentences shared by the drafts of seeds 0 and 1
  outlines  (overall) mean share of sentences a draft shares with the draft of another outline

The analysis always uses this checkout's drafter/words.py and drafter/roles.py, so two roots
are measured by one yardstick.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from drafter import roles  # noqa: E402
from drafter.words import content_words  # noqa: E402

DUMP = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from drafter.compose import draft
bank = sys.argv[4] or None
d = draft(sys.argv[2], bank=bank, seed=int(sys.argv[3]))
s = d.speech
def sec(x, above):
    return {"heading": x.heading, "above": above, "body": x.body,
            "points": [p.heading for p in x.sections],
            "sections": [sec(p, x.heading) for p in x.sections]}
print(json.dumps({"title": s.title, "speaker": s.speaker, "opening": s.opening, "closing": s.closing,
                  "sections": [sec(x, "") for x in s.sections], "target": d.target,
                  "length": s.text_length(), "borrowed": [b.text for b in d.sources],
                  "warnings": d.warnings}, ensure_ascii=False))
"""

SENTENCE = re.compile(r"[^。！？]+[。！？]”?")
NOTE = re.compile(r"〔待补充（写作提示）：[^〕]*〕。?")
FRAGMENT_STARTS = ("是", "就是", "才能", "而", "并", "面对", "只要", "也是", "既是", "和", "与", "的")


def run_draft(root: Path, outline: Path, seed: int, bank: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", DUMP, str(root), str(outline), str(seed), bank],
                          capture_output=True, text=True, cwd=root)
    if proc.returncode:
        raise SystemExit(f"{outline}: draft failed: {proc.stderr.strip()[-400:]}")
    return json.loads(proc.stdout)


def frames_patterns(root: Path) -> list[re.Pattern]:
    import yaml
    data = yaml.safe_load((root / "drafter" / "data" / "templates" / "_frames.yaml").read_text("utf-8"))
    out = []
    for kind, items in data.items():
        if kind in ("categories", "occasions") or not isinstance(items, list):
            continue
        for f in items:
            pattern = re.escape(f)
            pattern = re.sub(r"\\\{\w+\\\}", ".{1,40}?", pattern)
            out.append(re.compile("^" + pattern + "$"))
    return out


def bodies(tree: dict):
    """(section words text, paragraph) for every body paragraph."""
    def rec(x):
        about = " ".join([x["heading"], x["above"]] + x["points"])
        for p in x["body"]:
            yield about, p
        for y in x["sections"]:
            yield from rec(y)
    for x in tree["sections"]:
        yield from rec(x)


def sentences(text: str) -> list[str]:
    return [m.group(0) for m in SENTENCE.finditer(text)]


def broken(s: str) -> bool:
    core = s.rstrip("”")
    return (len(s) < 6 or not core.endswith(("。", "！", "？")) or s.startswith(FRAGMENT_STARTS)
            or "。。" in s or "，。" in s or "、。" in s or s.count("“") != s.count("”"))


def occasion_issues(tree: dict, kind: str, year: int) -> list[str]:
    out = []
    text_all = "".join(tree["opening"] + tree["closing"])
    if kind in ("党课", "辅导报告") and re.search(r"研讨会|发言完毕|学习研讨为契机|我谈.点体会", text_all):
        out.append("研讨 line in a 党课/辅导报告")
    if kind in ("研讨发言", "交流发言") and "党课" in text_all:
        out.append("党课 line in a 发言")
    m = re.search(r"[谈讲从]([两三四五六七八九十])(点|个方面)", "".join(tree["opening"]))
    counts = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
    if m and counts[m.group(1)] != len(tree["sections"]):
        out.append(f"announces {m.group(1)} parts, has {len(tree['sections'])}")
    level = roles.speaker_level(tree["title"], tree.get("speaker") or "", {})
    setting = roles.speaker_setting(tree["title"], tree.get("speaker") or "", {})
    for _about, para in bodies(tree):
        for s in sentences(para):
            if not roles.level_fits(roles.line_level(s), level):
                out.append(f"voice: {s[:30]}")
            for tie in roles.ties(s):
                if tie.kind in ("year", "meeting") or (tie.kind == "campaign"
                                                        and not roles.campaign_current(tie.text, year)) \
                        or (tie.kind == "setting" and not roles.setting_fits(tie.text, setting)):
                    out.append(f"tied ({tie.kind} {tie.text}): {s[:30]}")
    return out


def measure(tree: dict, kind: str, year: int, frames: list[re.Pattern]) -> dict:
    body = []
    off = 0
    maxpara = 0
    for about, para in bodies(tree):
        para = NOTE.sub("", para)
        maxpara = max(maxpara, len(para))
        words = content_words(about)
        for s in sentences(para):
            body.append(s)
            if not (content_words(s) & words):
                off += 1
    borrowed = set()
    for b in tree["borrowed"]:
        borrowed.update(sentences(b))
    n = max(len(body), 1)
    conn = sum(1 for s in body if s not in borrowed)
    everything = body + [s for p in tree["opening"] + tree["closing"] for s in sentences(p)]
    paragraphs = tree["opening"] + tree["closing"] + [x for _, x in bodies(tree)]
    notes = [m.group(0) for p in paragraphs for m in NOTE.finditer(p)]
    return {"notes": len(notes), "n": len(body), "bank": sum(1 for s in body if s in borrowed) / n, "conn": conn / n,
            "offtopic": off / n, "broken": sum(1 for s in everything if broken(s)),
            "slots": sum(NOTE.sub("", p).count("〔待补充") for p in paragraphs),
            "occasion": occasion_issues(tree, kind, year), "maxpara": maxpara,
            "length": (tree["length"] - sum(len(n) for n in notes)) / max(tree["target"], 1),
            "sentences": set(everything)}


def shared(a: set, b: set) -> float:
    return len(a & b) / max(min(len(a), len(b)), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outlines", nargs="*", type=Path)
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--bank", default="")
    ap.add_argument("--seeds", default="0,1")
    ap.add_argument("--show", action="store_true", help="print each occasion issue")
    args = ap.parse_args()
    import yaml
    outlines = args.outlines or sorted((HERE / "outlines").glob("*.yaml"))
    seeds = [int(s) for s in args.seeds.split(",")]
    frames = frames_patterns(args.root)
    rows, first_seed = [], {}
    print(f"root {args.root}  bank {args.bank or '(default)'}")
    print(f"{'outline':<14}{'n':>4}{'bank':>6}{'conn':>6}{'off':>6}{'brk':>4}{'slot':>5}{'occ':>4}"
          f"{'maxp':>6}{'len':>6}{'seeds':>7}{'note':>5}")
    for path in outlines:
        data = yaml.safe_load(path.read_text("utf-8"))
        kind = data.get("type", "研讨发言")
        year = int(str(data.get("date") or "2026")[:4])
        per_seed = [measure(run_draft(args.root, path, s, args.bank), kind, year, frames) for s in seeds]
        m = per_seed[0]
        seeds_shared = shared(per_seed[0]["sentences"], per_seed[1]["sentences"]) if len(per_seed) > 1 else 0
        first_seed[path.stem] = m["sentences"]
        rows.append({**m, "seeds": seeds_shared, "name": path.stem})
        print(f"{path.stem[:13]:<14}{m['n']:>4}{m['bank']:>6.0%}{m['conn']:>6.0%}{m['offtopic']:>6.0%}"
              f"{m['broken']:>4}{m['slots']:>5}{len(m['occasion']):>4}{m['maxpara']:>6}{m['length']:>6.0%}"
              f"{seeds_shared:>7.0%}{m['notes']:>5}")
        if args.show:
            for issue in m["occasion"]:
                print("      ", issue)
    pairs = [shared(first_seed[a], first_seed[b]) for a, b in itertools.combinations(first_seed, 2)]
    mean = statistics.mean
    print(f"{'overall':<14}{sum(r['n'] for r in rows):>4}{mean(r['bank'] for r in rows):>6.0%}"
          f"{mean(r['conn'] for r in rows):>6.0%}{mean(r['offtopic'] for r in rows):>6.0%}"
          f"{sum(r['broken'] for r in rows):>4}{sum(r['slots'] for r in rows):>5}"
          f"{sum(len(r['occasion']) for r in rows):>4}{max(r['maxpara'] for r in rows):>6}"
          f"{mean(r['length'] for r in rows):>6.0%}{mean(r['seeds'] for r in rows):>7.0%}"
          f"{sum(r['notes'] for r in rows):>5}")
    print(f"sentences shared between drafts of two different outlines: mean {mean(pairs):.0%}, "
          f"max {max(pairs):.0%}")


if __name__ == "__main__":
    main()
