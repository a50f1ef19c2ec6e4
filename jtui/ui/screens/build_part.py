"""What every view of one build's results shares (Tests, Artifacts, Changes): a title, a
summary line, a table with a detail pane from 120 columns (a detail line below), and one
live watch: fetched once for a finished build, polled while it runs."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...core.live import Fresh, Update, Watch
from ...core.session import Session
from ..plain import Static, Words, line
from ..rows import unavailable
from ..widgets.detail_pane import DetailPane
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen

T = TypeVar("T")


class BuildPartScreen(JtuiScreen, Generic[T]):
    PART = ""  # what the title calls it: "Tests"
    COLUMNS: Sequence[Column] = ()

    def __init__(self, full_name: str, number: int, finished: bool) -> None:
        super().__init__()
        self.full_name = full_name
        self.number = number
        self.finished = finished
        self.value: T | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        title = Text(line(self.full_name), style="bold")
        title.append(f" #{self.number} — {self.PART}")
        yield Static(title, classes="part-title")
        yield Static("", classes="part-summary")
        yield Static("", classes="part-detail narrow-only")
        with Horizontal(classes="panes"):
            yield VirtualTable(self.COLUMNS, classes="part-table")
            yield DetailPane()

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.value = None
        self._watch(session)

    @work(group="part", exclusive=True, exit_on_error=False)
    async def _watch(self, session: Session) -> None:
        await self.follow(self.watch_of(session), self._show)

    def _show(self, update: Update[T]) -> None:
        if not isinstance(update, Fresh):
            if self.value is None:
                self.table.placeholder = unavailable(self.PART.lower(), update)
                self.table.refresh()
            return
        self.value = update.value
        rows, keys = self.rows_of(update.value)
        self.table.placeholder = self.empty_text(update.value)
        self.query_one(".part-summary", Static).update(self.summary_of(update.value))
        self.table.set_rows(rows, keys)
        self._highlighted()

    @on(VirtualTable.Highlighted)
    def _highlighted(self) -> None:
        key = self.table.current_key
        detail = self.detail_of(key) if key is not None else ""
        narrow = self.detail_line(key) if key is not None else ""
        self.query_one(".part-detail", Static).update(narrow)
        self.query_one(DetailPane).show(detail or self.table.placeholder)

    @on(VirtualTable.Selected)
    def _selected(self, event: VirtualTable.Selected) -> None:
        if event.key is not None:
            self.open(event.key)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_close(self) -> None:
        self.app.pop_screen()

    # -- what each view says ---------------------------------------------------------------

    def watch_of(self, session: Session) -> Watch[T]:
        raise NotImplementedError

    def rows_of(self, value: T) -> tuple[list[Sequence[Cell]], list[Hashable]]:
        raise NotImplementedError

    def summary_of(self, value: T) -> Words:
        raise NotImplementedError

    def empty_text(self, value: T) -> str:
        raise NotImplementedError

    def detail_of(self, key: Hashable) -> Words:
        """The detail pane's text for the row."""
        raise NotImplementedError

    def detail_line(self, key: Hashable) -> Words:
        """One line below 120 columns, where the pane is hidden."""
        return ""

    def open(self, key: Hashable) -> None:
        """Enter on a row."""
