"""Turning Jenkins data into words for people: status words and icons, safe text, times.

Shared by the command line and the TUI; imports neither httpx nor Textual. Server text is
hostile: `safe_text` removes anything that could move the cursor, set the title or the
clipboard (escape sequences, control characters) before it reaches a terminal.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (title, clipboard, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b.?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 (but tab, newline) and C1 controls
)

# color → (icon, word). Icons differ in shape, so status never rests on colour alone.
_STATUS = {
    "blue": ("✔", "success"),
    "green": ("✔", "success"),
    "red": ("✘", "failure"),
    "yellow": ("▲", "unstable"),
    "aborted": ("■", "aborted"),
    "notbuilt": ("○", "not built"),
    "disabled": ("⊘", "disabled"),
    "grey": ("○", "pending"),
}
_RESULT_COLOR = {
    "SUCCESS": "blue",
    "FAILURE": "red",
    "UNSTABLE": "yellow",
    "ABORTED": "aborted",
    "NOT_BUILT": "notbuilt",
}


_NOT_COLOUR = re.compile(
    r"\x1b\[[0-9;:]*m"  # SGR colours and styles: kept
    r"|(" + _ESCAPES.pattern + r")"
)


def terminal_safe(text: str) -> str:
    """Console text for a terminal: colours (SGR) kept, every other escape and control dropped.

    Newlines and tabs stay; a lone carriage return, which would overwrite the line, goes.
    """
    return _NOT_COLOUR.sub(lambda m: "" if m.group(1) is not None else m.group(0), text)


def safe_text(text: str, keep_newlines: bool = False) -> str:
    """Text from the server with every escape sequence and control character removed."""
    cleaned = _ESCAPES.sub("", text)
    return cleaned if keep_newlines else cleaned.replace("\n", " ").replace("\t", " ")


def status_of_color(color: str | None) -> tuple[str, str]:
    """`(icon, word)` for a job's `color`; a running build is `⟳ running`."""
    if not color:
        return "·", "-"
    if color.endswith("_anime"):
        return "⟳", "running"
    return _STATUS.get(color, ("?", color))


def status_of_result(result: str | None, running: bool) -> tuple[str, str]:
    if running:
        return "⟳", "running"
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
