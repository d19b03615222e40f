"""ARCHITECTURE.md is the one design document: every citation of it names a section it has,
and nothing cites a document outside the repository."""

from __future__ import annotations

import re
import subprocess

from survey.paths import ROOT

CITATION = re.compile(r'ARCHITECTURE\.md, "([^"]+)"')
# A citation may run onto the next line of a comment or docstring.
LINE_BREAK = re.compile(r"\s*\n\s*(?://|#)?\s*")
OUTSIDE = "design" + ".md"  # spelled apart so that this file does not cite it


def tracked_text_files() -> list:
    listed = subprocess.run(
        ["git", "ls-files", "*.py", "*.js", "*.css", "*.md", "*.toml", "*.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def test_every_citation_names_a_section_of_architecture_md() -> None:
    headings = set(re.findall(r"^#+ (.+)$", (ROOT / "ARCHITECTURE.md").read_text(), re.MULTILINE))
    cited = {
        (path.relative_to(ROOT).as_posix(), section)
        for path in tracked_text_files()
        for section in CITATION.findall(LINE_BREAK.sub(" ", path.read_text(encoding="utf-8")))
    }
    assert cited, "no citation of ARCHITECTURE.md found: is the pattern still right?"
    assert [(path, section) for path, section in cited if section not in headings] == []


def test_nothing_cites_a_design_document_outside_the_repository() -> None:
    citing = [
        path.relative_to(ROOT).as_posix()
        for path in tracked_text_files()
        if OUTSIDE in path.read_text(encoding="utf-8")
    ]
    assert citing == []
