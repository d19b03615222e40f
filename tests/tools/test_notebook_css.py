"""A notebook page keeps exactly the JupyterLab rules that can match something in it."""

from __future__ import annotations

from tools.notebook_css import prune, prune_page

CSS = (
    '@charset "UTF-8";'
    ".jupyter-wrapper{--jp-ui-font-size1:13px}"
    ".jp-Cell .jp-InputArea{display:flex}"
    ".jp-Launcher-card{color:red}"
    ".jp-Cell,.jp-Dialog{margin:0}"
    ".jp-Cell:not(.jp-mod-active){opacity:1}"
    'button.jp-Icon{background:url("data:image/svg+xml,<svg>{}</svg>")}'
    "@media (max-width:760px){.jp-Cell{padding:0}.jp-Launcher{padding:0}}"
    "@media print{.jp-Launcher{display:none}}"
    "@keyframes jp-spin{0%{transform:rotate(0)}}"
    "body{margin:0}"
)
WORDS = {"jupyter-wrapper", "jp-Cell", "jp-InputArea"}


def test_rules_for_classes_the_page_lacks_are_dropped_in_order() -> None:
    assert prune(CSS, WORDS) == (
        '@charset "UTF-8";'
        ".jupyter-wrapper{--jp-ui-font-size1:13px}"
        ".jp-Cell .jp-InputArea{display:flex}"
        ".jp-Cell,.jp-Dialog{margin:0}"
        ".jp-Cell:not(.jp-mod-active){opacity:1}"
        "@media (max-width:760px){.jp-Cell{padding:0}}"
        "@keyframes jp-spin{0%{transform:rotate(0)}}"
        "body{margin:0}"
    )


def test_a_class_the_pages_scripts_mention_counts_and_other_pages_are_left_alone() -> None:
    markup = "<div class='jp-Cell'></div><script>el.classList.add('jp-Icon')</script>"
    pruned = prune_page(f"<style>{CSS}</style>{markup}")
    assert "button.jp-Icon{" in pruned
    assert ".jp-InputArea" not in pruned
    assert ".jp-Launcher" not in pruned
    assert pruned.endswith(f"</style>{markup}")
