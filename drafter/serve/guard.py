"""The server's gate: only its own address, only its own page's writes, only small bodies.

* Host: a request whose Host header is not the served address is refused (a DNS-rebinding
  page on another name cannot read or drive the server).
* Writes (POST, PUT, PATCH, DELETE) must come from the page itself: an ``Origin`` that is
  the served address when the browser sends one, a ``Sec-Fetch-Site`` of same-origin when
  it sends that, and always the ``X-Drafter: 1`` header the page's scripts add. Another
  site cannot set that header without a CORS preflight, which this server never grants.
* Bodies: at most ``MAX_BODY`` bytes (``MAX_UPLOAD`` for uploads), by Content-Length and by
  counting what actually arrives.

Every response also carries a Content-Security-Policy that allows only the page's own
files, so no text drawn from an outline or the bank can run as script.
"""

from __future__ import annotations

import json

from drafter.i18n import _
from drafter.serve.config import MAX_BODY, MAX_UPLOAD, ServeConfig

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
UPLOAD_PATHS = ("/api/mine/upload",)
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; "
     b"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
     b"frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class TooLarge(Exception):
    """A body that grew past its limit while it arrived (routes answer 413)."""

    def __init__(self, limit: int):
        super().__init__(too_large(limit))


def too_large(limit: int) -> str:
    return _("the request is too large (at most {mb} MB)").format(mb=limit // (1 << 20))


class Guard:
    """ASGI middleware in front of the whole app."""

    def __init__(self, app, config: ServeConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            return await _reply(send, *refusal)
        limit = MAX_UPLOAD if scope["path"] in UPLOAD_PATHS else MAX_BODY
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _reply(send, 413, too_large(limit))
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge(limit)
            return message

        started = False

        async def secured_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except TooLarge:  # a route that did not answer 413 itself
            if not started:
                await _reply(send, 413, too_large(limit))

    def refusal(self, scope, headers: dict) -> tuple[int, str] | None:
        if not self.config.host_ok(headers.get("host")):
            return 421, _("refused: the Host is not this server's address (only requests from its own page are taken)")
        if scope["method"] not in UNSAFE:
            return None
        origin = headers.get("origin")
        if origin is not None and not self.config.origin_ok(origin):
            return 403, _("refused: the request comes from another site (its Origin does not match)")
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return 403, _("refused: a cross-site request")
        if headers.get("x-drafter") != "1":
            return 403, _("refused: the request was not sent by this page (no X-Drafter header)")
        return None


async def _reply(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})
