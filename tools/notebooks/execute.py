"""Execute a notebook on a fresh ipykernel of this interpreter, and judge the result."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from jupyter_core.utils import ensure_dir_exists
from nbclient import NotebookClient
from nbformat import NotebookNode
from traitlets import default

from survey.launch import environment

KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


class PinnedKernelManager(AsyncKernelManager):
    """Starts ipykernel's own spec, which runs sys.executable, over Unix sockets.

    Whatever "python3" kernel the user's Jupyter paths hold would otherwise win.
    Over TCP, without keys, ipykernel warns that anyone on the machine could
    listen; IPC sockets are files in the user's private runtime directory.
    """

    @default("kernel_spec_manager")
    def _no_kernel_dirs(self) -> KernelSpecManager:
        return KernelSpecManager(parent=self, kernel_dirs=[])

    @default("transport")
    def _ipc(self) -> str:
        return "ipc"

    @default("ip")
    def _socket_path_prefix(self) -> str:
        # jupyter_client's default is a relative path, and the kernel runs in the notebook's
        # directory, not in ours: the two would look for the sockets in different places.
        runtime_dir = jupyter_runtime_dir()
        ensure_dir_exists(runtime_dir, mode=0o700)
        return os.path.join(runtime_dir, f"kernel-{self.kernel_id}-ipc")


def execute(notebook: NotebookNode, root: Path, timeout: float) -> NotebookNode:
    """Run every cell in the project root, each within ``timeout`` seconds.

    Raises nbclient's CellExecutionError at the first cell that raises.
    """
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL["name"],
        kernel_manager_class=PinnedKernelManager,
        timeout=timeout,
        allow_errors=False,
        record_timing=False,
        coalesce_streams=True,
        resources={"metadata": {"path": str(root)}},
    )
    client.execute(env=environment({"DEMO_SERVER": ""}))
    return notebook


def errors(notebook: NotebookNode) -> list[str]:
    """Why the notebook does not count as executed cleanly, one line per problem."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            found.append(f"cell {number} was never executed")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {number} raised {output['ename']}: {output['evalue']}")
    return found
