"""The deck's pure modules (no DOM) under Node's own test runner, `node --test`.

Node is no dependency of the suite: without it these skip, except where CI
requires the browser side (SURVEY_REQUIRE_BROWSER=1), where they fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_BROWSER

HERE = Path(__file__).resolve().parent
NODE_TESTS = sorted(HERE.glob("*.test.mjs"))


def node() -> str:
    found = shutil.which("node")
    if found is None:
        reason = "no node on PATH to run the deck's unit tests (Node 20 has `node --test`)"
        if REQUIRE_BROWSER:
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.mark.parametrize("test_file", NODE_TESTS, ids=lambda path: path.name)
def test_deck_module(test_file: Path) -> None:
    result = subprocess.run(
        [node(), "--test", "--test-reporter=spec", str(test_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_pure_module_has_tests() -> None:
    """The split's point: each module without a DOM is tested without a browser."""
    assert {path.name for path in NODE_TESTS} >= {
        "timeline-model.test.mjs",
        "timeline-svg.test.mjs",
    }
