"""The small layer every route shares: JSON in, JSON out, errors as one Chinese line.

A route is a plain function ``(ctx, data) -> dict | Response`` run in a worker thread
(drafting and bank edits block); ``route()`` reads and checks the body, calls it, and
turns ``DrafterError`` (bad outline, bad bank edit) into a 400 with the key at fault and
``Refused`` (a path outside the allowed folders) into its status.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.serve.config import Refused, ServeConfig
from drafter.serve.guard import TooLarge

if TYPE_CHECKING:
    from drafter.serve.mine_jobs import Jobs


@dataclass
class Ctx:
    config: ServeConfig
    request: Request
    #: the server's shared state (mining jobs): ``app.state.shared``
    state: Jobs

    def query(self, name: str, default: str = "") -> str:
        return self.request.query_params.get(name, default)


def route(fn, state=None, body: bool = True):
    """An ASGI endpoint for ``fn(ctx, data)``: ``data`` is the JSON body (POST) or {} (GET)."""
    async def endpoint(request: Request) -> Response:
        config = request.app.state.config
        data: dict = {}
        if body and request.method == "POST":
            try:
                raw = await request.body()
            except TooLarge as err:
                return error_response(str(err), 413)
            try:
                data = json.loads(raw.decode("utf-8")) if raw else {}
            except (UnicodeDecodeError, json.JSONDecodeError):
                return error_response(_("the request is not JSON"), 400)
            if not isinstance(data, dict):
                return error_response(_("the request should be a JSON object"), 400)
        ctx = Ctx(config, request, request.app.state.shared)
        try:
            result = await run_in_threadpool(fn, ctx, data)
        except Refused as err:
            return error_response(err.message, err.status)
        except DrafterError as err:
            return error_response(str(err), 400, key=err.key, line=err.line)
        if isinstance(result, Response):
            return result
        return JSONResponse(jsonable(result))
    endpoint.__name__ = fn.__name__
    return endpoint


def error_response(message: str, status: int, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **{k: v for k, v in extra.items() if v is not None}},
                        status_code=status)


def jsonable(value):
    """Dates (YAML reads 2026-11-21 as a date) as ISO text; tuples as lists."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def text_field(data: dict, name: str, required: bool = True, limit: int = 10000) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise Refused(_("“{name}” is missing").format(name=name), 400)
    if len(value) > limit:
        raise Refused(_("“{name}” is too long (at most {limit} characters)").format(name=name, limit=limit), 400)
    return value
