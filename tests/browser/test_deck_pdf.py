"""tools/pdf.py prints the whole deck: one PDF page for every slide of every page, slide-sized."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from survey.paths import ROOT
from tests.browser.deck_pages import deck_pages, present, slide_ids

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]


def test_the_pdf_has_one_page_per_slide(page, built_site: Path, served_site: str, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    slides = 0
    for path in deck_pages(page, served_site):
        present(page, served_site, path)
        slides += len(slide_ids(page))

    output = tmp_path / "deck.pdf"
    command = [sys.executable, "-m", "tools.pdf", "--site", str(built_site), "-o", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)

    sheets = pypdf.PdfReader(output).pages
    assert len(sheets) == slides
    # 1280×720 CSS pixels are 960×540 points.
    assert {(round(sheet.mediabox.width), round(sheet.mediabox.height)) for sheet in sheets} == {
        (960, 540)
    }
