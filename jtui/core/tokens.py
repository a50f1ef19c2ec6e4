"""Generate, list, revoke and rotate API tokens — for the command line and the TUI alike.

Rotation never leaves a profile without a working token: generate → verify the new token →
store it → revoke the old one, and each failure undoes what came before it and says exactly
what state Jenkins and the config are in.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import NoReturn

from ..config.errors import ConfigError
from ..config.ledger import LedgerEntry, fingerprint
from ..config.profiles import Profile, load_config, store_token
from ..config.secrets import SourceKind, TokenSource
from ..jenkins import JenkinsError
from ..jenkins.errors import NotFound
from ..jenkins.tokens import NewToken, ServerToken
from ..secret import Secret
from .connect import client_for
from .errors import RotationError
from .home import off_loop
from .session import Identity, Session

Step = Callable[[str], None]


def default_token_name(now: datetime | None = None, host: str | None = None) -> str:
    """`jtui-<this machine>-<YYYYMMDD-HHMM>`: which machine made it and when (local time), so
    that two tokens of one day differ and the Security page says where each one lives."""
    machine = re.sub(r"[^A-Za-z0-9-]+", "-", (host or socket.gethostname()).split(".")[0])
    moment = (now or datetime.now(UTC)).astimezone()
    return f"jtui-{machine.strip('-') or 'host'}-{moment:%Y%m%d-%H%M}"


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


@dataclass(frozen=True, slots=True)
class TokenListing:
    """What the Tokens screen and `jtui token list` show."""

    me: Identity
    rows: list[TokenRow]
    server_listed: bool  # False: the server's page could not be read, the ledger only
    current: LedgerEntry | None  # the ledger's record of the token this session uses


async def list_tokens(session: Session) -> TokenListing:
    profile = session.profile
    me = await session.identify()
    listed = await session.client.server_tokens(profile.user)
    ledger = session.home.ledger
    entries = await off_loop(ledger.entries, profile.url, profile.user)
    token = session.token
    current = await off_loop(ledger.find, profile.url, profile.user, token) if token else None
    return TokenListing(me, token_rows(listed, entries, token), listed is not None, current)


async def plan_revoke(session: Session, uuid: str) -> bool:
    """Before asking whether to revoke: may this profile, does the user have a token with
    that uuid, and is it the one this session signs in with? (That one cuts jtui off.)"""
    session.require_writable("token revoke")
    listed = await session.client.server_tokens(session.profile.user)
    if listed is not None and uuid not in {token.uuid for token in listed}:
        raise NotFound(
            f"{session.profile.user} has no token with uuid {uuid} on {session.profile.host} "
            "(`jtui token list` shows them)"
        )
    return await current_uuid(session, listed) == uuid


async def current_uuid(
    session: Session, listed: tuple[ServerToken, ...] | None = None
) -> str | None:
    """The uuid of the token this session signs in with: from the ledger, else found out —
    Jenkins counts each token's uses, so the one whose count moves when jtui asks who it is
    is jtui's (and the ledger learns it). None if that is not clear."""
    profile, token, ledger = session.profile, session.token, session.home.ledger
    if token is None:
        return None
    entry = await off_loop(ledger.find, profile.url, profile.user, token)
    if entry is not None and entry.uuid:
        return entry.uuid
    before = listed if listed is not None else await session.client.server_tokens(profile.user)
    if before is None:
        return None
    await session.client.who_am_i()
    after = await session.client.server_tokens(profile.user) or ()
    used = {t.uuid: (t.usage, t.last_used) for t in before}
    moved = [t for t in after if used.get(t.uuid) != (t.usage, t.last_used)]
    if len(moved) != 1:
        return None  # another client used a token meanwhile: do not guess
    found = moved[0]
    await off_loop(ledger.remember, profile, "found by use", token, found.name, found.uuid)
    return found.uuid


def plan_generate(session: Session) -> str:
    """Before asking for a new token's name: may this profile? The name to offer."""
    session.require_writable("token generate")
    return default_token_name(session.clock.now())


def plan_rotate(session: Session) -> str:
    """Before asking to rotate: may this profile? The new token's name."""
    session.require_writable("token rotate")
    return default_token_name(session.clock.now())


