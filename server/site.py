"""Serve the built MkDocs site the way a static host would: ``/page/`` is ``page/index.html``."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from aiohttp import web

site_dir = web.AppKey("site_dir", Path)

# The in-browser Python (assets/pyodide/) is ES modules and WebAssembly: a
# browser refuses a module or streams no wasm under any other type, and
# Python before 3.12 knows these only where the system lists them.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside ``root``, or None; never a file outside it."""
    candidate = (root / url_path.lstrip("/")).resolve()
    if not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


async def handle_site(request: web.Request) -> web.StreamResponse:
    root = request.app[site_dir]
    path = request.match_info["path"]
    if (found := resolve(root, path)) is not None:
        if found.name == "index.html" and path and not path.endswith(("/", ".html")):
            raise web.HTTPPermanentRedirect(f"/{path}/")
        return web.FileResponse(found)
    not_found = root / "404.html"
    if not_found.is_file():
        return web.FileResponse(not_found, status=404)
    raise web.HTTPNotFound(text="no such page; is the site built? (nox -s docs)\n")


def add_routes(app: web.Application, root: Path) -> None:
    app[site_dir] = root.resolve()
    app.router.add_get("/{path:.*}", handle_site)
