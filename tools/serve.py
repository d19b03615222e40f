"""Build the site and serve it with ``python -m server`` in a child process.

Shared by the tests, the benchmarks and the PDF export, so that each drives
the same server a presenter starts with ``nox -s present``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from survey.paths import ROOT


def build_site(
    destination: Path, config: Path = ROOT / "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` into ``destination``; the caller reads the outcome."""
    command = ["mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(destination)]
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answered at {url} within {timeout} s")


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
