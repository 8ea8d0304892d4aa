"""The Starlette app: the page's files and its JSON routes, behind the guard.

Starlette (with uvicorn to serve it) because it is small, well kept and asynchronous
without asking anything of the routes: each route here is a plain function run in a
worker thread, and the one streaming need (multipart uploads for mining) is built in.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import drafter.compose as composer
from drafter import __version__
from drafter.serve import bank_api, draft_api, mine_jobs, outline_api
from drafter.serve.config import ServeConfig
from drafter.serve.guard import Guard
from drafter.serve.strings import page
from drafter.serve.web import route

STATIC = Path(__file__).resolve().parent / "static"


def make_app(config: ServeConfig):
    """The ASGI app for ``config`` (the guard included)."""
    get = {"body": False}

    async def index(request):
        return HTMLResponse(page((STATIC / "index.html").read_text(encoding="utf-8")),
                            headers={"cache-control": "no-store"})

    async def about(request):
        cfg = request.app.state.config
        return JSONResponse({"version": __version__, "root": str(cfg.root), "bank": str(cfg.bank),
                             "bank_writable": cfg.bank_writable(),
                             "templates": str(cfg.templates) if cfg.templates else None,
                             "pins": outline_api.pins_supported(),
                             "alternatives": _has_alternatives()})

    routes = [
        Route("/", index),
        Route("/api/about", about),
        Route("/api/types", route(outline_api.types, **get)),
        Route("/api/files", route(outline_api.files, **get)),
        Route("/api/outline/new", route(outline_api.new), methods=["POST"]),
        Route("/api/outline/check", route(outline_api.check), methods=["POST"]),
        Route("/api/outline/parse", route(outline_api.parse), methods=["POST"]),
        Route("/api/outline/open", route(outline_api.open_, **get)),
        Route("/api/outline/save", route(outline_api.save), methods=["POST"]),
        Route("/api/draft", route(draft_api.draft), methods=["POST"]),
        Route("/api/lint", route(draft_api.lint), methods=["POST"]),
        Route("/api/alternatives", route(draft_api.alternatives), methods=["POST"]),
        Route("/api/download", route(draft_api.download), methods=["POST"]),
        Route("/api/bank", route(bank_api.info, **get)),
        Route("/api/bank/phrases", route(bank_api.phrases, **get)),
        Route("/api/bank/add", route(bank_api.add), methods=["POST"]),
        Route("/api/bank/edit", route(bank_api.edit), methods=["POST"]),
        Route("/api/bank/delete", route(bank_api.delete), methods=["POST"]),
        Route("/api/bank/copy", route(bank_api.copy), methods=["POST"]),
        Route("/api/mine/folder", route(mine_jobs.folder), methods=["POST"]),
        Route("/api/mine/upload", mine_jobs.upload, methods=["POST"]),
        Route("/api/mine/status", route(mine_jobs.status, **get)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.config = config
    app.state.shared = mine_jobs.Jobs()
    return Guard(app, config)


def _has_alternatives() -> bool:
    return hasattr(composer, "alternatives")
