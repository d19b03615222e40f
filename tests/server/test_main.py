"""``python -m server``: loopback by default, a warning otherwise, one clear line for a bad
start, a clean stop on SIGTERM."""

from __future__ import annotations

import signal
import socket
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


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("home")
    return tmp_path


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What ``python -m server`` hands aiohttp's run_app, which is not run."""
    handed = {}
    monkeypatch.setattr(cli.web, "run_app", lambda app, **options: handed.update(options, app=app))
    return handed


def test_a_non_loopback_host_is_served_only_with_a_warning(
    served: dict, capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    cli.main(["--host", "192.0.2.10", "--site", str(site)])

    assert served["host"] == "192.0.2.10"
    assert capsys.readouterr().err == (
        "warning: serving on 192.0.2.10; anyone who can reach it can run the examples\n"
    )


def start_badly(*arguments: str) -> tuple[int, list[str]]:
    """``python -m server`` started as a newcomer would, expected to give up at once."""
    ended = subprocess.run(
        [sys.executable, "-m", "server", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return ended.returncode, ended.stderr.splitlines()


@pytest.mark.parametrize("port", ["99999", "-1", "0"])
def test_a_port_that_does_not_exist_is_one_line_and_exit_2(site: Path, port: str) -> None:
    assert start_badly("--port", port, "--site", str(site)) == (
        2,
        [
            f"python -m server: port {port} does not exist; choose one from 1 to 65535,"
            " e.g. --port 8001"
        ],
    )


def test_a_port_in_use_is_one_line_and_exit_2(site: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert start_badly("--port", str(port), "--site", str(site)) == (
            2,
            [
                f"python -m server: port {port} is in use by another program;"
                f" stop it or pass --port {port + 1}"
            ],
        )


def test_a_missing_built_site_is_one_line_and_exit_2(tmp_path: Path) -> None:
    assert start_badly("--site", str(tmp_path / "site")) == (
        2,
        [
            f"python -m server: no built site in {tmp_path / 'site'};"
            " build it with `nox -s docs` (or pass --no-site)"
        ],
    )


def test_a_host_that_cannot_be_found_is_one_line_and_exit_2(site: Path) -> None:
    code, said = start_badly("--host", "nowhere.invalid", "--site", str(site))
    assert code == 2
    assert (
        said[-1]
        == "python -m server: cannot find the address of nowhere.invalid; pass --host 127.0.0.1"
    )


def test_without_a_site_it_serves_the_count_and_live_runs(served: dict, tmp_path: Path) -> None:
    cli.main(["--no-site", "--site", str(tmp_path)])
    assert served["port"] == 8000


def test_by_default_it_serves_loopback_port_8000_quietly(
    served: dict, capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    cli.main(["--site", str(site)])

    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert served["app"][live_runs].limits == Limits()
    served["print"]("aiohttp's own banner, replaced")
    printed = capsys.readouterr()
    assert printed.out == "Serving the deck at http://127.0.0.1:8000/ (Ctrl-C stops)\n"
    assert printed.err == ""  # a built site on loopback: nothing to warn about


def test_the_limits_come_from_their_flags(served: dict, site: Path) -> None:
    flags = ["--run-timeout", "2.5", "--max-output", "100", "--max-runs", "1", "--warm", "0"]
    cli.main(["--port", "8123", "--site", str(site), *flags])
    assert served["port"] == 8123
    assert served["app"][live_runs].limits == Limits(
        timeout=2.5, output_bytes=100, concurrent_runs=1, warm_interpreters=0
    )


def test_sigterm_stops_the_server_cleanly(site: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "--port", str(port), "--site", str(site)],
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
