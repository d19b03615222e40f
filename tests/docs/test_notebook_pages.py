"""The built site renders every section's notebook and offers the .ipynb for download."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from survey.paths import ROOT
from tools.notebooks.cli import NOTEBOOKS_DIR
from tools.notebooks.pages import Section, read_site, sections

SITE = read_site(ROOT)
SECTIONS = sections(SITE)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            self.anchors.append(attributes)
        if attributes.get("id"):
            self.ids.add(attributes["id"])


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def notebook_page(site: Path, section: Section) -> Path:
    return site / "notebooks" / section.slug / "index.html"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_each_section_has_a_rendered_notebook_page(built_site: Path, section: Section) -> None:
    html = notebook_page(built_site, section).read_text(encoding="utf-8")
    assert "jp-Notebook" in html
    assert "About this notebook" in html


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_the_download_link_serves_the_committed_notebook(
    built_site: Path, section: Section
) -> None:
    page = notebook_page(built_site, section)
    page_url = f"http://site.invalid/notebooks/{section.slug}/"
    downloads = [a for a in parsed(page).anchors if "download" in a]
    assert downloads, "no download link on the page"
    for anchor in downloads:
        target = urlparse(urljoin(page_url, anchor["href"] or ""))
        assert target.netloc == "site.invalid", anchor
        served = built_site / unquote(target.path).lstrip("/")
        committed = ROOT / NOTEBOOKS_DIR / f"{section.slug}.ipynb"
        assert served.is_file(), f"{anchor['href']} does not resolve to a file in the site"
        assert json.loads(served.read_text()) == json.loads(committed.read_text())


def test_links_from_the_notebooks_to_slides_land_on_a_heading(built_site: Path) -> None:
    base = SITE.site_url
    checked = 0
    for section in SECTIONS:
        text = (ROOT / NOTEBOOKS_DIR / f"{section.slug}.ipynb").read_text()
        for url in re.findall(rf"\]\(({re.escape(base)}[^)\s]*)\)", text):
            path, _, anchor = url.removeprefix(base).partition("#")
            page = built_site / path / "index.html"
            assert page.is_file(), url
            if anchor:
                assert anchor in parsed(page).ids, url
            checked += 1
    assert checked, "every notebook links to its page"


def toc_entries(html: str) -> dict[str, str]:
    """Each table-of-contents link's target id and the HTML it shows."""
    return dict(re.findall(r'<a href="#([^"]+)" class="md-nav__link">(.*?)</a>', html, re.S))


def test_notebook_headings_keep_their_inline_code_in_the_table_of_contents(
    built_site: Path,
) -> None:
    checked = 0
    for section in SECTIONS:
        html = notebook_page(built_site, section).read_text(encoding="utf-8")
        entries = toc_entries(html)
        for heading_id, heading in re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', html, re.S):
            for code in re.findall(r"<code>.*?</code>", heading):
                assert code in entries.get(heading_id, ""), (section.slug, heading_id)
                checked += 1
    assert checked >= 5, "no notebook heading with inline code: the test checks nothing"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.slug)
def test_every_notebook_toc_entry_links_to_a_heading_on_the_page(
    built_site: Path, section: Section
) -> None:
    html = notebook_page(built_site, section).read_text(encoding="utf-8")
    headings = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    entries = toc_entries(html)
    assert len(entries) >= 2
    assert set(entries) <= headings, set(entries) - headings