@dataclass(frozen=True, slots=True)
class Generated:
    token: NewToken
    unrecorded: str | None = None  # why the ledger could not note it (the token is fine)


async def generate(session: Session, name: str, source: str = "generated") -> Generated:
    """A new token. The ledger is checked first, so a token is never made that jtui then
    fails to show: after Jenkins answers, nothing here can fail."""
    session.require_writable("token generate")
    ledger = session.home.ledger
    await off_loop(ledger.check)
    token = await session.client.generate_token(name)
    try:
        await off_loop(
            ledger.remember, session.profile, source, token.value, token.name, token.uuid
        )
    except ConfigError as error:  # the disk filled up since the check, say
        return Generated(token, f"jtui's ledger could not note it: {error}")
    return Generated(token)


async def revoke(session: Session, uuid: str) -> None:
    session.require_writable("token revoke")
    await session.client.revoke_token(uuid)
    profile = session.profile
    await off_loop(
        session.home.ledger.mark_revoked, profile.url, profile.user, uuid, datetime.now(UTC)
    )


def can_store(profile: Profile) -> bool:
    """Whether jtui can put a new token into this profile itself (inline, in the config)."""
    return profile.token_source.can_store and not profile.transient


async def store_new_token(session: Session, token: NewToken) -> Profile:
    """Make the profile use `token`; returns the profile as the config now says."""
    await off_loop(store_token, session.home.config_path, session.profile.name, token.value)
    return await reloaded_profile(session)


async def reloaded_profile(session: Session) -> Profile:
    """The session's profile as the config says now (after a rotation stored a token)."""
    config = await off_loop(load_config, session.home.config_path)
    return config.profiles[session.profile.name]


@dataclass(frozen=True, slots=True)
class Rotation:
    new: NewToken
    stored: bool  # False: the profile takes its token from elsewhere; update it, then revoke
    old_uuid: str | None  # None: jtui never learnt the old token's uuid
    old_revoked: bool
    message: str


async def rotate(session: Session, name: str, step: Step = lambda _: None) -> Rotation:
    session.require_writable("token rotate")
    profile, current, ledger = session.profile, session.token, session.home.ledger
    if current is None:
        raise RotationError("this session has no token to rotate")
    old = await off_loop(ledger.find, profile.url, profile.user, current)
    step("generate")
    try:
        new = (await generate(session, name, "rotation")).token
    except (JenkinsError, ConfigError) as error:
        raise RotationError(
            f"no new token was created ({error}); the profile keeps its current token"
        ) from None
    with_new = replace(profile, token_source=TokenSource(SourceKind.INLINE, "", new.value))
    fresh = Session(with_new, await off_loop(client_for, with_new), session.home)
    async with fresh:
        step("verify")
        try:
            me = await fresh.client.who_am_i()
            if me.anonymous or me.name != profile.user:
                raise RotationError("the new token does not sign in as this user")
        except (JenkinsError, RotationError) as error:
            await _undo(session, new, f"the new token did not work ({error})")
        if not can_store(profile):
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
            await off_loop(store_token, session.home.config_path, profile.name, new.value)
        except (ConfigError, OSError) as error:
            await _undo(session, new, f"the new token could not be stored ({error})")
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
            await revoke(fresh, old.uuid)
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


async def other_tokens(session: Session, new_uuid: str) -> list[TokenRow]:
    """After a rotation that did not know the old uuid: the user's other tokens, most
    recently used first, for the user to say which was the old one. Never guessed."""
    listed = await session.client.server_tokens(session.profile.user)
    others = tuple(token for token in listed or () if token.uuid != new_uuid)
    return token_rows(others, [], None)


async def _undo(session: Session, new: NewToken, reason: str) -> NoReturn:
    """Take back a new token that will not be used; the old one was never touched."""
    try:
        await revoke(session, new.uuid)
    except JenkinsError as error:
        raise RotationError(
            f"{reason}; revoking it again failed too ({error}): revoke {new.uuid} by hand. "
            "The profile keeps its current token"
        ) from None
    raise RotationError(f"{reason} — revoked it again. The profile keeps its current token")
