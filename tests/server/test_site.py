"""The built site is served as a static host would serve it, and nothing outside it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.app import make_app


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site/guide").mkdir(parents=True)
    (tmp_path / "site/index.html").write_text("home")
    (tmp_path / "site/guide/index.html").write_text("guide")
    (tmp_path / "site/404.html").write_text("lost")
    (tmp_path / "secret.txt").write_text("do not serve")
    return tmp_path / "site"


@pytest.fixture
async def client(aiohttp_client, site: Path):
    return await aiohttp_client(make_app(site))


@pytest.mark.parametrize(
    ("path", "body"), [("/", "home"), ("/guide/", "guide"), ("/index.html", "home")]
)
async def test_serves_pages(client, path: str, body: str) -> None:
    response = await client.get(path)
    assert response.status == 200
    assert await response.text() == body


async def test_directory_without_slash_redirects(client) -> None:
    response = await client.get("/guide", allow_redirects=False)
    assert response.status == 308
    assert response.headers["Location"] == "/guide/"


@pytest.mark.parametrize("path", ["/missing/", "/../secret.txt", "/%2e%2e/secret.txt"])
async def test_unknown_and_outside_paths_get_the_404_page(client, path: str) -> None:
    response = await client.get(path)
    assert response.status == 404
    assert await response.text() == "lost"


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
