"""JtuiApp: the modes (dashboard, servers, jobs, queue, tokens, nodes), the session, and the
error hub."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import SystemCommand
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker

from ..config.profiles import Profile
from ..core import servers, watching
from ..core.clock import SYSTEM_CLOCK, Clock
from ..core.demo import DemoServer, launch_demo
from ..core.errors import EXPECTED_ERRORS
from ..core.home import Home, off_loop
from ..core.keymap import ACTIONS, keymap
from ..core.live import Fresh, Watch
from ..core.notify import mode_for, notification
from ..core.session import Session
from ..core.watching import Ended, Watched, Watcher
from . import roles
from .errors import report_failure
from .internals import PrivateApp
from .keys import bindings
from .plain import toast
from .screens.dashboard import DashboardScreen
from .screens.help import HelpScreen
from .screens.jobs import JobsScreen
from .screens.nodes import NodesScreen
from .screens.pickers import ProfilePicker
from .screens.queue import QueueScreen
from .screens.servers import ServersScreen
from .screens.tokens import TokensScreen
from .widgets.detail_pane import WIDE

RESUMABLE = ("dashboard", "jobs", "queue", "tokens", "nodes")


class OutageWarning:
    """One toast when the server stops answering, one when it is back (the status bar says
    it all along): not one per failed poll."""

    def __init__(self, app: JtuiApp, session: Session) -> None:
        self.app = app
        self.session = session
        self.said = False

    def __call__(self) -> None:
        health, host = self.session.health, self.session.profile.host
        if health.stale_since is not None and not self.said:
            since = health.stale_since.astimezone()
            toast(
                self.app,
                f"{host} is not answering ({health.reason}). What you see dates from "
                f"{since:%H:%M:%S}; jtui keeps trying.",
                title="Stale",
                severity="warning",
                timeout=10,
            )
            self.said = True
        elif health.stale_since is None and self.said:
            toast(self.app, f"{host} answers again", timeout=4)
            self.said = False


class JtuiApp(PrivateApp):
    CSS_PATH = Path(__file__).with_name("jtui.tcss")  # also for subclasses elsewhere
    TITLE = "jtui"
    COMPONENT_CLASSES = roles.COMPONENT_CLASSES
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    MODES = {
        "dashboard": DashboardScreen,
        "servers": ServersScreen,
        "jobs": JobsScreen,
        "queue": QueueScreen,
        "tokens": TokensScreen,
        "nodes": NodesScreen,
    }
    BINDINGS = bindings("app", priority=("quit",))

    session: reactive[Session | None] = reactive(None, init=False)

    def __init__(
        self,
        home: Home,
        profile: Profile | None = None,
        *,
        keys: Mapping[str, str] | None = None,
        theme: str | None = None,
        clock: Clock = SYSTEM_CLOCK,
        demo: bool = False,
        overview: bool = False,
    ) -> None:
        super().__init__()
        self.home = home
        self.clock = clock
        self._initial = profile
        self._keys = dict(keys or {})
        self._configured_theme = theme
        self._starting_theme: str | None = None
        self._transient: list[Profile] = [profile] if profile and profile.transient else []
        self._start_with_demo = demo
        self._overview = overview  # start on the dashboard (several servers, none chosen)
        self.demo: DemoServer | None = None
        self._stop_warnings: Callable[[], None] = lambda: None
        self._mode_chosen = False
        self._builds_watch: Watch[list[Ended]] | None = None

    # -- profiles and the session ----------------------------------------------------------

    async def profiles(self) -> list[Profile]:
        """Every profile a session may use: the file's, then `env` and the demo's."""
        found = await servers.every_profile(self.home)
        return found + [p for p in self._transient if p.name not in {f.name for f in found}]

    def on_mount(self) -> None:
        self.set_keymap(keymap(self._keys))
        self._choose_theme()
        self._watch_builds()
        if self._start_with_demo:
            self.start_demo()
        elif self._overview:
            self._mode_chosen = True  # the session, once open, does not move the window
            if self._initial is not None:
                self.open_profile(self._initial)
            self.switch_mode("dashboard")
            return
        elif self._initial is not None:
            self.open_profile(self._initial)
        else:
            self.switch_mode("servers")
            return
        self.switch_mode("jobs")  # at once, so no key lands on an empty screen

    def open_profile(self, profile: Profile, then: Screen[Any] | None = None) -> None:
        """Switch this window to `profile` (the config's default is not touched), then open
        `then` over its jobs if given."""
        self._open(profile, then)

    @work(group="session", exclusive=True, exit_on_error=False)
    async def _open(self, profile: Profile, then: Screen[Any] | None) -> None:
        try:
            new = await Session.open(profile, self.home, clock=self.clock)
        except EXPECTED_ERRORS as error:
            toast(self, f"{profile.name}: {error}", title="Cannot open", severity="error")
            return
        old, first = self.session, self.session is None
        same_server = old is not None and old.profile.name == profile.name
        self.session = new
        self._stop_warnings()
        self._stop_warnings = new.health.listen(OutageWarning(self, new))
        if old is not None:
            await old.aclose()
        self._identify(new)
        # The first session reopens the screen last used (unless a key chose one meanwhile);
        # another server shows its jobs; the same one anew (a new token) stays where it is.
        if first and not self._mode_chosen:
            await self.switch_mode(await self._resume_screen())
        elif not first and not same_server:
            await self.switch_mode("jobs")
        if not same_server:
            while len(self.screen_stack) > 1:
                self.pop_screen()
        if then is not None:
            await self.switch_mode("jobs")
            await self.push_screen(then)

    async def _resume_screen(self) -> str:
        try:
            last = await self.home.last_screen()
        except EXPECTED_ERRORS:
            return "jobs"
        return last if last in RESUMABLE else "jobs"

    @work(group="identify", exclusive=True, exit_on_error=False)
    async def _identify(self, session: Session) -> None:
        """Who-am-I until the server answers once; the status bar shows the outcome."""
        async for _ in session.watch(session.identify, until=lambda _: True):
            pass

    # -- watched builds --------------------------------------------------------------------

    def watch_build(self, watched: Watched) -> None:
        """Tell when this build ends (a toast, and the terminal's notification)."""
        self.run_worker(self._add_watched(watched), group="add-watched", exit_on_error=False)

    async def _add_watched(self, watched: Watched) -> None:
        count = len(await watching.add(self.home, watched))
        toast(self, f"watching {watched.name}: told when it ends ({count} watched)")
        if self._builds_watch is not None:
            self._builds_watch.refresh()

    @work(group="watched", exclusive=True, exit_on_error=False)
    async def _watch_builds(self) -> None:
        """Every watched build, whichever profile and screen: each end told once."""
        watcher = Watcher(await self.profiles(), self.home, self.clock)
        self._builds_watch = watch = watcher.watch()
        try:
            async for update in watch:
                if isinstance(update, Fresh):
                    for ended in update.value:
                        await self._tell(ended, watcher)
        finally:
            self._builds_watch = None
            await watcher.aclose()

    async def _tell(self, ended: Ended, watcher: Watcher) -> None:
        good = ended.result == "SUCCESS"
        toast(
            self,
            ended.words,
            title="Build ended",
            severity="information" if good else "warning",
            timeout=15,
        )
        with contextlib.suppress(*EXPECTED_ERRORS):
            config = await self.home.config()
            profile = watcher.profiles.get(ended.watched.profile)
            mode = mode_for(profile, config)
            self.write_to_terminal(notification("jtui", ended.words, mode, os.environ))

    # -- the theme -------------------------------------------------------------------------

    @work(group="theme", exclusive=True, exit_on_error=False)
    async def _choose_theme(self) -> None:
        """`theme` from config.toml, else the one last chosen in the palette."""
        chosen = self._configured_theme
        if chosen is not None and chosen not in self.available_themes:
            toast(
                self,
                f"theme = {chosen!r} in config.toml is not a theme; choose one with ctrl+p → "
                f"Theme ({', '.join(sorted(self.available_themes)[:6])}, …)",
                title="Config",
                severity="warning",
                timeout=10,
            )
            chosen = None
        if chosen is None:
            with contextlib.suppress(*EXPECTED_ERRORS):
                chosen = await self.home.theme()
        if chosen in self.available_themes and chosen != self.theme:
            self.theme = chosen
            self._starting_theme = chosen  # its change signal comes later: not a choice
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, theme: Theme) -> None:
        if theme.name == self._starting_theme:
            self._starting_theme = None
            return
        self.run_worker(
            self._remember_theme(theme.name), group="remember-theme", exit_on_error=False
        )

    async def _remember_theme(self, name: str) -> None:
        await self.home.remember_theme(name)

    @work(group="demo", exclusive=True, exit_on_error=False)
    async def start_demo(self) -> None:
        """The built-in demo's three Jenkins, in this process, with profiles that are never
        saved: this window on the full one, and the dashboard showing all three."""
        if self.demo is None:
            self.demo = await launch_demo()
        names = {profile.name for profile in self.demo.profiles}
        self._transient = [p for p in self._transient if p.name not in names]
        self._transient += self.demo.profiles
        self._mode_chosen = True  # the dashboard stays in front when the session opens
        self._watch_builds()  # the demo's servers too
        self.open_profile(self.demo.profile)
        await self.switch_mode("dashboard")

    async def on_unmount(self) -> None:
        if self.session is not None:
            # Losing the last screen is no reason to fail on exit.
            with contextlib.suppress(*EXPECTED_ERRORS):
                await self.home.remember_screen(self.current_mode)
            await self.session.aclose()
        if self.demo is not None:
            await off_loop(self.demo.stop)

    # -- actions ---------------------------------------------------------------------------

    async def action_switch_mode(self, mode: str) -> None:
        """1–5: that mode's own screen, even from a screen opened on top of it (`2` on a
        build goes back to the job list)."""
        self._mode_chosen = True  # a key chose the screen: opening the session keeps it
        if mode == self.current_mode:
            while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
                self.pop_screen()
            return
        await super().action_switch_mode(mode)

    @work(group="pick-profile", exclusive=True, exit_on_error=False)
    async def action_pick_profile(self) -> None:
        current = self.session.profile.name if self.session else None
        chosen = await self.push_screen_wait(ProfilePicker(await self.profiles(), current))
        if chosen is not None:
            self.open_profile(chosen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers jtui's actions (every one a key would run on the screen in
        front) and the theme; not Textual's generic commands."""
        yield SystemCommand("Theme", "Choose the colours (kept for next time)", self.search_themes)
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.id not in ACTIONS or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            run = partial(self._run_binding, active.node, binding.action)
            yield SystemCommand(binding.description, f"key: {binding.key_display or key}", run)

    def _run_binding(self, node: object, action: str) -> None:
        self.call_later(self.run_action, action, node)

    # -- errors ----------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)
