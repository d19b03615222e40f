"""Start-up hook for traced runs: the launcher puts this folder on PYTHONPATH.

Python imports ``sitecustomize`` while it starts, before the example. This
loads ``survey/recorder.py`` by its path, under a name of its own, so the
example's ``sys.path`` gains nothing importable but this hook and the
``survey`` package is not imported into the example's process. The module is
registered in every interpreter that starts with the hook (worker processes
included), because a process pool's calls are pickled with a class from it;
recording starts only where ``SURVEY_TRACE_FD`` says so.
"""

import importlib.machinery
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_shadowed_sitecustomize() -> None:
    """This file hides any other ``sitecustomize`` (a distribution's, a venv's): run it too."""
    elsewhere = [entry for entry in sys.path if os.path.abspath(entry or ".") != HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", elsewhere)
    if spec is not None and spec.origin:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


load(
    "_survey_recorder", os.path.join(os.path.dirname(HERE), "recorder.py")
).install_from_environment()
run_shadowed_sitecustomize()
