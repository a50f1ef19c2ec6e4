"""The jobs screen: one folder at a time, or `/` to jump anywhere by fuzzy name."""

from __future__ import annotations

import asyncio
import gc
from datetime import datetime

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...core import jobs, scans, views
from ...core.display import FAVOURITE, ago
from ...core.errors import EXPECTED_ERRORS
from ...core.live import Fresh, Stale, Update
from ...core.matcher import FuzzyIndex
from ...core.session import Session
from ...jenkins.models import Item
from ...jenkins.views import View
from ..details import RECENT, folder_pane, job_pane
from ..keys import bindings
from ..plain import Input, Static, line, toast
from ..rows import ITEM_COLUMNS, MATCH_COLUMNS, item_row, match_row, unavailable
from ..widgets.detail_pane import DetailPane
from ..widgets.table import Cell, VirtualTable
from .base import JtuiScreen
from .build import launch_build
from .dialogs import Choice, confirm
from .job import JobScreen

INDEX_REFRESH_SECONDS = 60.0
PANE_DELAY = 0.3  # seconds the cursor rests on a job before the pane fetches it


class JobsScreen(JtuiScreen):
    HELP_TITLE = "Jobs"
    BINDINGS = bindings("jobs")

    def __init__(self) -> None:
        super().__init__()
        self.folder = ""
        self.view: View | None = None  # a view of the folder shown instead of the folder
        self.items: dict[str, Item] = {}
        self.by_name: dict[str, Item] = {}
        self.fuzzy: FuzzyIndex | None = None
        self.index_problem: Stale[tuple[Item, ...]] | None = None
        self.favourites: set[str] = set()
        self.cached_at: datetime | None = None  # the folder shown is a cached one, from then
        self._in_pane: tuple[object, ...] | None = None  # what the pane shows, to fetch anew
        self._typed_ahead: list[str] | None = None  # keys typed right after "/", before it ran
        self._index_wanted = asyncio.Event()  # the index is fetched once this is set

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="crumbs")
        yield Input(placeholder="jump to a job: type a few letters", id="filter")
        with Horizontal(classes="panes"):
            yield VirtualTable(ITEM_COLUMNS, id="items")
            yield DetailPane(id="job-pane")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#items", VirtualTable)

    @property
    def pane(self) -> DetailPane:
        return self.query_one("#job-pane", DetailPane)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    @property
    def filtering(self) -> bool:
        return bool(self.filter_input.display)

    def on_mount(self) -> None:
        super().on_mount()
        self.filter_input.display = False
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.items, self.by_name, self.fuzzy = {}, {}, None
        self.index_problem = None
        self.favourites = set()
        self.filter_input.value = ""
        self.filter_input.display = False
        self._index_wanted = asyncio.Event()
        self._load_favourites(session)
        self._watch_index(session, self._index_wanted)
        self.enter_folder("")

    # -- live data -------------------------------------------------------------------------

    @work(group="favourites", exclusive=True, exit_on_error=False)
    async def _load_favourites(self, session: Session) -> None:
        self.favourites = await jobs.favourites(session)
        if not self.filtering:
            self._show_folder()

    @work(group="folder", exclusive=True, exit_on_error=False)
    async def _watch_folder(self, session: Session, folder: str) -> None:
        view = self.view
        if view is not None:
            watch = session.watch(lambda: views.view_items(session, view), key=("view", view.url))
        else:
            if not folder:
                await jobs.restore_root(session)  # the last session's, until the server's

            async def items() -> tuple[Item, ...]:
                return await jobs.folder_items(session, folder)

            watch = session.watch(items, key=jobs.folder_key(folder))
        await self.follow(watch, self._folder_update)

    def _folder_update(self, update: Update[tuple[Item, ...]]) -> None:
        self._index_wanted.set()
        if isinstance(update, Fresh):
            self.cached_at = update.at if update.cached else None
            self.items = {item.full_name: item for item in update.value}
            if not self.filtering:
                self._show_folder()
            self._update_pane()
        elif not self.items:
            self.table.placeholder = unavailable("this folder", update)
            self.table.refresh()

    @work(group="index", exclusive=True, exit_on_error=False)
    async def _watch_index(self, session: Session, wanted: asyncio.Event) -> None:
        # After the folder's first answer (or `/`): on a big server the index is a heavy
        # request, and the first frame should not wait behind it.
        await wanted.wait()
        watch = session.watch(session.client.all_items, INDEX_REFRESH_SECONDS, key="index")
        await self.follow(watch, self._index_update)

    def _index_update(self, update: Update[tuple[Item, ...]]) -> None:
        if isinstance(update, Stale):
            self.index_problem = update
            if self.filtering and self.fuzzy is None:
                self._show_matches(self.filter_input.value)
            return
        self.index_problem = None
        self.by_name = {item.full_name: item for item in update.value}
        self.fuzzy = FuzzyIndex([item.full_name for item in update.value])
        # Tens of thousands of new objects would otherwise make the next collection, often
        # during the first keystroke of a filter, take ~40 ms. Collect now, off the typing path.
        gc.collect()
        if self.filtering:
            self._show_matches(self.filter_input.value)
        else:
            self._show_crumbs()

    # -- the detail pane -------------------------------------------------------------------

    @on(VirtualTable.Highlighted, "#items")
    def _moved(self) -> None:
        self._update_pane()
        self.refresh_bindings()  # Scan is offered on a multibranch project only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scan":  # asked while the footer mounts too, before the table has
            return bool(self.query("#items")) and self._scannable() is not None
        return True

    def _scannable(self) -> Item | None:
        """The highlighted multibranch project, else the one this folder is, if any."""
        here = self.by_name.get(self.folder) or self.items.get(self.folder)
        candidates = (self._highlighted(), here)
        return next((i for i in candidates if i is not None and i.kind in scans.SCANNABLE), None)

    def on_resize(self) -> None:
        self._update_pane()

    def _update_pane(self, again: bool = False) -> None:
        """Fetch the highlighted job for the pane: once per selection, and again only when
        the folder's own poll shows it changed (so the pane adds no polling of its own)."""
        pane, item, session = self.pane, self._highlighted(), self.session
        if not pane.shown or session is None:
            self._in_pane = None
            return
        if item is None:
            self._in_pane = None
            pane.show(self.table.placeholder if not self.table.row_count else "")
            return
        last = item.last_build
        seen = (item.full_name, item.color, last.number if last else None, last and last.result)
        if seen == self._in_pane and not again:
            return
        self._in_pane = seen
        if item.is_folder:
            self.workers.cancel_group(self, "pane")
            pane.show(folder_pane(item))
        else:
            self._fetch_pane(session, item)

    @work(group="pane", exclusive=True, exit_on_error=False)
    async def _fetch_pane(self, session: Session, item: Item) -> None:
        await self.shell.clock.sleep(PANE_DELAY)  # a key held down fetches nothing on the way
        self.pane.show(Text.assemble((line(item.display_name), "bold"), "\nloading…"))
        try:
            job = await session.client.job(item.full_name, builds=RECENT)
        except EXPECTED_ERRORS as error:
            self._in_pane = None  # tried again with the next change or `r`
            self.pane.show(f"{line(item.full_name)}\ncannot load it: {error}")
            return
        self.pane.show(job_pane(job, self.shell.clock.now()))

    # -- showing ---------------------------------------------------------------------------

    def _show_crumbs(self) -> None:
        parts = ["Jenkins"]
        path = ""
        for name in self.folder.split("/") if self.folder else []:
            path = f"{path}/{name}" if path else name
            known = self.items.get(path) or self.by_name.get(path)
            parts.append(line(known.display_name if known else name))
        if self.view is not None:
            parts.append(f"view {line(self.view.path)}")
        crumbs = " › ".join(parts)
        if self.cached_at is not None and not self.filtering:
            crumbs += f"   ↻ cached {ago(self.cached_at, self.shell.clock.now())} — refreshing…"
        self.query_one("#crumbs", Static).update(crumbs)

    def _show_folder(self) -> None:
        now = self.shell.clock.now()
        items = list(self.items.values())
        if not self.folder and self.view is None:
            elsewhere = [
                self.by_name[name]
                for name in sorted(self.favourites)
                if "/" in name and name in self.by_name
            ]
            items = elsewhere + items
        ordered = {
            i.full_name: i for i in sorted(items, key=lambda i: i.full_name not in self.favourites)
        }
        at_root = not self.folder or self.view is not None  # full names where they mix

        def row(key: object) -> list[Cell]:
            item = ordered[str(key)]
            nested = at_root and "/" in item.full_name
            return item_row(item, item.full_name in self.favourites, now, full_name=nested)

        if self.items or ordered:
            self.table.placeholder = "this folder is empty — Esc goes back, / finds any job"
        self.table.set_columns(ITEM_COLUMNS)
        self.table.set_lazy_rows(list(ordered), row)
        self._show_crumbs()

    def _show_matches(self, query: str, best: bool = False) -> None:
        if self.fuzzy is None:
            problem = self.index_problem
            self.table.placeholder = (
                unavailable("the index of every job", problem)
                if problem is not None
                else "indexing every job… (a moment)"
            )
            self.table.set_rows([], [])
            return
        by_name, names = self.by_name, self.fuzzy.names
        hits = list(map(names.__getitem__, self.fuzzy.search(query)))

        def row(key: object) -> list[Cell]:
            item = by_name[str(key)]
            return match_row(item, item.full_name in self.favourites)

        self.table.placeholder = "no job matches"
        self.table.set_columns(MATCH_COLUMNS)
        self.table.set_lazy_rows(hits, row)
        if best:
            self.table.action_first()  # the best match, whatever was highlighted before

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

    def enter_folder(self, folder: str, view: View | None = None) -> None:
        self.folder = folder
        self.view = view
        self.items = {}
        self.table.set_rows([], [])
        self.table.placeholder = "loading…"
        self._show_crumbs()
        if self.session is not None:
            self._watch_folder(self.session, folder)

    def action_back(self) -> None:
        if self.filtering:
            self._close_filter()
            self._show_folder()
        elif self.view is not None:
            self.enter_folder(self.folder)
        elif self.folder:
            left = self.folder
            self.enter_folder(self.folder.rpartition("/")[0])
            self.table.remember_key(left)

    def action_views(self) -> None:
        if self.session is not None:
            self.run_task(self._choose_view(self.session, self.folder), "views")

    async def _choose_view(self, session: Session, folder: str) -> None:
        found = [v for v in await views.list_views(session, folder) if not v.nested]
        where = line(folder) if folder else "the server"
        if not found:
            toast(self, f"{where} has no views")
            return
        question = Choice(
            f"Which view of {where}?",
            [(v.path, line(v.path) + ("  (shown first)" if v.primary else "")) for v in found],
        )
        chosen = await self.app.push_screen_wait(question)
        view = next((v for v in found if v.path == chosen), None)
        if view is not None:
            self.enter_folder(folder, view)

    def action_scan(self) -> None:
        target = self._scannable()
        if target is None:
            toast(self, "only a multibranch project or organization folder can be scanned")
        elif self.session is not None:
            self.run_task(self._scan(self.session, target), "scan")

    async def _scan(self, session: Session, target: Item) -> None:
        session.require_writable("scan")
        asked = confirm(f"Scan {line(target.full_name)} for branches now?", "Scan")
        if await self.app.push_screen_wait(asked) is None:
            return
        name, _ = await scans.scan(session, target.full_name)
        toast(self, f"scanning {line(name)}: its branches are looked for now")
        self.action_refresh()

    def action_close(self) -> None:
        if self.filtering or self.folder or self.view is not None:
            self.action_back()
        else:
            self.app.exit(0)

    def action_filter(self) -> None:
        self._index_wanted.set()
        typed, self._typed_ahead = "".join(self._typed_ahead or []), None
        self.filter_input.display = True
        if typed:
            self.filter_input.insert_text_at_cursor(typed)
        self.filter_input.focus()
        self._show_matches(self.filter_input.value, best=True)

    def _close_filter(self) -> None:
        self.filter_input.display = False
        self.filter_input.value = ""
        self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.filtering:
            self._show_matches(event.value, best=True)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.table.focus()
        self.table.action_select()

    def on_key(self, event: events.Key) -> None:
        if self.filter_input.has_focus and event.key in ("down", "up"):
            self.table.action_move(1 if event.key == "down" else -1)
            event.stop()
        elif self._typed_ahead is not None and event.is_printable and not self.filtering:
            # "/train" typed (or pasted) at once: the letters arrive before "/" has opened the
            # finder; they are its query (a key the finder's input handled never gets here).
            self._typed_ahead.append(event.character or "")
            event.stop()
            event.prevent_default()
        elif (bound := self.active_bindings.get(event.key)) and bound.binding.action == "filter":
            self._typed_ahead = []

    def action_refresh(self) -> None:
        super().action_refresh()
        self._update_pane(again=True)
        toast(self, "refreshing…", timeout=1)

    def action_favourite(self) -> None:
        item, session = self._highlighted(), self.session
        if item is not None and session is not None:
            self.run_task(self._toggle_favourite(session, item), "favourite")

    async def _toggle_favourite(self, session: Session, item: Item) -> None:
        added = await jobs.toggle_favourite(session, item.full_name)
        self.favourites ^= {item.full_name}
        toast(self, f"{FAVOURITE + ' added' if added else 'removed'}: {line(item.full_name)}")
        if not self.filtering:
            self._show_folder()

    def action_build(self) -> None:
        item, session = self._highlighted(), self.session
        if item is None or item.is_folder:
            toast(self, "choose a job to build", severity="warning")
        elif session is not None:
            self.run_task(launch_build(self.app, session, item.full_name), "launch")
