"""The README's commands as a user runs them -- as root in CI and in containers.

* ``make lab LAB_ARGS="--no-browser --port <free port>"``: JupyterLab must start (as root too),
  print its URL with the token, serve ``/lab``, open ``notebooks/00_corpus.ipynb`` in Debian's
  Chromium, and stop -- with every process it started, kernels included -- on Ctrl-C.
* ``make report``: every notebook executed headless, one HTML copy each.

Both run ``make`` in the repository root.  When the interpreter running the tests is not the
checkout's own ``.venv`` (a development worktree sharing another venv), make is pointed at that
venv and told not to reinstall it (``VENV=… -o <stamp>``); under ``make test`` it is the same
``.venv`` and the command is exactly the README's.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from browser_support import (
    JS_NOTEBOOK_READY,
    alive,
    free_port,
    headless_chromium,
    isolated_jupyter_env,
    stop_session,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIRST = ROOT / "notebooks" / "00_corpus.ipynb"
START_TIMEOUT_S = 180  # make's set-up check + JupyterLab start, on a loaded 2-core CI box
OPEN_TIMEOUT_S = 120  # notebook rendered with an idle kernel
STOP_TIMEOUT_S = 30

# JupyterLab logs the URL(s) it serves, each with the token, e.g.
# "http://127.0.0.1:8899/lab?token=0123abcd…"
URL_RE = re.compile(r"http://127\.0\.0\.1:(\d+)/lab\?token=([0-9a-f]+)")

# Rendered state of the open notebook, read from the DOM (what the user sees).
JS_RENDERED = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const nb = w.node.querySelector('.jp-Notebook');
  return {
    path: w.context.path,
    cells: nb.querySelectorAll('.jp-Cell').length,
    outputs: nb.querySelectorAll('.jp-OutputArea-output').length,
    headings: Array.from(nb.querySelectorAll('.jp-MarkdownOutput h1, .jp-MarkdownOutput h2'))
      .map(h => h.textContent.replace(/¶$/, '').trim()),
  };
}
"""


def make(target: str, *args: str) -> list[str]:
    """``make TARGET ARGS…`` for this checkout (see the module docstring about ``VENV``)."""
    cmd = ["make", "--no-print-directory", target, *args]
    venv = Path(sys.prefix).resolve()
    if venv != (ROOT / ".venv").resolve():
        cmd += [f"VENV={venv}", "-o", str(venv / ".diplolib-installed")]
    return cmd


def user_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default os.environ) as in a user's terminal: no display (headless), and not
    inside another make (``make test`` runs these tests: its MAKEFLAGS/MAKELEVEL stay out)."""
    env = dict(os.environ if env is None else env)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    return env


def first_heading(nb_path: Path) -> str:
    """Text of the notebook's first markdown heading (``# …`` or ``## …``)."""
    for cell in json.loads(nb_path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if re.match(r"#{1,2} ", line):
                    return line.lstrip("#").strip()
    raise AssertionError(f"{nb_path.name} has no markdown heading")


def _tail(log: Path, n: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])


def _wait_for_url(proc: subprocess.Popen, log: Path) -> tuple[int, str]:
    """Port and token from the URL that ``make lab`` prints."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        found = URL_RE.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return int(found.group(1)), found.group(2)
        if proc.poll() is not None:
            pytest.fail(f"make lab exited (rc={proc.returncode}) before printing its URL:\n{_tail(log)}", pytrace=False)
        time.sleep(0.5)
    pytest.fail(f"make lab printed no URL with a token within {START_TIMEOUT_S}s:\n{_tail(log)}", pytrace=False)


def _wait_for_lab(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make lab exited (rc={proc.returncode}):\n{_tail(log)}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200 and b"JupyterLab" in resp.read():
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {START_TIMEOUT_S}s:\n{_tail(log)}", pytrace=False)


@pytest.mark.browser
def test_make_lab_serves_the_notebooks_and_stops_cleanly(tmp_path):
    port = free_port()
    log = tmp_path / "make-lab.log"
    env = user_env(isolated_jupyter_env(tmp_path))  # own settings (autosave off), not ~/.jupyter
    before = FIRST.read_bytes()
    with headless_chromium() as browser, open(log, "wb") as out:
        proc = subprocess.Popen(
            make("lab", f"LAB_ARGS=--no-browser --port {port}"),
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, as a terminal gives a command
        )
        stopped = False
        try:
            got_port, token = _wait_for_url(proc, log)
            assert got_port == port, f"LAB_ARGS --port {port} not passed through (serving on {got_port})"
            base = f"http://127.0.0.1:{port}"
            _wait_for_lab(f"{base}/lab?token={token}", proc, log)

            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/{FIRST.name}?token={token}", wait_until="domcontentloaded", timeout=60_000)
            page.wait_for_function(JS_NOTEBOOK_READY, arg=FIRST.name, timeout=OPEN_TIMEOUT_S * 1000, polling=500)
            state = page.evaluate(JS_RENDERED)
            cells = json.loads(FIRST.read_text(encoding="utf-8"))["cells"]
            assert state["path"] == FIRST.name, state
            assert state["cells"] == len(cells), f"{state['cells']} cells rendered, notebook has {len(cells)}"
            assert first_heading(FIRST) in state["headings"], state["headings"]
            assert state["outputs"] > 0, "no saved output rendered"
            page.close()

            # Ctrl-C in the terminal: SIGINT to make's process group.
            leftovers = stop_session(proc, signal.SIGINT, timeout=STOP_TIMEOUT_S)
            stopped = True
            assert not leftovers, f"still running {STOP_TIMEOUT_S}s after Ctrl-C (killed): {leftovers}\n{_tail(log)}"
        finally:
            if not stopped:
                stop_session(proc, signal.SIGINT, timeout=STOP_TIMEOUT_S)
    assert FIRST.read_bytes() == before, "opening the notebook modified it on disk"


def test_stop_session_reports_and_kills_a_child_that_survives_ctrl_c():
    # The child, like a Jupyter kernel, runs in a session of its own and ignores SIGINT.
    child = "import signal, subprocess, sys, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(60)"
    parent = (
        "import subprocess, sys, time; "
        f"subprocess.Popen([sys.executable, '-c', {child!r}], start_new_session=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", parent], start_new_session=True)
    deadline = time.monotonic() + 10
    while not psutil.Process(proc.pid).children() and time.monotonic() < deadline:
        time.sleep(0.05)
    (kid,) = psutil.Process(proc.pid).children()
    leftovers = stop_session(proc, signal.SIGINT, timeout=2)
    assert proc.returncode is not None  # the leader died of Ctrl-C
    assert leftovers == [f"{kid.pid} {sys.executable} -c {child}"]
    assert not alive(kid)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_make_report_writes_one_html_per_notebook(tmp_path):
    assert NOTEBOOKS, "no notebooks"
    out = tmp_path / "reports"
    env = user_env()
    before = {nb: nb.read_bytes() for nb in NOTEBOOKS}
    run = subprocess.run(
        make("report", f"REPORT_DIR={out}"), cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{nb.stem}.html" for nb in NOTEBOOKS)
    for nb in NOTEBOOKS:
        html = (out / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert first_heading(nb) in html, nb.name
        assert 'class="jp-RenderedText' in html or "jp-OutputArea-output" in html, f"{nb.name}: no outputs"
        assert "Traceback (most recent call last)" not in html, nb.name
        assert nb.read_bytes() == before[nb], f"{nb.name} modified on disk"
