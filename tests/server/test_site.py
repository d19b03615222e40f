"""The built site is served as a static host would serve it, and nothing outside it is."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from server.app import make_app
from server.site import resolve

SECRET = "do not serve"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site/guide").mkdir(parents=True)
    (tmp_path / "site/index.html").write_text("home")
    (tmp_path / "site/guide/index.html").write_text("guide")
    (tmp_path / "site/404.html").write_text("lost")
    (tmp_path / "secret.txt").write_text(SECRET)
    # A sibling whose name starts with the site's: a prefix test on strings would let it through.
    (tmp_path / "site-private").mkdir()
    (tmp_path / "site-private/secret.txt").write_text(SECRET)
    (tmp_path / "site/escape").symlink_to(tmp_path / "secret.txt")
    return tmp_path / "site"


@pytest.fixture
async def client(aiohttp_client, site: Path):
    return await aiohttp_client(make_app(site))


@pytest.mark.parametrize(
    ("path", "body"),
    [("/", "home"), ("/guide/", "guide"), ("/index.html", "home"), ("/guide/index.html", "guide")],
)
async def test_serves_pages(client, path: str, body: str) -> None:
    response = await client.get(path, allow_redirects=False)
    assert response.status == 200
    assert await response.text() == body


async def test_directory_without_slash_redirects(client) -> None:
    response = await client.get("/guide", allow_redirects=False)
    assert response.status == 308
    assert response.headers["Location"] == "/guide/"


async def test_without_a_404_page_the_answer_says_how_to_build_the_site(
    aiohttp_client, tmp_path: Path
) -> None:
    client = await aiohttp_client(make_app(tmp_path / "not-built"))
    response = await client.get("/anything/")
    assert response.status == 404
    assert "is the site built? (nox -s docs)" in await response.text()


async def test_unknown_paths_get_the_404_page(client) -> None:
    response = await client.get("/missing/")
    assert response.status == 404
    assert await response.text() == "lost"


# Sent byte for byte: an HTTP client would normalise most of these before sending.
TRAVERSALS = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "//../secret.txt",
    "//%2e%2e/secret.txt",
    "/guide/../../secret.txt",
    "/guide/%2e%2e/%2e%2e/secret.txt",
    "/../site-private/secret.txt",
    "/escape",
]


async def raw_get(host: str, port: int, target: str) -> bytes:
    """The whole response to a request line written as is, with no client in between."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    response = await reader.read()
    writer.close()
    await writer.wait_closed()
    return response


@pytest.mark.parametrize("target", TRAVERSALS)
async def test_path_traversal_guard_answers_requests_outside_the_site_with_the_404_page(
    client, target: str
) -> None:
    response = await raw_get(client.host, client.port, target)
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 404 "), head
    assert body == b"lost"


@pytest.mark.parametrize(
    ("url_path", "found"),
    [
        ("", "index.html"),
        ("/", "index.html"),
        ("guide", "guide/index.html"),
        ("/guide/", "guide/index.html"),
        ("/guide/index.html", "guide/index.html"),
        ("/missing.html", None),
        ("/../secret.txt", None),
        ("guide/../../secret.txt", None),
        ("//../secret.txt", None),
        ("../site-private/secret.txt", None),
        ("escape", None),
        ("guide/../404.html", "404.html"),
    ],
)
def test_path_traversal_guard_keeps_resolve_inside_the_root(
    site: Path, url_path: str, found: str | None
) -> None:
    expected = None if found is None else site.resolve() / found
    assert resolve(site.resolve(), url_path) == expected


@pytest.mark.parametrize(
    ("name", "media_types"),
    [
        ("pyodide.mjs", {"text/javascript", "application/javascript"}),
        ("pyodide.asm.wasm", {"application/wasm"}),
    ],
)
async def test_the_browser_runtime_is_served_with_the_types_a_browser_needs(
    client, site: Path, name: str, media_types: set[str]
) -> None:
    (site / name).write_bytes(b"")
    response = await client.get(f"/{name}")
    assert response.status == 200
    assert response.content_type in media_types
