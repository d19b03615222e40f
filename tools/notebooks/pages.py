"""Read the nav from mkdocs.yml and cut a section's page into prose and example blocks."""

from __future__ import annotations

import posixpath
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml
from pymdownx.snippets import SnippetPreprocessor

from survey.markdown import ExampleBlock, parse, parse_exercise

ON_THE_SITE = "Try it on the site, where your run is checked."

# Nav pages that are not sections of the survey, so they get no notebook.
NOT_SECTIONS = {
    "index.md": "the landing page, a map of the sections",
    "further-reading.md": "a reading list, with no code to run",
}

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?')
HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+\S")
TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')
# A line meant as a snippet include that pymdownx will not read (spaces inside the marker).
MANGLED_SNIPPET = re.compile(r"^\s*-+\s*8\s*<\s*-+")
LINK = re.compile(r"(?P<before>\[[^\]]*\]\()(?P<target>[^)\s]+)")
# A scheme, an anchor on the same page or a path from the root: already fine in a notebook.
NOT_RELATIVE = re.compile(r"^([a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    page: str  # relative to docs_dir, as in the nav

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as mkdocs makes it."""
        return page_url(self.page)


@dataclass
class Site:
    """What the generator needs from mkdocs.yml."""

    root: Path
    docs_dir: Path
    site_url: str  # ends with "/"
    nav: list[tuple[str, str]]  # (title, page), nested sections flattened
    snippets: dict[str, Any]  # pymdownx.snippets' config, base paths made absolute

    def link(self, target: str) -> str:
        return f"{self.site_url}{target}"


@dataclass
class Prose:
    lines: list[str]


@dataclass
class ExampleOnSlide:
    block: ExampleBlock  # as the page's Markdown extension reads it
    anchor: str  # the slide it sits on


@dataclass
class Page:
    """A page cut into notebook parts, in reading order."""

    parts: list[Prose | ExampleOnSlide] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def page_url(page: str) -> str:
    path = page.removesuffix(".md")
    if path == "index":
        return ""
    return f"{path.removesuffix('/index')}/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving tags such as !ENV or !!python/name unresolved: none is needed."""


_TolerantLoader.add_multi_constructor("", lambda *_: None)


def read_site(root: Path) -> Site:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader)
    snippets: dict[str, Any] = {}
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            snippets = dict(extension["pymdownx.snippets"])
    # Absolute, so that snippets resolve whatever the working directory.
    snippets["base_path"] = [str(root / path) for path in snippets.get("base_path", ["."])]
    return Site(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        site_url=config["site_url"].rstrip("/") + "/",
        nav=list(_flatten_nav(config["nav"])),
        snippets=snippets,
    )


def _flatten_nav(items: list[dict]) -> Iterator[tuple[str, str]]:
    for item in items:
        for title, value in item.items():
            if isinstance(value, list):
                yield from _flatten_nav(value)
            else:
                yield title, value


def sections(site: Site) -> list[Section]:
    """Every section page in nav order; its notebook and examples folder share its name."""
    return [
        Section(page.removesuffix(".md"), title, page)
        for title, page in site.nav
        if page.endswith(".md") and page not in NOT_SECTIONS
    ]


# --- cutting a page into parts ----------------------------------------------------------------


