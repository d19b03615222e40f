"""``python -m server [--host H] [--port P] [--site DIR]``: serve the deck on this machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aiohttp import web

from server.app import make_app
from server.live import Limits, is_loopback
from survey.paths import EXAMPLES_DIR, SITE_DIR

LOOPBACK = "127.0.0.1"
# Each of Limits' fields as an option: (flag, field, type, what it limits).
LIMIT_FLAGS = [
    ("--run-timeout", "timeout", float, "seconds per run"),
    ("--max-output", "output_bytes", int, "bytes of output per run"),
    ("--max-runs", "concurrent_runs", int, "runs at once"),
    (
        "--warm",
        "warm_interpreters",
        int,
        "interpreters kept started for a quick first line; 0: none",
    ),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    parser.add_argument("--host", default=LOOPBACK, help="address to bind (default: loopback)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--site", type=Path, default=SITE_DIR, help="the built site")
    parser.add_argument("--examples-dir", type=Path, default=EXAMPLES_DIR, help=argparse.SUPPRESS)
    limits = parser.add_argument_group("live runs")
    for flag, field, kind, meaning in LIMIT_FLAGS:
        limits.add_argument(
            flag,
            dest=field,
            metavar=flag.removeprefix("--").replace("-", "_").upper(),
            type=kind,
            default=getattr(Limits, field),
            help=f"{meaning} (%(default)s)",
        )
    args = parser.parse_args(argv)

    if not is_loopback(args.host):
        print(
            f"warning: serving on {args.host}; anyone who can reach it can run the examples",
            file=sys.stderr,
        )
    if not (args.site / "index.html").is_file():
        print(f"warning: no built site in {args.site}; run: nox -s docs", file=sys.stderr)
    web.run_app(
        make_app(
            args.site,
            examples_dir=args.examples_dir,
            limits=Limits(**{field: getattr(args, field) for _, field, _, _ in LIMIT_FLAGS}),
        ),
        host=args.host,
        port=args.port,
        print=lambda _: print(
            f"Serving the deck at http://{args.host}:{args.port}/ (Ctrl-C stops)"
        ),
    )


if __name__ == "__main__":
    main()
