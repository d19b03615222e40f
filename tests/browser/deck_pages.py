"""What the deck's browser tests share: opening a page as slides and reading the deck's state."""

from __future__ import annotations

from urllib.parse import urlsplit

from tools.harness import deck_urls

CURRENT = "section.slide[aria-current='step']"


def present(page, base_url: str, path: str = "event_loop/", anchor: str = "") -> None:
    """Open a page in presentation mode and wait until a slide is on screen."""
    page.goto(f"{base_url}/{path}?present" + (f"#{anchor}" if anchor else ""))
    wait_for_slide(page)


def wait_for_slide(page, slide_id: str | None = None) -> None:
    page.wait_for_selector("html[data-deck='present']", state="attached")
    selector = f"section.slide[id='{slide_id}'][aria-current='step']" if slide_id else CURRENT
    page.wait_for_selector(selector, state="visible")


def wait_for_next_page(page, url_glob: str, left: str) -> None:
    """Wait until the deck has moved on to the page at ``url_glob`` and shows a slide of it.
    Material's instant navigation may change the address before it swaps the content, so
    the slide ``left`` (of the page before) has to be gone first."""
    page.wait_for_url(url_glob)
    page.wait_for_selector(f"section.slide[id='{left}']", state="detached")
    wait_for_slide(page)


def slide_ids(page) -> list[str]:
    return page.eval_on_selector_all("section.slide", "slides => slides.map(s => s.id)")


def current_id(page) -> str:
    return page.eval_on_selector(CURRENT, "slide => slide.id")


def path_and_hash(page) -> tuple[str, str]:
    parts = urlsplit(page.url)
    return parts.path, parts.fragment


def deck_pages(page, base_url: str) -> list[str]:
    """Every page of the deck in nav order, as paths from the site's root."""
    return [urlsplit(url).path.lstrip("/") for url in deck_urls(page, base_url)]
