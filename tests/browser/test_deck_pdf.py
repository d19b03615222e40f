"""tools/pdf.py prints the whole deck: one slide-sized PDF page for every slide, in order."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from survey.paths import ROOT
from tools.harness import deck_urls
from tools.pdf import print_page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]

# Each slide's heading, as the reader sees it (without Material's permalink sign): the
# deck makes a title slide of the page's H1 and a slide of each H2 (slides.js).
TITLES = """() => [...document.querySelectorAll("article.md-content__inner > :is(h1, h2)")]
    .map(heading => heading.innerText.replace(/¶$/, ""))"""


# Each drawn figure's lane labels, slide by slide.
DRAWN = """() => [...document.querySelectorAll("section.slide figure.timeline")].map(
    figure => [...figure.querySelectorAll(".lane__label")]
        .map(label => label.lastChild.textContent))"""


def words(text: str) -> str:
    """Text as a run of words: PDF text extraction breaks lines and spaces its own way."""
    return " ".join(re.findall(r"\w+", text))


def test_the_pdf_has_each_slide_on_its_own_page_in_order(
    page, built_site: Path, served_site: str, tmp_path: Path
) -> None:
    titles = []
    for url in deck_urls(page, served_site):
        page.goto(url)  # read as a page: presenting it would fit every slide, as the tool does
        titles += page.evaluate(TITLES)

    output = tmp_path / "deck.pdf"
    command = [sys.executable, "-m", "tools.pdf", "--site", str(built_site), "-o", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)

    sheets = PdfReader(output).pages
    assert len(sheets) == len(titles)
    missing = [
        (number, title)
        for number, (sheet, title) in enumerate(zip(sheets, titles, strict=True), start=1)
        if words(title) not in words(sheet.extract_text())
    ]
    assert missing == []
    # 1280×720 CSS pixels are 960×540 points.
    assert {(round(sheet.mediabox.width), round(sheet.mediabox.height)) for sheet in sheets} == {
        (960, 540)
    }


def test_a_slide_with_a_timeline_prints_its_picture(page, served_site: str) -> None:
    """Paper cannot press the Timeline button: the sheet shows the drawing, lanes and all."""
    url = f"{served_site}/concurrency/"
    sheets = [sheet.extract_text() for sheet in PdfReader(io.BytesIO(print_page(page, url))).pages]
    drawn = page.evaluate(DRAWN)
    assert len(drawn) >= 5
    pictured = [text for text in sheets if "What the loop ran" in text]
    assert len(pictured) == len(drawn)
    # The lanes' names are the drawing's own text: the picture, not only its caption.
    for text, lanes in zip(pictured, drawn, strict=True):
        assert all(words(lane) in words(text) for lane in lanes), (lanes, text)
