"""The tree is clean under ruff and keeps the import contracts (what `nox -s lint` runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from survey.paths import ROOT

COMMANDS = {
    "check": [sys.executable, "-m", "ruff", "check", "."],
    "format": [sys.executable, "-m", "ruff", "format", "--check", "."],
    # The contracts in pyproject.toml: survey at the bottom, tools and server apart.
    "imports": [str(Path(sys.executable).parent / "lint-imports")],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_lint(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
