"""The mini Redis servers as their own processes (`--port` mode), for real clients to drive."""

from __future__ import annotations

import os
import subprocess
import sys

from survey.paths import EXAMPLES_DIR
from tools.harness import free_port

STREAMS = EXAMPLES_DIR / "streams"


def start_standalone(
    module: str, *flags: str, python: str = sys.executable
) -> tuple[subprocess.Popen, int]:
    """``python *flags <module>.py --port P`` on a free port; returns once it says it listens.

    Its first line is printed after the socket is bound, so reading it needs no polling.
    """
    port = free_port()
    process = subprocess.Popen(
        [python, *flags, str(STREAMS / f"{module}.py"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    first = process.stdout.readline()
    assert first.startswith(f"mini Redis on 127.0.0.1:{port},"), (first, process.communicate())
    return process, port
