"""A dropped coroutine warns that it was never awaited; a closed one does not."""

from __future__ import annotations

from examples.awaitables import never_awaited as example


def test_dropping_a_coroutine_warns() -> None:
    [report] = example.warnings_from(lambda: example.brew("tea"))
    assert report.startswith("RuntimeWarning: ")
    assert "'brew' was never awaited" in report


def test_closing_it_first_does_not() -> None:
    assert example.warnings_from(lambda: example.brew("tea").close()) == []
