"""Load a concurrency example as a module, and serve /count from a thread of its own."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from types import ModuleType

import pytest

from survey.demo_server import demo_server
from survey.paths import EXAMPLES_DIR


@pytest.fixture
def load_example(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], ModuleType]:
    """Import ``examples/concurrency/<name>.py`` freshly, without running its main()."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(
            f"concurrency_example_{name}", EXAMPLES_DIR / "concurrency" / f"{name}.py"
        )
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, module)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture(scope="module")
def count_server() -> Iterator[str]:
    """A fresh /count server on its own thread and loop; yields its URL.

    Off the test's thread so that an example's *blocking* client (urllib) can
    reach it: a server on the same loop would be frozen by that very call.
    """
    started: Future[tuple[str, asyncio.AbstractEventLoop, asyncio.Event]] = Future()

    async def serve() -> None:
        stop = asyncio.Event()
        async with demo_server() as url:
            started.set_result((url, asyncio.get_running_loop(), stop))
            await stop.wait()

    thread = threading.Thread(target=asyncio.run, args=(serve(),), name="count-server")
    thread.start()
    url, loop, stop = started.result(timeout=10)
    try:
        yield url
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)
