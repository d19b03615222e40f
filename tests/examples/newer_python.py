"""Run a check on Python 3.13 or later, for examples that need it, when the suite runs on older.

The suite runs on the project's floor (3.11); an example that declares
``requires-python = ">=3.13"`` is checked by a script run with the newest
interpreter that starts (``tools.interpreters``: a pyenv shim of a version that
is not selected does not count), or in-process where the suite itself runs on one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from survey.paths import ROOT
from tools.interpreters import SUPPORTED, probe


def newer_python(floor: tuple[int, int]) -> str:
    """A Python at least ``floor``: this one, or the newest that starts; skips, saying why
    each candidate did not count, where there is none."""
    if sys.version_info >= floor:
        return sys.executable
    newer = [probe(version) for version in reversed(SUPPORTED) if version_tuple(version) >= floor]
    if started := [candidate.path for candidate in newer if candidate.path]:
        return started[0]
    pytest.skip("; ".join(candidate.reason for candidate in newer))


def version_tuple(version: str) -> tuple[int, int]:
    major, minor = version.split(".")
    return int(major), int(minor)


def check_on(floor: tuple[int, int], script: str) -> None:
    """Run ``script`` (asserts that end with exit 0) under ``-X dev -W error`` on a new enough
    Python, from the project's root so that ``examples`` imports as it does here."""
    result = subprocess.run(
        [newer_python(floor), "-X", "dev", "-W", "error", "-c", textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
