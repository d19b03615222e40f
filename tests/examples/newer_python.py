"""Run a check on Python 3.13 or later, for examples that need it, when the suite runs on older.

The suite runs on the project's floor (3.11); an example that declares
``requires-python = ">=3.13"`` is checked by a script run with the newest
interpreter on PATH (``python3.13`` and up, as pyenv provides them), or
in-process where the suite itself runs on one.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

from survey.paths import ROOT


def newer_python(floor: tuple[int, int]) -> str:
    """A Python at least ``floor``: this one, or one on PATH; skips where there is none."""
    if sys.version_info >= floor:
        return sys.executable
    for minor in range(20, floor[1] - 1, -1):
        if found := shutil.which(f"python3.{minor}"):
            return found
    pytest.skip(f"no Python ≥ 3.{floor[1]} on PATH")


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
