"""A notebook page with its JupyterLab stylesheet pruned (tools/notebook_css.py) looks
exactly as with the whole stylesheet: every element's computed style is the same."""

from __future__ import annotations

from importlib.resources import files

import pytest

# Three passes over every element's computed style, each a few seconds on a busy machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

# What mkdocs-jupyter inlines into a notebook page, whole.
JUPYTERLAB_CSS = files("mkdocs_jupyter") / "templates" / "mkdocs_html" / "assets" / "index.css"
PROPERTIES = [
    "display", "visibility", "position", "float", "width", "height", "margin", "padding",
    "border", "color", "background-color", "background-image", "font-family", "font-size",
    "font-weight", "font-style", "line-height", "white-space", "overflow", "opacity",
    "text-decoration-line", "text-align", "flex-direction", "gap",
]  # fmt: skip

# Each element of the page (and its ::before and ::after) as its computed properties.
STYLES = """properties => [...document.querySelectorAll("body *")].flatMap((element) =>
    [null, "::before", "::after"].map((pseudo) => {
        const style = getComputedStyle(element, pseudo);
        return properties.map((name) => style.getPropertyValue(name)).join("|");
    }))"""

SWAP = """css => {
    const sheet = [...document.querySelectorAll("style")].find((style) =>
        style.textContent.includes(".jupyter-wrapper{--md-red-50"));
    const pruned = sheet.textContent.length;
    sheet.textContent = css;
    return pruned;
}"""


def settled_styles(page) -> list[str]:
    """The styles once the page has settled: Material's scripts still change the layout
    (an `auto` margin's used value) for a moment after the load."""
    page.wait_for_load_state("networkidle")
    styles = page.evaluate(STYLES, PROPERTIES)
    for _ in range(3):
        again = page.evaluate(STYLES, PROPERTIES)
        if again == styles:
            return styles
        styles = again
    raise AssertionError("the page's styles kept changing: nothing to compare against")


def test_a_pruned_notebook_page_looks_as_with_the_whole_stylesheet(page, served_site: str) -> None:
    page.goto(f"{served_site}/notebooks/concurrency/")
    pruned = settled_styles(page)
    whole = JUPYTERLAB_CSS.read_text(encoding="utf-8")
    pruned_size = page.evaluate(SWAP, whole)
    assert pruned_size < len(whole) / 3, "nothing much was pruned: the test compares little"
    assert page.evaluate(STYLES, PROPERTIES) == pruned
