"""asyncio.Runner keeps one loop across its run() calls; asyncio.run makes a new one each time."""

from __future__ import annotations

import runpy

import pytest

from survey.paths import EXAMPLES_DIR


def test_the_script_finds_one_loop_per_runner(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES_DIR / "event_loop" / "runner.py"), run_name="__main__")
    # Each line ends with its verdict: two asyncio.run calls, one loop? two runner.run
    # calls, one loop? closed inside the block? closed after it?
    verdicts = [line.rsplit(": ", 1)[1] for line in capsys.readouterr().out.splitlines()]
    assert verdicts == ["False", "True", "False", "True"]
