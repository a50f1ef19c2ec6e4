"""Tokens: the token this window uses, the user's tokens, and generate / revoke / rotate."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...config.ledger import LedgerEntry
from ...config.profiles import load_config, store_token
from ...display import ago, safe_text
from ...jenkins.tokens import NewToken
from ...secret import Secret
from ...token_actions import (
    RotationError,
    TokenRow,
    default_token_name,
    generate,
    revoke,
    rotate,
    token_rows,
)
from ..session import Session
from ..widgets.table import Cell, Column, VirtualTable
from .base import JtuiScreen
from .dialogs import Choice, Prompt, confirm

COLUMNS = [
    Column("Token", minimum=16),
    Column("Created", 10),
    Column("Last used", 20),
    Column("Where", 14),
    Column("uuid", 10),
]


@dataclass
class TokensLoaded(Message):
    generation: int
    user: str
    anonymous: bool
    rows: list[TokenRow]
    server_listed: bool
    current: LedgerEntry | None


class _Reload(Message):
    """Something changed on the server: list the tokens again."""


class ShowOnce(ModalScreen[str | None]):
    """A new token, shown this once: copy it (OSC 52, or select it by hand), maybe store it."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, token: NewToken, note: str, can_store: bool) -> None:
        super().__init__()
        self.token = token
        self.note = note
        self.can_store = can_store

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"New token {safe_text(self.token.name)}", classes="dialog-title")
            yield Static(
                "Jenkins shows a token's value only this once. Copy it now.",
                classes="dialog-detail",
            )
            yield Static(self.token.value.reveal(), id="token-value", markup=False)
            yield Static(self.note, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy (c)", id="copy")
                if self.can_store:
                    yield Button("Store in the profile", id="store", variant="primary")
                yield Button("Close", id="close")

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.token.value.reveal())
        self.notify("copied (if your terminal ignores OSC 52, select the text by hand)")

    @on(Button.Pressed, "#store")
    def _store(self) -> None:
        self.dismiss("store")

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class TokensScreen(JtuiScreen):
    HELP_TITLE = "Tokens"
    BINDINGS = [
        Binding("n", "generate", "New token"),
        Binding("x,delete", "revoke", "Revoke"),
        Binding("u", "revoke_uuid", "Revoke by uuid"),
        Binding("R", "rotate", "Rotate"),
        Binding("r", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TokenRow] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static("", id="token-summary")
        yield VirtualTable(COLUMNS, id="tokens")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#tokens", VirtualTable).placeholder = "loading…"
        self.query_one("#tokens", VirtualTable).focus()

    def on_new_session(self, session: Session) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def _secret(self, session: Session) -> Secret | None:
        credentials = session.client.http.credentials
        return credentials.secret if credentials else None

    def load(self) -> None:
        session = self.jtui.session
        if session is not None:
            self._load(session)

    @work(group="tokens", exclusive=True, exit_on_error=False)
    async def _load(self, session: Session) -> None:
        profile = session.profile
        me = await session.client.who_am_i()
        listed = await session.client.server_tokens(profile.user)
        secret = self._secret(session)
        entries = self.jtui.ledger.entries(profile.url, profile.user)
        rows = token_rows(listed, entries, secret)
        ledger = self.jtui.ledger
        current = ledger.find(profile.url, profile.user, secret) if secret else None
        self.post_message(
            TokensLoaded(
                session.generation, me.name, me.anonymous, rows, listed is not None, current
            )
        )

    @on(TokensLoaded)
    def _loaded(self, message: TokensLoaded) -> None:
        session = self.jtui.session
        if session is None or message.generation != session.generation:
            return
        self.rows = message.rows
        profile = session.profile
        secret = self._secret(session)
        text = Text("API token of this window\n", style="bold")
        text.append(f"profile  {safe_text(profile.name)}  {profile.url}\n")
        text.append(f"source   {profile.token_source.describe()}")
        if secret is not None:
            text.append(f"   token {secret.last4()}")
        who = "anonymous — NOT accepted" if message.anonymous else f"{safe_text(message.user)} ✔"
        text.append(f"\nuser     {who} (checked now)\n")
        if message.current is not None:
            days = (self.jtui.now() - message.current.created).days
            text.append(f"age      {days} days (since {message.current.created:%Y-%m-%d})")
            if days > profile.rotate_after_days:
                text.append(
                    f"  ⚠ older than {profile.rotate_after_days} days: press R to rotate",
                    style="bold",
                )
        else:
            text.append("age      unknown (jtui did not create this token)")
        if not message.server_listed:
            text.append("\n⚠ the server's token list could not be read: jtui's ledger only")
        self.query_one("#token-summary", Static).update(text)
        table = self.query_one("#tokens", VirtualTable)
        table.placeholder = "no tokens known"
        table.set_rows([self._row(r) for r in self.rows], list(range(len(self.rows))))

    def _row(self, row: TokenRow) -> list[Cell]:
        name = Text(("● " if row.current else "  ") + safe_text(row.name))
        created = f"{row.created:%Y-%m-%d}" if row.created else "-"
        used = ago(row.last_used, self.jtui.now()) if row.last_used else safe_text(row.usage)[:20]
        where = (
            "revoked"
            if row.revoked
            else "server+ledger"
            if row.on_server and row.in_ledger
            else "server"
            if row.on_server
            else "ledger only"
        )
        return [name, created, used, where, (row.uuid or "-")[:8]]

    def _selected(self) -> TokenRow | None:
        key = self.query_one("#tokens", VirtualTable).current_key
        return self.rows[key] if isinstance(key, int) and key < len(self.rows) else None

    def _writable(self, session: Session | None) -> Session | None:
        if session is None:
            return None
        if session.profile.read_only:
            self.notify(f"profile {session.profile.name} is read-only", severity="warning")
            return None
        return session

    def action_refresh(self) -> None:
        self.load()

    # -- generate --------------------------------------------------------------------------

    @work(group="token-action", exclusive=True, exit_on_error=False)
    async def action_generate(self) -> None:
        session = self._writable(self.jtui.session)
        if session is None:
            return
        profile = session.profile
        name = await self.app.push_screen_wait(
            Prompt("Name of the new token", default_token_name(profile))
        )
        if name is None:
            return
        token = await generate(session.client, profile, self.jtui.ledger, name, "generated")
        can_store = profile.token_source.can_store and not profile.transient
        note = (
            "Store it to make this profile use it (the old token stays valid until revoked)."
            if can_store
            else f"This profile reads its token from {profile.token_source.describe()}."
        )
        if await self.app.push_screen_wait(ShowOnce(token, note, can_store)) == "store":
            await self._use_new_token(session, token)
        self.post_message(_Reload())

    async def _use_new_token(self, session: Session, token: NewToken) -> None:
        store_token(self.jtui.config_path, session.profile.name, token.value)
        profile = load_config(self.jtui.config_path).profiles[session.profile.name]
        self.jtui.open_profile(profile)

    # -- revoke ----------------------------------------------------------------------------

    @work(group="token-action", exclusive=True, exit_on_error=False)
    async def action_revoke(self) -> None:
        row = self._selected()
        if row is None or row.uuid is None:
            self.notify("this token's uuid is unknown: revoke it by uuid (u)", severity="warning")
            return
        await self._revoke(row.uuid, row.name, row.current)

    @work(group="token-action", exclusive=True, exit_on_error=False)
    async def action_revoke_uuid(self) -> None:
        uuid = await self.app.push_screen_wait(Prompt("uuid of the token to revoke"))
        if uuid:
            row = next((r for r in self.rows if r.uuid == uuid), None)
            await self._revoke(uuid, row.name if row else uuid, bool(row and row.current))

    async def _revoke(self, uuid: str, name: str, current: bool) -> None:
        session = self._writable(self.jtui.session)
        if session is None:
            return
        if current:
            question = confirm(
                f"Revoke {name}, the token this profile uses?",
                "Revoke — I will lose access",
                "jtui will be rejected by this server until the profile gets another token.",
            )
        else:
            question = confirm(f"Revoke token {name} ({uuid})?", "Revoke")
        if await self.app.push_screen_wait(question) is None:
            return
        await revoke(session.client, session.profile, self.jtui.ledger, uuid)
        self.notify(f"revoked {name}", markup=False)
        self.post_message(_Reload())

    # -- rotate ----------------------------------------------------------------------------

    @work(group="token-action", exclusive=True, exit_on_error=False)
    async def action_rotate(self) -> None:
        session = self._writable(self.jtui.session)
        secret = self._secret(session) if session else None
        if session is None or secret is None:
            return
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
            result = await rotate(
                session.client,
                profile,
                secret,
                self.jtui.config_path,
                self.jtui.ledger,
                default_token_name(profile),
            )
        except RotationError as error:
            self.notify(
                str(error), title="Rotation stopped", severity="error", timeout=15, markup=False
            )
            self.post_message(_Reload())
            return
        if not result.stored:
            await self.app.push_screen_wait(ShowOnce(result.new, result.message, False))
            return
        self.notify(result.message, title="Token rotated", timeout=10, markup=False)
        if result.old_uuid is None:
            await self._choose_old(session, result.new)
        fresh = load_config(self.jtui.config_path).profiles[profile.name]
        self.jtui.open_profile(fresh)

    async def _choose_old(self, session: Session, new: NewToken) -> None:
        """jtui never learnt the old token's uuid: the user picks it. Never guess."""
        listed = await session.client.server_tokens(session.profile.user)
        others = [t for t in listed or () if t.uuid != new.uuid]
        if not others:
            return
        rows = token_rows(tuple(others), [], None)
        answers = [
            (r.uuid or "", f"{safe_text(r.name)[:24]} · {safe_text(r.usage)[:30]}") for r in rows
        ]
        chosen = await self.app.push_screen_wait(
            Choice(
                "Which was the old token? (most recently used first)",
                answers[:6],
                f"Or revoke it later at {session.profile.url}user/{session.profile.user}/security/",
            )
        )
        if chosen:
            await revoke(session.client, session.profile, self.jtui.ledger, chosen)
            self.notify(f"revoked the old token {chosen}", markup=False)

    @on(_Reload)
    def _reload(self) -> None:
        self.load()
