"""What a page does to itself while it starts (overrides/main.html): no stylesheet is
applied a second time once the page is being drawn, on the first page or after instant
navigation to a page at another depth."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every change to a stylesheet link's address from the first byte of the page on, and
# whether the article had been parsed by then (a change then restyles the whole page).
RECORD_SHEET_CHANGES = """
window.sheetChanges = [];
new MutationObserver((records) => {
  for (const record of records) {
    if (record.target.rel !== "stylesheet") continue;
    sheetChanges.push({late: document.querySelector("article") !== null, href: record.target.href});
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["href"]});
"""


def late_changes(page) -> list[str]:
    return page.evaluate(
        "sheetChanges.filter((change) => change.late).map((change) => change.href)"
    )


def test_no_stylesheet_is_applied_again_once_the_page_is_drawn(page, served_site: str) -> None:
    """Material's instant navigation sets every relative address again when it starts;
    a stylesheet's address set again reapplies it to the whole page."""
    page.add_init_script(RECORD_SHEET_CHANGES)
    page.goto(f"{served_site}/notebooks/streams/")
    sheets = page.locator("link[rel=stylesheet]")
    assert sheets.count() >= 2  # Material's own and the deck's
    assert page.evaluate("sheetChanges.length") >= sheets.count()  # the head's own pass
    assert late_changes(page) == []

    # Instant navigation compares the next page's head with this one by their markup:
    # the same stylesheets, one level up, must compare equal, neither added nor removed.
    # (Links to 127.0.0.1 are not in the sitemap, so the navigation starts as the deck's.)
    page.evaluate("window.firstSheets = [...document.querySelectorAll('link[rel=stylesheet]')]")
    page.evaluate(
        "(href) => { history.pushState(null, '', href); location$.next(new URL(href)); }",
        f"{served_site}/concurrency/",
    )
    page.wait_for_function("document.title.startsWith('Concurrency')")
    kept = page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')]"
        ".map((sheet, at) => sheet === firstSheets[at])"
    )
    assert kept == [True] * page.evaluate("firstSheets.length")
    assert late_changes(page) == []
