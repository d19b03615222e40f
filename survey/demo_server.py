"""``GET /count?delay=S``: a slow endpoint that the HTTP examples can call many times at once.

Each request gets the next sequence number when it arrives, sleeps ``S`` seconds
(0 ≤ S ≤ 10), then answers ``{"count": n, "delay": S}``. Requests overlap, so N
requests with delay d take about d in all, not N·d.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import count

from aiohttp import web

MAX_DELAY = 10.0
sequence = web.AppKey("sequence", count)


def parse_delay(raw: str | None) -> float:
    """The delay in seconds, or a 400 that says what was wrong with it."""
    if raw is None:
        return 0.0
    try:
        delay = float(raw)
    except ValueError:
        raise web.HTTPBadRequest(text=f"delay must be a number of seconds, got {raw!r}\n") from None
    if not math.isfinite(delay) or not 0 <= delay <= MAX_DELAY:
        raise web.HTTPBadRequest(text=f"delay must be between 0 and {MAX_DELAY:g} seconds\n")
    return delay


async def handle_count(request: web.Request) -> web.Response:
    delay = parse_delay(request.query.get("delay"))
    number = next(request.app[sequence])
    await asyncio.sleep(delay)
    return web.json_response({"count": number, "delay": delay})


def add_routes(app: web.Application) -> None:
    app[sequence] = count(1)
    app.router.add_get("/count", handle_count)


@asynccontextmanager
async def demo_server() -> AsyncIterator[str]:
    """A fresh /count server on a free loopback port, for one example run; yields its URL."""
    app = web.Application()
    add_routes(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()
