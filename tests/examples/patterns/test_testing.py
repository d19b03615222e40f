"""The IsolatedAsyncioTestCase runs both tests, each on a loop of its own, and a broken
test is reported as a failure, not hidden."""

from __future__ import annotations

import unittest

from examples.patterns import testing


def run_case(case: type[unittest.TestCase]) -> unittest.TestResult:
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    return result


def test_both_tests_pass_on_loops_of_their_own() -> None:
    loops = []

    class Recording(testing.GreetingTest):
        async def asyncTearDown(self) -> None:
            await super().asyncTearDown()
            loops.append(self.loop_seen)

    result = run_case(Recording)
    assert (result.testsRun, result.failures, result.errors) == (2, [], [])
    assert len(set(map(id, loops))) == 2


def test_a_wrong_greeting_fails(monkeypatch) -> None:
    async def wrong(name: str) -> str:
        return "bye"

    monkeypatch.setattr(testing, "fetch_greeting", wrong)
    result = run_case(testing.GreetingTest)
    assert len(result.failures) == 2  # the greeting is wrong, and it no longer times out
