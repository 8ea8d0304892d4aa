"""Words of Chinese text, for relevance: which bank lines are about a heading.

Chinese has no spaces. Character bigrams (what the bank's index uses for search) cross word
boundaries: 再深入一步 and 课后服务进一步 share 一步, which says nothing. Drafting needs words, so
text is split by forward maximum matching against a word list shipped with the package
(``data/lexicon.txt``, made once from public texts by ``tools/make_lexicon.py``): fast, no
model, the same split every time. A run of characters the list does not know is kept whole
when short and cut into pairs when long.

Content words are the words that say what a line is about: not function words, not the
genre's all-purpose verbs (推动, 加强, 坚持 …), not numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: longest word looked up in the list
MAX_WORD = 6
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")

#: words that occur in lines about anything: they never make a line relevant by themselves
STOPWORDS = frozenset("""
我们 你们 他们 大家 同志 同志们 自己 这个 这些 那些 这样 这种 那样 什么 怎么 一些 一个 一种 一批
各种 各项 各个 各级 各类 方面 方向 问题 工作 事业 任务 要求 实际 实践 过程 进程 全面 深入 扎实
切实 认真 坚决 不断 持续 始终 继续 进一步 一步 努力 积极 主动 更加 更好 重大 重要 主要 根本 基本
关键 核心 充分 有效 有力 真正 全力 大力 着力 着重 推动 推进 加强 加快 加大 强化 提高 提升 增强
完善 健全 坚持 落实 做好 抓好 抓实 做到 实现 促进 发挥 把握 贯彻 围绕 聚焦 注重 确保 保持 形成
建立 开展 不是 就是 还是 也是 但是 而是 因为 所以 如果 只有 才能 能够 可以 需要 必须 应该 已经
正在 将要 以及 并且 而且 同时 通过 按照 根据 对于 关于 作为 成为 具有 没有 存在 进行 提出 指出
强调 认为 理解 体会 看到 感到 当前 目前 现在 今后 未来 新的 好的 不少 很多 许多 更多 一切 一定
之中 之间 以来 以上 以下 下面 上面 其中 其他 有关 相关 一道 一起 一体 作出 取得 成效 水平 能力
意识 精神 思想 发展 建设 方式 机制 体系 制度 措施 举措 政策 领域 环节 基础 条件 局面 格局 水平
党的 关系 深刻 准确 突出 有关 相关 不够 明显 一批 各方 方方面面 重点 难点 特别 尤其 真正 全体 广大
领导 国家 社会 经济 政治 中国 我国 全国 习近平 总书记 同志 新时代 中国特色
社会主义 党中央 中央 时期 阶段 时代 历史 目标 道路 成果 作用 地位 意义 内容 部署 要点 工作者
保障 改善 之风 大兴 研究 牢固 树立 责任 主体 各方 地方 认识 重要性 必要性 紧迫性 方面 好转 务实 用力 发力 再加力 排头兵 表率 作表率 上作
下功夫 上见 真章 见真章 求实效 实效 加力 见效 走深 走实 落地 落细
摆在 放在 位置 突出位置 更加突出
""".split())


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """The shipped word list (two to six characters a word)."""
    text = resources.files("drafter.data").joinpath("lexicon.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _split_run(run: str, known: frozenset[str]) -> list[str]:
    """Forward and backward maximum matching; the split with fewer single characters wins
    (then the backward one, which suits Chinese better: 理论武装上下功夫 → …上|下功夫)."""
    forward, backward = _forward(run, known), _backward(run, known)
    def singles(ws):
        return sum(1 for w in ws if len(w) == 1 and w not in FUNCTION_CHARS)
    return forward if (singles(forward), len(forward)) < (singles(backward), len(backward)) else backward


def _backward(run: str, known: frozenset[str]) -> list[str]:
    out: list[str] = []
    j = len(run)
    pending = ""
    while j > 0:
        for size in range(min(MAX_WORD, j), 1, -1):
            piece = run[j - size:j]
            if piece in known:
                if pending:
                    out.extend(reversed(_unknown(pending)))
                    pending = ""
                out.append(piece)
                j -= size
                break
        else:
            pending = run[j - 1] + pending
            j -= 1
    if pending:
        out.extend(reversed(_unknown(pending)))
    return out[::-1]


def _forward(run: str, known: frozenset[str]) -> list[str]:
    out: list[str] = []
    i, n = 0, len(run)
    pending = ""
    while i < n:
        for size in range(min(MAX_WORD, n - i), 1, -1):
            piece = run[i:i + size]
            if piece in known:
                if pending:
                    out.extend(_unknown(pending))
                    pending = ""
                out.append(piece)
                i += size
                break
        else:
            pending += run[i]
            i += 1
    if pending:
        out.extend(_unknown(pending))
    return out


#: characters that stand as words by themselves (在…上, 把…, 的)
FUNCTION_CHARS = frozenset("在上中下里的和与为把以是要再于对将向从让使被由给等及并而或且也都就才又还更最很之着了过")


def _unknown(chars: str) -> list[str]:
    """Characters the list does not know: function characters at either end stand alone; a run
    of two to four is most likely a name or term; a longer run is cut into pairs."""
    if len(chars) >= 2 and chars[0] in FUNCTION_CHARS:
        return [chars[0]] + _unknown(chars[1:])
    if len(chars) >= 2 and chars[-1] in FUNCTION_CHARS:
        return _unknown(chars[:-1]) + [chars[-1]]
    if len(chars) < 2:
        return [chars]
    if len(chars) <= 4:
        return [chars]
    return [chars[i:i + 2] for i in range(0, len(chars) - 1, 2)]


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` in order (Chinese runs only; punctuation and digits dropped)."""
    known = lexicon()
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(_split_run(run, known))
    return tuple(out)


