"""Render the deck to one PDF, one slide a page: ``python -m tools.pdf [--site DIR] [-o deck.pdf]``.

Every page of the deck, in nav order, is opened with ``?present`` in headless
Chromium and printed through the deck's print styles; the pages' PDFs are then
joined. Without ``--site`` the site is built first into a temporary folder.

A slide with a timeline prints its picture: each such slide is switched to
its timeline view, as its Timeline button does on screen (the code's title
bar, the output and the picture, refitted), since paper cannot toggle, and
the page is printed once every figure has drawn its recording.
"""

from __future__ import annotations

import argparse
import io
from contextlib import nullcontext
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader, PdfWriter

from tools.harness import SLIDE_SIZE, deck_urls, launch_chromium, scratch_site, serving

ALL_FITTED = "() => [...document.querySelectorAll('section.slide')].every(s => s.dataset.fitFor)"
ALL_DRAWN = """() => [...document.querySelectorAll("section.slide figure.timeline")]
    .every(figure => figure.dataset.state === "done")"""
# click() reaches the buttons of hidden slides too: it is no reader's click.
SHOW_TIMELINES = """() => document
    .querySelectorAll("section.slide .timeline-toggle[aria-pressed='false']")
    .forEach(toggle => toggle.click())"""


def print_page(page: Page, url: str) -> bytes:
    page.goto(f"{url}?present")
    page.wait_for_selector("section.slide[aria-current='step']")
    page.wait_for_function(ALL_FITTED)
    # Laid out for print every slide shows at once, so every figure has the width
    # it needs to draw in, which a hidden slide's has not; and print media has
    # timeline.js draw every figure, not only those near the screen.
    page.emulate_media(media="print")
    page.evaluate(SHOW_TIMELINES)
    page.wait_for_function(ALL_DRAWN)
    return page.pdf(prefer_css_page_size=True, print_background=True)


def render(base_url: str, output: Path) -> int:
    writer = PdfWriter()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport=SLIDE_SIZE)
        for url in deck_urls(page, base_url):
            for sheet in PdfReader(io.BytesIO(print_page(page, url))).pages:
                writer.add_page(sheet)
        browser.close()
    with output.open("wb") as file:
        writer.write(file)
    return len(writer.pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("-o", "--output", type=Path, default=Path("deck.pdf"))
    args = parser.parse_args(argv)
    with nullcontext(args.site) if args.site else scratch_site() as site, serving(site) as url:
        pages = render(url, args.output)
    print(f"wrote {args.output}: {pages} slides")


if __name__ == "__main__":
    main()
