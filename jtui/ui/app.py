"""JtuiApp: the modes (servers, jobs, queue, tokens), the session, and the error hub."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.segment import Segments
from rich.traceback import Traceback
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..config.files import ConfigError
from ..config.ledger import TokenLedger
from ..config.profiles import Config, Profile, env_profile, load_config
from ..config.secrets import SecretError, SourceKind, TokenSource
from ..config.state import StateStore
from ..connect import client_for
from ..jenkins.errors import JenkinsError
from ..secret import Secret
from .messages import (
    BuildQueued,
    ServerIdentified,
    ServerUnanswered,
    SessionFailed,
    SessionOpened,
)
from .screens.build import BuildScreen
from .screens.help import HelpScreen
from .screens.jobs import JobsScreen
from .screens.pickers import ProfilePicker
from .screens.queue import QueueScreen
from .screens.servers import ServersScreen
from .screens.tokens import TokensScreen
from .session import Session

if TYPE_CHECKING:
    from ..demo import DemoJenkins

EXPECTED_ERRORS = (JenkinsError, ConfigError, SecretError)


def demo_profile(demo: DemoJenkins) -> Profile:
    secret = Secret(demo.token)
    return Profile(
        "demo",
        demo.url,
        demo.user,
        TokenSource(SourceKind.INLINE, "the built-in demo", secret),
        label="DEMO",
        color="green",
        transient=True,
    )


class JtuiApp(App[int]):
    CSS_PATH = "jtui.tcss"
    TITLE = "jtui"
    MODES = {
        "servers": ServersScreen,
        "jobs": JobsScreen,
        "queue": QueueScreen,
        "tokens": TokensScreen,
    }
    BINDINGS = [
        Binding("1", "switch_mode('servers')", "Servers", id="servers"),
        Binding("2", "switch_mode('jobs')", "Jobs", id="jobs"),
        Binding("3", "switch_mode('queue')", "Queue", id="queue"),
        Binding("4", "switch_mode('tokens')", "Tokens", id="tokens"),
        Binding("p", "pick_profile", "Profile", id="profile"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", show=False),
    ]

    session: reactive[Session | None] = reactive(None, init=False)

    def __init__(
        self,
        config_path: Path,
        profile: Profile | None = None,
        *,
        state: StateStore | None = None,
        ledger: TokenLedger | None = None,
        transient: Iterable[Profile] = (),
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.config_path = config_path
        self.state = state or StateStore()
        self.ledger = ledger or TokenLedger()
        self.now = now
        self._initial = profile
        self._transient = list(transient)
        if profile is not None and profile.transient and profile not in self._transient:
            self._transient.append(profile)
        self._generation = 0
        self._start_with_demo = demo
        self.demo: DemoJenkins | None = None

    # -- profiles and the session ----------------------------------------------------------

    def config(self) -> Config:
        return load_config(self.config_path)

    def profiles(self) -> list[Profile]:
        """Every profile a session may use: the file's, then `env` and the demo's."""
        try:
            found = list(self.config().profiles.values())
        except ConfigError as error:
            self.notify(str(error), severity="error", markup=False)
            found = []
        from_env = env_profile(os.environ)
        return found + ([from_env] if from_env else []) + self._transient

    def on_mount(self) -> None:
        if self._start_with_demo:
            self.start_demo()
            self.switch_mode("jobs")
        elif self._initial is not None:
            self.open_profile(self._initial)
            self.switch_mode("jobs")
        else:
            self.switch_mode("servers")

    def open_profile(self, profile: Profile) -> None:
        """Switch this window to `profile` (the config's default is not touched)."""
        self._open(profile)

    @work(thread=True, group="session", exclusive=True, exit_on_error=False)
    def _open(self, profile: Profile) -> None:
        # A thread: token_command or a keyring may take a moment (they have timeouts).
        try:
            client = client_for(profile)
        except (SecretError, ConfigError) as error:
            self.post_message(SessionFailed(profile, str(error)))
            return
        self.post_message(SessionOpened(profile, client))

    @on(SessionOpened)
    async def _session_opened(self, message: SessionOpened) -> None:
        old = self.session
        self._generation += 1
        self.session = Session(message.profile, message.client, self._generation)
        if old is not None:
            await old.client.aclose()
        self._identify(self.session)
        # The first session reopens the screen last used; a profile switch shows its jobs.
        await self.switch_mode(self._resume_screen() if old is None else "jobs")
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _resume_screen(self) -> str:
        try:
            last = self.state.last_screen()
        except (ConfigError, OSError):
            return "jobs"
        return last if last in ("jobs", "queue", "tokens") else "jobs"

    @on(SessionFailed)
    def _session_failed(self, message: SessionFailed) -> None:
        self.notify(
            f"{message.profile.name}: {message.reason}",
            title="Cannot open",
            severity="error",
            markup=False,
        )

    @work(group="identify", exclusive=True, exit_on_error=False)
    async def _identify(self, session: Session) -> None:
        try:
            me = await session.client.who_am_i()
            info = await session.client.server_info()
        except JenkinsError as error:
            self.post_message(ServerUnanswered(session.generation, str(error)))
            raise
        self.post_message(ServerIdentified(session.generation, info.version, me.name, me.anonymous))

    @on(ServerIdentified)
    def _identified(self, message: ServerIdentified) -> None:
        session = self.session
        if session is None or session.generation != message.generation:
            return
        error = "the token was not accepted (anonymous)" if message.anonymous else None
        self.session = replace(session, version=message.version, user=message.user, error=error)

    @on(ServerUnanswered)
    def _unanswered(self, message: ServerUnanswered) -> None:
        if self.session is not None and self.session.generation == message.generation:
            self.mark_stale(message.reason)

    def mark_refreshed(self) -> None:
        if self.session is not None:
            self.session = replace(
                self.session, refreshed_at=self.now(), stale_since=None, error=None
            )

    def mark_stale(self, reason: str) -> None:
        if self.session is not None:
            since = self.session.stale_since or self.now()
            self.session = replace(self.session, stale_since=since, error=reason)

    def start_demo(self) -> None:
        """The built-in demo Jenkins, in this process, with a profile that is never saved."""
        from ..demo import DemoJenkins

        if self.demo is None:
            self.demo = DemoJenkins().start()
        profile = demo_profile(self.demo)
        self._transient = [p for p in self._transient if p.name != profile.name] + [profile]
        self.open_profile(profile)

    def on_unmount(self) -> None:
        if self.demo is not None:
            self.demo.stop()
        if self.session is not None:
            # Losing the last screen is no reason to fail on exit.
            with contextlib.suppress(ConfigError, OSError):
                self.state.remember_screen(self.current_mode)

    @on(BuildQueued)
    def _build_queued(self, message: BuildQueued) -> None:
        self.push_screen(BuildScreen(message.ref.job_full_name, queue_ref=message.ref))

    # -- actions ---------------------------------------------------------------------------

    def action_pick_profile(self) -> None:
        current = self.session.profile.name if self.session else None

        def chosen(profile: Profile | None) -> None:
            if profile is not None:
                self.open_profile(profile)

        self.push_screen(ProfilePicker(self.profiles(), current), chosen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers every action a key would, for the screen in front."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.description in seen or key == "ctrl+p":
                continue
            seen.add(binding.description)
            run = partial(self._run_binding, active.node, binding.action)
            yield SystemCommand(binding.description, f"key: {binding.key_display or key}", run)

    def _run_binding(self, node: object, action: str) -> None:
        self.call_later(self.run_action, action, node)

    # -- errors ----------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The error hub: a failed worker becomes a one-line toast, never a crash."""
        if event.state is not WorkerState.ERROR or event.worker.error is None:
            return
        error = event.worker.error
        text = str(error) if isinstance(error, EXPECTED_ERRORS) else type(error).__name__
        self.notify(text, title="Error", severity="error", timeout=8, markup=False)

    def _fatal_error(self) -> None:
        # Textual's crash report prints every local variable; tokens must not appear there.
        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()