def _parts(word: str) -> list[str]:
    """Known words inside a long word (深入调查 → 调查): a heading and a line may split the same
    phrase differently, and should still meet on its parts."""
    if len(word) < 4:
        return []
    known = lexicon()
    n = len(word)
    return [p for p in [word[:k] for k in range(2, n - 1)] + [word[k:] for k in range(2, n - 1)]
            if p in known]


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Words of ``text`` that say what it is about (two characters or more, no stopword), with
    the known words inside its long words."""
    out = set()
    for w in words(text):
        if len(w) >= 2 and w not in STOPWORDS:
            out.add(w)
        out.update(p for p in _parts(w) if p not in STOPWORDS)
    return frozenset(out)


@lru_cache(maxsize=65536)
def compounds(text: str) -> frozenset[str]:
    """Adjacent pairs of words written together (安全+生产 → 安全生产; 深入调查+研究 → 调查研究),
    at least one of them a content word: a line that holds the compound is about the same
    thing, not just about one of its halves."""
    ws = words(text)
    out = set()
    for a, b in zip(ws, ws[1:]):
        if len(a) < 2 or len(b) < 2 or (a in STOPWORDS and b in STOPWORDS):
            continue
        out.add(a + b)
        out.update(a[k:] + b for k in range(1, len(a) - 1) if a[k:] in lexicon())
        out.update(a + b[:k] for k in range(2, len(b)) if b[:k] in lexicon())
    return frozenset(out)


@lru_cache(maxsize=65536)
def compound_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """The adjacent pairs of content words ``text`` writes together (安全, 生产), in order:
    the parts of its ``strong_compounds``."""
    ws = words(text)
    return tuple((a, b) for a, b in zip(ws, ws[1:]) if len(a) >= 2 and len(b) >= 2
                 and a not in STOPWORDS and b not in STOPWORDS)


@lru_cache(maxsize=65536)
def strong_compounds(text: str) -> frozenset[str]:
    """Compounds of two content words (安全生产), not of a content word and an all-purpose one
    (成果转化 is about 科技 as often as about 学习): only these make a line relevant alone."""
    ws = words(text)
    return frozenset(a + b for a, b in zip(ws, ws[1:]) if len(a) >= 2 and len(b) >= 2
                     and a not in STOPWORDS and b not in STOPWORDS)
