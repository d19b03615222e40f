"""Live runs: ``GET /api/examples`` and the ``GET /api/run/{id}`` WebSocket.

Each message is one event of the run as ``survey.stream.run_events`` yields
it (ARCHITECTURE.md, "The event contract"): ``start``, ``line`` and ``trace``
(batched there, at most 20 messages a second), then exactly one of ``exit``
or ``error``; then the socket closes. Where the contract leaves a choice, this
is it:

- ``{"type": "stop"}`` kills the process group and ends with
  ``{"type": "error", "message": "stopped"}``, not with an exit code: the run
  did not end by itself, and the code of a SIGKILL would read like a crash.
- Any other client message (not JSON, not ``stop``, binary) is answered with
  an ``error`` that names the problem and ends the run the same way, so a
  socket never carries more than one ``error``.
- A run refused before it starts (too many runs at once, the server shutting
  down, an example for a newer Python) gets its ``error`` without ``start``.
- Limits (see ``Limits``): a wall-clock timeout, a cap on output bytes
  (stdout and stderr together) and on concurrent runs; hitting one sends an
  ``error`` and kills the group. Closing the socket kills it too, silently.
  Past a cap on trace events the run goes on, but its last trace message says
  ``"truncated": true`` and no more follow.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web
from yarl import URL

from survey.catalog import Example
from survey.launch import WarmPool, services
from survey.stream import RunLimits, run_events


@dataclass(frozen=True)
class Limits(RunLimits):
    """A run's own limits, and the server's: how many at once, how many kept warm."""

    concurrent_runs: int = 4
    warm_interpreters: int = 2  # 0 starts every run cold


def error(message: str) -> dict[str, Any]:
    """An error before anything ran: at the run's first moment."""
    return {"type": "error", "message": message, "t": 0.0}


class Run:
    """One example's run, streamed to one socket until it ends one way or another."""

    def __init__(self, socket: web.WebSocketResponse, example: Example, limits: Limits) -> None:
        self.socket = socket
        self.example = example
        self.limits = limits
        # Why the client or the server stops the run (None: the client left).
        self.stopping: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self.finished = asyncio.Event()

    def stop(self, reason: str | None) -> None:
        """Stop the run, saying ``reason`` (None: to nobody); the first call wins."""
        if not self.stopping.done():
            self.stopping.set_result(reason)

    async def send(self, message: dict[str, Any]) -> None:
        if not self.socket.closed:
            try:
                await self.socket.send_json(message)
            except ConnectionError:
                self.stop(None)

    async def stream(self, pool: WarmPool, extra_env: dict[str, str]) -> None:
        """Send each event of the run while listening for the client's stop."""
        listener = asyncio.create_task(self.listen())
        events = run_events(
            self.example, extra_env, limits=self.limits, pool=pool, stopping=self.stopping
        )
        try:
            async with contextlib.aclosing(events):
                async for event in events:
                    await self.send(event)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    async def listen(self) -> None:
        async for message in self.socket:
            if message.type is WSMsgType.ERROR:
                break
            self.stop(client_request(message))
        self.stop(None)


def client_request(message) -> str:
    """What a message from the client asks for, as the reason that ends the run."""
    if message.type is not WSMsgType.TEXT:
        return "messages to the server must be JSON text"
    try:
        request = json.loads(message.data)
    except ValueError:
        return "a message to the server was not JSON"
    if isinstance(request, dict) and request.get("type") == "stop":
        return "stopped"
    return 'the only message the server understands is {"type": "stop"}'


class LiveRuns:
    def __init__(self, examples: list[Example], limits: Limits) -> None:
        self.examples = {example.id: example for example in examples}
        self.limits = limits
        # A single line longer than the cap is too much output, as a long run of lines is.
        self.pool = WarmPool(limits.warm_interpreters, line_limit=limits.output_bytes + 1)
        self.runs: set[Run] = set()
        self.closing = False

    def refusal(self, example: Example) -> str | None:
        if self.closing:
            return "the server is shutting down"
        if len(self.runs) >= self.limits.concurrent_runs:
            return f"{self.limits.concurrent_runs} runs are going already; stop one first"
        if reason := example.skip_reason():
            return f"{example.id} cannot run on this server: it {reason}"
        return None

    async def serve(self, socket: web.WebSocketResponse, example: Example, demo: str) -> None:
        run = Run(socket, example, self.limits)
        if reason := self.refusal(example):
            await run.send(error(reason))
            return
        self.runs.add(run)
        try:
            async with services(example, demo_url=demo) as extra_env:
                await run.stream(self.pool, extra_env)
        finally:
            self.runs.discard(run)
            run.finished.set()
            if not self.closing:
                self.pool.fill()

    async def close(self) -> None:
        """Stop every run (each client hears why) and every waiting interpreter."""
        self.closing = True
        runs = list(self.runs)
        for run in runs:
            run.stop("the server is shutting down")
        await asyncio.gather(*(run.finished.wait() for run in runs))
        await self.pool.close()


live_runs = web.AppKey("live_runs", LiveRuns)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def trusted_host(request: web.Request) -> bool:
    """On a loopback socket only a loopback name may address the server, so a hostile
    name that resolves to 127.0.0.1 (DNS rebinding) cannot pass as this server's page."""
    bound = request.transport.get_extra_info("sockname")[0]
    return not is_loopback(bound) or is_loopback(request.url.host or "")


def same_origin(request: web.Request) -> bool:
    """No Origin (not a browser page) or the page this server served; nothing else."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    try:
        page, server = URL(origin), URL(f"{request.scheme}://{request.host}")
        return (page.scheme, page.host, page.port) == (server.scheme, server.host, server.port)
    except ValueError:
        return False


def own_url(request: web.Request) -> str:
    """This server's address as seen from this machine, for examples that call /count."""
    host, port = request.transport.get_extra_info("sockname")[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


async def handle_examples(request: web.Request) -> web.Response:
    examples = request.app[live_runs].examples.values()
    return web.json_response([{"id": example.id, "title": example.title} for example in examples])


async def handle_run(request: web.Request) -> web.StreamResponse:
    runs = request.app[live_runs]
    example = runs.examples.get(request.match_info["id"])
    if example is None:
        raise web.HTTPNotFound(text="no such example\n")
    if not (trusted_host(request) and same_origin(request)):
        raise web.HTTPForbidden(text="runs start only from pages this server served\n")
    socket = web.WebSocketResponse(compress=False)
    await socket.prepare(request)
    try:
        await runs.serve(socket, example, own_url(request))
    finally:
        await socket.close()
    return socket


async def mark_as_live(request: web.Request, response: web.StreamResponse) -> None:
    """Tell the page it can run examples here: live.js looks for this header (HEAD /page)."""
    response.headers["X-Survey-Live"] = "/api/run/{id}"


async def shut_down(app: web.Application) -> None:
    await app[live_runs].close()


def add_routes(app: web.Application, examples: list[Example], limits: Limits) -> None:
    runs = LiveRuns(examples, limits)
    app[live_runs] = runs

    async def fill_pool(app: web.Application) -> None:
        runs.pool.fill()

    app.on_startup.append(fill_pool)
    app.on_response_prepare.append(mark_as_live)
    app.on_shutdown.append(shut_down)
    app.router.add_get("/api/examples", handle_examples)
    app.router.add_get("/api/run/{id:.+}", handle_run)
