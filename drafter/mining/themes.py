"""Theme words (tags) a phrase is about, so a section heading can find its phrases.

A tag is a theme a drafter writes a section on (高质量发展, 调查研究, 民生, 作风 …). Each theme
has trigger strings; a phrase containing any trigger gets the theme. The table is plain data:
a bank may carry its own ``themes.yaml`` (theme: [triggers]) which extends or overrides it.
Besides the table, the quoted theme of a speech's title (在“以学促干”专题研讨班上 …) is a
theme of its own for the phrases that repeat it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from drafter.atomic import write_text_atomic
from drafter.errors import BankError
from drafter.i18n import _
from drafter.yamlfile import parse_yaml, read_text

DEFAULT_THEMES: dict[str, list[str]] = {
    "高质量发展": ["高质量发展"],
    "调查研究": ["调查研究", "调研", "把脉问诊", "解剖麻雀"],
    "以学促干": ["以学促干", "学以致用", "学用结合", "学用相长", "知行合一", "以学"],
    "理论武装": ["理论武装", "理论学习", "读原著", "学原文", "悟原理", "学深悟透", "思想武装", "凝心铸魂"],
    "主题教育": ["主题教育"],
    "民生": ["民生", "民心", "民意", "急难愁盼", "为民", "人民群众", "老百姓", "获得感", "幸福感"],
    "改革": ["改革"],
    "开放": ["开放"],
    "创新": ["创新", "科技"],
    "党建": ["党建", "党的建设", "党的领导", "党组织", "党性", "从严治党"],
    "作风": ["作风", "四风", "形式主义", "官僚主义", "务实", "八项规定", "不正之风"],
    "担当": ["担当", "作为", "实干", "干事创业", "苦干", "真抓"],
    "落实": ["落实", "抓落实", "钉钉子"],
    "政绩观": ["政绩"],
    "斗争": ["斗争"],
    "安全": ["安全", "风险", "稳定"],
    "生态": ["生态", "绿色", "环保", "美丽中国", "低碳"],
    "乡村振兴": ["乡村振兴", "农业农村", "三农", "乡村"],
    "人才": ["人才", "干部队伍", "选人用人"],
    "教育": ["教育公平", "办好人民满意的教育", "教育现代化", "立德树人", "学校"],
    "共同富裕": ["共同富裕"],
    "纪律": ["纪律", "规矩", "廉政", "廉洁", "腐败", "反腐"],
    "政治": ["两个确立", "两个维护", "四个意识", "四个自信", "国之大者", "政治判断力", "政治站位"],
    "新发展理念": ["新发展理念", "新发展格局", "新发展阶段"],
    "中国式现代化": ["中国式现代化", "现代化国家", "现代化强国"],
    "营商环境": ["营商环境", "放管服"],
    "实体经济": ["实体经济", "产业链", "制造业", "产业体系"],
}

_QUOTED_TERM = re.compile(r"“([^“”]{2,12})”")


class Tagger:
    """Finds the themes of a text with one regex pass over all triggers."""

    def __init__(self, themes: dict[str, list[str]] | None = None):
        self.themes = {k: list(v) for k, v in (themes or DEFAULT_THEMES).items()}
        self._theme_of: dict[str, str] = {}
        for theme, triggers in sorted(self.themes.items()):
            for t in [theme, *triggers]:
                self._theme_of.setdefault(t, theme)
        keys = sorted(self._theme_of, key=lambda k: (-len(k), k))
        self._re = re.compile(_alternation(keys))
        self._cache: dict[str, frozenset[str]] = {}

    #: texts whose themes are remembered (then the memory starts over): a bound on memory
    CACHE = 50_000

    def __call__(self, text: str, extra: tuple[str, ...] = ()) -> list[str]:
        # the table's themes depend on the text alone: formulaic lines recur from speech to
        # speech, so each distinct text is scanned once
        base = self._cache.get(text)
        if base is None:
            theme_of = self._theme_of
            base = frozenset(theme_of[t] for t in self._re.findall(text))
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            self._cache[text] = base
        if not extra:
            return sorted(base)
        found = set(base)
        for term in extra:
            if term in text:
                found.add(self._theme_of.get(term, term))
        return sorted(found)


def _alternation(keys: list[str]) -> str:
    """One regex for ``keys`` tried in their order, grouped by first character (起(?:…|…)).

    At any position only keys starting with its character can match, and within a group the
    keys keep their order, so it matches what the flat ``a|b|c`` does; the engine then tries
    one branch per first character instead of one per key (phrases are tagged corpus-wide).
    """
    if "" in keys:
        return "|".join(map(re.escape, keys))
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(k[0], []).append(k)
    return "|".join(re.escape(g[0]) if len(g) == 1 else
                    re.escape(first) + "(?:" + "|".join(re.escape(k[1:]) for k in g) + ")"
                    for first, g in groups.items())


def title_themes(title: str) -> tuple[str, ...]:
    """Quoted theme terms in a title: 在“以学促干”专题研讨班上的发言 → ('以学促干',)."""
    return tuple(sorted(set(_QUOTED_TERM.findall(title or ""))))


def load_themes(path: str | Path) -> dict[str, list[str]]:
    """The defaults, extended by a bank's themes.yaml (theme: [triggers]) if there is one."""

    themes = {k: list(v) for k, v in DEFAULT_THEMES.items()}
    path = Path(path)
    if not path.exists():
        return themes
    data = parse_yaml(read_text(path, BankError), path, BankError) or {}
    if not isinstance(data, dict):
        raise BankError(_("expected a mapping 'theme: [trigger, ...]'"), path=str(path))
    for theme, triggers in data.items():
        if isinstance(triggers, str):
            triggers = [triggers]
        if not isinstance(triggers, list) or not all(isinstance(t, str) for t in triggers):
            raise BankError(_("expected a list of trigger strings"), path=str(path), key=str(theme))
        themes[str(theme)] = list(triggers)
    return themes


THEMES_HEADER = ("# Theme words (tags) for mining: theme: [trigger strings]. A phrase containing a trigger\n"
                 "# is tagged with the theme. Edit freely; `drafter mine` uses this file on the next run.\n")


def themes_text(themes: dict[str, list[str]]) -> str:
    """A theme table as a file a user can edit (mining writes the defaults when a bank has none)."""
    body = yaml.safe_dump(themes, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    return THEMES_HEADER + body


def write_themes(path: str | Path, themes: dict[str, list[str]]) -> None:
    write_text_atomic(path, themes_text(themes))
