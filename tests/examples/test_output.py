"""Every example's committed output is what a fresh run prints (`nox -s examples -- --check`)."""

from __future__ import annotations

import asyncio

import pytest

from survey.catalog import discover
from tools import runner

EXAMPLES = discover()

# One worker runs the whole module, so its fixture (every example, run by the runner) runs once.
pytestmark = [pytest.mark.xdist_group("test_output"), pytest.mark.timed]


@pytest.fixture(scope="module")
def outcomes() -> dict[str, runner.Outcome]:
    """Run every example once, concurrently, in check mode (nothing is written)."""
    results = asyncio.run(runner.run_all(EXAMPLES, check=True, report=str))
    return {outcome.example.id: outcome for outcome in results}


# The first test pays for running every example (the module's fixture).
@pytest.mark.timeout(300)
@pytest.mark.parametrize("example_id", [example.id for example in EXAMPLES])
def test_output_is_current(outcomes: dict[str, runner.Outcome], example_id: str) -> None:
    outcome = outcomes[example_id]
    if outcome.status is runner.Status.SKIPPED:
        pytest.skip(f"{example_id}: {outcome.detail}")
    assert outcome.status is runner.Status.OK, (
        f"{example_id} is {outcome.status}:\n{outcome.detail}"
    )
