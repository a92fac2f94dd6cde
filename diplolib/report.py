"""``python -m diplolib.report``: execute every notebook headless and write HTML copies.

Used by ``make report``. Notebooks run in their own folder (as in JupyterLab and
nbval); the copies embed plotly.js so they render offline. The notebooks on
disk are not modified.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter


def render(notebook: Path, out_dir: Path, timeout: int = 900) -> Path:
    """Execute ``notebook`` in its folder and write ``out_dir/<name>.html``; return that path."""
    os.environ["DIPLOLIB_PLOTLY_RENDERER"] = "plotly_mimetype+notebook"
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}).execute()
    html, _ = HTMLExporter().from_notebook_node(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{notebook.stem}.html"
    target.write_text(html, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Render every ``notebooks/*.ipynb`` (or the given ones) to HTML."""
    parser = argparse.ArgumentParser(prog="python -m diplolib.report", description=__doc__)
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: notebooks/*.ipynb)")
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.notebooks] or sorted(Path("notebooks").glob("*.ipynb"))
    if not paths:
        parser.error("no notebooks found")
    for path in paths:
        print(f"wrote {render(path, Path(args.out))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
