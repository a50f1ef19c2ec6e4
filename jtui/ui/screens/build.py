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
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal

from ...core import builds, inputs, reruns
from ...core.builds import BuildRequest
from ...core.display import QUEUED, status_of_color, status_of_result
from ...core.follow import BuildState, watch_build, watch_console, watch_queue
from ...core.live import Fresh, Update
from ...core.pipelines import Pick, watch_steps
from ...core.session import Session
from ...core.text import terminal_log
from ...core.watching import Watched
from ...jenkins import StopMode
from ...jenkins.client import ConsolePoll
from ...jenkins.console import ConsoleReplace
from ...jenkins.inputs import PendingInput
from ...jenkins.models import Build, QueueItem, QueueRef
from ..details import ran, stage_strip
from ..keys import bindings
from ..plain import Input, Static, line, toast
from ..roles import status
from ..widgets.console import ConsoleView
from ..widgets.stage_list import StageList
from ..widgets.table import VirtualTable
from . import build_input
from .artifacts_view import ArtifactsScreen
from .base import JtuiScreen
from .build_part import BuildPartScreen
from .changes_view import ChangesScreen
from .dialogs import Choice, confirm
from .params import ParameterForm
from .tests_view import TestsScreen

Answer = Callable[[App[Any], Session, str, int, PendingInput], Awaitable[bool]]
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
        form = ParameterForm(f"Build {plan.job.item.full_name}", plan.job.parameters, plan.prefill)
        answer = await app.push_screen_wait(form)
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
        self.showing: Pick | None = None  # the steps shown instead of the whole console
        self.pending: tuple[PendingInput, ...] = ()  # inputs the build waits for
        self._asked_inputs = False

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(self._title(), id="build-title")
        yield Static("", id="build-state")
        yield Static("", id="build-stages", classes="narrow-only -empty")
        yield Static("", id="input-banner", classes="-empty")
        yield Input(placeholder="search the console (regular expression)", id="search")
        with Horizontal(classes="panes"):
            yield StageList(id="stages", classes="-empty")
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
        before = None if self.build is None else self.build.is_running
        self.build = build = update.value.build
        if before != build.is_running:
            self.refresh_bindings()  # what may be done with it (restart) changes as it ends
        now = self.shell.clock.now()
        icon, word = status_of_result(
            build.result.value if build.result else None, build.is_running
        )
        text = Text()
        text.append_text(status(icon, word))  # the status in its role, the rest plain
        text.append(f"  {ran(build, now)}")
        if build.causes:
            text.append(f" · {line(build.causes[0].description)}")
        if build.parameters:
            shown = ", ".join(f"{line(p.name)}={_shown(p.value)}" for p in build.parameters)
            text.append(f"\n{shown}", style="dim")
        self.query_one("#build-state", Static).update(text)
        graph = update.value.stages
        if graph is not None and graph.stages:
            strip = self.query_one("#build-stages", Static)
            strip.remove_class("-empty")
            strip.update(stage_strip(graph))
            stage_list = self.query_one(StageList)
            if stage_list.graph is None:
                self.refresh_bindings()
            stage_list.remove_class("-empty")
            stage_list.show_graph(graph)
        waiting = graph is not None and any(n.state == "paused" for n in graph.walk())
        if waiting and not self._asked_inputs and self.session is not None:
            self._asked_inputs = True  # once per pause; answering it resets this
            self.run_task(self._read_inputs(self.session, build.number), "inputs")
        elif not waiting and self.pending:
            self._show_inputs(())

    # -- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.console.focus()
        elif self.showing is not None:
            self._show_whole_console()
        else:
            self.app.pop_screen()

    # -- a Pipeline's stages and steps -----------------------------------------------------

    async def _read_inputs(self, session: Session, number: int) -> None:
        _, pending = await inputs.pending_inputs(session, self.full_name, number)
        self._show_inputs(pending)

    def _show_inputs(self, pending: tuple[PendingInput, ...]) -> None:
        self.pending = pending
        banner_line = self.query_one("#input-banner", Static)
        banner_line.set_class(not pending, "-empty")
        if pending:
            approve_key = self.app.get_key_display(self._binding_of("approve_input"))
            decline_key = self.app.get_key_display(self._binding_of("decline_input"))
            banner_line.update(build_input.banner(pending[0], approve_key, decline_key))
        self.refresh_bindings()

    def _binding_of(self, action: str) -> Binding:
        return next(a.binding for a in self.active_bindings.values() if a.binding.action == action)

    def action_approve_input(self) -> None:
        self._answer(build_input.approve)

    def action_decline_input(self) -> None:
        self._answer(build_input.decline)

    def _answer(self, how: Answer) -> None:
        session, number = self.session, self.number
        if session is None or number is None or not self.pending:
            return
        pending = self.pending[0]

        async def work() -> None:
            if await how(self.app, session, self.full_name, number, pending):
                self._asked_inputs = False  # another input may come later
                self._show_inputs(())

        self.run_task(work(), "answer-input")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve_input", "decline_input"):
            return bool(self.pending)
        if action in ("tests", "artifacts", "changes"):
            return self.number is not None
        if action == "watch_build":  # running or queued
            return self.build is None or self.build.is_running
        if action == "restart_stage":  # a finished Pipeline
            found = self.query(StageList)
            finished = self.build is not None and not self.build.is_running
            return finished and bool(found) and found.first().graph is not None
        if action in ("failed_step", "stage_list"):  # Pipelines only
            found = self.query(StageList)  # (asked before the screen is composed, too)
            return bool(found) and found.first().graph is not None
        return True

    def action_failed_step(self) -> None:
        """Only the failed steps' logs, each with its reason on top."""
        self._show_steps(Pick(failed=True), "failed steps")

    def action_stage_list(self) -> None:
        """Into the stage list (shown beside the console from 120 columns; toggled below)."""
        stage_list = self.query_one(StageList)
        if stage_list.has_focus:
            stage_list.remove_class("-open")  # below 120 columns it gives the room back
            self.console.focus()
        else:
            stage_list.add_class("-open")
            stage_list.focus()

    @on(VirtualTable.Selected, "#stages")
    def _stage_chosen(self, event: VirtualTable.Selected) -> None:
        graph = self.query_one(StageList).graph
        chosen = next((n for n in graph.walk() if n.id == event.key), None) if graph else None
        if chosen is not None:
            self._show_steps(Pick(stage_id=chosen.id), f"stage {line(chosen.name)}")
            self.console.focus()

    def _show_steps(self, pick: Pick, what: str) -> None:
        if self.session is None or self.number is None:
            return
        self.showing = pick
        self.console.replace("")
        self.query_one("#build-title", Static).update(self._title() + f" — {what} (Esc: all)")
        self._watch_steps(self.session, self.number, pick)

    def _show_whole_console(self) -> None:
        self.showing = None
        self.console.replace("")
        self.query_one("#build-title", Static).update(self._title())
        if self.session is not None and self.number is not None:
            self._watch_console(self.session, self.number)

    @work(group="console", exclusive=True, exit_on_error=False)
    async def _watch_steps(self, session: Session, number: int, pick: Pick) -> None:
        await self.follow(watch_steps(session, self.full_name, number, pick), self._console_update)

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

    def _part(self, screen: type[BuildPartScreen[Any]]) -> None:
        if self.number is not None:
            finished = self.build is not None and not self.build.is_running
            self.app.push_screen(screen(self.full_name, self.number, finished))

    def action_watch_build(self) -> None:
        session = self.session
        if session is None or (self.number is None and self.queue_ref is None):
            return
        queue_id = self.queue_ref.id if self.queue_ref and self.number is None else None
        self.shell.watch_build(Watched(session.profile.name, self.full_name, self.number, queue_id))

    def action_tests(self) -> None:
        self._part(TestsScreen)

    def action_artifacts(self) -> None:
        self._part(ArtifactsScreen)

    def action_changes(self) -> None:
        self._part(ChangesScreen)

    def action_restart_stage(self) -> None:
        if self.session is not None and self.number is not None:
            self.run_task(self._restart(self.session, self.number), "launch")

    async def _restart(self, session: Session, number: int) -> None:
        stages = await reruns.restartable_stages(session, self.full_name, number)
        question = Choice(
            f"Restart {self.full_name} #{number} from a stage",
            [(stage, stage) for stage in stages],
            "The stages before it are not run again: their results are kept.",
        )
        stage = await self.app.push_screen_wait(question)
        if stage is None:
            return
        earlier = await reruns.restart_from(session, self.full_name, number, stage)
        toast(self, f"restarting #{number} from stage {stage}", title=self.full_name)
        restarted = await reruns.new_build(session, self.full_name, number, stage, earlier)
        if restarted is None:
            toast(self, "no build has started from it yet", severity="warning")
        else:
            await self.app.push_screen(BuildScreen(self.full_name, restarted))

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
