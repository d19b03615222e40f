"""The site travels compressed, and only content-named files are cached for long."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from server import delivery
from server.app import make_app

PAGE = "<!doctype html><p>" + "the event loop runs one step at a time. " * 200
BUNDLE = "console.log('bundle');" * 200
SCRIPT = "export const deck = 1;" * 200
PICTURE = bytes(range(256)) * 40


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "concurrency").mkdir(parents=True)
    (root / "assets/javascripts").mkdir(parents=True)
    (root / "assets/deck").mkdir(parents=True)
    (root / "concurrency/index.html").write_text(PAGE)
    (root / "assets/javascripts/bundle.a5f9d56c.min.js").write_text(BUNDLE)
    (root / "assets/deck/deck.js").write_text(SCRIPT)
    (root / "assets/deck/slide.png").write_bytes(PICTURE)
    (root / "404.html").write_text(PAGE)
    return root


@pytest.fixture
async def client(aiohttp_client, site: Path):
    # The client would otherwise undo the compression before the test could see it.
    return await aiohttp_client(make_app(site), auto_decompress=False)


async def gunzipped(response) -> str:
    return gzip.decompress(await response.read()).decode()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/concurrency/", PAGE),
        ("/assets/javascripts/bundle.a5f9d56c.min.js", BUNDLE),
        ("/assets/deck/deck.js", SCRIPT),
        ("/no-such-page/", PAGE),
    ],
)
async def test_text_is_sent_gzipped_to_a_client_that_accepts_it(client, path, body) -> None:
    response = await client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert await gunzipped(response) == body
    assert int(response.headers.get("Content-Length", 0)) < len(body)


async def test_a_client_that_accepts_no_encoding_gets_the_plain_file(client) -> None:
    response = await client.get("/concurrency/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert await response.text() == PAGE


async def test_images_are_not_compressed_again(client) -> None:
    response = await client.get("/assets/deck/slide.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response.headers
    assert await response.read() == PICTURE


async def test_a_byte_range_is_a_range_of_the_file_itself(client) -> None:
    response = await client.get(
        "/concurrency/", headers={"Accept-Encoding": "gzip", "Range": "bytes=0-99"}
    )
    assert response.status == 206
    assert "Content-Encoding" not in response.headers
    assert await response.text() == PAGE[:100]


async def test_content_named_bundles_are_cached_for_a_year(client) -> None:
    response = await client.get("/assets/javascripts/bundle.a5f9d56c.min.js")
    directives = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"public", "immutable", "max-age=31536000"} <= directives


@pytest.mark.parametrize("path", ["/concurrency/", "/assets/deck/deck.js", "/no-such-page/"])
async def test_files_that_keep_their_name_are_checked_again_every_time(client, path) -> None:
    response = await client.get(path)
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["ETag"]


async def test_an_unchanged_file_is_answered_with_not_modified(client) -> None:
    first = await client.get("/assets/deck/deck.js")
    again = await client.get(
        "/assets/deck/deck.js", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status == 304
    assert await again.read() == b""


async def test_api_answers_are_left_alone(client) -> None:
    response = await client.get("/api/examples", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert "Cache-Control" not in response.headers
    assert "Content-Encoding" not in response.headers


async def test_a_head_request_gets_headers_and_the_connection_stays_usable(client) -> None:
    head = await client.head("/concurrency/", headers={"Accept-Encoding": "gzip"})
    assert head.status == 200
    assert await head.read() == b""
    after = await client.get("/concurrency/", headers={"Accept-Encoding": "gzip"})
    assert await gunzipped(after) == PAGE


def test_every_bundle_material_links_counts_as_content_named(built_site: Path) -> None:
    home = (built_site / "index.html").read_text()
    bundles = re.findall(r'(?:href|src)="(assets/(?:stylesheets|javascripts)/[^"]+)"', home)
    assert len(bundles) >= 3, bundles
    assert {delivery.cache_control(f"/{bundle}") for bundle in bundles} == {delivery.IMMUTABLE}
