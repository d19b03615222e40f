"""Serve /count from a thread of its own, counting the requests it handles at once (the
concurrency and cancellation examples fetch it)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass

import pytest
from aiohttp import web

from survey import demo_server
from tests.in_flight import InFlight


@dataclass
class CountServer:
    url: str
    in_flight: InFlight


@pytest.fixture
def count_server() -> Iterator[CountServer]:
    """A fresh /count server on its own thread and loop.

    Off the test's thread so that an example's *blocking* client (urllib) can
    reach it: a server on the same loop would be frozen by that very call.
    """
    in_flight = InFlight()
    started: Future[tuple[str, asyncio.AbstractEventLoop, asyncio.Event]] = Future()

    async def serve() -> None:
        app = web.Application(middlewares=[in_flight.middleware])
        demo_server.add_routes(app)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        host, port = runner.addresses[0][:2]
        stop = asyncio.Event()
        started.set_result((f"http://{host}:{port}", asyncio.get_running_loop(), stop))
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name="count-server")
    thread.start()
    url, loop, stop = started.result(timeout=10)
    try:
        yield CountServer(url, in_flight)
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)
