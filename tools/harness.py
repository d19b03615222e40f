"""What the tests, the benchmarks and the PDF export share to drive the deck.

Build the site, serve it with ``python -m server`` in a child process (the
server a presenter starts with ``nox -s present``) or from a plain static
server (as the hosted site is), find a free port, launch Chromium, and list
the deck's pages in nav order.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from survey.paths import MKDOCS_CONFIG, ROOT

# Headless in a container: no sandbox to set up, no GPU, and no calls home.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SLIDE_SIZE = {"width": 1280, "height": 720}


# A whole build takes under a minute here, several on a machine busy with other work.
BUILD_SECONDS = 600


def build_site(destination: Path, config: Path = MKDOCS_CONFIG) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` into ``destination``; the caller reads the outcome."""
    command = ["mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(destination)]
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        timeout=BUILD_SECONDS,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 15.0) -> None:
    """Until ``url`` answers; fails early if the process serving it exits."""
    wait_for(lambda: urllib.request.urlopen(url, timeout=1).close(), process, url, timeout)


def wait_until_listening(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Until something accepts connections on the loopback ``port``."""

    def connect() -> None:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()

    wait_for(connect, process, f"127.0.0.1:{port}", timeout)


def wait_for(
    ready: Callable[[], None], process: subprocess.Popen, where: str, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with code {process.returncode}")
        try:
            ready()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answered at {where} within {timeout} s")


@contextmanager
def serving(site: Path, *server_args: str) -> Iterator[str]:
    """``python -m server`` on a free loopback port for ``site``; yields its URL, then stops it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "--port", str(port), "--site", str(site), *server_args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{url}/api/examples", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


class StaticServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that stops a download (a page closed, a worker stopped) is no error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving_static(site: Path) -> Iterator[str]:
    """``site`` from a plain static server, as a static host serves it; yields its URL."""
    handler = functools.partial(QuietHandler, directory=site)
    server = StaticServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def scratch_site() -> Iterator[Path]:
    """The site built strictly into a scratch folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        if (built := build_site(site)).returncode:
            raise SystemExit(f"the site did not build:\n{built.stderr}")
        yield site


def chromium_executable() -> str | None:
    """The system's Chromium, or None for Playwright's own download."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright):
    """A headless Chromium through Playwright: the system's where there is one."""
    return playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)


def deck_urls(page, base_url: str) -> list[str]:
    """The deck's pages in nav order: follow Next while pages have headings to make slides of."""
    urls = []
    url: str | None = f"{base_url}/"
    while url:
        page.goto(url)
        if not page.locator("article.md-content__inner > :is(h1, h2)").count():
            break
        urls.append(page.url.split("#")[0])
        following = page.locator("a.md-footer__link--next")
        url = following.evaluate("link => link.href") if following.count() else None
    return urls
