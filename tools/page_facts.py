"""Facts the Python side and the page's scripts share, written once by the build into every page.

A MkDocs hook (mkdocs.yml's ``hooks``). As Material publishes its
configuration in ``#__config``, this puts one JSON block in each page's head::

    <script type="application/json" id="__survey">{"environment": {...}, ...}</script>

holding what a run in the browser must agree on with a run on the server,
read from the Python that decides it, never retyped:

- ``limits``: one run's wall-clock timeout in seconds, its cap on output in
  bytes (stdout and stderr together, UTF-8), its cap on trace events, and the
  most trace messages a second (``survey.stream``);
- ``environment``: the fixed environment every example runs in
  (``survey.launch.FIXED_ENV``);
- ``housekeeping``: the task labels of ``asyncio.run()``'s own clean-up, which
  a drawing folds into one lane (``survey.trace_reader.HOUSEKEEPING``).

What belongs to one example block is on the block itself (``survey.markdown``):
``data-example``, ``data-region`` and, where it was recorded, ``data-replay``,
the URL of its replay file from the site's root.
"""

from __future__ import annotations

import json

from survey.launch import FIXED_ENV
from survey.stream import TRACE_MESSAGES_PER_SECOND, RunLimits
from survey.trace_reader import HOUSEKEEPING

ELEMENT_ID = "__survey"


def facts() -> dict:
    limits = RunLimits()
    return {
        "limits": {
            "timeout_seconds": limits.timeout,
            "output_bytes": limits.output_bytes,
            "trace_events": limits.trace_events,
            "trace_messages_per_second": TRACE_MESSAGES_PER_SECOND,
        },
        "environment": FIXED_ENV,
        "housekeeping": sorted(HOUSEKEEPING),
    }


def script() -> str:
    # "</" would end the script element early wherever it appeared in a string.
    text = json.dumps(facts(), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f'<script type="application/json" id="{ELEMENT_ID}">{text}</script>'


def on_post_page(output: str, page, config) -> str:
    return output.replace("</head>", f"{script()}\n</head>", 1)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own pages too (404.html), which no Markdown page makes."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output
