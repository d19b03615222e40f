"""``python -m server [--host H] [--port P] [--site DIR]``: serve the deck on this machine."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from pathlib import Path

from aiohttp import web

from server.app import make_app
from server.live import Limits, is_loopback
from survey.paths import EXAMPLES_DIR, SITE_DIR

LOOPBACK = "127.0.0.1"
# What a newcomer's mistake at the start exits with: argparse's code for bad usage.
BAD_START = 2
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
    parser.add_argument(
        "--no-site",
        action="store_true",
        help="serve only /count and live runs (for running an example by hand)",
    )
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

    if not 0 < args.port < 65536:
        fail(f"port {args.port} does not exist; choose one from 1 to 65535, e.g. --port 8001")
    if not (args.no_site or (args.site / "index.html").is_file()):
        fail(f"no built site in {args.site}; build it with `nox -s docs` (or pass --no-site)")
    if not is_loopback(args.host):
        print(
            f"warning: serving on {args.host}; anyone who can reach it can run the examples",
            file=sys.stderr,
        )
    try:
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
    except OSError as problem:
        fail(cannot_listen(args.host, args.port, problem))


def cannot_listen(host: str, port: int, problem: OSError) -> str:
    """One line for a socket that could not be opened, naming the way out."""
    if problem.errno == errno.EADDRINUSE:
        other = port + 1 if port < 65535 else 8001
        return f"port {port} is in use by another program; stop it or pass --port {other}"
    if isinstance(problem, socket.gaierror):
        return f"cannot find the address of {host}; pass --host 127.0.0.1"
    reason = problem.strerror or problem
    return f"cannot listen on {host}:{port} ({reason}); try --host 127.0.0.1 --port 8001"


def fail(message: str) -> None:
    print(f"python -m server: {message}", file=sys.stderr)
    raise SystemExit(BAD_START)


if __name__ == "__main__":
    main()
