"""Helpers of the reliability tests: run Python in a child process, optionally where file
permissions apply even to root (the test machine may run as root)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PR_CAPBSET_DROP = 24
#: CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: what lets root ignore file modes.
_DAC_CAPS = (1, 2)


def _drop_dac_caps() -> None:
    """In the child before exec: drop the capabilities that bypass file modes (root only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_python(args: list[str], *, honour_modes: bool = False, timeout: int = 600) -> subprocess.CompletedProcess:
    """``python ARGS`` from the repository root; with ``honour_modes`` read-only/unreadable
    modes apply to the child even when the tests run as root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    preexec = _drop_dac_caps if honour_modes and os.geteuid() == 0 else None
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=preexec
    )
