"""Users, their API tokens (stored as hashes, like Jenkins), web sessions and crumbs."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field

from .export import HIGH, Prop, record

READ = "hudson.model.Hudson.Read"
BUILD = "hudson.model.Item.Build"
CANCEL = "hudson.model.Item.Cancel"
ADMINISTER = "hudson.model.Hudson.Administer"
DISCONNECT = "hudson.model.Computer.Disconnect"
CONNECT = "hudson.model.Computer.Connect"
ALL_PERMISSIONS = frozenset({READ, BUILD, CANCEL, ADMINISTER, DISCONNECT, CONNECT})
IMPLIED_BY = {
    READ: ("hudson.security.Permission.GenericRead", ADMINISTER),
    BUILD: ("hudson.security.Permission.GenericWrite", ADMINISTER),
    CANCEL: ("hudson.security.Permission.GenericUpdate", ADMINISTER),
    DISCONNECT: (ADMINISTER,),
    CONNECT: (ADMINISTER,),
}


def new_token_value() -> str:
    """A new-style token: "11" and 32 hex digits."""
    return "11" + secrets.token_hex(16)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass
class ApiToken:
    uuid: str
    name: str
    digest: str
    created: int  # ms
    use_count: int = 0
    last_used: int | None = None

    def matches(self, value: str) -> bool:
        return hmac.compare_digest(self.digest, _digest(value))


@dataclass
class User:
    id: str
    full_name: str
    permissions: frozenset[str] = ALL_PERMISSIONS
    password: str | None = None
    tokens: list[ApiToken] = field(default_factory=list)

    def add_token(self, name: str, value: str, now: int, token_uuid: str | None = None) -> ApiToken:
        token = ApiToken(token_uuid or str(uuid.uuid4()), name, _digest(value), now)
        self.tokens.append(token)
        return token

    def token_for(self, value: str) -> ApiToken | None:
        return next((t for t in self.tokens if t.matches(value)), None)

    def revoke(self, token_uuid: str) -> bool:
        before = len(self.tokens)
        self.tokens = [t for t in self.tokens if t.uuid != token_uuid]
        return len(self.tokens) != before

    def can(self, permission: str) -> bool:
        return permission in self.permissions or ADMINISTER in self.permissions

    @property
    def class_name(self) -> str:
        return "hudson.model.User"

    @property
    def props(self) -> list[Prop]:
        return [
            Prop("absoluteUrl", lambda o, c: f"{c.root_url}user/{o.id}", HIGH),
            Prop("description", lambda o, c: None),
            Prop("fullName", lambda o, c: o.full_name, HIGH),
            Prop("id", lambda o, c: o.id),
            Prop(
                "property",
                lambda o, c: [
                    record("jenkins.security.ApiTokenProperty"),
                    record("hudson.model.MyViewsProperty"),
                    record("hudson.model.PaneStatusProperties"),
                ],
            ),
        ]


@dataclass
class Session:
    id: str
    user_id: str | None  # who was authenticated when the session was created


class Sessions:
    """Web sessions, created by the crumb issuer; the cookie name is random per start."""

    def __init__(self) -> None:
        self.cookie_name = f"JSESSIONID.{secrets.token_hex(4)}"
        self._salt = secrets.token_bytes(16)
        self._sessions: dict[str, Session] = {}

    def create(self, user_id: str | None) -> Session:
        session = Session(secrets.token_urlsafe(18), user_id)
        self._sessions[session.id] = session
        return session

    def find(self, cookie_header: str | None) -> Session | None:
        for part in (cookie_header or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie_name and value in self._sessions:
                return self._sessions[value]
        return None

    def crumb(self, user_name: str, session: Session) -> str:
        """SHA-256 over `userName;sessionId`, as `DefaultCrumbIssuer` computes it (with a salt)."""
        return hashlib.sha256(self._salt + f"{user_name};{session.id}".encode()).hexdigest()
