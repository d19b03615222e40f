"""The aiohttp application: demo endpoints and API first, the built site for every other path."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from server import delivery, live, site
from survey import demo_server
from survey.catalog import discover
from survey.paths import EXAMPLES_DIR, SITE_DIR


def make_app(
    site_dir: Path = SITE_DIR,
    *,
    examples_dir: Path = EXAMPLES_DIR,
    limits: live.Limits | None = None,
) -> web.Application:
    app = web.Application(middlewares=[delivery.deliver])
    demo_server.add_routes(app)
    live.add_routes(app, discover(examples_dir), limits or live.Limits())
    # The site's catch-all route goes last so that it never shadows the API.
    site.add_routes(app, site_dir)
    return app
