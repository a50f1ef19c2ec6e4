"""The token ledger: every token jtui created or was given — never a token's value.

Jenkins cannot say which uuid a token value belongs to, so jtui remembers it: for each token
its server, user, name, uuid (when known), creation date, how it came, and a fingerprint (the
first 16 hex digits of its SHA-256) that recognises the token without revealing it. That is
what lets a rotation revoke the old token by uuid instead of guessing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..secret import Secret
from .files import TomlData, check_writable, read_toml, update_toml
from .locations import state_dir
from .profiles import Profile

HEADER = "# jtui token ledger: written by jtui. Names and uuids only, never a token's value.\n\n"


def fingerprint(token: Secret) -> str:
    return hashlib.sha256(token.reveal().encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    profile: str
    server: str
    user: str
    source: str  # "generated", "rotation", "profile add", "first token"
    created: datetime
    name: str | None = None
    uuid: str | None = None
    fingerprint: str | None = None
    revoked: datetime | None = None

    def to_toml(self) -> dict[str, Any]:
        raw = {
            "profile": self.profile,
            "server": self.server,
            "user": self.user,
            "source": self.source,
            "created": self.created,
            "name": self.name,
            "uuid": self.uuid,
            "fingerprint": self.fingerprint,
            "revoked": self.revoked,
        }
        return {key: value for key, value in raw.items() if value is not None}

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> LedgerEntry:
        def moment(key: str) -> datetime | None:
            value = raw.get(key)
            if not isinstance(value, datetime):
                return None
            return value if value.tzinfo else value.replace(tzinfo=UTC)

        return cls(
            profile=str(raw.get("profile", "")),
            server=str(raw.get("server", "")),
            user=str(raw.get("user", "")),
            source=str(raw.get("source", "")),
            created=moment("created") or datetime.fromtimestamp(0, UTC),
            name=raw.get("name"),
            uuid=raw.get("uuid"),
            fingerprint=raw.get("fingerprint"),
            revoked=moment("revoked"),
        )

    def same_token(self, other: LedgerEntry) -> bool:
        if (self.server, self.user) != (other.server, other.user):
            return False
        if self.uuid and other.uuid:
            return self.uuid == other.uuid
        return bool(self.fingerprint) and self.fingerprint == other.fingerprint


class TokenLedger:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / "tokens.toml"

    def check(self) -> None:
        """Before creating a token: the ledger can be read and written (else nothing is made)."""
        check_writable(self.path)

    def entries(self, server: str | None = None, user: str | None = None) -> list[LedgerEntry]:
        raw = read_toml(self.path).get("tokens", [])
        found = [LedgerEntry.from_toml(item) for item in raw if isinstance(item, dict)]
        return [
            entry
            for entry in found
            if (server is None or entry.server == server) and (user is None or entry.user == user)
        ]

    def remember(
        self,
        profile: Profile,
        source: str,
        token: Secret,
        name: str | None = None,
        uuid: str | None = None,
    ) -> None:
        """Record a token this profile got (created, rotated in, or given by its user)."""
        self.record(
            LedgerEntry(
                profile=profile.name,
                server=profile.url,
                user=profile.user,
                source=source,
                created=datetime.now(UTC),
                name=name,
                uuid=uuid,
                fingerprint=fingerprint(token),
            )
        )

    def find(self, server: str, user: str, token: Secret) -> LedgerEntry | None:
        mark = fingerprint(token)
        return next((e for e in self.entries(server, user) if e.fingerprint == mark), None)

    def record(self, entry: LedgerEntry) -> None:
        """Add the token, or complete what is known of it (a uuid learnt later, say)."""

        def change(data: TomlData) -> None:
            tokens = [t for t in data.get("tokens", []) if isinstance(t, dict)]
            for index, raw in enumerate(tokens):
                known = LedgerEntry.from_toml(raw)
                if known.same_token(entry):
                    merged = replace(
                        known,
                        name=entry.name or known.name,
                        uuid=entry.uuid or known.uuid,
                        fingerprint=entry.fingerprint or known.fingerprint,
                        revoked=entry.revoked or known.revoked,
                    )
                    tokens[index] = merged.to_toml()
                    break
            else:
                tokens.append(entry.to_toml())
            data["tokens"] = tokens

        update_toml(self.path, change, HEADER)

    def mark_revoked(self, server: str, user: str, uuid: str, when: datetime) -> None:
        def change(data: TomlData) -> None:
            for raw in data.get("tokens", []):
                if (
                    isinstance(raw, dict)
                    and raw.get("server") == server
                    and raw.get("user") == user
                    and raw.get("uuid") == uuid
                ):
                    raw["revoked"] = when

        update_toml(self.path, change, HEADER)
