"""Add or edit a server profile; the connection is tested before anything is saved."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from ...config.files import ConfigError
from ...config.ledger import TokenLedger
from ...config.profiles import Profile, add_profile, check_name, normalize_url, update_profile
from ...config.secrets import SourceKind, TokenSource
from ...connect import client_for
from ...secret import Secret

FIRST_RUN = (
    "Welcome to jtui. Add your Jenkins server. Create an API token in Jenkins first: "
    "click your name (top right) → Security → Add new token, and paste it below."
)
SOURCES = [
    ("API token (stored in the 0600 config file)", SourceKind.INLINE.value),
    ("environment variable", SourceKind.ENV.value),
    ("command that prints the token", SourceKind.COMMAND.value),
]


@dataclass
class FormFailed(Message):
    reason: str


@dataclass
class FormSaved(Message):
    name: str


@dataclass(frozen=True)
class FormOutcome:
    name: str
    demo: bool = False


class ServerForm(ModalScreen[FormOutcome | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        config_path: Path,
        ledger: TokenLedger,
        existing: Profile | None = None,
        first_run: bool = False,
    ) -> None:
        super().__init__()
        self.config_path = config_path
        self.ledger = ledger
        self.existing = existing
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        old = self.existing
        with Vertical(classes="dialog form"):
            yield Label("Edit server" if old else "Add a Jenkins server", classes="dialog-title")
            if self.first_run:
                yield Static(FIRST_RUN, classes="dialog-detail")
            with VerticalScroll(id="fields"):
                yield Label("Name", classes="field-name")
                yield Input(old.name if old else "", id="name", disabled=old is not None)
                yield Label("URL (with any context path)", classes="field-name")
                yield Input(old.url if old else "", placeholder="https://ci.example.com/", id="url")
                yield Label("User ID", classes="field-name")
                yield Input(old.user if old else "", id="user")
                yield Label("Token from", classes="field-name")
                kind = old.token_source.kind.value if old else SourceKind.INLINE.value
                yield Select(SOURCES, value=kind, allow_blank=False, id="source")
                yield Label("Token, variable or command", classes="field-name")
                detail = old.token_source.detail if old else ""
                hint = "leave empty to keep the current token" if old else ""
                yield Input(
                    detail, password=kind == SourceKind.INLINE.value, placeholder=hint, id="secret"
                )
                yield Label("Verify TLS certificates", classes="field-name")
                yield Switch(value=old.verify_tls if old else True, id="verify")
                yield Label("CA bundle (corporate CA), optional", classes="field-name")
                yield Input((old.ca_bundle or "") if old else "", id="ca")
                yield Label("Read-only (no builds, aborts or token changes)", classes="field-name")
                yield Switch(value=old.read_only if old else False, id="read-only")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Test & save", id="save", variant="primary")
                if self.first_run:
                    yield Button("Try the demo instead", id="demo")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#url" if self.existing else "#name", Input).focus()

    @on(Select.Changed, "#source")
    def _source_changed(self, event: Select.Changed) -> None:
        self.query_one("#secret", Input).password = event.value == SourceKind.INLINE.value

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        self.dismiss(FormOutcome("demo", demo=True))

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def _save(self) -> None:
        try:
            profile, fields = self._read()
        except ConfigError as error:
            self._error(str(error))
            return
        self._error("testing the connection…")
        self._test_and_save(profile, fields)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _read(self) -> tuple[Profile, dict[str, Any]]:
        name = self._value("name")
        check_name(name)
        url = normalize_url(self._value("url"))
        user = self._value("user")
        if not user:
            raise ConfigError("the user ID is needed")
        kind = SourceKind(str(self.query_one("#source", Select).value))
        detail = self._value("secret")
        fields: dict[str, Any] = {"url": url, "user": user}
        old = self.existing
        if detail:
            fields[kind.value] = detail
            source = (
                TokenSource(kind, "", Secret(detail))
                if kind is SourceKind.INLINE
                else TokenSource(kind, detail)
            )
        elif old is not None and old.token_source.kind is kind:
            source = old.token_source
        else:
            raise ConfigError("the token (or its variable or command) is needed")
        verify = self.query_one("#verify", Switch).value
        read_only = self.query_one("#read-only", Switch).value
        ca = self._value("ca") or None
        fields.update(verify_tls=verify, read_only=read_only)
        if ca:
            fields["ca_bundle"] = ca
        profile = Profile(
            name, url, user, source, verify_tls=verify, ca_bundle=ca, read_only=read_only
        )
        return profile, fields

    def _error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(text)

    @work(group="test-server", exclusive=True, exit_on_error=False)
    async def _test_and_save(self, profile: Profile, fields: dict[str, Any]) -> None:
        try:
            client = await asyncio.to_thread(client_for, profile)
            async with client:
                me = await client.who_am_i()
                given = client.http.credentials.secret if client.http.credentials else None
            if me.anonymous:
                raise ConfigError("Jenkins did not accept the token (anonymous)")
            if self.existing is None:
                await asyncio.to_thread(add_profile, self.config_path, profile.name, fields)
            else:
                new_source = any(kind.value in fields for kind in SourceKind)
                others = tuple(k.value for k in SourceKind if new_source and k.value not in fields)
                await asyncio.to_thread(
                    update_profile, self.config_path, profile.name, fields, others
                )
            if given is not None:
                await asyncio.to_thread(self.ledger.remember, profile, "profile add", given)
        except Exception as error:  # shown in the form; the user corrects and retries
            self.post_message(FormFailed(str(error) or type(error).__name__))
            return
        self.post_message(FormSaved(profile.name))

    @on(FormFailed)
    def _failed(self, message: FormFailed) -> None:
        self._error(message.reason)

    @on(FormSaved)
    def _saved(self, message: FormSaved) -> None:
        self.dismiss(FormOutcome(message.name))
