"""The error hub: a worker that fails becomes a one-line toast, never a crash.

Textual tells only a worker's own node that its state changed, so the app and every screen
hand their failed workers here. An unexpected failure (a bug) goes to the debug log whole.
"""

from __future__ import annotations

import logging
from typing import Any

from textual.app import App
from textual.worker import Worker, WorkerState

from ..core.debug import active_log
from ..core.errors import EXPECTED_ERRORS
from .plain import toast

LOG = logging.getLogger("jtui.ui")


def report_failure(app: App[Any], event: Worker.StateChanged) -> None:
    if event.state is not WorkerState.ERROR or event.worker.error is None:
        return
    error = event.worker.error
    if isinstance(error, EXPECTED_ERRORS):
        LOG.info("%s failed: %s", event.worker.name, error)
        toast(app, str(error), title="Error", severity="error", timeout=8)
        return
    LOG.error("%s failed", event.worker.name, exc_info=error)
    # A bug: its type is enough here, and nothing it holds is shown.
    toast(
        app,
        f"{type(error).__name__} (a bug in jtui): {where_the_details_are()}",
        title="Unexpected error",
        severity="error",
        timeout=15,
    )


def where_the_details_are() -> str:
    log = active_log()
    if log is not None:
        return f"the details are in {log}"
    return "run jtui --debug (or JTUI_DEBUG=1) to keep the details in a log"
