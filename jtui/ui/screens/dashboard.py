"""Every server at once: a row per profile — reachable or why not (and since when), what
runs, what failed in the last day, the queue, pending inputs, offline nodes. Each server is
polled on its own; Enter switches this window to that server (its jobs, or one of the builds
running or failed there), `w` watches one of its running builds (told when it ends, wherever
the window is then)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...config.profiles import Profile
from ...core.dashboard import ACTIVITY, FAILURES, Activity, Failed, Part, Servers
from ...core.display import RUNNING, WARNING, ago
from ...core.errors import EXPECTED_ERRORS
from ...core.live import Fresh, Stale, Update
from ...core.watching import Watched
from ..keys import bindings
from ..plain import Static, line, toast
from ..roles import role, status
from ..widgets.detail_pane import DetailPane
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen
from .build import BuildScreen
from .dialogs import Choice

COLUMNS = [
    Column("Status", 12),
    Column("Server", minimum=12),
    Column("Running", 7, right=True),
    Column("Failing", 7, right=True),
    Column("Queue", 5, right=True),
    Column("Inputs", 6, right=True),
    Column("Offline", 7, right=True),
]


class DashboardScreen(JtuiScreen):
    HELP_TITLE = "Dashboard"
    BINDINGS = bindings("dashboard")

    def __init__(self) -> None:
        super().__init__()
        self.profiles: list[Profile] = []
        self.parts: dict[tuple[str, str], Update[Any]] = {}
        self._servers: Servers | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("Every server", classes="part-title")
        yield Static("", id="dashboard-summary", classes="part-summary")
        yield Static("", id="dashboard-detail", classes="part-detail narrow-only")
        with Horizontal(classes="panes"):
            yield VirtualTable(COLUMNS, id="dashboard")
            yield DetailPane(id="dashboard-pane")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#dashboard", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()
        self._watch_servers()

    @work(group="dashboard", exclusive=True, exit_on_error=False)
    async def _watch_servers(self) -> None:
        try:
            self.profiles = await self.shell.profiles()
        except EXPECTED_ERRORS as error:
            toast(self, str(error), severity="error")
            return
        self.table.placeholder = "no servers yet: add one on the Servers screen (1)"
        self.show()
        servers = Servers(self.profiles, self.shell.home, self.shell.clock)
        self._servers = servers
        try:
            await self.follow_all(servers.watches(), self._updated)
        finally:
            self._servers = None
            await servers.aclose()

    def _updated(self, key: tuple[str, str], update: Update[Part]) -> None:
        self.parts[key] = update
        self.show()

    # -- drawing ---------------------------------------------------------------------------

    def _activity(self, name: str) -> Activity | None:
        value = _value(self.parts.get((name, ACTIVITY)))
        return value if isinstance(value, Activity) else None

    def _failures(self, name: str) -> tuple[Failed, ...] | None:
        value = _value(self.parts.get((name, FAILURES)))
        return value if isinstance(value, tuple) else None

    def show(self) -> None:
        rows = [self._row(profile) for profile in self.profiles]
        self.table.set_rows(rows, [profile.name for profile in self.profiles])
        answered = sum(isinstance(self.parts.get((p.name, ACTIVITY)), Fresh) for p in self.profiles)
        self.query_one("#dashboard-summary", Static).update(
            f"{answered} of {len(self.profiles)} servers answering"
        )
        self._highlighted()

    def _row(self, profile: Profile) -> list[Cell]:
        update = self.parts.get((profile.name, ACTIVITY))
        found, failures = self._activity(profile.name), self._failures(profile.name)
        return [
            _state(update),
            line(profile.name),
            _count(len(found.running) if found else None),
            _count(len(failures) if failures is not None else None, "failure"),
            _count(found.queued if found else None),
            _count(found.inputs if found else None, "warning"),
            _count(len(found.offline_nodes) if found else None, "stale"),
        ]

    @on(VirtualTable.Highlighted, "#dashboard")
    def _highlighted(self) -> None:
        name = self.table.current_key
        profile = next((p for p in self.profiles if p.name == name), None)
        pane = self.query_one(DetailPane)
        if profile is None:
            self.query_one("#dashboard-detail", Static).update("")
            pane.show(self.table.placeholder)
            return
        update = self.parts.get((profile.name, ACTIVITY))
        now = self.shell.clock.now()
        self.query_one("#dashboard-detail", Static).update(_why(update, now) or profile.host)
        pane.show(self._pane(profile, update, now))

    def _pane(self, profile: Profile, update: Update[Any] | None, now: datetime) -> Text:
        text = Text()
        text.append(line(profile.name), style="bold")
        session = self._servers.sessions.get(profile.name) if self._servers else None
        version = session.version if session is not None else None
        text.append(
            f"  {line(profile.host)}" + (f" · Jenkins {line(version)}\n" if version else "\n")
        )
        text.append_text(_state(update))
        why = _why(update, now)
        text.append(f"  {why}\n" if why else "\n")
        found, failures = self._activity(profile.name), self._failures(profile.name)
        if found is not None:
            text.append(f"\nrunning ({len(found.running)}):\n")
            for build in found.running:
                text.append(f"  {RUNNING} {line(build.job or build.url)} #{build.number}\n")
            text.append(f"\nqueued: {found.queued} · pending inputs: {found.inputs}\n")
            if found.offline_nodes:
                offline = ", ".join(line(name) for name in found.offline_nodes)
                text.append(f"offline nodes: {offline}\n")
        if failures:
            text.append(f"\nfailed in the last 24 h ({len(failures)}):\n")
            for failed in failures:
                icon, word = ("✘", "failure") if failed.result == "FAILURE" else ("▴", "unstable")
                text.append("  ")
                text.append_text(role(icon, word))
                text.append(f" {line(failed.job)} #{failed.number}  {ago(failed.ended, now)}\n")
        return text

    # -- actions ---------------------------------------------------------------------------

    @on(VirtualTable.Selected, "#dashboard")
    def _selected(self, event: VirtualTable.Selected) -> None:
        profile = next((p for p in self.profiles if p.name == event.key), None)
        if profile is not None:
            self.run_task(self._open(profile), "open")

    async def _open(self, profile: Profile) -> None:
        """Its jobs, or (asked when something runs or failed there) one of those builds."""
        found, failed = self._activity(profile.name), self._failures(profile.name) or ()
        builds = [(b.job, b.number, RUNNING) for b in (found.running if found else ())]
        builds += [(f.job, f.number, "✘" if f.result == "FAILURE" else "▴") for f in failed]
        targets = [(job, number, icon) for job, number, icon in builds if job and number]
        chosen: tuple[str, int] | None = None
        if targets:
            answers = [("jobs", "its jobs")] + [
                (str(i), f"{icon} {line(job)} #{number}")
                for i, (job, number, icon) in enumerate(targets)
            ]
            answer = await self.app.push_screen_wait(
                Choice(f"Open what on {line(profile.name)}?", answers)
            )
            if answer is None:
                return
            if answer != "jobs":
                job, number, _ = targets[int(answer)]
                chosen = (job, number)
        then = BuildScreen(*chosen) if chosen else None
        current = self.shell.session
        if current is None or current.profile.name != profile.name:
            self.shell.open_profile(profile, then)
            if then is not None:
                return
        await self.app.switch_mode("jobs")
        if then is not None:
            await self.app.push_screen(then)

    def action_watch_build(self) -> None:
        name = self.table.current_key
        found = self._activity(name) if isinstance(name, str) else None
        if isinstance(name, str) and found is not None and found.running:
            self.run_task(self._watch_one(name, found), "watch")
        elif isinstance(name, str):
            toast(self, f"nothing runs on {name} now")

    async def _watch_one(self, name: str, found: Activity) -> None:
        builds = [b for b in found.running if b.job is not None and b.number is not None]
        question = Choice(
            f"Watch which build on {line(name)}? (told when it ends)",
            [(str(i), f"{line(b.job or '')} #{b.number}") for i, b in enumerate(builds)],
        )
        answer = await self.app.push_screen_wait(question)
        if answer is not None:
            chosen = builds[int(answer)]
            assert chosen.job is not None
            self.shell.watch_build(Watched(name, chosen.job, chosen.number))

    def action_close(self) -> None:
        self.app.exit(0)


def _value(update: Update[Any] | None) -> Any:
    if isinstance(update, Fresh):
        return update.value
    if isinstance(update, Stale):
        return update.last
    return None


def _state(update: Update[Any] | None) -> Text:
    if update is None:
        return status("◷", "loading")
    if isinstance(update, Fresh):
        return status("✔", "answering")
    return status(WARNING if update.last is not None else "✘", "stale" if update.last else "down")


def _why(update: Update[Any] | None, now: datetime) -> str:
    if not isinstance(update, Stale):
        return ""
    return f"since {ago(update.since, now)}: {line(update.reason)}"


def _count(value: int | None, busy_role: str | None = None) -> Cell:
    if value is None:
        return "-"
    return role(str(value), busy_role) if value and busy_role else str(value)
