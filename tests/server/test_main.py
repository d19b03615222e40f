"""``python -m server``: loopback by default, a warning otherwise, a clean stop on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

import server.__main__ as cli
from server.live import is_loopback
from survey.paths import ROOT
from tools.harness import free_port, wait_until_serving


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.0.2.10", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_non_loopback_host_is_served_only_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    served = {}
    monkeypatch.setattr(cli.web, "run_app", lambda app, **options: served.update(options))
    cli.main(["--host", "192.0.2.10", "--site", str(tmp_path)])

    assert served["host"] == "192.0.2.10"
    warnings = capsys.readouterr().err
    assert "warning: serving on 192.0.2.10" in warnings
    assert "no built site" in warnings


def test_sigterm_stops_the_server_cleanly(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "--port", str(port), "--site", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/count", process)
        process.send_signal(signal.SIGTERM)
        stdout, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert f"http://127.0.0.1:{port}/" in stdout
