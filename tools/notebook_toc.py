"""MkDocs hook: a notebook page's table of contents, read from the headings it renders.

mkdocs-jupyter builds the table of contents from a Markdown copy of the notebook with
every code span cut out, so "`gather` overlaps waiting" is listed as "overlaps waiting"
and links to an id the page does not have. The rendered page has the true headings and
ids; this rebuilds the table of contents from them. (Wired in mkdocs.yml under `hooks:`.)
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
# nbconvert's ¶ permalink at the end of each heading.
PERMALINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def toc_tokens(html: str) -> list[dict]:
    """Python-Markdown's toc_tokens shape (what mkdocs reads), nested by heading level."""
    roots: list[dict] = []
    open_levels: list[dict] = []
    for level, anchor, inner in HEADING.findall(html):
        inner = PERMALINK.sub("", inner).strip()
        token = {
            "level": int(level),
            "id": anchor,
            "name": TAG.sub("", inner),
            "html": inner,
            "data-toc-label": "",
            "children": [],
        }
        while open_levels and open_levels[-1]["level"] >= token["level"]:
            open_levels.pop()
        (open_levels[-1]["children"] if open_levels else roots).append(token)
        open_levels.append(token)
    return roots


# Ahead of Material's typeset plugin, which reads the table of contents to keep the
# headings' inline code in it.
@event_priority(100)
def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        page.toc = get_toc(toc_tokens(html))
    return html
