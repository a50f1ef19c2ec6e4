"""Server profiles: list, add (with the redirect offer and the password bootstrap), edit,
remove, make default, and check a connection. For the command line and the TUI alike.

Nothing is saved before the connection works: adding or editing a profile signs in first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..config.errors import ConfigError
from ..config.profiles import (
    Config,
    Profile,
    add_profile,
    check_name,
    env_profile,
    normalize_url,
    remove_profile,
    set_default,
    update_profile,
)
from ..config.secrets import SourceKind, TokenSource
from ..jenkins import Credentials, JenkinsClient
from ..jenkins.errors import AuthenticationFailed
from ..jenkins.redirects import final_url
from ..secret import Secret
from . import keymap
from .connect import tls_verify
from .errors import InvalidInput, Refused
from .home import Home, off_loop
from .session import Identity, Session
from .tokens import default_token_name, generate

LOGIN_PAGES = ("login", "securityRealm/commenceLogin")


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    """A profile as typed into a form or on the command line, before it is saved.

    `source` None keeps the token source of the profile being edited. `password`: the inline
    secret is the account's password, used once to create an API token, never stored.
    """

    name: str
    url: str
    user: str
    source: TokenSource | None
    verify_tls: bool = True
    ca_bundle: str | None = None
    read_only: bool = False
    password: bool = False

    def fields(self) -> dict[str, Any]:
        """The keys to write (a password is never written: it is replaced by a token)."""
        written: dict[str, Any] = {"url": self.url, "user": self.user}
        source = self.source
        if source is not None and not self.password:
            inline = source.inline.reveal() if source.inline is not None else ""
            written[source.kind.value] = (
                inline if source.kind is SourceKind.INLINE else source.detail
            )
        written["verify_tls"] = self.verify_tls
        written["read_only"] = self.read_only
        if self.ca_bundle:
            written["ca_bundle"] = self.ca_bundle
        return written

    def profile(self, keep: TokenSource | None = None) -> Profile:
        source = self.source or keep
        if source is None:
            raise ConfigError("the token (or its variable or command) is needed")
        return Profile(
            self.name,
            self.url,
            self.user,
            source,
            verify_tls=self.verify_tls,
            ca_bundle=self.ca_bundle,
            read_only=self.read_only,
        )


def draft(
    name: str,
    url: str,
    user: str,
    kind: SourceKind | None,
    detail: str,
    *,
    verify_tls: bool = True,
    ca_bundle: str | None = None,
    read_only: bool = False,
    password: bool = False,
) -> ProfileDraft:
    """A draft from what was typed: the URL normalized, the secret wrapped. An empty
    `detail` (or no `kind`) keeps the edited profile's source."""
    try:
        check_name(name)
        url = normalize_url(url)
    except ConfigError as error:
        raise InvalidInput(str(error)) from None
    if not user.strip():
        raise InvalidInput("the user ID is needed")
    source: TokenSource | None = None
    if kind is not None and detail:
        source = (
            TokenSource(kind, "", Secret(detail))
            if kind is SourceKind.INLINE
            else TokenSource(kind, detail)
        )
    return ProfileDraft(
        name,
        url,
        user.strip(),
        source,
        verify_tls=verify_tls,
        ca_bundle=ca_bundle or None,
        read_only=read_only,
        password=password,
    )


# -- listing ---------------------------------------------------------------------------------


async def every_profile(home: Home, environ: Mapping[str, str] | None = None) -> list[Profile]:
    """The config's profiles, then `env` (from JENKINS_URL & co.) when it is set."""
    config = await home.config()
    found = list(config.profiles.values())
    from_env = env_profile(os.environ if environ is None else environ)
    return found + ([from_env] if from_env is not None else [])


# -- adding and editing ----------------------------------------------------------------------


async def check_new_name(home: Home, name: str) -> None:
    check_name(name)
    if name in (await home.config()).profiles:
        raise ConfigError(f"profile '{name}' already exists in {home.config_path}")


