"""tools/pdf.py prints the whole deck: one slide-sized PDF page for every slide, in order."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from survey.paths import ROOT
from tests.browser.deck_pages import deck_pages, present

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]

# Each slide's heading, as the reader sees it (without Material's permalink sign).
TITLES = """() => [...document.querySelectorAll("section.slide")].map(
    slide => slide.querySelector("h1, h2").innerText.replace(/¶$/, ""))"""


def words(text: str) -> str:
    """Text as a run of words: PDF text extraction breaks lines and spaces its own way."""
    return " ".join(re.findall(r"\w+", text))


def test_the_pdf_has_each_slide_on_its_own_page_in_order(
    page, built_site: Path, served_site: str, tmp_path: Path
) -> None:
    titles = []
    for path in deck_pages(page, served_site):
        present(page, served_site, path)
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
