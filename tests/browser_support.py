"""Helpers for the browser tests (test_browser.py, test_lab.py): headless Chromium, a throwaway
JupyterLab server, stopping a process tree cleanly, and JS snippets.

The server runs with isolated config/runtime/data/settings/workspace dirs so that the
developer's own ~/.jupyter does not leak in.  Lab extensions and kernelspecs still come from
``sys.prefix/share/jupyter`` (always on the data path), so the prebuilt ``jupyterlab-plotly``
renderer shipped with plotly is found.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# JupyterLab user settings written into the server's private user-settings dir.
# File layout: <user_settings_dir>/<package>/<plugin>.jupyterlab-settings
USER_SETTINGS: dict[str, dict] = {
    # Render every cell (no virtual scrolling) so the DOM holds all outputs.
    "@jupyterlab/notebook-extension:tracker": {
        "windowingMode": "none",
        "scrollPastEnd": False,  # no blank page below the last cell in screenshots
    },
    # Never write the notebook back to disk.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # No "would you like to receive news?" toast / update checks (no network anyway).
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def missing(what: str, install: str) -> None:
    """Skip the test because ``what`` is not installed -- or fail it under CI (``CI=true``)."""
    msg = f"{what} missing: install with: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


@contextlib.contextmanager
def headless_chromium() -> Iterator:
    """Debian's Chromium (:data:`CHROMIUM`) headless, driven by Playwright (never its own
    downloaded browsers); yields a ``playwright.sync_api.Browser``."""
    if not Path(CHROMIUM).exists():
        missing(f"chromium ({CHROMIUM})", "apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (python package)", "pip install playwright  # never `playwright install`")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def stop_session(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30.0) -> list[str]:
    """Stop ``proc`` (started with ``start_new_session=True``) and every process it started.

    Sends ``sig`` to its process group (SIGINT is what a terminal's Ctrl-C sends), then waits up
    to ``timeout`` seconds for the leader and all its descendants -- Jupyter kernels included,
    which run in sessions of their own and so are not in the group.  Whatever is still alive is
    SIGKILLed.  Returns ``"pid command"`` of each process that had to be killed (empty: clean stop).
    """
    if proc.poll() is not None:
        return []
    try:
        tree = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        tree = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)
    deadline = time.monotonic() + timeout
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=timeout)
    _wait_gone(tree, deadline)
    survivors = [p for p in tree if alive(p)]
    leftovers = [f"{p.pid} {_name(p)}" for p in survivors]
    if proc.poll() is None:
        leftovers.insert(0, f"{proc.pid} (leader)")
    for p in survivors:
        with contextlib.suppress(psutil.Error):
            p.kill()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    _wait_gone(survivors, time.monotonic() + 5)
    return leftovers


def _wait_gone(procs: list[psutil.Process], deadline: float) -> None:
    while any(alive(p) for p in procs) and time.monotonic() < deadline:
        time.sleep(0.1)


def alive(p: psutil.Process) -> bool:
    """Alive and not a zombie (an exited orphan that a container's init may never reap)."""
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _name(p: psutil.Process) -> str:
    try:
        return " ".join(p.cmdline()[:4])
    except psutil.Error:
        return "?"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_user_settings(settings_dir: Path) -> None:
    for plugin_id, values in USER_SETTINGS.items():
        package, plugin = plugin_id.split(":")
        target = settings_dir / package / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


def isolated_jupyter_env(workdir: Path) -> dict[str, str]:
    """os.environ for a JupyterLab whose config, runtime, data, user settings and workspaces all
    live under ``workdir`` (so the developer's ~/.jupyter does not leak in, and the test's
    :data:`USER_SETTINGS` apply).  The server config exposes ``window.jupyterapp`` (used by the
    JS snippets).  Lab extensions and kernelspecs still come from ``sys.prefix/share/jupyter``.
    """
    write_user_settings(workdir / "user-settings")
    config = workdir / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"expose_app_in_browser": True}}), encoding="utf-8"
    )
    env = os.environ.copy()
    env.update(
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        # Only replaces the *user* data dir (~/.local/share/jupyter); the venv's
        # sys.prefix/share/jupyter (lab extensions, kernelspecs) stays on the path.
        JUPYTER_DATA_DIR=str(workdir / "data"),
        JUPYTERLAB_SETTINGS_DIR=str(workdir / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
        IPYTHONDIR=str(workdir / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class LabServer:
    root: Path
    workdir: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "jupyterlab.log"

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "<no server log>"
        return "\n".join(lines[-n:])

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def start(self, timeout: float = 60.0) -> None:
        settings_dir = self.workdir / "user-settings"
        env = isolated_jupyter_env(self.workdir)
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={settings_dir}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # containers / CI often run as root
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed by the child's lifetime
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        status_url = f"{self.base_url}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"jupyter lab exited early (rc={self.proc.returncode}):\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(status_url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(
            f"jupyter lab did not answer {self.base_url}/api/status within {timeout:.0f}s:\n"
            f"{self.log_tail()}"
        )

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            # jupyter server shuts its kernels down on SIGTERM; stop_session kills what is left.
            stop_session(proc, signal.SIGTERM, timeout=20)


# --------------------------------------------------------------------------- JS snippets
# All of them rely on window.jupyterapp (--LabApp.expose_app_in_browser=True).

JS_NOTEBOOK_READY = """
(name) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext || !w.context) return false;
  if (!w.context.path.endsWith(name)) return false;
  if (!w.context.isReady) return false;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}
"""

JS_SETTINGS = """
async () => {
  const app = window.jupyterapp;
  const reg = app.serviceManager.settings;
  const nb = await reg.fetch('@jupyterlab/notebook-extension:tracker');
  const dm = await reg.fetch('@jupyterlab/docmanager-extension:plugin');
  const w = app.shell.currentWidget;
  return {
    // what the server hands out as the user's settings for these plugins
    userWindowingMode: (nb.settings || {}).windowingMode,
    userAutosave: (dm.settings || {}).autosave,
    // what the open notebook widget actually uses
    notebookWindowingMode: w.content.notebookConfig ? w.content.notebookConfig.windowingMode : null,
  };
}
"""

# Start Run All; resolve with true/false once NotebookActions.runAll has settled.
JS_RUN_ALL = """
() => {
  window.__runAllDone = null;
  window.__runAllError = null;
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    (ok) => { window.__runAllDone = String(ok); },
    (err) => { window.__runAllError = String(err); window.__runAllDone = 'error'; },
  );
  return true;
}
"""

JS_EXECUTION_STATE = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const prompts = Array.from(w.node.querySelectorAll('.jp-InputPrompt')).map(p => p.textContent.trim());
  return {
    done: window.__runAllDone,
    error: window.__runAllError,
    kernel: k ? k.status : 'no-kernel',
    busyPrompts: prompts.filter(t => t.includes('[*]')).length,
  };
}
"""

# Per code cell: error outputs (from the model) + rendered plotly figures (from the DOM).
JS_CELL_REPORT = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const nb = w.content;
  const out = [];
  nb.widgets.forEach((cell, i) => {
    const m = cell.model;
    if (m.type !== 'code') { out.push({index: i, type: m.type}); return; }
    const outputs = m.outputs.toJSON();
    const errors = outputs.filter(o => o.output_type === 'error')
      .map(o => `${o.ename}: ${o.evalue}`);
    const stderrTracebacks = Array.from(
      cell.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(e => e.textContent).filter(t => t.includes('Traceback'))
      .map(t => t.slice(-800));
    out.push({
      index: i,
      type: 'code',
      executionCount: m.executionCount,
      errors,
      stderrTracebacks,
      plotly: cell.node.querySelectorAll('.js-plotly-plot').length,
      source: m.sharedModel.getSource().slice(0, 120),
    });
  });
  return out;
}
"""

# JupyterLab scrolls the notebook inside an element; find the one with the largest overflow.
_JS_SCROLLER = """
  const w = window.jupyterapp.shell.currentWidget;
  let scroller = w.content.node, best = -1;
  for (const el of [w.node, ...w.node.querySelectorAll('*')]) {
    const extra = el.scrollHeight - el.clientHeight;
    const oy = getComputedStyle(el).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && extra > best) { best = extra; scroller = el; }
  }
"""

# Viewport height needed to show the whole notebook without internal scrolling.
JS_CONTENT_HEIGHT = (
    "() => {"
    + _JS_SCROLLER
    + """
  return Math.ceil(window.innerHeight - scroller.clientHeight + scroller.scrollHeight);
}"""
)

JS_SCROLL_TOP = (
    "() => {"
    + _JS_SCROLLER
    + """
  scroller.scrollTop = 0;
  return scroller.className;
}"""
)
