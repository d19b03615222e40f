"""``python -m server``: loopback by default, a warning otherwise, a clean stop on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

import server.__main__ as cli
from server.live import Limits, is_loopback, live_runs
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


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What ``python -m server`` hands aiohttp's run_app, which is not run."""
    handed = {}
    monkeypatch.setattr(cli.web, "run_app", lambda app, **options: handed.update(options, app=app))
    return handed


def test_by_default_it_serves_loopback_port_8000_quietly(
    served: dict, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "index.html").write_text("home")
    cli.main(["--site", str(tmp_path)])

    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert served["app"][live_runs].limits == Limits()
    served["print"]("aiohttp's own banner, replaced")
    printed = capsys.readouterr()
    assert printed.out == "Serving the deck at http://127.0.0.1:8000/ (Ctrl-C stops)\n"
    assert printed.err == ""  # a built site on loopback: nothing to warn about


def test_the_limits_come_from_their_flags(served: dict, tmp_path: Path) -> None:
    flags = ["--run-timeout", "2.5", "--max-output", "100", "--max-runs", "1", "--warm", "0"]
    cli.main(["--port", "8123", "--site", str(tmp_path), *flags])
    assert served["port"] == 8123
    assert served["app"][live_runs].limits == Limits(
        timeout=2.5, output_bytes=100, concurrent_runs=1, warm_interpreters=0
    )


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
