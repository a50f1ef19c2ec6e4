"""What a detail pane (and the Job screen's header) says about one job, queue item, profile
or token: plain words in roles, server text through `line`, nothing cut mid-value."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from ..config.profiles import Profile
from ..core.display import (
    RUNNING,
    ago,
    span,
    status_of_node,
    status_of_result,
    status_of_stage,
)
from ..core.live import Fresh, Update
from ..core.servers import Check
from ..core.tokens import TokenRow
from ..jenkins.models import Build, Item, Job, QueueItem
from ..jenkins.nodes import Node
from ..jenkins.parameters import AnyParameter, PasswordParameter
from ..jenkins.pipeline import StageGraph
from .plain import line
from .roles import role, status
from .widgets.table import Cell, Column, render_cells

RECENT = 8
_BUILD_COLUMNS = [
    Column("", 12),
    Column("", 6, right=True),
    Column("", 8, right=True),
    Column("", 8, right=True),
]


def ran(build: Build, now: datetime) -> str:
    """How long a build ran and when it ended, unmistakably: `ran 7m 49s · ended 7m ago`;
    a running one: `for 2m 10s of ~7m 49s · started 2m ago`."""
    if build.is_running:
        started = f" · started {ago(build.started_at, now)}" if build.started_at else ""
        elapsed = span(now - build.started_at) if build.started_at else "-"
        expected = f" of ~{span(build.estimated_duration)}" if build.estimated_duration else ""
        return f"for {elapsed}{expected}{started}"
    if build.started_at is None or build.duration is None:
        return "not started"
    return f"ran {span(build.duration)} · ended {ago(build.started_at + build.duration, now)}"


def build_line(build: Build, now: datetime) -> Text:
    icon, word = status_of_result(build.result.value if build.result else None, build.is_running)
    ended = (
        build.started_at + build.duration
        if build.started_at and build.duration and not build.is_running
        else build.started_at
    )
    duration = (
        span(now - build.started_at)
        if build.is_running and build.started_at
        else span(build.duration)
    )
    cells: list[Cell] = [status(icon, word), f"#{build.number}", ago(ended, now), duration]
    return render_cells(cells, [c.width for c in _BUILD_COLUMNS], _BUILD_COLUMNS)


def job_header(job: Job) -> Text:
    """Description and parameters (the Job screen's header)."""
    text = Text()
    if job.description:
        text.append(line(job.description.strip())[:400] + "\n")
    if job.parameters:
        text.append("Parameters: ", style="bold")
        text.append(", ".join(_parameter(p) for p in job.parameters))
    return text


def job_pane(job: Job, now: datetime) -> Text:
    item = job.item
    text = Text()
    text.append_text(role(line(item.display_name), "title"))
    if item.display_name != item.name or "/" in item.full_name:
        text.append(f"\n{line(item.full_name)}")
    text.append("\n")
    if not job.buildable:
        text.append_text(role("⊘ disabled", "disabled"))
        text.append("\n")
    if job.in_queue:
        text.append_text(role("◷ in the queue", "queued"))
        text.append("\n")
    if job.description:
        text.append(line(job.description.strip())[:300] + "\n")
    if item.health is not None:
        text.append_text(role("\nHealth ", "muted"))
        text.append(f"{item.health.score}%  {line(item.health.description)}\n")
    text.append_text(role("\nLast builds\n", "muted"))
    if not job.builds:
        text.append("none yet: press b to build\n")
    for build in job.builds[:RECENT]:
        text.append_text(build_line(build, now))
        text.append("\n")
    if job.builds:
        last = job.builds[0]
        doing = "running " if last.is_running else ""
        text.append(f"#{last.number} {doing}{ran(last, now)}\n")
    if job.parameters:
        text.append_text(role("\nParameters\n", "muted"))
        for parameter in job.parameters:
            text.append(f"{_parameter(parameter)}\n")
    return text


def folder_pane(item: Item) -> Text:
    text = Text()
    text.append_text(role(line(item.display_name), "title"))
    text.append(f"\n{line(item.full_name)}/\n{item.kind.value}\n")
    if item.health is not None:
        text.append(f"\nHealth {item.health.score}%  {line(item.health.description)}\n")
    text.append("\nEnter: open the folder")
    return text


def queue_pane(item: QueueItem, now: datetime) -> Text:
    text = Text()
    text.append_text(role(line(item.job_full_name or item.task_name or "(pipeline step)"), "title"))
    text.append(f"\nqueue item {item.id} · {item.state.value}")
    if item.stuck:
        text.append_text(role("  stuck", "warning"))
    if item.in_queue_since is not None:
        since = item.in_queue_since.astimezone()
        text.append(f"\nwaiting since {since:%H:%M:%S} ({ago(item.in_queue_since, now)})")
    text.append_text(role("\n\nWhy\n", "muted"))
    text.append(line(item.why or "(the server gives no reason)"))
    if item.causes:
        text.append_text(role("\n\nStarted by\n", "muted"))
        text.append(line(item.causes[0].description))
    text.append_text(role("\n\nParameters\n", "muted"))
    if not item.parameters:
        text.append("none")
    for parameter in item.parameters:
        text.append(f"{line(parameter.name)} = {line(str(parameter.value))}\n")
    return text


def profile_pane(profile: Profile, checked: Update[Check] | None, default: bool) -> Text:
    text = Text()
    text.append_text(role(line(profile.label or profile.name), "title"))
    text.append(f"\n{profile.url}\n")
    if default:
        text.append("the default profile\n")
    rows = [
        ("user", line(profile.user)),
        ("token", line(profile.token_source.describe())),
        ("TLS", "verified" if profile.verify_tls else "NOT verified"),
        ("access", "read-only" if profile.read_only else "read and write"),
        ("timeout", f"{profile.timeout_seconds:g} s"),
        ("refresh", f"every {profile.refresh_seconds:g} s"),
    ]
    for name, value in rows:
        text.append(f"\n{name:<8} {value}")
    text.append_text(role("\n\nLast check\n", "muted"))
    if checked is None:
        text.append("checking…")
    elif isinstance(checked, Fresh):
        result = checked.value
        me = result.identity
        if me.anonymous:
            text.append_text(status("✘", "refused"))
            text.append(": the token was not accepted (anonymous)")
        else:
            text.append_text(status("✔", "reachable"))
            text.append(f"\nJenkins {line(me.version)} · {result.latency_ms:.0f} ms")
            text.append(f"\nsigned in as {line(me.user)}")
    else:
        text.append_text(status("✘", "failure"))
        text.append(f"\n{line(checked.reason)}")
    return text


def token_pane(row: TokenRow, now: datetime) -> Text:
    text = Text()
    text.append_text(role(line(row.name), "title"))
    if row.current:
        text.append("\nthe token this window uses")
    entries = [
        ("uuid", line(row.uuid or "unknown")),
        ("created", f"{row.created:%Y-%m-%d %H:%M}" if row.created else "unknown"),
        ("last used", ago(row.last_used, now) if row.last_used else line(row.usage)),
        ("known to", token_where(row)),
    ]
    text.append("\n")
    for name, value in entries:
        text.append(f"\n{name:<10}{value}")
    return text


def token_where(row: TokenRow) -> str:
    if row.revoked:
        return "revoked"
    if row.on_server and row.in_ledger:
        return "server+ledger"
    return "server" if row.on_server else "ledger only"


def node_pane(node: Node) -> Text:
    text = Text()
    text.append(line(node.name) + "\n", style="bold")
    text.append_text(status(*status_of_node(node.offline, node.disconnected)))
    text.append(f"  {node.busy} of {node.executors} executors busy\n")
    if node.reason:
        text.append(f"\n{line(node.reason)}\n")
    if node.description:
        text.append(f"\n{line(node.description)}\n")
    if node.labels:
        text.append("\nlabels: " + " ".join(line(label) for label in node.labels) + "\n")
    if node.builds:
        text.append("\nrunning:\n")
        for build in node.builds:
            text.append(f"  {RUNNING} {line(build.name or build.url)}\n")
    return text


def stage_strip(graph: StageGraph) -> Text:
    """The run's stages on one line, parallel branches in brackets: `✔ Build  ✘ Test [✔ linux
    ✘ windows]  ◌ Deploy`."""
    text = Text()
    for index, stage in enumerate(graph.stages):
        if index:
            text.append("  ")
        text.append_text(_stage_word(stage.state, stage.name))
        if stage.children:
            text.append(" [")
            for number, child in enumerate(stage.children):
                if number:
                    text.append(" ")
                text.append_text(_stage_word(child.state, child.name))
            text.append("]")
    return text


def _stage_word(state: str, name: str) -> Text:
    icon, word = status_of_stage(state)
    shown = role(f"{icon} ", _STAGE_ROLE.get(word, "muted"))
    shown.append(line(name))
    return shown


_STAGE_ROLE = {"not built": "disabled", "skipped": "disabled", "paused": "queued"}


def _parameter(parameter: AnyParameter) -> str:
    name = line(parameter.name)
    kind = parameter.kind
    default = getattr(parameter, "default", None)
    if isinstance(parameter, PasswordParameter) or default in (None, ""):
        return f"{name} ({kind})"
    value = ("on" if default else "off") if isinstance(default, bool) else str(default)
    return f"{name} = {line(value)[:40]}"
