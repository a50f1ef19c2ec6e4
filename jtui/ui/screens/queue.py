"""The build queue: what waits, for how long, and why; cancel with confirmation."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...core import builds
from ...core.live import Fresh, Update
from ...core.session import Session
from ...core.watching import Watched
from ...jenkins.models import QueueItem
from ..details import queue_pane
from ..keys import bindings
from ..plain import Static, line, toast
from ..rows import QUEUE_COLUMNS, queue_row, unavailable
from ..widgets.detail_pane import DetailPane
from ..widgets.table import VirtualTable
from .base import JtuiScreen
from .dialogs import confirm


class QueueScreen(JtuiScreen):
    HELP_TITLE = "Queue"
    BINDINGS = bindings("queue")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, QueueItem] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("Build queue", id="queue-title")
        yield Static("", id="queue-detail", classes="narrow-only")
        with Horizontal(classes="panes"):
            yield VirtualTable(QUEUE_COLUMNS, id="queue")
            yield DetailPane(id="queue-pane")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#queue", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.items = {}
        self._watch_queue(session)

    @work(group="queue", exclusive=True, exit_on_error=False)
    async def _watch_queue(self, session: Session) -> None:
        await self.follow(session.watch(session.client.queue, key="queue"), self._show)

    def _show(self, update: Update[tuple[QueueItem, ...]]) -> None:
        if not isinstance(update, Fresh):
            if not self.items:
                self.table.placeholder = unavailable("the queue", update)
                self.table.refresh()
            return
        items = update.value
        self.items = {item.id: item for item in items}
        now = self.shell.clock.now()
        self.table.placeholder = "the queue is empty: builds wait here for an executor"
        self.table.set_rows([queue_row(i, now) for i in items], [i.id for i in items])
        self._highlighted()

    @on(VirtualTable.Highlighted, "#queue")
    def _highlighted(self) -> None:
        key = self.table.current_key
        item = self.items.get(key) if isinstance(key, int) else None
        detail = Text()
        if item is not None:
            params = ", ".join(f"{line(p.name)}={line(str(p.value))}" for p in item.parameters)
            detail.append(f"{item.state.value}{'  stuck' if item.stuck else ''}  {params}")
        self.query_one("#queue-detail", Static).update(detail)
        pane = self.query_one(DetailPane)
        if item is not None:
            pane.show(queue_pane(item, self.shell.clock.now()))
        else:
            pane.show(self.table.placeholder if not self.items else "")

    def action_close(self) -> None:
        self.app.exit(0)

    def action_watch_build(self) -> None:
        key = self.table.current_key
        item = self.items.get(key) if isinstance(key, int) else None
        if item is None or item.job_full_name is None or self.session is None:
            return
        number = item.executable.number if item.executable else None
        watched = Watched(self.session.profile.name, item.job_full_name, number, item.id)
        self.shell.watch_build(watched)

    def action_cancel_item(self) -> None:
        key = self.table.current_key
        if isinstance(key, int) and key in self.items and self.session is not None:
            self.run_task(self._cancel(self.session, self.items[key]), "cancel")

    async def _cancel(self, session: Session, item: QueueItem) -> None:
        builds.plan_cancel(session)
        name = line(item.job_full_name or item.task_name or "this item")
        question = confirm(f"Cancel queue item {item.id} ({name})?", "Cancel item")
        if await self.app.push_screen_wait(question) is None:
            return
        await builds.cancel_queue_item(session, item.id)
        toast(self, f"cancelled queue item {item.id}")
        self.action_refresh()
