"""Generate, list, revoke and rotate API tokens — shared by the command line and the TUI.

Rotation never leaves a profile without a working token: generate → verify the new token →
store it → revoke the old one, and each failure undoes what came before it and says exactly
what state Jenkins and the config are in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from .config.files import ConfigError
from .config.ledger import LedgerEntry, TokenLedger, fingerprint
from .config.profiles import Profile, store_token
from .connect import tls_verify
from .jenkins import Credentials, JenkinsClient, JenkinsError
from .jenkins.tokens import NewToken, ServerToken
from .secret import Secret

Step = Callable[[str], None]


class RotationError(Exception):
    """A rotation stopped; the message says what Jenkins and the config now hold."""


def default_token_name(profile: Profile, now: datetime | None = None) -> str:
    moment = now or datetime.now(UTC)
    return f"jtui-{profile.host.split(':')[0]}-{moment:%Y-%m-%d}"


@dataclass(frozen=True, slots=True)
class TokenRow:
    """One token as jtui knows it: from the server's page, the ledger, or both."""

    uuid: str | None
    name: str
    created: datetime | None
    last_used: datetime | None
    usage: str
    on_server: bool | None  # None: the server's list could not be read
    in_ledger: bool
    current: bool
    revoked: bool


def token_rows(
    server: tuple[ServerToken, ...] | None, ledger: list[LedgerEntry], current: Secret | None
) -> list[TokenRow]:
    """The server's list merged with the ledger, most recently used first."""
    mark = fingerprint(current) if current is not None else None
    by_uuid = {entry.uuid: entry for entry in ledger if entry.uuid}
    rows: list[TokenRow] = []
    for token in server or ():
        entry = by_uuid.pop(token.uuid, None)
        rows.append(
            TokenRow(
                token.uuid,
                token.name,
                token.created or (entry.created if entry else None),
                token.last_used,
                token.usage,
                True,
                entry is not None,
                entry is not None and entry.fingerprint == mark,
                False,
            )
        )
    listed = {row.uuid for row in rows}
    for entry in ledger:
        if entry.uuid in listed and entry.uuid is not None:
            continue
        rows.append(
            TokenRow(
                entry.uuid,
                entry.name or "(given to jtui)",
                entry.created,
                None,
                "",
                None if server is None else False,
                True,
                entry.fingerprint == mark,
                entry.revoked is not None or (server is not None and entry.uuid is not None),
            )
        )
    oldest = datetime.fromtimestamp(0, UTC)
    return sorted(rows, key=lambda r: (r.current, r.last_used or oldest), reverse=True)


async def generate(
    client: JenkinsClient, profile: Profile, ledger: TokenLedger, name: str, source: str
) -> NewToken:
    token = await client.generate_token(name)
    ledger.remember(profile, source, token.value, token.name, token.uuid)
    return token


async def revoke(client: JenkinsClient, profile: Profile, ledger: TokenLedger, uuid: str) -> None:
    await client.revoke_token(uuid)
    ledger.mark_revoked(profile.url, profile.user, uuid, datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class Rotation:
    new: NewToken
    stored: bool  # False: the profile takes its token from elsewhere; update it, then revoke
    old_uuid: str | None  # None: jtui never learnt the old token's uuid
    old_revoked: bool
    message: str


async def rotate(
    client: JenkinsClient,
    profile: Profile,
    current: Secret,
    config_path: Path,
    ledger: TokenLedger,
    name: str,
    step: Step = lambda _: None,
) -> Rotation:
    old = ledger.find(profile.url, profile.user, current)
    step("generate")
    try:
        new = await generate(client, profile, ledger, name, "rotation")
    except JenkinsError as error:
        raise RotationError(
            f"no new token was created ({error}); the profile keeps its current token"
        ) from None
    fresh = JenkinsClient(
        profile.url, Credentials(profile.user, new.value), verify=tls_verify(profile)
    )
    async with fresh:
        step("verify")
        try:
            me = await fresh.who_am_i()
            if me.anonymous or me.name != profile.user:
                raise RotationError("the new token does not sign in as this user")
        except (JenkinsError, RotationError) as error:
            await _undo(client, profile, ledger, new, f"the new token did not work ({error})")
        if not profile.token_source.can_store or profile.transient:
            where = profile.token_source.describe()
            return Rotation(
                new,
                stored=False,
                old_uuid=old.uuid if old else None,
                old_revoked=False,
                message=(
                    f"new token {new.name} created and verified; the profile reads its token "
                    f"from {where}: put the new token there, then revoke the old one"
                ),
            )
        step("store")
        try:
            store_token(config_path, profile.name, new.value)
        except (ConfigError, OSError) as error:
            await _undo(
                client, profile, ledger, new, f"the new token could not be stored ({error})"
            )
        step("revoke")
        if old is None or old.uuid is None:
            return Rotation(
                new,
                stored=True,
                old_uuid=None,
                old_revoked=False,
                message=(
                    f"new token {new.name} stored in profile {profile.name}; jtui does not know "
                    "the old token's uuid: choose it from the server's list, or revoke it at "
                    f"{profile.url}user/{profile.user}/security/"
                ),
            )
        try:
            await revoke(fresh, profile, ledger, old.uuid)
        except JenkinsError as error:
            return Rotation(
                new,
                stored=True,
                old_uuid=old.uuid,
                old_revoked=False,
                message=(
                    f"new token {new.name} stored in profile {profile.name}, but the old token "
                    f"({old.uuid}) could not be revoked ({error}): revoke it by hand"
                ),
            )
    return Rotation(
        new,
        stored=True,
        old_uuid=old.uuid,
        old_revoked=True,
        message=f"rotated: new token {new.name} stored in {profile.name}, the old one revoked",
    )


async def _undo(
    client: JenkinsClient, profile: Profile, ledger: TokenLedger, new: NewToken, reason: str
) -> NoReturn:
    """Take back a new token that will not be used; the old one was never touched."""
    try:
        await revoke(client, profile, ledger, new.uuid)
    except JenkinsError as error:
        raise RotationError(
            f"{reason}; revoking it again failed too ({error}): revoke {new.uuid} by hand. "
            "The profile keeps its current token"
        ) from None
    raise RotationError(f"{reason} — revoked it again. The profile keeps its current token")
