"""The build queue: what waits, for how long, and why; cancel with confirmation."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from ...display import safe_text
from ...jenkins.models import QueueItem
from ..rows import QUEUE_COLUMNS, queue_row
from ..session import Session
from ..widgets.table import VirtualTable
from .base import JtuiScreen
from .dialogs import confirm


@dataclass
class QueueLoaded(Message):
    generation: int
    items: tuple[QueueItem, ...]


class QueueScreen(JtuiScreen):
    HELP_TITLE = "Queue"
    BINDINGS = [
        Binding("x,c", "cancel_item", "Cancel item"),
        Binding("r", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, QueueItem] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("Build queue", id="queue-title")
        yield Static("", id="queue-detail")
        yield VirtualTable(QUEUE_COLUMNS, id="queue")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#queue", VirtualTable).placeholder = "loading…"
        self.query_one("#queue", VirtualTable).focus()

    def on_new_session(self, session: Session) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def load(self) -> None:
        session = self.jtui.session
        if session is not None:
            self._load(session)

    @work(group="queue", exclusive=True, exit_on_error=False)
    async def _load(self, session: Session) -> None:
        try:
            items = await session.client.queue()
        finally:
            if self.is_current:
                self._timer = self.set_timer(session.profile.refresh_seconds, self.load)
        self.post_message(QueueLoaded(session.generation, items))

    @on(QueueLoaded)
    def _loaded(self, message: QueueLoaded) -> None:
        if message.generation != self._generation:
            return
        self.items = {item.id: item for item in message.items}
        now = self.jtui.now()
        table = self.query_one("#queue", VirtualTable)
        table.placeholder = "the queue is empty"
        table.set_rows([queue_row(i, now) for i in message.items], [i.id for i in message.items])
        self.jtui.mark_refreshed()

    @on(VirtualTable.Highlighted, "#queue")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        item = self.items.get(event.key) if isinstance(event.key, int) else None
        detail = ""
        if item is not None:
            params = ", ".join(f"{p.name}={safe_text(str(p.value))}" for p in item.parameters)
            detail = f"{item.state.value}{'  stuck' if item.stuck else ''}  {params}"
        self.query_one("#queue-detail", Static).update(detail)

    def action_refresh(self) -> None:
        self.load()

    def action_cancel_item(self) -> None:
        key = self.query_one("#queue", VirtualTable).current_key
        if isinstance(key, int) and key in self.items:
            self._cancel(self.items[key])

    @work(group="cancel", exclusive=True, exit_on_error=False)
    async def _cancel(self, item: QueueItem) -> None:
        session = self.jtui.session
        if session is None:
            return
        if session.profile.read_only:
            self.notify(f"profile {session.profile.name} is read-only", severity="warning")
            return
        name = item.job_full_name or item.task_name or "this item"
        question = confirm(f"Cancel queue item {item.id} ({name})?", "Cancel item")
        if await self.app.push_screen_wait(question) is None:
            return
        await session.client.cancel_queue_item(item.id)
        self.notify(f"cancelled queue item {item.id}")
        self.load()
