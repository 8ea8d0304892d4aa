"""规范表述: fixed political terms, common miswritings and retired phrases, from YAML.

The rules ship in ``drafter/data/rules.yaml``; a user's ``--rules FILE`` adds to
them, and a user rule with the id of a shipped one replaces it (``enabled: false``
switches it off). Each rule says what it matches (``match``: literal strings, or
``pattern``: a Python regular expression), what to write instead (``write``) and
why (``why``), so a finding can explain itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.lint.context import Doc
from drafter.lint.findings import ERROR, WARNING, Finding
from drafter.lint.text import excerpt
from drafter.yamlfile import compose_yaml, read_text

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "rules.yaml"
KEYS = {"id", "level", "match", "pattern", "write", "why", "enabled"}
LEVELS = (ERROR, WARNING)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class TermRule:
    id: str
    level: str
    regex: re.Pattern[str]
    write: str
    why: str
    source: str = ""      # "file:line" where the rule was defined
    #: for a ``match`` table {wrong: right}: the right form of each wrong one
    table: tuple[tuple[str, str], ...] = ()
    #: ``write`` refers to groups of ``pattern`` (\\1, \\g<name>)
    template: bool = False

    def findall(self, text: str) -> list[re.Match[str]]:
        return list(self.regex.finditer(text))

    def suggestion(self, m: re.Match[str]) -> str:
        """What to write instead of this match."""
        if self.table:
            return dict(self.table)[m.group()]
        return m.expand(self.write) if self.template else self.write


def load_rules(extra: str | Path | Sequence[str | Path] | None = None,
               shipped: bool = True) -> list[TermRule]:
    """The shipped rules, extended (or overridden by id) by each file in ``extra``."""
    files = ([SHIPPED] if shipped else []) + _as_list(extra)
    merged: dict[str, dict | None] = {}
    for path in files:
        for entry in _read(Path(path)):
            if entry["spec"].get("enabled", True) is False:
                merged[entry["spec"]["id"]] = None
            else:
                merged[entry["spec"]["id"]] = entry
    return [_build(e) for e in merged.values() if e is not None]


def _as_list(extra) -> list[Path]:
    if extra is None:
        return []
    if isinstance(extra, (str, Path)):
        return [Path(extra)]
    return [Path(p) for p in extra]


def _read(path: Path) -> list[dict]:
    """Rule mappings with the line each starts on (so errors can say where)."""

    data, root = compose_yaml(read_text(path, what="rules file"), path)
    items, nodes = _rule_list(data, root, path)
    out = []
    for k, (spec, node) in enumerate(zip(items, nodes)):
        line = node.start_mark.line + 1
        _validate(spec, path, line, f"rules[{k}]")
        out.append({"spec": spec, "path": str(path), "line": line})
    return out


def _rule_list(data, root, path: Path):
    if data is None:
        return [], []
    if isinstance(data, dict) and set(data) == {"rules"} and isinstance(data["rules"], list):
        seq = next(v for k, v in root.value if k.value == "rules")
        return data["rules"], seq.value
    if isinstance(data, list):
        return data, root.value
    raise DrafterError(_("expected a list of rules under the key 'rules'"), path=str(path), line=1)


def _validate(spec, path: Path, line: int, where: str) -> None:
    def fail(msg: str, key: str = where) -> None:
        raise DrafterError(msg, path=str(path), line=line, key=key)

    if not isinstance(spec, dict):
        fail(_("each rule must be a mapping with id, match or pattern, write and why"))
    unknown = set(spec) - KEYS
    if unknown:
        fail(f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(KEYS))})")
    rid = spec.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        fail(_("'id' must be lower-case letters, digits and hyphens, e.g. party-congress-name"), f"{where}.id")
    if spec.get("enabled", True) is False and set(spec) <= {"id", "enabled"}:
        return
    if ("match" in spec) == ("pattern" in spec):
        fail(_("give exactly one of 'match' (literal text) or 'pattern' (regular expression)"))
    table = isinstance(spec.get("match"), dict)
    if "match" in spec:
        m = spec["match"]
        ok = ((isinstance(m, str) and m)
              or (isinstance(m, list) and m and all(isinstance(x, str) and x for x in m))
              or (table and m and all(isinstance(k, str) and k and isinstance(v, str) for k, v in m.items())))
        if not ok:
            fail(_("'match' must be a string, a list of strings or a table {wrong: right}"), f"{where}.match")
    else:
        try:
            regex = re.compile(spec["pattern"])
        except (re.error, TypeError) as err:
            fail(f"bad regular expression: {err}", f"{where}.pattern")
        if isinstance(spec.get("write"), str):
            try:
                _check_template(regex, spec["write"])
            except (re.error, IndexError) as err:
                fail(f"'write' refers to a group the pattern does not have: {err}", f"{where}.write")
    for key in (("why",) if table else ("write", "why")):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            fail(f"'{key}' is required (what to write instead, and why)", f"{where}.{key}")
    if spec.get("level", WARNING) not in LEVELS:
        fail(_("'level' must be error or warning"), f"{where}.level")


def _check_template(regex: re.Pattern[str], write: str) -> None:
    """Expand ``write`` against a dummy match with every group present, to catch bad refs early."""
    names = "".join(f"(?P<{n}>)" for n in regex.groupindex)
    plain = "()" * (regex.groups - len(regex.groupindex))
    dummy = re.match(names + plain, "")
    assert dummy is not None  # empty groups match the empty string
    dummy.expand(write)


def _build(entry: dict) -> TermRule:
    spec = entry["spec"]
    table: tuple[tuple[str, str], ...] = ()
    template = False
    match = spec.get("match")
    if isinstance(match, dict):
        table = tuple((k, v) for k, v in match.items())
        literals = list(match)
    elif match is not None:
        literals = [match] if isinstance(match, str) else match
    if match is not None:
        regex = re.compile("|".join(re.escape(s) for s in sorted(literals, key=len, reverse=True)))
    else:
        regex = re.compile(spec["pattern"])
        template = True
    return TermRule(spec["id"], spec.get("level", WARNING), regex, (spec.get("write") or "").strip(),
                    " ".join(spec["why"].split()), f"{entry['path']}:{entry['line']}", table, template)


def check_with(rules: list[TermRule]):
    """A rule-family check bound to a loaded rule list (the runner loads once per run)."""
    def check(doc: Doc) -> Iterator[Finding]:
        for i, para in enumerate(doc.paras):
            for rule in rules:
                hits = [m for m in rule.findall(para.text) if m.group()]
                if not hits:
                    continue
                first = hits[0]
                fixes: dict[str, str] = {}
                for m in hits:
                    fixes.setdefault(m.group(), rule.suggestion(m))
                listed = "、".join(f"“{wrong}” → {right}" for wrong, right in list(fixes.items())[:3])
                times = f" ({len(hits)}×)" if len(hits) > 1 else ""
                yield doc.finding(i, rule.level, rule.id,
                                  f"{listed}{times}: {rule.why} "
                                  f"({excerpt(para.text, first.start(), first.end())})", first.group())
    return check
