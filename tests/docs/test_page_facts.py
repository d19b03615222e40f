"""Facts both sides need reach every page once, from the Python that decides them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from survey.launch import FIXED_ENV
from survey.recording import loads
from survey.stream import TRACE_MESSAGES_PER_SECOND, RunLimits
from survey.trace_reader import HOUSEKEEPING

FACTS = re.compile(r'<script type="application/json" id="__survey">(.*?)</script>', re.DOTALL)
BLOCK = re.compile(r'<div class="example" data-example="([^"]+)" data-region="([\w-]+)"([^>]*)>')


def test_every_page_carries_the_facts_the_python_side_runs_by(built_site: Path) -> None:
    limits = RunLimits()
    expected = {
        "limits": {
            "timeout_seconds": limits.timeout,
            "output_bytes": limits.output_bytes,
            "trace_events": limits.trace_events,
            "trace_messages_per_second": TRACE_MESSAGES_PER_SECOND,
        },
        "environment": FIXED_ENV,
        "housekeeping": sorted(HOUSEKEEPING),
    }
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        found = FACTS.findall(head)
        assert len(found) == 1, page
        assert json.loads(found[0]) == expected, page


def test_each_recorded_block_names_its_replay_and_the_replay_is_there(built_site: Path) -> None:
    blocks = BLOCK.findall((built_site / "concurrency/index.html").read_text(encoding="utf-8"))
    assert blocks
    for example_id, _, rest in blocks:
        replay = re.search(r'data-replay="([^"]+)"', rest)
        if "/exercises/" in example_id:
            assert not replay, example_id  # an exercise's code runs only in the browser
            continue
        assert replay, example_id
        assert loads((built_site / replay[1]).read_text(encoding="utf-8")).id == example_id
