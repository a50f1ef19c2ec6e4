"""What every main screen shares: the status bar, the footer, the session, and live data.

A screen shows live data with one worker per watch: `await self.follow(watch, show)`. While
the screen is hidden its watches make no requests; `r` refreshes them all.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Hashable, Mapping
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.worker import Worker

from ...core.live import Update, Watch, merged
from ...core.session import Session
from ..errors import report_failure
from ..shell import Shell, shell
from ..widgets.key_bar import KeyBar
from ..widgets.status_bar import StatusBar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class JtuiScreen(Screen[None]):
    """A screen that starts over when the window switches to another profile."""

    HELP_TITLE = ""

    def __init__(self) -> None:
        super().__init__()
        self._session: Session | None = None
        self._watches: set[Watch[Any]] = set()

    @property
    def shell(self) -> Shell:
        return shell(self)

    @property
    def session(self) -> Session | None:
        return self._session

    def compose_frame(self) -> ComposeResult:
        yield StatusBar()
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=True)

    def _session_changed(self, session: Session | None) -> None:
        if session is not None and session is not self._session:
            self._session = session
            self.on_new_session(session)

    def on_new_session(self, session: Session) -> None:
        """Called once per profile switch (and for the first session)."""

    # -- live data -------------------------------------------------------------------------

    async def follow(self, watch: Watch[T], show: Callable[[Update[T]], None]) -> None:
        """Show every update of `watch` until it ends (or its worker is cancelled)."""
        if not self.is_current:
            watch.hide()
        self._watches.add(watch)
        try:
            async for update in watch:
                show(update)
        finally:
            self._watches.discard(watch)

    async def follow_all(
        self, watches: Mapping[K, Watch[T]], show: Callable[[K, Update[T]], None]
    ) -> None:
        """`follow` for several watches at once (one per server, say), each on its own."""
        for watch in watches.values():
            if not self.is_current:
                watch.hide()
            self._watches.add(watch)
        try:
            async for key, update in merged(watches):
                show(key, update)
        finally:
            self._watches.difference_update(watches.values())

    def on_screen_suspend(self) -> None:
        for watch in self._watches:
            watch.hide()

    def on_screen_resume(self) -> None:
        for watch in self._watches:
            watch.show()

    def action_refresh(self) -> None:
        for watch in self._watches:
            watch.refresh()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self.app, event)

    def run_task(self, work: Coroutine[Any, Any, None], group: str) -> Worker[None]:
        """A one-off job (a build to launch, a token to revoke): one at a time per group, and
        its failure is a message (the app's error hub), never a crash."""
        return self.run_worker(work, group=group, exclusive=True, exit_on_error=False)