def read_page(section: Section, site: Site) -> Page:
    """Cut the page into prose and example blocks, dropping speaker notes.

    Prose is cut at every h1 and h2 heading and around every example, so a slide's
    text stays with its code.
    """
    path = site.docs_dir / section.page
    shown_path = path.relative_to(site.root).as_posix()
    blocks = list(_blocks(path.read_text(encoding="utf-8").splitlines()))
    anchors = iter(_heading_anchors([block[0] for _, block in blocks if HEADING.match(block[0])]))
    page = Page()
    prose: list[str] = []
    anchor = ""

    def end_prose() -> None:
        if any(line.strip() for line in prose):
            page.parts.append(Prose(list(prose)))
        prose.clear()

    for start, block in blocks:
        first = block[0]
        where = f"{shown_path}:{start + 1}"
        if example := parse(first, where, site.root):
            end_prose()
            # A block without code shows only a drawing, which a notebook has no place for.
            if example.code:
                page.parts.append(ExampleOnSlide(example, anchor))
        elif exercise := parse_exercise(first, where, site.root):
            # Checked only where a run's trace is read: on the site, in the browser.
            prose.append(f"> **Exercise:** {exercise.task} {ON_THE_SITE}")
        elif FENCE.match(first):
            page.warnings += _mangled_snippets(block, f"{shown_path}:", start + 1)
            prose.extend(block)
        elif admonition := ADMONITION.match(first):
            if admonition["kind"] != "notes":
                prose.extend(_as_blockquote(admonition, block[1:]))
        elif heading := HEADING.match(first):
            anchor = next(anchors)
            if len(heading["level"]) <= 2:
                end_prose()
            prose.append(first)
        else:
            prose.append(first)
    end_prose()
    return page


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(index, lines) of each fenced block or admonition, whole, and of every other line alone."""
    index = 0
    while index < len(lines):
        if fence := FENCE.match(lines[index]):
            closing = (i for i in range(index + 1, len(lines)) if _closes(lines[i], fence["fence"]))
            end = next(closing, len(lines) - 1) + 1
        elif ADMONITION.match(lines[index]):
            end = _indented_end(lines, index)
        else:
            end = index + 1
        yield index, lines[index:end]
        index = end


def _closes(line: str, fence: str) -> bool:
    """A run of the fence's character, at least as long, and nothing else."""
    stripped = line.rstrip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _indented_end(lines: list[str], start: int) -> int:
    """The index just past an admonition's indented body, trailing blank lines left out."""
    index = start + 1
    while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
        index += 1
    while index > start + 1 and not lines[index - 1].strip():
        index -= 1
    return index


def _heading_anchors(headings: list[str]) -> list[str]:
    """The ids mkdocs gives these headings, rendered together so duplicates get their suffix."""
    html = markdown.markdown("\n\n".join(headings), extensions=["toc"])
    return re.findall(r'<h[1-6] id="([^"]*)"', html)


def _as_blockquote(admonition: re.Match, body: list[str]) -> list[str]:
    """Jupyter renders no admonitions, so one becomes a quote with a bold title."""
    title = admonition["title"] if admonition["title"] is not None else admonition["kind"].title()
    text = textwrap.dedent("\n".join(body)).splitlines()
    quoted = [f"> **{title}**", ">"] if title else [">"]
    return [*quoted, *(f"> {line}".rstrip() for line in text), ""]


def _mangled_snippets(block: list[str], where: str, first_number: int) -> list[str]:
    return [
        f"{where}{number}: {line.strip()!r} is not a snippet include pymdownx.snippets reads "
        "(no spaces inside --8<--); the page shows it as is"
        for number, line in enumerate(block, start=first_number)
        if MANGLED_SNIPPET.match(line) and not SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    ]


# --- page Markdown as a notebook shows it -----------------------------------------------------


def to_notebook_markdown(
    lines: list[str], section: Section, site: Site, show_titles: bool = True
) -> str:
    """Page Markdown as Jupyter renders it: snippets resolved, site links absolute.

    A code block's title (``title="..."`` is a pymdownx feature) becomes a bold
    line above it, or is dropped when ``show_titles`` is false.
    """
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": site.snippets}
    )
    text: list[str] = []
    fence: str | None = None
    for line in md.preprocessors["snippet"].run(list(lines)):
        if fence is not None:
            text.append(line)
            if _closes(line, fence):
                fence = None
        elif opening := FENCE.match(line):
            fence = opening["fence"]
            title = TITLE.search(opening["info"])
            if title and show_titles:
                text += [f"**{title['title']}**", ""]
            language = opening["info"].split()[0] if opening["info"].strip() else ""
            text.append(f"{fence}{language}")
        else:
            text.append(_absolute_links(line, section, site))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(text)).strip("\n")


def _absolute_links(line: str, section: Section, site: Site) -> str:
    """Relative links point into the docs folder; a downloaded notebook needs the site's."""
    page_dir = posixpath.dirname(section.page)

    def absolute(match: re.Match) -> str:
        target = match["target"]
        if NOT_RELATIVE.match(target):
            return match[0]
        path, hash_sign, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        url = site.link(page_url(resolved) if resolved.endswith(".md") else resolved)
        return f"{match['before']}{url}{hash_sign}{anchor}"

    return LINK.sub(absolute, line)
