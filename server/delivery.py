"""How the site's files travel: compressed, and cached for as long as their names allow.

Material names its bundles after their content (``assets/javascripts/bundle.a5f9d56c.min.js``),
so a browser may keep those for a year: a new build links a new name. Every other file
keeps its name across builds, so the browser must ask again each time (the ETag makes
that answer a cheap 304 when nothing changed).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath

from aiohttp import hdrs, web

FINGERPRINTED = re.compile(r"^/assets/.+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Text shrinks several times over; images and fonts are compressed already.
COMPRESSIBLE_TYPES = {
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "text/javascript",
}

# Compress only a body that will surely be sent whole. A byte range of a compressed body
# would not be the range asked for. HEAD and a conditional request (usually answered 304)
# get no body, yet aiohttp would still send a compressed stream's trailer after the headers,
# corrupting the connection; a file that did change since is then sent plain, once.
UNCOMPRESSED_REQUESTS = {hdrs.RANGE, hdrs.IF_NONE_MATCH, hdrs.IF_MODIFIED_SINCE}


def cache_control(path: str) -> str:
    return IMMUTABLE if FINGERPRINTED.match(path) else REVALIDATE


def is_compressible(path: str) -> bool:
    # A path without a suffix names a page (`/concurrency/` is `concurrency/index.html`).
    if not PurePosixPath(path).suffix or path.endswith(".ipynb"):
        return True
    kind = mimetypes.guess_type(path)[0] or ""
    return kind.startswith("text/") or kind in COMPRESSIBLE_TYPES


@web.middleware
async def deliver(request: web.Request, handler) -> web.StreamResponse:
    response = await handler(request)
    # Only the site's files: API answers are small, and a WebSocket is already under way.
    if not isinstance(response, web.FileResponse):
        return response
    response.headers[hdrs.CACHE_CONTROL] = cache_control(request.path)
    partial = any(name in request.headers for name in UNCOMPRESSED_REQUESTS)
    whole_body = request.method == "GET" and not partial
    if whole_body and is_compressible(request.path):
        response.enable_compression()
        response.headers[hdrs.VARY] = hdrs.ACCEPT_ENCODING
    return response
