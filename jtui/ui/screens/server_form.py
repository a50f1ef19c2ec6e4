"""Add or edit a server profile; the connection is tested before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen

from ...config.errors import ConfigError
from ...config.profiles import Profile
from ...config.secrets import SourceKind
from ...core import servers
from ...core.errors import EXPECTED_ERRORS
from ...core.home import Home
from ..keys import bindings
from ..plain import Button, Input, Label, Select, Static, Toggle
from .dialogs import Choice

FIRST_RUN = (
    "Welcome to jtui. Add your Jenkins server. Create an API token in Jenkins first: "
    "click your name (top right) → Security → Add new token, and paste it below — or give "
    "your password once, and jtui creates a token for itself."
)
PASSWORD = "password"
SOURCES = [
    ("API token (stored in the 0600 config file)", SourceKind.INLINE.value),
    ("environment variable", SourceKind.ENV.value),
    ("command that prints the token", SourceKind.COMMAND.value),
    ("my password, once: jtui creates a token and forgets it", PASSWORD),
]
SECRET_SOURCES = (SourceKind.INLINE.value, PASSWORD)


@dataclass(frozen=True)
class FormOutcome:
    name: str
    demo: bool = False


class ServerForm(ModalScreen[FormOutcome | None]):
    BINDINGS = bindings("dialog")

    def __init__(self, home: Home, existing: Profile | None = None, first_run: bool = False):
        super().__init__()
        self.home = home
        self.existing = existing
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        old = self.existing
        with Vertical(classes="dialog form"):
            yield Label("Edit server" if old else "Add a Jenkins server", classes="dialog-title")
            if self.first_run:
                yield Static(FIRST_RUN, classes="dialog-detail")
            # One line per field (compact widgets), so all of them fit at 80×24.
            with VerticalScroll(id="fields"), Grid(classes="field-grid"):
                yield Label("Name", classes="field-label")
                yield Input(
                    old.name if old else "", id="name", disabled=old is not None, compact=True
                )
                yield Label("URL", classes="field-label")
                url = old.url if old else ""
                yield Input(
                    url,
                    placeholder="https://ci.example.com/ (any context path)",
                    id="url",
                    compact=True,
                )
                yield Label("User ID", classes="field-label")
                yield Input(old.user if old else "", id="user", compact=True)
                yield Label("Token from", classes="field-label")
                kind = old.token_source.kind.value if old else SourceKind.INLINE.value
                choices = SOURCES if old is None else SOURCES[:-1]
                yield Select(choices, value=kind, allow_blank=False, id="source", compact=True)
                yield Label("Token", classes="field-label", id="secret-label")
                detail = old.token_source.detail if old else ""
                hint = "leave empty to keep the current token" if old else "paste it here"
                yield Input(
                    detail,
                    password=kind in SECRET_SOURCES,
                    placeholder=hint,
                    id="secret",
                    compact=True,
                )
                yield Label("TLS", classes="field-label")
                yield Toggle(old.verify_tls if old else True, "verify certificates", id="verify")
                yield Label("CA bundle", classes="field-label")
                ca = (old.ca_bundle or "") if old else ""
                yield Input(ca, placeholder="optional: a corporate CA file", id="ca", compact=True)
                yield Label("Read-only", classes="field-label")
                yield Toggle(
                    old.read_only if old else False,
                    "no builds, aborts or token changes",
                    id="read-only",
                )
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Test & save", id="save", variant="primary", compact=True)
                if self.first_run:
                    yield Button("Try the demo instead", id="demo", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#url" if self.existing else "#name", Input).focus()

    @on(Select.Changed, "#source")
    def _source_changed(self, event: Select.Changed) -> None:
        self.query_one("#secret", Input).password = event.value in SECRET_SOURCES

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
            typed = self._read()
        except ConfigError as error:
            self._say(str(error))
            return
        self._say("testing the connection…")
        self._test_and_save(typed)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _read(self) -> servers.ProfileDraft:
        chosen = str(self.query_one("#source", Select).value)
        kind = SourceKind.INLINE if chosen == PASSWORD else SourceKind(chosen)
        detail = self._value("secret")
        old = self.existing
        if not detail and (old is None or old.token_source.kind is not kind):
            raise ConfigError("the token (or password, variable or command) is needed")
        return servers.draft(
            self._value("name"),
            self._value("url"),
            self._value("user"),
            kind,
            detail,
            verify_tls=self.query_one("#verify", Toggle).value,
            ca_bundle=self._value("ca") or None,
            read_only=self.query_one("#read-only", Toggle).value,
            password=chosen == PASSWORD,
        )

    def _say(self, text: str) -> None:
        self.query_one("#form-error", Static).update(Text(text))

    @work(group="test-server", exclusive=True, exit_on_error=False)
    async def _test_and_save(self, typed: servers.ProfileDraft) -> None:
        try:
            if self.existing is None:
                await servers.check_new_name(self.home, typed.name)
            moved = await servers.redirected_url(typed)
            if moved is not None:
                question = Choice(
                    f"{typed.url} redirects to {moved}",
                    [("moved", f"Use {moved}"), ("typed", "Keep what I typed")],
                    "Jenkins URLs that redirect (http → https, a context path) break builds "
                    "and tokens.",
                )
                answer = await self.app.push_screen_wait(question)
                if answer is None:
                    self._say("")
                    return
                if answer == "moved":
                    typed = servers.with_url(typed, moved)
                    self.query_one("#url", Input).value = typed.url
            if self.existing is None:
                await servers.add_server(self.home, typed)
            else:
                await servers.edit_server(self.home, self.existing, typed)
        except EXPECTED_ERRORS as error:  # shown in the form; the user corrects and retries
            self._say(str(error) or type(error).__name__)
            return
        self.dismiss(FormOutcome(typed.name))
