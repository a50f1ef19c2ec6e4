"""Table rows for jobs, builds and queue items: icon and word first, never colour alone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from ..core.display import (
    FAVOURITE,
    FOLDER,
    ago,
    span,
    status_of_color,
    status_of_node,
    status_of_result,
)
from ..core.live import Stale
from ..jenkins.models import Build, Item, QueueItem
from ..jenkins.nodes import Node
from .plain import line
from .roles import status
from .widgets.table import Cell, Column

# "Ended" is when the last build finished and "Took" how long it ran (a running build: how
# long it has run so far); no value is ever cut, only names and reasons are.
ITEM_COLUMNS = [
    Column("Status", 12),
    Column("Name", minimum=16),
    Column("#", 6, right=True, drop=2),
    Column("Ended", 8, right=True),
    Column("Took", 7, right=True),
    Column("Health", 6, right=True, drop=1),
]
MATCH_COLUMNS = [
    Column("Status", 12),
    Column("Job", minimum=30),
    Column("Health", 6, right=True),
]
BUILD_COLUMNS = [
    Column("Status", 12),
    Column("#", 6, right=True),
    Column("Ended", 8, right=True),
    Column("Took", 7, right=True),
    Column("Started by", minimum=12),
]
QUEUE_COLUMNS = [
    Column("Id", 6, right=True),
    Column("Job", minimum=16),
    Column("Waiting", 8, right=True),
    Column("Why", minimum=16),
]


def item_row(item: Item, favourite: bool, now: datetime, full_name: bool = False) -> list[Cell]:
    shown = line(item.full_name if full_name else item.display_name)
    if not full_name and item.display_name != item.name:
        shown += f" ({line(item.name)})"
    name = Text((f"{FAVOURITE} " if favourite else "") + shown + ("/" if item.is_folder else ""))
    if item.is_folder:
        kind = {"folder": "folder", "multibranch": "branches", "organization": "org"}
        folder = status(FOLDER, kind.get(item.kind.value, "folder"))
        return [folder, name, "", "", "", _health(item)]
    build = item.last_build
    icon, word = status_of_color(item.color)
    if build is None:
        return [status(icon, word), name, "", "", "", _health(item)]
    return [status(icon, word), name, str(build.number), *_times(build, now), _health(item)]


def match_row(item: Item, favourite: bool) -> list[Cell]:
    """A row of the fuzzy finder: the whole name has the room."""
    name = Text((f"{FAVOURITE} " if favourite else "") + line(item.full_name))
    if item.is_folder:
        name.append("/")
        return [status(FOLDER, item.kind.value), name, _health(item)]
    return [status(*status_of_color(item.color)), name, _health(item)]


def build_row(build: Build, now: datetime) -> list[Cell]:
    icon, word = status_of_result(build.result.value if build.result else None, build.is_running)
    cause = build.causes[0].description if build.causes else ""
    return [status(icon, word), f"#{build.number}", *_times(build, now), line(cause)]


def queue_row(item: QueueItem, now: datetime) -> list[Cell]:
    job = item.job_full_name or item.task_name or "(pipeline step)"
    waited = ago(item.in_queue_since, now)
    return [str(item.id), line(job), waited.removesuffix(" ago"), line(item.why or "")]


NODE_COLUMNS = [
    Column("Status", 14),
    Column("Node", minimum=16),
    Column("Busy", 5, right=True),
    Column("Running, or why offline", minimum=16, drop=1),
]


def node_row(node: Node) -> list[Cell]:
    running = ", ".join(build.name for build in node.builds)
    return [
        status(*status_of_node(node.offline, node.disconnected)),
        line(node.name),
        f"{node.busy}/{node.executors}",
        line(node.reason if node.offline else running),
    ]


def unavailable(what: str, stale: Stale[Any]) -> str:
    """A placeholder for a list whose first fetch failed: why, and when it is tried again."""
    return f"cannot load {what}: {line(stale.reason)} — trying again in {stale.retry_in:.0f} s"


def _health(item: Item) -> str:
    return f"{item.health.score}%" if item.health is not None else ""


def _times(build: Build, now: datetime) -> tuple[str, str]:
    """(ended, took): a running build has not ended and has run this long so far."""
    if build.started_at is None:
        return "-", "-"
    if build.is_running:
        return "-", span(now - build.started_at)
    ended = build.started_at + build.duration if build.duration else build.started_at
    return ago(ended, now), span(build.duration)
