"""Table rows for jobs, builds and queue items: icon and word first, never colour alone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from ..core.display import ago, span, status_of_color, status_of_result
from ..core.live import Stale
from ..jenkins.models import Build, Item, QueueItem
from .plain import line
from .widgets.table import Cell, Column

_WORD_STYLE = {
    "success": "green",
    "failure": "red",
    "unstable": "yellow",
    "aborted": "magenta",
    "running": "cyan",
    "disabled": "dim",
    "not built": "dim",
}

ITEM_COLUMNS = [
    Column("Status", 12),
    Column("Name", minimum=16),
    Column("#", 5, right=True),
    Column("Result", 9),
    Column("When", 8, right=True),
    Column("Duration", 9, right=True),
    Column("Health", 6, right=True),
]
BUILD_COLUMNS = [
    Column("Status", 12),
    Column("#", 6, right=True),
    Column("When", 8, right=True),
    Column("Duration", 9, right=True),
    Column("Started by", minimum=12),
]
QUEUE_COLUMNS = [
    Column("Id", 6, right=True),
    Column("Job", minimum=16),
    Column("Waiting", 8, right=True),
    Column("Why", minimum=16),
]


def status_cell(icon: str, word: str) -> Text:
    return Text(f"{icon} {word}", style=_WORD_STYLE.get(word, ""))


def item_row(item: Item, favourite: bool, now: datetime, full_name: bool = False) -> list[Cell]:
    shown = line(item.full_name if full_name else item.display_name)
    if not full_name and item.display_name != item.name:
        shown += f" ({line(item.name)})"
    name = Text(("★ " if favourite else "") + shown + ("/" if item.is_folder else ""))
    if item.is_folder:
        kind = {"folder": "folder", "multibranch": "branches", "organization": "org"}
        folder = status_cell("▸", kind.get(item.kind.value, "folder"))
        return [folder, name, "", "", "", "", _health(item)]
    build = item.last_build
    icon, word = status_of_color(item.color)
    if build is None:
        return [status_cell(icon, word), name, "", "", "", "", _health(item)]
    duration = span(build.duration) if build.duration else _elapsed(build, now)
    result = build.result.value.lower().replace("_", " ") if build.result else ""
    return [
        status_cell(icon, word),
        name,
        str(build.number),
        "running" if build.is_running else result,
        ago(build.started_at, now),
        duration,
        _health(item),
    ]


def build_row(build: Build, now: datetime) -> list[Cell]:
    icon, word = status_of_result(build.result.value if build.result else None, build.is_running)
    cause = build.causes[0].description if build.causes else ""
    duration = _elapsed(build, now) if build.is_running else span(build.duration)
    return [
        status_cell(icon, word),
        f"#{build.number}",
        ago(build.started_at, now),
        duration,
        line(cause),
    ]


def queue_row(item: QueueItem, now: datetime) -> list[Cell]:
    job = item.job_full_name or item.task_name or "(pipeline step)"
    waited = ago(item.in_queue_since, now)
    return [str(item.id), line(job), waited.removesuffix(" ago"), line(item.why or "")]


def unavailable(what: str, stale: Stale[Any]) -> str:
    """A placeholder for a list whose first fetch failed: why, and when it is tried again."""
    return f"cannot load {what}: {line(stale.reason)} — trying again in {stale.retry_in:.0f} s"


def _health(item: Item) -> str:
    return f"{item.health.score}%" if item.health is not None else ""


def _elapsed(build: Build, now: datetime) -> str:
    if build.started_at is None:
        return "-"
    return span(now - build.started_at) + "…"
