"""Real-browser check: every notebook runs top to bottom in JupyterLab without errors and its
plotly figures render.

A module-scoped fixture starts ``jupyter lab`` on a random port/token with isolated settings
(windowingMode "none" so all cells are in the DOM, autosave off), then headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) opens each notebook, runs all cells and
checks the result.  A full-page screenshot per notebook goes to reports/screenshots/.

Run:  .venv/bin/python -m pytest tests/test_browser.py -m browser
Dev:  DIPLOLIB_BROWSER_ROOT=/some/dir (must contain notebooks/*.ipynb) overrides the repo root.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from browser_support import (
    JS_CELL_REPORT,
    JS_CONTENT_HEIGHT,
    JS_EXECUTION_STATE,
    JS_NOTEBOOK_READY,
    JS_RUN_ALL,
    JS_SCROLL_TOP,
    JS_SETTINGS,
    LabServer,
    headless_chromium,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
ROOT = Path(os.environ.get("DIPLOLIB_BROWSER_ROOT") or REPO_ROOT).resolve()
NOTEBOOK_DIR = ROOT / "notebooks"
SCREENSHOT_DIR = REPO_ROOT / "reports" / "screenshots"

KERNEL_READY_TIMEOUT_S = 120
RUN_ALL_TIMEOUT_S = float(os.environ.get("DIPLOLIB_BROWSER_RUN_TIMEOUT", 900))
PLOT_RENDER_TIMEOUT_S = 60
PLOTLY_MIME = "application/vnd.plotly.v1+json"

pytestmark = pytest.mark.browser


def _notebook_params():
    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if not notebooks:
        return [pytest.param(None, id="no-notebooks")]
    return [pytest.param(nb, id=nb.stem) for nb in notebooks]


def _expected_plotly(nb_path: Path) -> dict[int, int]:
    """Cell index -> number of saved plotly outputs (only cells that have some)."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    expected = {}
    for i, cell in enumerate(nb.get("cells", [])):
        n = sum(1 for o in cell.get("outputs", []) if PLOTLY_MIME in o.get("data", {}))
        if n:
            expected[i] = n
    return expected


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def chromium_browser():
    with headless_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    server = LabServer(root=ROOT, workdir=tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start(timeout=60)
        yield server
    finally:
        server.stop()


def _wait_for(page, predicate, timeout_s: float, what: str, server, nb_name: str, arg=None):
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        last = page.evaluate(predicate, arg) if arg is not None else page.evaluate(predicate)
        if last is True or (isinstance(last, dict) and last.get("ok")):
            return last
        page.wait_for_timeout(500)
    pytest.fail(
        f"[{nb_name}] timed out after {timeout_s:.0f}s waiting for {what} (last state: {last})\n"
        f"--- jupyter lab log tail ---\n{server.log_tail()}",
        pytrace=False,
    )


@pytest.mark.parametrize("notebook", _notebook_params())
def test_notebook_runs_in_jupyterlab(notebook, request):
    if notebook is None:
        pytest.fail(f"no notebooks found in {NOTEBOOK_DIR}", pytrace=False)
    chromium_browser = request.getfixturevalue("chromium_browser")
    lab_server = request.getfixturevalue("lab_server")
    name = notebook.name
    expected_plotly = _expected_plotly(notebook)
    digest_before = _digest(notebook)

    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console_errors: list[str] = []
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    try:
        rel = notebook.relative_to(ROOT).as_posix()
        page.goto(lab_server.url(f"lab/tree/{rel}"), wait_until="domcontentloaded", timeout=60_000)

        _wait_for(
            page,
            JS_NOTEBOOK_READY,
            KERNEL_READY_TIMEOUT_S,
            "the notebook to open with an idle kernel",
            lab_server,
            name,
            arg=name,
        )

        settings = page.evaluate(JS_SETTINGS)
        assert settings == {
            "userWindowingMode": "none",
            "userAutosave": False,
            "notebookWindowingMode": "none",
        }, f"[{name}] JupyterLab user settings not applied: {settings}"

        t0 = time.monotonic()
        page.evaluate(JS_RUN_ALL)
        state = None
        while time.monotonic() - t0 < RUN_ALL_TIMEOUT_S:
            state = page.evaluate(JS_EXECUTION_STATE)
            if state["done"] is not None and state["kernel"] == "idle" and not state["busyPrompts"]:
                break
            page.wait_for_timeout(1000)
        else:
            pytest.fail(
                f"[{name}] Run All Cells did not finish within {RUN_ALL_TIMEOUT_S:.0f}s "
                f"(state: {state})",
                pytrace=False,
            )

        # Plotly renders asynchronously (plotly.js is loaded lazily): poll per cell.
        deadline = time.monotonic() + PLOT_RENDER_TIMEOUT_S
        while True:
            report = page.evaluate(JS_CELL_REPORT)
            missing = {
                i: (n, report[i].get("plotly", 0) if i < len(report) else 0)
                for i, n in expected_plotly.items()
                if i >= len(report) or report[i].get("plotly", 0) < n
            }
            if not missing or time.monotonic() > deadline:
                break
            page.wait_for_timeout(500)

        # Full-page screenshot: JupyterLab scrolls internally, so grow the viewport first.
        height = min(max(page.evaluate(JS_CONTENT_HEIGHT) + 20, 1000), 16000)
        page.set_viewport_size({"width": 1400, "height": height})
        page.wait_for_timeout(500)
        page.evaluate(JS_SCROLL_TOP)
        page.wait_for_timeout(500)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{notebook.stem}.png"), full_page=True)

        problems = []
        if state["done"] != "true":
            problems.append(
                "Run All Cells did not complete successfully (stopped at an error?)"
                + (f": {state['error']}" if state["error"] else "")
            )
        for cell in report:
            if cell["type"] != "code":
                continue
            where = f"cell {cell['index']} ({cell['source']!r})"
            for err in cell["errors"]:
                problems.append(f"{where}: error output: {err}")
            for tb in [] if cell["errors"] else cell["stderrTracebacks"]:
                problems.append(f"{where}: traceback on stderr:\n{tb}")
            if cell["source"].strip() and cell["executionCount"] is None:
                problems.append(f"{where}: was not executed")
        for i, (want, got) in missing.items():
            problems.append(
                f"cell {i}: expected >= {want} rendered plotly figure(s) "
                f"(.js-plotly-plot), found {got}"
            )
        if problems:
            pytest.fail(
                f"[{name}] {len(problems)} problem(s) after Run All Cells "
                f"({time.monotonic() - t0:.1f}s):\n  - "
                + "\n  - ".join(problems)
                + (f"\npage errors: {console_errors}" if console_errors else ""),
                pytrace=False,
            )
    finally:
        context.close()
        assert _digest(notebook) == digest_before, f"[{name}] notebook file was modified on disk"
