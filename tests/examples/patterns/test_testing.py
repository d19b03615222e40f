"""The IsolatedAsyncioTestCase runs both tests, each on a loop of its own in debug mode,
and a broken test is reported as a failure, not hidden."""

from __future__ import annotations

import unittest

from examples.patterns import testing


def run_case(case: type[unittest.TestCase]) -> unittest.TestResult:
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    return result


def test_both_tests_pass_on_debug_loops_of_their_own(monkeypatch) -> None:
    loops: list = []
    monkeypatch.setattr(testing, "LOOPS", loops)
    result = run_case(testing.GreetingTest)
    assert (result.testsRun, result.failures, result.errors) == (2, [], [])
    assert len(set(loops)) == 2
    assert all(loop.get_debug() for loop in loops)  # even without -X dev


async def test_main_reports_what_the_tests_ran_on(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(testing, "LOOPS", [])
    monkeypatch.setattr(testing, "print", lines.append, raising=False)
    await testing.main()
    assert lines == [
        "ran 2 tests: 0 failed",
        "loops they ran on: 2 different",
        "debug mode on each: True",
    ]


def test_a_wrong_greeting_fails(monkeypatch) -> None:
    async def wrong(name: str) -> str:
        return "bye"

    monkeypatch.setattr(testing, "fetch_greeting", wrong)
    result = run_case(testing.GreetingTest)
    assert len(result.failures) == 2  # the greeting is wrong, and it no longer times out
