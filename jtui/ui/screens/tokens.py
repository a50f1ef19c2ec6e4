"""Tokens: the token this window uses, the user's tokens, and generate / revoke / rotate."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal

from ...core import tokens
from ...core.display import ago
from ...core.errors import RotationError
from ...core.live import Fresh, Update
from ...core.session import Session
from ...core.tokens import TokenListing, TokenRow
from ..details import token_pane, token_where
from ..keys import bindings
from ..plain import Static, line, toast
from ..rows import unavailable
from ..widgets.detail_pane import DetailPane
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen
from .dialogs import Choice, Prompt, confirm
from .show_once import ShowOnce

TOKEN_LIST_SECONDS = 30.0
COLUMNS = [
    Column("Token", minimum=16),
    Column("Created", 10, drop=3),
    Column("Last used", 16),
    Column("Where", 13, drop=2),
    Column("uuid", 8, drop=1),
]


class TokensScreen(JtuiScreen):
    HELP_TITLE = "Tokens"
    BINDINGS = bindings("tokens")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TokenRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="token-summary")
        with Horizontal(classes="panes"):
            yield VirtualTable(COLUMNS, id="tokens")
            yield DetailPane(id="token-pane")

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#tokens", VirtualTable)

    def on_mount(self) -> None:
        super().on_mount()
        self.table.placeholder = "loading…"
        self.table.focus()

    def on_new_session(self, session: Session) -> None:
        self.rows = []
        self._watch_tokens(session)

    @work(group="tokens", exclusive=True, exit_on_error=False)
    async def _watch_tokens(self, session: Session) -> None:
        watch = session.watch(lambda: tokens.list_tokens(session), TOKEN_LIST_SECONDS, key="tokens")
        await self.follow(watch, lambda update: self._show(session, update))

    def _show(self, session: Session, update: Update[TokenListing]) -> None:
        if not isinstance(update, Fresh):
            if not self.rows:
                self.table.placeholder = unavailable("the tokens", update)
                self.table.refresh()
            return
        listing = update.value
        self.rows = listing.rows
        self.query_one("#token-summary", Static).update(self._summary(session, listing))
        self.table.placeholder = "no tokens known"
        self.table.set_rows([self._row(r) for r in self.rows], list(range(len(self.rows))))
        self._highlighted()

    def _summary(self, session: Session, listing: TokenListing) -> Text:
        profile, token = session.profile, session.token
        text = Text("API token of this window\n", style="bold")
        text.append(f"profile  {line(profile.name)}  {profile.url}\n")
        text.append(f"source   {line(profile.token_source.describe())}")
        if token is not None:
            text.append(f"   token {token.last4()}")
        me = listing.me
        who = "anonymous — NOT accepted" if me.anonymous else f"{line(me.user)} ✔"
        text.append(f"\nuser     {who} (checked now)\n")
        if listing.current is not None:
            created = listing.current.created
            days = (self.shell.clock.now() - created).days
            text.append(f"age      {days} days (since {created:%Y-%m-%d})")
            if days > profile.rotate_after_days:
                text.append(
                    f"  ⚠ older than {profile.rotate_after_days} days: press R to rotate",
                    style="bold",
                )
        else:
            text.append("age      unknown (jtui did not create this token)")
        if not listing.server_listed:
            text.append("\n⚠ the server's token list could not be read: jtui's ledger only")
        return text

    def _row(self, row: TokenRow) -> list[Cell]:
        name = Text(("● " if row.current else "  ") + line(row.name))
        created = f"{row.created:%Y-%m-%d}" if row.created else "-"
        now = self.shell.clock.now()
        used = ago(row.last_used, now) if row.last_used else line(row.usage)[:20]
        return [name, created, used, token_where(row), line(row.uuid or "-")[:8]]

    @on(VirtualTable.Highlighted, "#tokens")
    def _highlighted(self) -> None:
        row = self._selected()
        pane = self.query_one(DetailPane)
        if row is None:
            pane.show("no tokens known: n makes one")
        else:
            pane.show(token_pane(row, self.shell.clock.now()))

    def _selected(self) -> TokenRow | None:
        key = self.table.current_key
        return self.rows[key] if isinstance(key, int) and key < len(self.rows) else None

    def action_close(self) -> None:
        self.app.exit(0)

    # -- generate --------------------------------------------------------------------------

    def action_new_token(self) -> None:
        if self.session is not None:
            self.run_task(self._generate(self.session), "token-action")

    async def _generate(self, session: Session) -> None:
        profile = session.profile
        offered = tokens.plan_generate(session)
        name = await self.app.push_screen_wait(Prompt("Name of the new token", offered))
        if name is None:
            return
        made = await tokens.generate(session, name)
        token = made.token
        storable = tokens.can_store(profile)
        note = (
            "Store it to make this profile use it (the old token stays valid until revoked)."
            if storable
            else f"This profile reads its token from {profile.token_source.describe()}."
        )
        if made.unrecorded:
            note += f" Note: {made.unrecorded}."
        if await self.app.push_screen_wait(ShowOnce(token, note, storable)) == "store":
            self.shell.open_profile(await tokens.store_new_token(session, token))
        else:
            self.action_refresh()

    # -- revoke ----------------------------------------------------------------------------

    def action_revoke(self) -> None:
        row = self._selected()
        if row is None or row.uuid is None:
            toast(self, "this token's uuid is unknown: revoke it by uuid (u)", severity="warning")
        elif self.session is not None:
            self.run_task(self._revoke(self.session, row.uuid, row.name), "token-action")

    def action_revoke_uuid(self) -> None:
        if self.session is not None:
            self.run_task(self._revoke_typed(self.session), "token-action")

    async def _revoke_typed(self, session: Session) -> None:
        uuid = await self.app.push_screen_wait(Prompt("uuid of the token to revoke"))
        if uuid:
            row = next((r for r in self.rows if r.uuid == uuid), None)
            await self._revoke(session, uuid, row.name if row else uuid)

    async def _revoke(self, session: Session, uuid: str, name: str) -> None:
        shown = line(name)
        if await tokens.plan_revoke(session, uuid):
            question = confirm(
                f"Revoke {shown}, the token this profile uses?",
                "Revoke — I will lose access",
                "jtui will be rejected by this server until the profile gets another token.",
            )
        else:
            question = confirm(f"Revoke token {shown} ({line(uuid)})?", "Revoke")
        if await self.app.push_screen_wait(question) is None:
            return
        await tokens.revoke(session, uuid)
        toast(self, f"revoked {shown}")
        self.action_refresh()

    # -- rotate ----------------------------------------------------------------------------

    def action_rotate(self) -> None:
        if self.session is not None:
            self.run_task(self._rotate(self.session), "token-action")

    async def _rotate(self, session: Session) -> None:
        name = tokens.plan_rotate(session)
        profile = session.profile
        question = confirm(
            f"Rotate the token of profile {profile.name}?",
            "Rotate",
            "A new token is created and checked, stored in the profile, then the old one is "
            "revoked. If any step fails the profile keeps a working token.",
        )
        if await self.app.push_screen_wait(question) is None:
            return
        try:
            result = await tokens.rotate(session, name)
        except RotationError as error:
            toast(self, str(error), title="Rotation stopped", severity="error", timeout=15)
            self.action_refresh()
            return
        if not result.stored:
            await self.app.push_screen_wait(ShowOnce(result.new, result.message, False))
            return
        if result.old_uuid is None:  # the message goes in the dialog: a toast would cover it
            await self._choose_old(session, result.new.uuid, result.message)
        toast(self, result.message, title="Token rotated", timeout=10)
        self.shell.open_profile(await tokens.reloaded_profile(session))

    async def _choose_old(self, session: Session, new_uuid: str, rotated: str) -> None:
        """jtui never learnt the old token's uuid: the user picks it. Never guess."""
        others = [row for row in await tokens.other_tokens(session, new_uuid) if row.uuid]
        if not others:
            return
        answers = [
            (row.uuid or "", f"{line(row.name)[:24]} · {line(row.usage)[:30]}") for row in others
        ]
        profile = session.profile
        chosen = await self.app.push_screen_wait(
            Choice(
                "Which was the old token? (most recently used first)",
                answers[:6],
                f"{rotated}\nOr revoke it later at "
                f"{profile.url}user/{line(profile.user)}/security/",
            )
        )
        if chosen:
            await tokens.revoke(session, chosen)
            toast(self, f"revoked the old token {line(chosen)}")
