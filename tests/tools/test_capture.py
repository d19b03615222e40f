"""Masking hides what legitimately differs between two runs, and nothing else."""

from __future__ import annotations

import pytest

from tools.capture import mask


@pytest.mark.parametrize(
    ("printed", "captured"),
    [
        ("<Task pending at 0x7f3a2c1b9d60>", "<Task pending at 0x…>"),
        ("listening on 127.0.0.1:53124", "listening on 127.0.0.1:<port>"),
        ("http://localhost:8000/count", "http://localhost:<port>/count"),
        ("worker pid=48213 started", "worker pid=<pid> started"),
        ("Executing <Handle> took 0.153 seconds", "Executing <Handle> took … seconds"),
        ("3 sleeps of 0.2 s took ≈ 1 × delay", "3 sleeps of 0.2 s took ≈ 1 × delay"),
        ("counter = 0x10", "counter = 0x10"),
    ],
)
def test_mask(printed: str, captured: str) -> None:
    assert mask(printed) == captured
