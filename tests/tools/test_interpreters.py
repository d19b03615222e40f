"""An interpreter counts only if it starts and says it is the version it is named for."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from tools import interpreters
from tools.interpreters import probe, start


def put_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str, script: str) -> None:
    command = folder / name
    command.write_text(f"#!/bin/sh\n{script}\n")
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))


@pytest.fixture(autouse=True)
def fresh_answers(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(interpreters.PROBED, raising=False)
    monkeypatch.delenv(interpreters.SELECTED, raising=False)
    probe.cache_clear()
    yield
    probe.cache_clear()


def test_a_pyenv_shim_of_a_version_not_selected_is_skipped_with_what_it_said(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    put_on_path(
        monkeypatch,
        tmp_path,
        "python3.12",
        'echo "pyenv: python3.12: command not found" >&2; exit 127',
    )
    found = start("3.12")
    assert found.path is None
    assert (
        found.reason
        == f"{tmp_path}/python3.12 does not start: pyenv: python3.12: command not found"
    )


def test_an_interpreter_that_starts_is_named_by_its_real_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    put_on_path(monkeypatch, tmp_path, "python3.12", "echo /opt/python/bin/python3.12; echo 3.12")
    assert start("3.12") == interpreters.Interpreter("3.12", "/opt/python/bin/python3.12")


def test_an_interpreter_of_another_version_does_not_count(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    put_on_path(monkeypatch, tmp_path, "python3.13", "echo /usr/bin/python3.11; echo 3.11")
    assert start("3.13").reason == f"{tmp_path}/python3.13 is Python 3.11, not 3.13"


def test_a_version_not_on_path_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert start("3.13").reason == "no python3.13 on PATH"


def test_each_version_is_started_once_and_the_answers_are_passed_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    put_on_path(
        monkeypatch, tmp_path, "python3.12", f"echo run >> {tmp_path}/runs; echo /p; echo 3.12"
    )
    interpreters.share(("3.12",))
    assert probe("3.12").path == "/p"
    probe.cache_clear()  # as in a worker process, which inherits the environment
    assert probe("3.12").path == "/p"
    assert (tmp_path / "runs").read_text() == "run\n"


def test_this_interpreter_counts_without_being_started_again() -> None:
    this = interpreters.version_of_this_python()
    assert probe(this) == interpreters.Interpreter(this, sys.executable)


def test_only_the_selected_versions_are_considered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(interpreters.SELECTED, "3.11")
    assert probe("3.13").reason == "Python 3.13 is not in SURVEY_PYTHONS=3.11"
