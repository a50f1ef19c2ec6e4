"""`--debug` / `JTUI_DEBUG=1`: a log of requests, timings, retries and failures, for bug reports.

The file (0600, in the user's log directory) never holds a token: every secret value this
process knows and every Authorization header is replaced before a line is written. Lines
are written by a thread, never on the event loop.
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import os
import queue
import re
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from ..secret import seen_values

ENV = "JTUI_DEBUG"
MASK = "********"
_AUTHORIZATION = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(\w+\s+)?[^\s\"',]+")
_BASIC = re.compile(r"(?i)\b(basic|bearer)\s+[A-Za-z0-9+/=._-]{8,}")
_state: dict[str, Path] = {}
_running: list[tuple[logging.handlers.QueueListener, logging.Handler]] = []


def wanted(flag: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = (os.environ if environ is None else environ).get(ENV, "")
    return flag or value.strip().lower() not in ("", "0", "false", "no")


def log_path() -> Path:
    return platformdirs.user_log_path("jtui", appauthor=False) / "jtui.log"


def active_log() -> Path | None:
    """Where this process writes its debug log, if it does."""
    return _state.get("path")


def scrub(text: str) -> str:
    for value in seen_values():
        text = text.replace(value, MASK)
    text = _AUTHORIZATION.sub(lambda m: m.group(1) + MASK, text)
    return _BASIC.sub(lambda m: f"{m.group(1)} {MASK}", text)


class _Scrubbed(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def enable(path: Path | None = None) -> Path:
    """Start writing the debug log (appending); returns where."""
    target = path or log_path()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(descriptor)
    os.chmod(target, 0o600)
    writer = logging.FileHandler(target, encoding="utf-8")
    writer.setFormatter(_Scrubbed("%(asctime)s %(levelname)s %(name)s %(message)s"))
    lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    listener = logging.handlers.QueueListener(lines, writer)
    listener.start()
    atexit.register(disable)
    logger = logging.getLogger("jtui")
    logger.setLevel(logging.DEBUG)
    handler = logging.handlers.QueueHandler(lines)
    logger.addHandler(handler)
    _running.append((listener, handler))
    _state["path"] = target
    logger.info("jtui debug log started (pid %d)", os.getpid())
    return target


def disable() -> None:
    """Write what is waiting, and stop logging."""
    logger = logging.getLogger("jtui")
    while _running:
        listener, handler = _running.pop()
        logger.removeHandler(handler)
        listener.stop()  # writes what is queued first
        for writer in listener.handlers:
            writer.close()
    _state.pop("path", None)
