"""One job: description, parameters and recent builds; Enter opens a build."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult

from ...core.display import QUEUED
from ...core.live import Fresh, Update
from ...core.session import Session
from ...jenkins.models import Job
from ..details import job_header
from ..keys import bindings
from ..plain import Static, line
from ..rows import BUILD_COLUMNS, build_row, unavailable
from ..widgets.table import VirtualTable
from .base import JtuiScreen
from .build import BuildScreen, copy_url, launch_build

RECENT_BUILDS = 25


class JobScreen(JtuiScreen):
    HELP_TITLE = "Job"
    BINDINGS = bindings("job")

    def __init__(self, full_name: str) -> None:
        super().__init__()
        self.full_name = full_name
        self.job: Job | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(Text(line(self.full_name), style="bold"), id="job-title")
        yield Static("", id="job-details")
        yield VirtualTable(BUILD_COLUMNS, id="builds")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#builds", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self._watch_job(session)

    @work(group="job", exclusive=True, exit_on_error=False)
    async def _watch_job(self, session: Session) -> None:
        name = self.full_name
        watch = session.watch(
            lambda: session.client.job(name, builds=RECENT_BUILDS), key=("job", name)
        )
        await self.follow(watch, self._show)

    def _show(self, update: Update[Job]) -> None:
        if not isinstance(update, Fresh):
            if self.job is None:
                self.table.placeholder = unavailable("this job", update)
                self.table.refresh()
            return
        job = self.job = update.value
        item = job.item
        title = Text(line(item.display_name), style="bold")
        if item.display_name != item.name or "/" in self.full_name:
            title.append(f"  {line(self.full_name)}", style="dim")
        title.append(f"  · {item.kind.value}")
        if not job.buildable:
            title.append("  ⊘ disabled", style="bold")
        if job.in_queue:
            title.append(f"  {QUEUED} in the queue")
        self.query_one("#job-title", Static).update(title)
        self.query_one("#job-details", Static).update(job_header(job))
        self.table.placeholder = "no builds yet — press b to build"
        now = self.shell.clock.now()
        self.table.set_rows([build_row(b, now) for b in job.builds], [b.number for b in job.builds])

    @on(VirtualTable.Selected, "#builds")
    def _open_build(self, event: VirtualTable.Selected) -> None:
        if isinstance(event.key, int):
            self.app.push_screen(BuildScreen(self.full_name, number=event.key))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_build(self) -> None:
        if self.session is not None:
            self.run_task(launch_build(self.app, self.session, self.full_name), "launch")

    def action_copy_url(self) -> None:
        if self.session is not None:
            copy_url(self.app, self.session.job_url(self.full_name))
