"""The error hub: a worker that fails becomes a one-line toast, never a crash.

Textual tells only a worker's own node that its state changed, so the app and every screen
hand their failed workers here.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from ..core.errors import EXPECTED_ERRORS
from .plain import toast


def report_failure(app: App[Any], event: Worker.StateChanged) -> None:
    if event.state is not WorkerState.ERROR or event.worker.error is None:
        return
    error = event.worker.error
    # Anything unexpected is a bug: its type is enough here, and nothing it holds is shown.
    text = str(error) if isinstance(error, EXPECTED_ERRORS) else type(error).__name__
    toast(app, text, title="Error", severity="error", timeout=8)
