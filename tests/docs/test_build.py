"""The strict build includes the real code and output, and refuses a broken include."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

from survey.paths import ROOT
from tools.harness import build_site


def visible_text(page: Path) -> str:
    """The page as a reader sees it: tags stripped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def region(source: str, name: str) -> list[str]:
    """The lines between a snippet region's markers, as the page includes them."""
    inside = source.split(f"# --8<-- [start:{name}]\n", 1)[1].split(f"# --8<-- [end:{name}]", 1)[0]
    return [line.strip() for line in inside.splitlines() if line.strip()]


def test_page_shows_the_snippet_and_its_captured_output(built_site: Path) -> None:
    text = visible_text(built_site / "event_loop/index.html")
    source = (ROOT / "examples/event_loop/asyncio_run.py").read_text(encoding="utf-8")
    output = (ROOT / "examples/event_loop/asyncio_run.out").read_text(encoding="utf-8")

    for line in region(source, "core") + output.splitlines():
        assert line in text
    assert "--8<--" not in text, "snippet markers must not leak onto the page"


def test_replays_are_published_with_the_site(built_site: Path) -> None:
    assert (built_site / "replays/event_loop/asyncio_run.json").is_file()


def build_page(tmp_path: Path, page: str) -> str:
    """Build a one-page site with the survey's Markdown extensions; what the build printed."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "broken.md").write_text(page)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""
            site_name: broken
            docs_dir: {docs}
            markdown_extensions:
              - md_in_html
              - pymdownx.superfences
              - pymdownx.snippets:
                  base_path: ["{ROOT}"]
                  check_paths: true
              - survey.markdown
            """
        )
    )
    result = build_site(tmp_path / "site", config)
    assert result.returncode != 0
    return result.stderr + result.stdout


def test_a_wrong_snippet_path_fails_the_build(tmp_path: Path) -> None:
    page = '# Broken\n\n```python\n--8<-- "examples/no_such/example.py:core"\n```\n'
    assert "examples/no_such/example.py" in build_page(tmp_path, page)


def test_a_wrong_example_block_fails_the_build_naming_page_and_line(tmp_path: Path) -> None:
    page = "# Broken\n\nProse.\n\n::: example concurrency/gather_sleep:nowhere\n"
    printed = build_page(tmp_path, page)
    assert "'broken.md': line 5: examples/concurrency/gather_sleep.py has no region" in printed


def test_a_page_shows_each_example_in_one_block(built_site: Path) -> None:
    html = (built_site / "concurrency/index.html").read_text(encoding="utf-8")
    block = html.split('data-example="concurrency/gather_sleep" data-region="core"', 1)[1]
    block = block.split('<div class="example__controls">', 1)[0]
    assert 'class="filename">examples/concurrency/gather_sleep.py<' in block
    assert 'class="filename">Output<' in block


MATERIAL_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.\w+\.min\.js"([^>]*)>')


def test_every_page_defers_materials_script(built_site: Path) -> None:
    """overrides/main.html: the first paint does not wait for Material's script. Its
    replace() finds nothing, silently, if Material ever writes the tag otherwise."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        attributes = MATERIAL_SCRIPT.findall(page.read_text(encoding="utf-8"))
        assert attributes == [" defer"], page
