"""The tree is clean under ruff's lint rules and formatter (what `nox -s lint` runs)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from survey.paths import ROOT


@pytest.mark.parametrize(
    "command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
