"""The aiohttp application: demo endpoints and API first, the built site for every other path."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from server import count, site
from tools.catalog import ROOT

SITE_DIR = ROOT / "site"


def make_app(site_dir: Path = SITE_DIR) -> web.Application:
    app = web.Application()
    count.add_routes(app)
    # The site's catch-all route goes last so that it never shadows the API.
    site.add_routes(app, site_dir)
    return app