async def redirected_url(new: ProfileDraft) -> str | None:
    """Where the server sends a browser that opens the URL (https, a context path), if that
    is another Jenkins URL than the one typed: the front end offers it."""
    landed = await final_url(new.url, await off_loop(tls_verify, new.profile()))
    if landed is None:
        return None
    base = landed
    for page in LOGIN_PAGES:
        base = base.removesuffix(page)
    candidate = normalize_url(base)
    return candidate if candidate != new.url else None


@dataclass(frozen=True, slots=True)
class Added:
    profile: str
    identity: Identity
    token_name: str | None = None  # a token created from a password


async def add_server(home: Home, new: ProfileDraft) -> Added:
    """Sign in, then save the profile (and remember its token in the ledger)."""
    await check_new_name(home, new.name)
    if new.password:
        return await _add_with_password(home, new)
    profile = new.profile()
    identity = await _sign_in(profile, home)
    await off_loop(add_profile, home.config_path, new.name, new.fields())
    return Added(new.name, identity)


async def edit_server(home: Home, old: Profile, changed: ProfileDraft) -> Identity:
    """Sign in with the changed settings, then save them over the old profile's."""
    profile = changed.profile(keep=old.token_source)
    identity = await _sign_in(profile, home)
    fields = changed.fields()
    replaced = tuple(
        kind.value
        for kind in SourceKind
        if changed.source is not None and kind is not changed.source.kind
    )
    if not changed.ca_bundle:
        replaced += ("ca_bundle",)
    await off_loop(update_profile, home.config_path, old.name, fields, replaced)
    return identity


async def _sign_in(profile: Profile, home: Home) -> Identity:
    async with await Session.open(profile, home) as session:
        identity = await session.identify()
        if identity.anonymous:
            raise Refused("Jenkins did not accept the token (it treats you as anonymous)")
        token = session.token
        if token is not None:
            # Jenkins never says which uuid a token value has: the ledger knows it by
            # fingerprint, which is what lets a rotation revoke it later.
            await off_loop(home.ledger.remember, profile, "profile add", token)
    return identity


async def _add_with_password(home: Home, new: ProfileDraft) -> Added:
    """Sign in once with the password (crumb + session cookie) only to create a named API
    token; the profile keeps the token, and the password is forgotten."""
    assert new.source is not None and new.source.inline is not None
    profile = new.profile()
    login = Credentials(new.user, new.source.inline, is_password=True)
    verify = await off_loop(tls_verify, profile)
    client = await off_loop(lambda: JenkinsClient(new.url, login, verify=verify))
    async with Session(profile, client, home) as session:
        try:
            identity = await session.identify()
        except AuthenticationFailed:
            identity = Identity("", "", anonymous=True)
        if identity.anonymous:
            raise Refused(
                f"Jenkins at {profile.host} did not accept the password of '{new.user}': "
                "check the user ID and the password (your login password, not an API token)"
            )
        name = default_token_name(session.clock.now())
        token = (await generate(session, name, "first token")).token
    fields = {**new.fields(), "token": token.value.reveal()}
    await off_loop(add_profile, home.config_path, new.name, fields)
    return Added(new.name, identity, token.name)


async def remove_server(home: Home, name: str) -> None:
    await off_loop(remove_profile, home.config_path, name)


async def make_default(home: Home, name: str) -> None:
    await off_loop(set_default, home.config_path, name)


def with_url(new: ProfileDraft, url: str) -> ProfileDraft:
    return replace(new, url=normalize_url(url))


# -- checking --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    """One connection check: as whom, which Jenkins, how fast."""

    identity: Identity
    latency_ms: float

    @property
    def ok(self) -> bool:
        return not self.identity.anonymous


async def check(session: Session) -> Check:
    started = time.perf_counter()
    me = await session.quickly(session.client.who_am_i())
    latency = (time.perf_counter() - started) * 1000
    identity = Identity(session.version or "", me.name, me.anonymous)
    session.identity = identity
    return Check(identity, latency)


def config_warnings(config: Config) -> list[str]:
    """Probable typos and risky settings in the config, and what is wrong with `[keys]`."""
    return config.warnings() + keymap.problems(config.keys)
