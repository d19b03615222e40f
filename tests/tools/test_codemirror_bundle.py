"""The editor bundle reaches the site only as the digest pinned for it; without npm's
packages the build goes on without it, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import codemirror_bundle
from tools.codemirror_bundle import IntegrityError, available, bundle, node_modules_dir

pytestmark = pytest.mark.skipif(
    codemirror_bundle.esbuild(node_modules_dir()) is None, reason="npm ci has not run here"
)


def test_the_pinned_bundle_is_built(tmp_path: Path) -> None:
    destination = tmp_path / "codemirror.js"
    bundle(node_modules_dir(), destination)
    assert destination.stat().st_size > 100_000


def test_a_bundle_other_than_the_pinned_one_fails_and_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codemirror_bundle, "BUNDLE_SHA256", "0" * 64)
    destination = tmp_path / "codemirror.js"
    with pytest.raises(IntegrityError, match="not the pinned"):
        bundle(node_modules_dir(), destination)
    assert not destination.exists()


def test_without_the_packages_the_editor_is_off_and_the_build_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not available(tmp_path / "node_modules", npm=None)
    assert "Edit gives a text field" in capsys.readouterr().out
