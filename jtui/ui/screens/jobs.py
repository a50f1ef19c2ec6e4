"""The jobs screen: one folder at a time, or `/` to jump anywhere by fuzzy name."""

from __future__ import annotations

import gc
from dataclasses import dataclass

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ...display import safe_text
from ...jenkins.models import Item
from ...matcher import FuzzyIndex
from ..build_flow import BuildLauncher
from ..rows import ITEM_COLUMNS, item_row
from ..session import Session
from ..widgets.table import Cell, VirtualTable
from .job import JobScreen

INDEX_REFRESH_SECONDS = 60.0
MAX_BACKOFF_SECONDS = 60.0


@dataclass
class FolderLoaded(Message):
    generation: int
    folder: str
    items: tuple[Item, ...]


@dataclass
class IndexLoaded(Message):
    generation: int
    items: tuple[Item, ...]


@dataclass
class LoadFailed(Message):
    generation: int
    reason: str


class JobsScreen(BuildLauncher):
    HELP_TITLE = "Jobs"
    BINDINGS = [
        Binding("slash", "filter", "Filter"),
        Binding("backspace,escape", "up", "Back"),
        Binding("b", "build", "Build"),
        Binding("f", "favourite", "Favourite"),
        Binding("r", "refresh", "Refresh"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.folder = ""
        self.items: dict[str, Item] = {}
        self.index: tuple[Item, ...] = ()
        self.by_name: dict[str, Item] = {}
        self.fuzzy: FuzzyIndex | None = None
        self.favourites: set[str] = set()
        self.failures = 0
        self._folder_timer: Timer | None = None
        self._index_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="crumbs")
        yield Input(placeholder="jump to a job: type a few letters", id="filter")
        yield VirtualTable(ITEM_COLUMNS, id="items")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#items", VirtualTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def on_mount(self) -> None:
        super().on_mount()
        self.filter_input.display = False
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.folder = ""
        self.items, self.index, self.by_name, self.fuzzy = {}, (), {}, None
        self.favourites = self.jtui.state.favourites(session.profile.name)
        self.filter_input.value = ""
        self.filter_input.display = False
        self.table.set_rows([], [])
        self.table.placeholder = "loading…"
        self._show_crumbs()
        self.refresh_folder()
        self.refresh_index()

    def on_screen_suspend(self) -> None:
        for timer in (self._folder_timer, self._index_timer):
            if timer is not None:
                timer.stop()

    def on_screen_resume(self) -> None:
        if self.jtui.session is not None:
            self.refresh_folder()

    # -- loading ---------------------------------------------------------------------------

    def refresh_folder(self) -> None:
        session = self.jtui.session
        if session is not None:
            self._load_folder(session, self.folder)

    def refresh_index(self) -> None:
        session = self.jtui.session
        if session is not None:
            self._load_index(session)

    @work(group="folder", exclusive=True, exit_on_error=False)
    async def _load_folder(self, session: Session, folder: str) -> None:
        try:
            items = await session.client.children(folder)
        except Exception as error:
            self.post_message(LoadFailed(session.generation, str(error)))
            raise
        self.post_message(FolderLoaded(session.generation, folder, items))

    @work(group="index", exclusive=True, exit_on_error=False)
    async def _load_index(self, session: Session) -> None:
        items = await session.client.all_items()
        self.post_message(IndexLoaded(session.generation, items))

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    @on(FolderLoaded)
    def _folder_loaded(self, message: FolderLoaded) -> None:
        if not self._current(message.generation) or message.folder != self.folder:
            return
        self.failures = 0
        self.items = {item.full_name: item for item in message.items}
        self.jtui.mark_refreshed()
        if not self.filter_input.display:
            self._show_folder()
        self._schedule_folder()

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        if self._current(message.generation):
            self.failures += 1
            self.jtui.mark_stale(message.reason)
            if not self.items:
                self.table.placeholder = "cannot load this folder (see the message above)"
                self.table.refresh()
            self._schedule_folder()

    def _schedule_folder(self) -> None:
        session = self.jtui.session
        if session is None or not self.is_current:
            return
        delay = min(MAX_BACKOFF_SECONDS, session.profile.refresh_seconds * 2**self.failures)
        if self._folder_timer is not None:
            self._folder_timer.stop()
        self._folder_timer = self.set_timer(delay, self.refresh_folder)

    @on(IndexLoaded)
    def _index_loaded(self, message: IndexLoaded) -> None:
        if not self._current(message.generation):
            return
        self.index = message.items
        self.by_name = {item.full_name: item for item in message.items}
        self.fuzzy = FuzzyIndex([item.full_name for item in message.items])
        # Tens of thousands of new objects would otherwise make the next collection, often
        # during the first keystroke of a filter, take ~40 ms. Collect now, off the typing path.
        gc.collect()
        if self.filter_input.display:
            self._show_matches(self.filter_input.value)
        if self._index_timer is not None:
            self._index_timer.stop()
        self._index_timer = self.set_timer(INDEX_REFRESH_SECONDS, self.refresh_index)

    # -- showing ---------------------------------------------------------------------------

    def _show_crumbs(self) -> None:
        parts = ["Jenkins"]
        path = ""
        for name in self.folder.split("/") if self.folder else []:
            path = f"{path}/{name}" if path else name
            known = self.items.get(path) or self.by_name.get(path)
            parts.append(safe_text(known.display_name if known else name))
        self.query_one("#crumbs", Static).update(" › ".join(parts))

    def _show_folder(self) -> None:
        now = self.jtui.now()
        items = list(self.items.values())
        if not self.folder:
            elsewhere = [
                self.by_name[name]
                for name in sorted(self.favourites)
                if "/" in name and name in self.by_name
            ]
            items = elsewhere + items
        ordered = {
            i.full_name: i for i in sorted(items, key=lambda i: i.full_name not in self.favourites)
        }
        at_root = not self.folder

        def row(key: object) -> list[Cell]:
            item = ordered[str(key)]
            nested = at_root and "/" in item.full_name
            return item_row(item, item.full_name in self.favourites, now, full_name=nested)

        self.table.placeholder = "this folder is empty"
        self.table.set_lazy_rows(list(ordered), row)
        self._show_crumbs()

    def _show_matches(self, query: str) -> None:
        if self.fuzzy is None:
            self.table.placeholder = "indexing every job… (a moment)"
            self.table.set_rows([], [])
            return
        now = self.jtui.now()
        index, by_name = self.index, self.by_name
        hits = [index[i].full_name for i in self.fuzzy.search(query)]

        def row(key: object) -> list[Cell]:
            item = by_name[str(key)]
            return item_row(item, item.full_name in self.favourites, now, full_name=True)

        self.table.placeholder = "no job matches"
        self.table.set_lazy_rows(hits, row)

    def _highlighted(self) -> Item | None:
        key = self.table.current_key
        if not isinstance(key, str):
            return None
        return self.items.get(key) or self.by_name.get(key)

    # -- actions ---------------------------------------------------------------------------

    @on(VirtualTable.Selected, "#items")
    def _open(self, event: VirtualTable.Selected) -> None:
        item = self._highlighted()
        if item is None:
            return
        self._close_filter()
        if item.is_folder:
            self.enter_folder(item.full_name)
        else:
            self.app.push_screen(JobScreen(item.full_name))

    def enter_folder(self, folder: str) -> None:
        self.folder = folder
        self.items = {}
        self.table.set_rows([], [])
        self.table.placeholder = "loading…"
        self._show_crumbs()
        self.refresh_folder()

    def action_up(self) -> None:
        if self.filter_input.display:
            self._close_filter()
            self._show_folder()
        elif self.folder:
            left = self.folder
            self.enter_folder(self.folder.rpartition("/")[0])
            self.table.select_key(left)

    def action_filter(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()
        self._show_matches(self.filter_input.value)

    def _close_filter(self) -> None:
        self.filter_input.display = False
        self.filter_input.value = ""
        self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.filter_input.display:
            self._show_matches(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()
        self.table.action_select()

    def on_key(self, event: events.Key) -> None:
        if self.filter_input.has_focus and event.key in ("down", "up"):
            self.table.action_move(1 if event.key == "down" else -1)
            event.stop()

    def action_refresh(self) -> None:
        self.refresh_folder()
        self.refresh_index()
        self.notify("refreshing…", timeout=1)

    def action_favourite(self) -> None:
        item = self._highlighted()
        session = self.jtui.session
        if item is None or session is None:
            return
        added = self.jtui.state.toggle_favourite(session.profile.name, item.full_name)
        self.favourites ^= {item.full_name}
        self.notify(
            f"{'★ added' if added else 'removed'}: {safe_text(item.full_name)}", markup=False
        )
        if not self.filter_input.display:
            self._show_folder()

    def action_build(self) -> None:
        item = self._highlighted()
        if item is None or item.is_folder:
            self.notify("choose a job to build", severity="warning")
            return
        self.launch_build(item.full_name)

    def action_quit_app(self) -> None:
        if self.filter_input.display:
            self._close_filter()
            self._show_folder()
        elif self.folder:
            self.action_up()
        else:
            self.app.exit(0)
