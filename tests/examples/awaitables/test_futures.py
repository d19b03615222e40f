"""A future holds a result set later; awaiting it again gives the same; set twice is an error."""

from __future__ import annotations

import pytest

from examples.awaitables import futures as example


async def test_main_awaits_the_parcel_twice_and_cannot_set_it_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    await example.main()  # set_result a second time raises; main must catch it
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].endswith("False")  # not done before the await
    assert [line.endswith("a parcel") for line in printed[1:3]] == [True, True]
    assert "InvalidStateError" in printed[3]
