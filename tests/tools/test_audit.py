"""The audit covers every page of the built site, not a sample of it."""

from __future__ import annotations

from pathlib import Path

from tools.audit import pages_to_audit


def test_every_page_is_audited_home_first(tmp_path: Path) -> None:
    for page in ["index.html", "concurrency/index.html", "notebooks/streams/index.html"]:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>")
    (tmp_path / "404.html").write_text("<html></html>")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text("{}")
    assert pages_to_audit(tmp_path) == ["", "concurrency/", "notebooks/streams/"]
