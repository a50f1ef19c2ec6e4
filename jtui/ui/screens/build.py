"""One build: its state, stages and live console; abort, rebuild, copy, page, search.

Also `launch_build`, the one way any screen starts a build: plan (read-only and the values
last used), the parameter form or a confirmation, trigger, then this screen follows it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
from collections.abc import Iterable, Iterator
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult

from ...core import builds
from ...core.builds import BuildRequest
from ...core.display import PAUSED, QUEUED, RUNNING, status_of_color, status_of_result
from ...core.follow import BuildState, watch_build, watch_console, watch_queue
from ...core.live import Fresh, Update
from ...core.session import Session
from ...core.text import terminal_log
from ...jenkins import StopMode
from ...jenkins.client import ConsolePoll
from ...jenkins.console import ConsoleReplace
from ...jenkins.models import Build, QueueItem, QueueRef
from ..details import ran
from ..keys import bindings
from ..plain import Input, Static, line, toast
from ..roles import status
from ..widgets.console import ConsoleView
from .base import JtuiScreen
from .dialogs import Choice, confirm
from .params import ParameterForm

STAGE_ICONS = {
    "SUCCESS": status_of_color("blue")[0],
    "FAILED": status_of_color("red")[0],
    "UNSTABLE": status_of_color("yellow")[0],
    "ABORTED": status_of_color("aborted")[0],
    "IN_PROGRESS": RUNNING,
    "PAUSED_PENDING_INPUT": PAUSED,
    "NOT_EXECUTED": "-",
}
STOP_LABELS = {
    StopMode.STOP: "Abort",
    StopMode.TERM: "Terminate steps",
    StopMode.KILL: "Kill build",
}


async def launch_build(
    app: App[Any],
    session: Session,
    job_name: str,
    *,
    rebuild: Build | None = None,
    edit: bool = False,
) -> None:
    """Plan, ask (the form, whose submit is the confirmation, or a yes/no), trigger, show."""
    if rebuild is not None:
        plan = await builds.plan_rebuild(session, rebuild)
    else:
        plan = await builds.plan_build(session, job_name)
    request = BuildRequest(plan.prefill)
    used_form = plan.needs_form(edit)
    if used_form:
        answer = await app.push_screen_wait(ParameterForm(plan.job, plan.prefill))
        if answer is None:
            return
        request = answer
    name = plan.job.item.full_name
    if plan.needs_confirmation(session, used_form):
        asked = confirm(f"Build {name} on {session.profile.name}?", "Build")
        if await app.push_screen_wait(asked) is None:
            return
    ref = await builds.trigger(session, plan.job, request)
    await app.push_screen(BuildScreen(name, queue_ref=ref))


def copy_url(app: App[Any], url: str) -> None:
    app.copy_to_clipboard(url)
    toast(app, url, title="Copied (select it by hand if your terminal ignores OSC 52)")


class BuildScreen(JtuiScreen):
    HELP_TITLE = "Build"
    BINDINGS = bindings("build")

    def __init__(
        self, full_name: str, number: int | None = None, queue_ref: QueueRef | None = None
    ) -> None:
        super().__init__()
        self.full_name = full_name
        self.number = number
        self.queue_ref = queue_ref
        self.build: Build | None = None
        self.stopped = False
        self._pattern: re.Pattern[str] | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(self._title(), id="build-title")
        yield Static("", id="build-state")
        yield Static("", id="build-stages")
        yield Input(placeholder="search the console (regular expression)", id="search")
        yield ConsoleView(id="console")

    @property
    def console(self) -> ConsoleView:
        return self.query_one("#console", ConsoleView)

    def _title(self) -> Text:
        text = Text(line(self.full_name), style="bold")
        text.append(f" #{self.number}" if self.number else "  (queued)")
        return text

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#search", Input).display = False
        self.query_one("#build-stages", Static).display = False
        self.console.focus()

    def on_new_session(self, session: Session) -> None:
        if self.number is not None:
            self._start(session, self.number)
        elif self.queue_ref is not None:
            self._watch_queue(session, self.queue_ref)

    def _start(self, session: Session, number: int) -> None:
        self.number = number
        self.query_one("#build-title", Static).update(self._title())
        self._watch_console(session, number)
        self._watch_build(session, number)

    # -- live data -------------------------------------------------------------------------

    @work(group="queue", exclusive=True, exit_on_error=False)
    async def _watch_queue(self, session: Session, ref: QueueRef) -> None:
        await self.follow(watch_queue(session, ref), lambda update: self._queued(session, update))

    def _queued(self, session: Session, update: Update[QueueItem]) -> None:
        state = self.query_one("#build-state", Static)
        if not isinstance(update, Fresh):
            state.update(Text(f"{QUEUED} queued (cannot see the queue: {line(update.reason)})"))
            return
        item = update.value
        if item.cancelled:
            state.update(
                Text(f"{status_of_color('aborted')[0]} cancelled in the queue", style="bold")
            )
        elif item.executable is not None:
            self._start(session, item.executable.number)
        else:
            state.update(Text(f"{QUEUED} queued: {line(item.why or 'waiting')}"))

    @work(group="console", exclusive=True, exit_on_error=False)
    async def _watch_console(self, session: Session, number: int) -> None:
        await self.follow(watch_console(session, self.full_name, number), self._console_update)

    def _console_update(self, update: Update[ConsolePoll]) -> None:
        if not isinstance(update, Fresh):
            return  # the status bar says the server is not answering; the stream resumes
        for event in update.value.events:
            if isinstance(event, ConsoleReplace):
                self.console.replace(event.text)
            else:
                self.console.append(event.text)

    @work(group="build", exclusive=True, exit_on_error=False)
    async def _watch_build(self, session: Session, number: int) -> None:
        await self.follow(watch_build(session, self.full_name, number), self._build_update)

    def _build_update(self, update: Update[BuildState]) -> None:
        if not isinstance(update, Fresh):
            return
        self.build = build = update.value.build
        now = self.shell.clock.now()
        icon, word = status_of_result(
            build.result.value if build.result else None, build.is_running
        )
        text = status(icon, word)
        text.append(f"  {ran(build, now)}")
        if build.causes:
            text.append(f" · {line(build.causes[0].description)}")
        if build.parameters:
            shown = ", ".join(f"{line(p.name)}={_shown(p.value)}" for p in build.parameters)
            text.append(f"\n{shown}", style="dim")
        self.query_one("#build-state", Static).update(text)
        stages = update.value.stages
        if stages:
            strip = self.query_one("#build-stages", Static)
            strip.display = True
            strip.update(
                Text("  ".join(f"{STAGE_ICONS.get(s.status, '?')} {line(s.name)}" for s in stages))
            )

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.console.focus()
        else:
            self.app.pop_screen()

    def action_close(self) -> None:
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
            toast(self, f"not a regular expression: {error}", severity="warning")
            return
        self.query_one("#search", Input).display = False
        self.console.focus()
        self.action_next_match(True)

    def action_next_match(self, forward: bool) -> None:
        if self._pattern is None:
            return
        if not self.console.search(self._pattern, forward):
            toast(self, "no match", severity="warning", timeout=2)

    def action_pager(self) -> None:
        """The whole log in $PAGER, through a pipe (no copy left on disk), colours kept and
        every other escape sequence removed, as in the view."""
        pager = shlex.split(os.environ.get("PAGER") or "less -R")
        with self.app.suspend():
            try:
                reader = subprocess.Popen(pager, stdin=subprocess.PIPE)
            except OSError as error:
                toast(self, f"cannot run the pager {pager[0]}: {error.strerror}", severity="error")
                return
            assert reader.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
                for text in whole_lines(self.console.store.chunks()):
                    reader.stdin.write(terminal_log(text).encode("utf-8", "replace"))
                reader.stdin.close()
            reader.wait()

    def action_copy_url(self) -> None:
        if self.session is not None and self.number is not None:
            copy_url(self.app, self.session.build_url(self.full_name, self.number))

    def action_abort(self) -> None:
        if self.build is None or not self.build.is_running:
            toast(self, "this build is not running", severity="warning")
        elif self.session is not None:
            self.run_task(self._abort(self.session, self.build), "abort")

    async def _abort(self, session: Session, build: Build) -> None:
        modes = builds.plan_stop(session, build, self.stopped)
        number = build.number
        detail = ""
        if len(modes) > 1:
            detail = "It is still running after a stop: terminate its steps, or kill it."
        question = Choice(
            f"Abort {self.full_name} #{number}?",
            [(mode.value, STOP_LABELS[mode]) for mode in modes],
            detail,
        )
        answer = await self.app.push_screen_wait(question)
        if answer is None:
            return
        await builds.stop_build(session, self.full_name, number, StopMode(answer))
        self.stopped = True
        toast(self, f"{answer} sent to #{number}")

    def action_rebuild(self, edit: bool) -> None:
        if self.build is not None and self.session is not None:
            work = launch_build(
                self.app, self.session, self.full_name, rebuild=self.build, edit=edit
            )
            self.run_task(work, "launch")


def whole_lines(chunks: Iterable[str]) -> Iterator[str]:
    """The same text in pieces that end at line ends (no escape sequence cut in two)."""
    held = ""
    for chunk in chunks:
        text = held + chunk
        cut = text.rfind("\n") + 1
        held = text[cut:]
        if cut:
            yield text[:cut]
    if held:
        yield held


def _shown(value: str | bool | int | None) -> str:
    """A parameter value for the status lines: passwords (never exported) masked."""
    if value is None:
        return "****"
    if isinstance(value, bool):
        return "true" if value else "false"
    return line(str(value))[:24]
