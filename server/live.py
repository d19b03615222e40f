"""Live runs: ``GET /api/examples`` and the ``GET /api/run/{id}`` WebSocket.

The wire contract is the design's ("Live run"). The server sends one JSON
object per message: ``{"type": "start", "id"}``, then ``{"type": "line",
"stream", "text", "t"}`` as each line appears, then exactly one of
``{"type": "exit", "code", "elapsed"}`` or ``{"type": "error", "message"}``,
and closes the socket. Between ``start`` and the end, what the example's event
loop did arrives as ``{"type": "trace", "events": [...]}`` (design.md, "The
loop, drawn"; events as ``survey.trace_reader`` makes them), batched so that at most
``TRACE_MESSAGES_PER_SECOND`` go out. Where the contract leaves a choice, this is it:

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
import ipaddress
import json
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web
from yarl import URL

from survey.catalog import Example
from survey.launch import Launched, Process, WarmPool, kill_group, launch, services, stop
from survey.lines import Output, TooMuchOutput

TRACE_MESSAGES_PER_SECOND = 20


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds of wall clock per run
    output_bytes: int = 1 << 20  # stdout and stderr together
    concurrent_runs: int = 4
    warm_interpreters: int = 2  # 0 starts every run cold
    trace_events: int = 200_000  # a loop that never stops stepping is still drawn, up to here


def error(message: str) -> dict[str, str]:
    return {"type": "error", "message": message}


class Run:
    """One example's process, streamed to one socket until it ends one way or another."""

    def __init__(self, socket: web.WebSocketResponse, example: Example, limits: Limits) -> None:
        self.socket = socket
        self.example = example
        self.limits = limits
        self.ending: asyncio.Future[dict | None] = asyncio.get_running_loop().create_future()
        self.finished = asyncio.Event()
        self.output = Output(cap=limits.output_bytes)

    def end(self, message: dict | None) -> None:
        """Settle how the run ends (None: the client left); the first call wins."""
        if not self.ending.done():
            self.ending.set_result(message)

    async def send(self, message: dict[str, Any]) -> None:
        if not self.socket.closed:
            try:
                await self.socket.send_json(message)
            except ConnectionError:
                self.end(None)

    async def follow(self, pool: WarmPool, extra_env: dict[str, str]) -> None:
        await self.send({"type": "start", "id": self.example.id})
        started = time.perf_counter()
        try:
            launched = await launch(self.example, extra_env, pool=pool)
        except OSError as problem:
            await self.send(error(f"the example could not start: {problem}"))
            return
        process = launched.process
        pumps = [
            asyncio.create_task(self.pump(process.stdout, "stdout", started)),
            asyncio.create_task(self.pump(process.stderr, "stderr", started)),
            asyncio.create_task(self.pump_trace(launched, started)),
        ]
        watchers = [
            asyncio.create_task(self.exit_when_done(process, pumps, started)),
            asyncio.create_task(self.listen()),
        ]
        try:
            async with asyncio.timeout(self.limits.timeout):
                message = await asyncio.shield(self.ending)
        except TimeoutError:
            message = error(f"timed out after {self.limits.timeout:g} s")
        finally:
            # Nothing may reach the socket after the final message, so the
            # pumps are gone before it is sent.
            kill_group(process)
            for task in pumps + watchers:
                task.cancel()
            await asyncio.gather(*pumps, *watchers, return_exceptions=True)
            await stop(process)
            launched.trace.close()
        if message is not None:
            await self.send(message)

    async def pump(self, stream: asyncio.StreamReader | None, name: str, started: float) -> None:
        try:
            async for text in self.output.lines(stream):
                t = round(time.perf_counter() - started, 3)
                await self.send({"type": "line", "stream": name, "text": text, "t": t})
        except TooMuchOutput as problem:
            self.end(error(str(problem)))

    async def pump_trace(self, launched: Launched, started: float) -> None:
        """Trace events as they come, in at most TRACE_MESSAGES_PER_SECOND messages:
        what arrives while one message waits out its interval goes in the next."""
        pending: list[dict] = []
        arrived = asyncio.Event()
        ended = False
        sent = 0

        async def read() -> None:
            nonlocal ended
            try:
                async for events in launched.trace.events(started):
                    pending.extend(events)
                    arrived.set()
            finally:
                ended = True
                arrived.set()

        reader = asyncio.create_task(read())
        try:
            while not (ended and not pending):
                await arrived.wait()
                arrived.clear()
                if not pending:
                    continue
                room = self.limits.trace_events - sent
                events, pending[:] = pending[:room], []
                sent += len(events)
                message = {"type": "trace", "events": events}
                if sent >= self.limits.trace_events:
                    await self.send(message | {"truncated": True})
                    break
                await self.send(message)
                await asyncio.sleep(1 / TRACE_MESSAGES_PER_SECOND)
        finally:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)

    async def exit_when_done(
        self, process: Process, pumps: list[asyncio.Task], started: float
    ) -> None:
        await asyncio.gather(*pumps)
        code = await process.wait()
        elapsed = round(time.perf_counter() - started, 3)
        self.end({"type": "exit", "code": code, "elapsed": elapsed})

    async def listen(self) -> None:
        async for message in self.socket:
            if message.type is WSMsgType.ERROR:
                break
            self.end(client_request(message))
        self.end(None)


def client_request(message) -> dict[str, str]:
    """What a message from the client asks for, as the error that ends the run."""
    if message.type is not WSMsgType.TEXT:
        return error("messages to the server must be JSON text")
    try:
        request = json.loads(message.data)
    except ValueError:
        return error("a message to the server was not JSON")
    if isinstance(request, dict) and request.get("type") == "stop":
        return error("stopped")
    return error('the only message the server understands is {"type": "stop"}')


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
                await run.follow(self.pool, extra_env)
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
            run.end(error("the server is shutting down"))
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
