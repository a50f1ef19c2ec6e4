"""Servers: every profile with its live status; switch, add, edit, delete, test, default."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...config.files import ConfigError
from ...config.profiles import Profile, remove_profile, set_default
from ...connect import client_for
from ...display import safe_text
from ..rows import status_cell
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen
from .dialogs import confirm
from .server_form import FormOutcome, ServerForm

COLUMNS = [
    Column("Profile", 14),
    Column("URL", minimum=14),
    Column("User", 10),
    Column("Status", 13),
    Column("Jenkins", 8),
    Column("Latency", 7, right=True),
]


@dataclass
class ServerStatus(Message):
    name: str
    ok: bool
    detail: str
    version: str = ""
    latency_ms: float | None = None


class ProfilesChanged(Message):
    pass


class ServersScreen(JtuiScreen):
    HELP_TITLE = "Servers"
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("delete,x", "delete", "Delete"),
        Binding("t", "test", "Test"),
        Binding("d", "make_default", "Set default"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profiles: list[Profile] = []
        self.status: dict[str, ServerStatus] = {}
        self.default: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(
            "Servers — Enter: use in this window · d: make it the default", id="servers-title"
        )
        yield VirtualTable(COLUMNS, id="servers")
        yield Static("", id="server-detail")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#servers", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.focus()
        self.reload()
        if not self.profiles:
            self.call_after_refresh(self._first_run)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.profiles = self.jtui.profiles()
        try:
            self.default = self.jtui.config().default_profile
        except ConfigError:
            self.default = None  # the app already said what is wrong with the file
        self._show()
        self.action_test()

    def _show(self) -> None:
        current = self.jtui.session.profile.name if self.jtui.session else None
        rows: list[list[Cell]] = []
        for profile in self.profiles:
            name = Text(("● " if profile.name == current else "  ") + safe_text(profile.name))
            if profile.name == self.default:
                name.append(" (default)", style="dim")
            status = self.status.get(profile.name)
            if status is None:
                state: Cell = status_cell("…", "checking")
                version, latency = "", ""
            else:
                state = status_cell("✔", "reachable") if status.ok else status_cell("✘", "failure")
                version = status.version
                latency = f"{status.latency_ms:.0f} ms" if status.latency_ms is not None else ""
            flags = (" RO" if profile.read_only else "") + (
                " ⚠TLS" if not profile.verify_tls else ""
            )
            rows.append(
                [name, profile.url + flags, safe_text(profile.user), state, version, latency]
            )
        self.table.placeholder = "no servers yet — press a to add one"
        self.table.set_rows(rows, [p.name for p in self.profiles])
        self._show_detail()

    @on(VirtualTable.Highlighted, "#servers")
    def _show_detail(self) -> None:
        profile = self._selected()
        text = ""
        if profile is not None:
            status = self.status.get(profile.name)
            text = f"token from {profile.token_source.describe()}"
            if status is not None:
                text += f" · {safe_text(status.detail)}"
        self.query_one("#server-detail", Static).update(text)

    def _selected(self) -> Profile | None:
        key = self.table.current_key
        return next((p for p in self.profiles if p.name == key), None)

    # -- status checks ---------------------------------------------------------------------

    def action_test(self) -> None:
        self.status.clear()
        for profile in self.profiles:
            self._probe(profile)

    @work(group="servers", exit_on_error=False)
    async def _probe(self, profile: Profile) -> None:
        try:
            client = await asyncio.to_thread(client_for, profile)
            async with client:
                started = time.perf_counter()
                me = await client.who_am_i()
                latency = (time.perf_counter() - started) * 1000
                version = client.http.version or "?"
        except Exception as error:
            self.post_message(ServerStatus(profile.name, False, str(error) or type(error).__name__))
            return
        detail = f"signed in as {me.name}" if not me.anonymous else "token NOT accepted"
        self.post_message(ServerStatus(profile.name, not me.anonymous, detail, version, latency))

    @on(ServerStatus)
    def _status(self, message: ServerStatus) -> None:
        self.status[message.name] = message
        self._show()

    # -- actions ---------------------------------------------------------------------------

    @on(VirtualTable.Selected, "#servers")
    def _use(self) -> None:
        profile = self._selected()
        if profile is not None:
            self.jtui.open_profile(profile)

    def _first_run(self) -> None:
        self.app.push_screen(
            ServerForm(self.jtui.config_path, self.jtui.ledger, first_run=True), self._form_done
        )

    def action_add(self) -> None:
        self.app.push_screen(ServerForm(self.jtui.config_path, self.jtui.ledger), self._form_done)

    def action_edit(self) -> None:
        profile = self._selected()
        if profile is None or profile.transient:
            self.notify("only profiles from the config file can be edited", severity="warning")
            return
        self.app.push_screen(
            ServerForm(self.jtui.config_path, self.jtui.ledger, profile), self._form_done
        )

    def _form_done(self, outcome: FormOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.demo:
            self.jtui.start_demo()
            return
        self.reload()
        added = next((p for p in self.profiles if p.name == outcome.name), None)
        if added is not None and self.jtui.session is None:
            self.jtui.open_profile(added)

    @work(group="server-edit", exclusive=True, exit_on_error=False)
    async def action_delete(self) -> None:
        profile = self._selected()
        if profile is None or profile.transient:
            return
        if await self.app.push_screen_wait(confirm(f"Delete profile {profile.name}?", "Delete")):
            await asyncio.to_thread(remove_profile, self.jtui.config_path, profile.name)
            self.post_message(ProfilesChanged())

    @on(ProfilesChanged)
    def _profiles_changed(self) -> None:
        self.reload()

    def action_make_default(self) -> None:
        profile = self._selected()
        if profile is None or profile.transient:
            self.notify("only profiles from the config file can be the default", severity="warning")
            return
        set_default(self.jtui.config_path, profile.name)
        self.notify(f"{profile.name} is now the default profile")
        self.reload()
