"""Turning Jenkins data into words for people: status icons and words, times, durations.

Shared by the command line and the TUI (server text itself: see `text.py`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .text import printable

# color → (icon, word). Icons differ in shape, so status never rests on colour alone, and
# each is one cell in every terminal: no East Asian "ambiguous" glyph (▲ ■ ○ are two cells
# wide in some CJK set-ups and would shift the rest of the row), all in DejaVu Sans Mono.
RUNNING = "↻"
QUEUED = "◷"
PAUSED = "◫"
FOLDER = "▸"
FAVOURITE = "✦"
WARNING = "⚠"
_STATUS = {
    "blue": ("✔", "success"),
    "green": ("✔", "success"),
    "red": ("✘", "failure"),
    "yellow": ("▴", "unstable"),
    "aborted": ("⊝", "aborted"),
    "notbuilt": ("◌", "not built"),
    "disabled": ("⊘", "disabled"),
    "grey": ("◌", "pending"),
}
_RESULT_COLOR = {
    "SUCCESS": "blue",
    "FAILURE": "red",
    "UNSTABLE": "yellow",
    "ABORTED": "aborted",
    "NOT_BUILT": "notbuilt",
}


def status_of_color(color: str | None) -> tuple[str, str]:
    """`(icon, word)` for a job's `color`; a running build is `↻ running`."""
    if not color:
        return "-", "-"
    if color.endswith("_anime"):
        return RUNNING, "running"
    return _STATUS.get(color, ("?", printable(color)[:12] or "?"))


def legend() -> str:
    """Every status icon with its word, for help texts."""
    shown = dict.fromkeys([*_STATUS.values(), (RUNNING, "running"), (QUEUED, "queued")])
    # no-break spaces inside an entry: a wrapped legend never parts an icon from its word
    return "  ".join(f"{icon}\u00a0{word}" for icon, word in shown if word != "pending")


_STAGE = {
    "success": ("✔", "success"),
    "finished": ("✔", "finished"),
    "failure": ("✘", "failure"),
    "unstable": ("▴", "unstable"),
    "aborted": ("⊝", "aborted"),
    "running": (RUNNING, "running"),
    "queued": (QUEUED, "queued"),
    "paused": (PAUSED, "paused"),
    "not_built": ("◌", "not built"),
    "skipped": ("◌", "skipped"),
}


def status_of_stage(state: str) -> tuple[str, str]:
    """`(icon, word)` for a stage or step state as Pipeline Graph View names it."""
    return _STAGE.get(state, ("?", printable(state)[:12] or "?"))


_CASE = {
    "PASSED": ("✔", "passed"),
    "FIXED": ("✔", "fixed"),
    "FAILED": ("✘", "failed"),
    "REGRESSION": ("✘", "failed"),
    "SKIPPED": ("◌", "skipped"),
}


def status_of_case(status: str) -> tuple[str, str]:
    """`(icon, word)` for a JUnit case's status (PASSED, FAILED, SKIPPED, …)."""
    return _CASE.get(status, ("?", printable(status.lower())[:12] or "?"))


def status_of_node(offline: bool, disconnected: bool) -> tuple[str, str]:
    """`(icon, word)` for a node: online, taken offline (for a while), or disconnected."""
    if not offline:
        return "✔", "online"
    return ("✘", "disconnected") if disconnected else ("⊘", "offline")


def status_of_result(result: str | None, running: bool) -> tuple[str, str]:
    if running:
        return RUNNING, "running"
    return status_of_color(_RESULT_COLOR.get(result or "", "notbuilt"))


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return "-"
    seconds = int(((now or datetime.now(UTC)) - moment).total_seconds())
    if seconds < 60:
        return "<1m ago"
    if seconds < 3600:
        return f"{seconds // 60}m ago"
    if seconds < 86400:
        return f"{seconds // 3600}h ago"
    return f"{seconds // 86400}d ago"


def span(duration: timedelta | None) -> str:
    if duration is None:
        return "-"
    seconds = int(duration.total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
