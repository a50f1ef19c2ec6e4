"""One build: its state, stages and live console; abort, rebuild, copy, page, search."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from ...display import ago, safe_text, span, status_of_result
from ...jenkins import StopMode
from ...jenkins.console import ConsoleEvent, ConsoleReplace
from ...jenkins.models import Build, QueueItem, QueueRef, Stage
from ...jenkins.paths import build_path
from ..build_flow import BuildLauncher
from ..session import Session
from ..widgets.console import ConsoleView
from .dialogs import Choice

POLL_SECONDS = 1.0
STAGE_ICONS = {
    "SUCCESS": "✔",
    "FAILED": "✘",
    "UNSTABLE": "▲",
    "ABORTED": "■",
    "IN_PROGRESS": "⟳",
    "PAUSED_PENDING_INPUT": "⏸",
    "NOT_EXECUTED": "·",
}


@dataclass
class QueueProgress(Message):
    item: QueueItem


@dataclass
class BuildLoaded(Message):
    build: Build
    stages: tuple[Stage, ...] | None


@dataclass
class ConsoleChunk(Message):
    event: ConsoleEvent


class BuildScreen(BuildLauncher):
    HELP_TITLE = "Build"
    BINDINGS = [
        Binding("escape,backspace,q", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match(True)", "Next match"),
        Binding("N", "next_match(False)", "Previous match"),
        Binding("v", "pager", "Pager"),
        Binding("x", "abort", "Abort"),
        Binding("R", "rebuild(False)", "Rebuild"),
        Binding("e", "rebuild(True)", "Edit & rebuild"),
        Binding("y", "copy_url", "Copy URL"),
    ]

    def __init__(
        self, full_name: str, number: int | None = None, queue_ref: QueueRef | None = None
    ) -> None:
        super().__init__()
        self.full_name = full_name
        self.number = number
        self.queue_ref = queue_ref
        self.build: Build | None = None
        self.stopped = False
        self._visible = asyncio.Event()
        self._pattern: re.Pattern[str] | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(self._title(), id="build-title")
        yield Static("", id="build-state")
        yield Static("", id="build-stages")
        yield Input(placeholder="search the console (regular expression)", id="search")
        yield ConsoleView(id="console")

    def _title(self) -> Text:
        text = Text(safe_text(self.full_name), style="bold")
        text.append(f" #{self.number}" if self.number else "  (queued)")
        return text

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#search", Input).display = False
        self.query_one("#build-stages", Static).display = False
        self.query_one("#console", ConsoleView).focus()

    def on_new_session(self, session: Session) -> None:
        if self.number is None and self.queue_ref is not None:
            self._follow_queue(session, self.queue_ref)
        elif self.number is not None:
            self._start(session)

    def on_screen_resume(self) -> None:
        self._visible.set()

    def on_screen_suspend(self) -> None:
        self._visible.clear()  # the console stops polling while hidden

    def _start(self, session: Session) -> None:
        self._visible.set()
        self._stream(session)
        self._watch_build(session)

    # -- workers ---------------------------------------------------------------------------

    @work(group="queue", exclusive=True, exit_on_error=False)
    async def _follow_queue(self, session: Session, ref: QueueRef) -> None:
        async for item in session.client.follow_queue(ref, POLL_SECONDS):
            self.post_message(QueueProgress(item))

    @work(group="console", exclusive=True, exit_on_error=False)
    async def _stream(self, session: Session) -> None:
        assert self.number is not None
        async for event in session.client.stream_console(
            self.full_name, self.number, POLL_SECONDS, self._visible
        ):
            self.post_message(ConsoleChunk(event))

    @work(group="build", exclusive=True, exit_on_error=False)
    async def _watch_build(self, session: Session) -> None:
        assert self.number is not None
        while True:
            await self._visible.wait()
            build = await session.client.build(self.full_name, self.number)
            stages = (
                await session.client.stages(self.full_name, self.number)
                if build.is_pipeline
                else None
            )
            self.post_message(BuildLoaded(build, stages))
            if not build.is_running:
                return
            await asyncio.sleep(POLL_SECONDS)

    # -- messages --------------------------------------------------------------------------

    @on(QueueProgress)
    def _queue_progress(self, message: QueueProgress) -> None:
        item = message.item
        state = self.query_one("#build-state", Static)
        if item.cancelled:
            state.update(Text("■ cancelled in the queue", style="bold"))
        elif item.executable is not None:
            self.number = item.executable.number
            self.query_one("#build-title", Static).update(self._title())
            session = self.jtui.session
            if session is not None:
                self._start(session)
        else:
            why = safe_text(item.why or "waiting")
            state.update(Text(f"⧗ queued: {why}"))

    @on(BuildLoaded)
    def _build_loaded(self, message: BuildLoaded) -> None:
        self.build = build = message.build
        now = self.jtui.now()
        icon, word = status_of_result(
            build.result.value if build.result else None, build.is_running
        )
        text = Text(f"{icon} {word}", style="bold")
        if build.is_running and build.started_at is not None:
            elapsed = span(now - build.started_at)
            expected = f" of ~{span(build.estimated_duration)}" if build.estimated_duration else ""
            text.append(f"  {elapsed}{expected}")
        else:
            text.append(f"  took {span(build.duration)}, {ago(build.started_at, now)}")
        if build.causes:
            text.append(f"  · {safe_text(build.causes[0].description)}")
        if build.parameters:
            shown = ", ".join(f"{p.name}={_shown(p.value)}" for p in build.parameters)
            text.append(f"\n{shown}", style="dim")
        self.query_one("#build-state", Static).update(text)
        stages = self.query_one("#build-stages", Static)
        if message.stages:
            stages.display = True
            stages.update(
                "  ".join(
                    f"{STAGE_ICONS.get(s.status, '?')} {safe_text(s.name)}" for s in message.stages
                )
            )

    @on(ConsoleChunk)
    def _console_chunk(self, message: ConsoleChunk) -> None:
        console = self.query_one("#console", ConsoleView)
        if isinstance(message.event, ConsoleReplace):
            console.replace(message.event.text)
        else:
            console.append(message.event.text)

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.query_one("#console", ConsoleView).focus()
        else:
            self.app.pop_screen()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        try:
            self._pattern = re.compile(event.value, re.IGNORECASE)
        except re.error as error:
            self.notify(f"not a regular expression: {error}", severity="warning", markup=False)
            return
        self.query_one("#search", Input).display = False
        console = self.query_one("#console", ConsoleView)
        console.focus()
        self.action_next_match(True)

    def action_next_match(self, forward: bool) -> None:
        if self._pattern is None:
            return
        if not self.query_one("#console", ConsoleView).search(self._pattern, forward):
            self.notify("no match", severity="warning", timeout=2)

    def action_pager(self) -> None:
        console = self.query_one("#console", ConsoleView)
        pager = shlex.split(os.environ.get("PAGER") or "less -R")
        with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as handle:
            for chunk in console.store.chunks():
                handle.write(chunk)
        try:
            with self.app.suspend():
                subprocess.run([*pager, handle.name], check=False)
        finally:
            os.unlink(handle.name)

    def action_copy_url(self) -> None:
        client = self.client
        if client is None or self.number is None:
            return
        url = client.url_for(build_path(self.full_name, self.number))
        self.app.copy_to_clipboard(url)
        self.notify(
            url, title="Copied (select it by hand if your terminal ignores OSC 52)", markup=False
        )

    def action_abort(self) -> None:
        if self.number is None or (self.build is not None and not self.build.is_running):
            self.notify("this build is not running", severity="warning")
            return
        self._abort()

    @work(group="abort", exclusive=True, exit_on_error=False)
    async def _abort(self) -> None:
        session = self.jtui.session
        if session is None or self.number is None:
            return
        if session.profile.read_only:
            self.notify(f"profile {session.profile.name} is read-only", severity="warning")
            return
        answers = [("stop", "Abort")]
        detail = ""
        if self.stopped and self.build is not None and self.build.is_pipeline:
            answers += [("term", "Terminate steps"), ("kill", "Kill build")]
            detail = "It is still running after a stop: terminate its steps, or kill it."
        question = f"Abort {self.full_name} #{self.number}?"
        answer = await self.app.push_screen_wait(Choice(question, answers, detail))
        if answer is None:
            return
        await session.client.stop_build(self.full_name, self.number, StopMode(answer))
        self.stopped = True
        self.notify(f"{answer} sent to #{self.number}", markup=False)

    def action_rebuild(self, edit: bool) -> None:
        if self.build is None:
            return
        values: dict[str, str | bool] = {
            p.name: p.value if isinstance(p.value, bool) else str(p.value)
            for p in self.build.parameters
            if p.value is not None
        }
        self.launch_build(self.full_name, values, form=edit)


def _shown(value: str | bool | int | None) -> str:
    """A parameter value for the status lines: passwords (never exported) masked."""
    if value is None:
        return "****"
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_text(str(value))[:24]
