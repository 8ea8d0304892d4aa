"""Draft routes: draft the page's outline, list a sentence's alternatives, download the files.

The page sends the whole outline (with its ``pins``) and the seed each time: the server
keeps no draft state, so what the page shows is always what ``drafter draft`` makes of
the same outline and seed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response

import drafter.compose as composer
from drafter.commands.draft import write_sources
from drafter.i18n import _
from drafter.serve import view
from drafter.serve.config import Refused
from drafter.serve.outline_api import for_compose, outline_of
from drafter.serve.web import Ctx
from drafter.writers import write

FORMATS = {
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": (".md", "text/markdown; charset=utf-8"),
    "txt": (".txt", "text/plain; charset=utf-8"),
    "sources": ("-溯源.yaml", "application/yaml; charset=utf-8"),
}
MAX_SEED = 2**31 - 1


def seed_of(data: dict) -> int:
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise Refused(_("the seed should be a whole number from 0 to 2147483647"), 400)
    return seed


def compose(ctx: Ctx, data: dict):
    outline = outline_of(data)
    return outline, composer.draft(for_compose(outline), bank=ctx.config.bank, seed=seed_of(data),
                          templates=ctx.config.templates)


def draft(ctx: Ctx, data: dict) -> dict:
    outline, result = compose(ctx, data)
    return view.build(result, outline)


def lint(ctx: Ctx, data: dict) -> dict:
    """Proofread the paragraphs the page shows (sent back by the page after a draft)."""
    paras = data.get("paragraphs")
    if not isinstance(paras, list) or not all(isinstance(p, str) for p in paras) or len(paras) > 5000:
        raise Refused(_("the paragraphs to proofread should be a list of texts"), 400)
    return {"findings": view.lint(paras)}


def alternatives(ctx: Ctx, data: dict) -> dict:
    if not hasattr(composer, "alternatives"):
        raise Refused(_("this drafter's composer cannot list alternatives yet (drafter.compose.alternatives)"), 501)
    outline = outline_of(data)
    key = data.get("key")
    if not isinstance(key, str) or not key or len(key) > 100:
        raise Refused(_("no sentence was named"), 400)
    found = composer.alternatives(for_compose(outline), key, bank=ctx.config.bank,
                                  seed=seed_of(data), limit=8, templates=ctx.config.templates)
    return {"key": key, "alternatives": [
        {"phrase": a.phrase_id, "text": a.text, "role": a.role, "score": a.score,
         "sources": view._source_list(a.source)} for a in found]}


def download(ctx: Ctx, data: dict) -> Response:
    fmt = data.get("format")
    if fmt not in FORMATS:
        raise Refused(_("the download format should be docx, md, txt or sources"), 400)
    _outline, result = compose(ctx, data)
    suffix, mime = FORMATS[fmt]
    with tempfile.TemporaryDirectory(prefix="drafter-serve-") as tmp:
        path = Path(tmp) / ("out" + suffix)
        if fmt == "sources":
            write_sources(path, result)
        else:
            write(result.speech, path)
        body = path.read_bytes()
    name = file_stem(data.get("name")) + suffix
    return Response(body, media_type=mime, headers={
        "content-disposition": f"attachment; filename=\"draft{suffix if fmt != 'sources' else '-sources.yaml'}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


def file_stem(name) -> str:
    """The download's name: the outline file's stem, else 发言 (never a path)."""
    if isinstance(name, str) and name.strip():
        stem = Path(name.strip().replace("\\", "/")).name
        for suffix in (".yaml", ".yml"):
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
        stem = "".join(c for c in stem if c not in '/\\:*?"<>|\0').strip(". ")
        if stem:
            return stem[:80]
    return "发言"
