"""Servers: every profile with its last check; switch, add, edit, delete, test, default."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...config.profiles import Profile
from ...core import servers
from ...core.errors import EXPECTED_ERRORS
from ...core.live import Fresh, Update, Watch
from ...core.servers import Check
from ...core.session import Session
from ..details import profile_pane
from ..keys import bindings
from ..plain import Static, line, toast
from ..roles import status
from ..widgets.detail_pane import DetailPane
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen
from .dialogs import confirm
from .server_form import FormOutcome, ServerForm

CHECK_SECONDS = 60.0
COLUMNS = [
    Column("Profile", 14),
    Column("URL", minimum=14),
    Column("User", 10, drop=3),
    Column("Status", 13),
    Column("Jenkins", 8, drop=2),
    Column("Latency", 7, right=True, drop=1),
]


class ServersScreen(JtuiScreen):
    HELP_TITLE = "Servers"
    BINDINGS = bindings("servers")

    def __init__(self) -> None:
        super().__init__()
        self.profiles: list[Profile] = []
        self.checks: dict[str, Update[Check]] = {}
        self.default: str | None = None
        self._asked_first_run = False

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(
            "Servers — Enter: use in this window · d: make it the default", id="servers-title"
        )
        with Horizontal(classes="panes"):
            yield VirtualTable(COLUMNS, id="servers")
            yield DetailPane(id="server-pane")
        yield Static("", id="server-detail", classes="narrow-only")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#servers", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()
        self.reload()

    def on_new_session(self, session: Session) -> None:
        self.show()  # the ● moves to the profile now in use

    def reload(self) -> None:
        self._load_profiles()

    @work(group="profiles", exclusive=True, exit_on_error=False)
    async def _load_profiles(self) -> None:
        try:
            self.profiles = await self.shell.profiles()
            self.default = (await self.shell.home.config()).default_profile
        except EXPECTED_ERRORS as error:
            toast(self, str(error), severity="error")
            self.profiles, self.default = [], None
        self.checks = {}
        self.show()
        if not self.profiles and not self._asked_first_run:
            self._asked_first_run = True
            self._open_form(ServerForm(self.shell.home, first_run=True))
        self._watch_checks(list(self.profiles))

    @work(group="checks", exclusive=True, exit_on_error=False)
    async def _watch_checks(self, profiles: list[Profile]) -> None:
        """Each profile checked on its own (a dead server never delays the others)."""
        opened: list[Session] = []

        def checker(profile: Profile) -> Watch[Check]:
            session: list[Session] = []

            async def check() -> Check:
                if not session:
                    session.append(await Session.open(profile, self.shell.home))
                    opened.append(session[0])
                return await servers.check(session[0])

            return Watch(check, CHECK_SECONDS, clock=self.shell.clock)

        try:
            await self.follow_all({p.name: checker(p) for p in profiles}, self._checked)
        finally:
            for session in opened:
                await session.aclose()

    def _checked(self, name: str, update: Update[Check]) -> None:
        self.checks[name] = update
        self.show()

    def show(self) -> None:
        current = self.shell.session.profile.name if self.shell.session else None
        rows: list[list[Cell]] = []
        for profile in self.profiles:
            name = Text(("● " if profile.name == current else "  ") + line(profile.name))
            if profile.name == self.default:
                name.append(" (default)", style="dim")
            checked = self.checks.get(profile.name)
            version, latency = "", ""
            if checked is None:
                state: Cell = status("…", "checking")
            elif isinstance(checked, Fresh):
                result = checked.value
                ok = result.ok
                state = status("✔", "reachable") if ok else status("✘", "refused")
                version = line(result.identity.version)
                latency = f"{result.latency_ms:.0f} ms"
            else:
                state = status("✘", "failure")
            flags = (" RO" if profile.read_only else "") + (
                " ⚠TLS" if not profile.verify_tls else ""
            )
            rows.append([name, profile.url + flags, line(profile.user), state, version, latency])
        self.table.placeholder = "no servers yet — press a to add one"
        self.table.set_rows(rows, [p.name for p in self.profiles])
        self._show_detail()

    @on(VirtualTable.Highlighted, "#servers")
    def _show_detail(self) -> None:
        profile = self._selected()
        text = Text()
        if profile is not None:
            text.append(f"{profile.url}\ntoken from {line(profile.token_source.describe())}")
            checked = self.checks.get(profile.name)
            if isinstance(checked, Fresh):
                me = checked.value.identity
                said = "token NOT accepted" if me.anonymous else f"signed in as {me.user}"
                text.append(f" · {line(said)}")
            elif checked is not None:
                text.append(f" · {line(checked.reason)}")
        self.query_one("#server-detail", Static).update(text)
        pane = self.query_one(DetailPane)
        if profile is None:
            pane.show("no servers yet: press a to add one, or start jtui --demo to try jtui")
        else:
            checked = self.checks.get(profile.name)
            pane.show(profile_pane(profile, checked, profile.name == self.default))

    def _selected(self) -> Profile | None:
        key = self.table.current_key
        return next((p for p in self.profiles if p.name == key), None)

    # -- actions ---------------------------------------------------------------------------

    def action_test(self) -> None:
        self.action_refresh()

    @on(VirtualTable.Selected, "#servers")
    def _use(self) -> None:
        profile = self._selected()
        if profile is not None:
            self.shell.open_profile(profile)

    def action_close(self) -> None:
        self.app.exit(0)

    def action_add(self) -> None:
        self._open_form(ServerForm(self.shell.home))

    def action_edit(self) -> None:
        profile = self._selected()
        if profile is None or profile.transient:
            toast(self, "only profiles from the config file can be edited", severity="warning")
            return
        self._open_form(ServerForm(self.shell.home, profile))

    def _open_form(self, form: ServerForm) -> None:
        self.app.push_screen(form, self._form_done)

    def _form_done(self, outcome: FormOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.demo:
            self.shell.start_demo()
            return
        self.run_task(self._saved(outcome.name), "server-edit")

    async def _saved(self, name: str) -> None:
        self.reload()
        if self.shell.session is None:
            added = next((p for p in await self.shell.profiles() if p.name == name), None)
            if added is not None:
                self.shell.open_profile(added)

    def action_delete(self) -> None:
        profile = self._selected()
        if profile is not None and not profile.transient:
            self.run_task(self._delete(profile), "server-edit")

    async def _delete(self, profile: Profile) -> None:
        if await self.app.push_screen_wait(confirm(f"Delete profile {profile.name}?", "Delete")):
            await servers.remove_server(self.shell.home, profile.name)
            self.reload()

    def action_make_default(self) -> None:
        profile = self._selected()
        if profile is None or profile.transient:
            toast(self, "only profiles from the config file can be the default", severity="warning")
            return
        self.run_task(self._make_default(profile), "server-edit")

    async def _make_default(self, profile: Profile) -> None:
        await servers.make_default(self.shell.home, profile.name)
        toast(self, f"{profile.name} is now the default profile")
        self.reload()
