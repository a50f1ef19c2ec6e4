"""One job: description, parameters and recent builds; Enter opens a build."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from ...display import safe_text
from ...jenkins.models import Job
from ...jenkins.parameters import PasswordParameter
from ...jenkins.paths import job_path
from ..build_flow import BuildLauncher
from ..rows import BUILD_COLUMNS, build_row
from ..session import Session
from ..widgets.table import VirtualTable
from .build import BuildScreen

RECENT_BUILDS = 25


@dataclass
class JobLoaded(Message):
    job: Job


class JobScreen(BuildLauncher):
    HELP_TITLE = "Job"
    BINDINGS = [
        Binding("escape,backspace,q", "back", "Back"),
        Binding("b", "build", "Build"),
        Binding("y", "copy_url", "Copy URL"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self, full_name: str) -> None:
        super().__init__()
        self.full_name = full_name
        self.job: Job | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(Text(safe_text(self.full_name), style="bold"), id="job-title")
        yield Static("", id="job-details")
        yield VirtualTable(BUILD_COLUMNS, id="builds")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#builds", VirtualTable)
        table.placeholder = "loading…"
        table.focus()

    def on_new_session(self, session: Session) -> None:
        self.load()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        session = self.jtui.session
        if session is not None:
            self._load(session)

    @work(group="job", exclusive=True, exit_on_error=False)
    async def _load(self, session: Session) -> None:
        try:
            job = await session.client.job(self.full_name, builds=RECENT_BUILDS)
        finally:
            if self.is_current:  # refresh only while on screen
                self._timer = self.set_timer(session.profile.refresh_seconds, self.load)
        self.post_message(JobLoaded(job))

    @on(JobLoaded)
    def _loaded(self, message: JobLoaded) -> None:
        job = self.job = message.job
        item = job.item
        title = Text(safe_text(item.display_name), style="bold")
        if item.display_name != item.name or "/" in self.full_name:
            title.append(f"  {safe_text(self.full_name)}", style="dim")
        title.append(f"  · {item.kind.value}")
        if not job.buildable:
            title.append("  ⊘ disabled", style="bold")
        if job.in_queue:
            title.append("  ⧗ in the queue")
        self.query_one("#job-title", Static).update(title)
        self.query_one("#job-details", Static).update(_details(job))
        table = self.query_one("#builds", VirtualTable)
        table.placeholder = "no builds yet — press b to build"
        now = self.jtui.now()
        table.set_rows([build_row(b, now) for b in job.builds], [b.number for b in job.builds])

    @on(VirtualTable.Selected, "#builds")
    def _open_build(self, event: VirtualTable.Selected) -> None:
        if isinstance(event.key, int):
            self.app.push_screen(BuildScreen(self.full_name, number=event.key))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_build(self) -> None:
        self.launch_build(self.full_name)

    def action_refresh(self) -> None:
        self.load()

    def action_copy_url(self) -> None:
        client = self.client
        if client is not None:
            url = client.url_for(job_path(self.full_name))
            self.app.copy_to_clipboard(url)
            self.notify(url, title="Copied", markup=False)


def _details(job: Job) -> Text:
    text = Text()
    if job.description:
        text.append(safe_text(job.description, keep_newlines=True).strip()[:400] + "\n")
    if job.parameters:
        text.append("Parameters: ", style="bold")
        shown = []
        for parameter in job.parameters:
            kind = type(parameter).__name__.removesuffix("Parameter").lower()
            default = getattr(parameter, "default", None)
            if isinstance(parameter, PasswordParameter) or default in (None, ""):
                shown.append(f"{parameter.name} ({kind})")
            else:
                value = str(default).lower() if isinstance(default, bool) else str(default)
                shown.append(f"{parameter.name}={safe_text(value)[:20]}")
        text.append(", ".join(shown))
    return text
