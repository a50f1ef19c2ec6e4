"""`jtui profile list | add | remove | default`."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import replace
from typing import Any

import httpx

from ..config.files import ConfigError
from ..config.ledger import TokenLedger
from ..config.locations import config_path
from ..config.profiles import (
    Profile,
    add_profile,
    check_name,
    env_profile,
    normalize_url,
    remove_profile,
    set_default,
)
from ..config.secrets import SourceKind, TokenSource
from ..connect import client_for, tls_verify
from ..jenkins import Credentials, JenkinsClient
from ..secret import Secret
from ..token_actions import default_token_name, generate
from .common import EXIT_OK, EXIT_USAGE, CommandError, command, confirm, load


@command
def run_list(args: argparse.Namespace) -> int:
    config = load(args)
    profiles = list(config.profiles.values())
    from_env = env_profile(os.environ)
    if from_env is not None:
        profiles.append(from_env)
    if args.json:
        print(json.dumps([_summary(p, config.default_profile) for p in profiles], indent=2))
        return EXIT_OK
    if not profiles:
        print(f"no profiles yet (config: {config.path})")
        return EXIT_OK
    for profile in profiles:
        marks = [
            mark
            for mark, wanted in (
                ("default", profile.name == config.default_profile),
                ("read-only", profile.read_only),
                ("TLS NOT VERIFIED", not profile.verify_tls),
            )
            if wanted
        ]
        flags = f"  [{', '.join(marks)}]" if marks else ""
        print(
            f"{profile.name:<14} {profile.url:<40} {profile.user:<12} "
            f"{profile.token_source.describe()}{flags}"
        )
    return EXIT_OK


def _summary(profile: Profile, default: str | None) -> dict[str, Any]:
    return {
        "name": profile.name,
        "url": profile.url,
        "user": profile.user,
        "token_source": profile.token_source.kind.value,
        "default": profile.name == default,
        "read_only": profile.read_only,
        "verify_tls": profile.verify_tls,
    }


@command
async def run_add(args: argparse.Namespace) -> int:
    check_name(args.name)
    if args.name in load(args).profiles:
        raise ConfigError(f"profile '{args.name}' already exists in {config_path(args.config)}")
    url = normalize_url(args.url)
    fields: dict[str, Any] = {"url": url, "user": args.user}
    if args.token_stdin or args.password_stdin:
        token = _read_secret("Password: " if args.password_stdin else "API token: ")
        fields["token"] = token.reveal()
        source = TokenSource(SourceKind.INLINE, "", token)
    elif args.token_env:
        fields["token_env"] = args.token_env
        source = TokenSource(SourceKind.ENV, args.token_env)
    else:
        fields["token_command"] = args.token_command
        source = TokenSource(SourceKind.COMMAND, args.token_command)
    if args.read_only:
        fields["read_only"] = True
    if args.no_verify_tls:
        fields["verify_tls"] = False
    if args.ca_bundle:
        fields["ca_bundle"] = args.ca_bundle
    profile = Profile(
        args.name,
        url,
        args.user,
        source,
        verify_tls=not args.no_verify_tls,
        ca_bundle=args.ca_bundle,
    )
    return await _add(args, fields, profile)


async def _add(args: argparse.Namespace, fields: dict[str, Any], profile: Profile) -> int:
    moved = await _final_url(profile)
    if moved:
        confirm(args, f"{profile.url} redirects to {moved} — use {moved}?")
        fields["url"] = moved
        profile = replace(profile, url=moved)
    if args.password_stdin:
        return await _add_with_password(args, fields, profile)
    async with client_for(profile) as jenkins:
        me = await jenkins.who_am_i()
        info = await jenkins.server_info()
        given = jenkins.http.credentials.secret if jenkins.http.credentials else None
    if me.anonymous:
        raise CommandError("Jenkins did not accept the token (it treats you as anonymous)")
    add_profile(config_path(args.config), profile.name, fields)
    if given is not None:
        # Jenkins never says which uuid a token value has: the ledger knows it by fingerprint.
        TokenLedger().remember(profile, "profile add", given)
    print(f"added profile {profile.name}: Jenkins {info.version} at {profile.url}, as {me.name}")
    return EXIT_OK


async def _add_with_password(
    args: argparse.Namespace, fields: dict[str, Any], profile: Profile
) -> int:
    """Sign in once with the password (crumb + session cookie) only to create a named API
    token; the profile keeps the token, and the password is forgotten."""
    password = profile.token_source.inline
    assert password is not None
    login = Credentials(profile.user, password, is_password=True)
    async with JenkinsClient(profile.url, login, verify=tls_verify(profile)) as jenkins:
        me = await jenkins.who_am_i()
        if me.anonymous:
            raise CommandError("Jenkins did not accept the password")
        info = await jenkins.server_info()
        name = default_token_name(profile)
        token = await generate(jenkins, profile, TokenLedger(), name, "first token")
    fields["token"] = token.value.reveal()
    add_profile(config_path(args.config), profile.name, fields)
    print(
        f"added profile {profile.name}: Jenkins {info.version} at {profile.url}, as {me.name}, "
        f"with a new API token {token.name} (the password was not stored)"
    )
    return EXIT_OK


async def _final_url(profile: Profile) -> str | None:
    """Where the server sends a browser that opens the URL (https, a context path), if elsewhere."""
    async with httpx.AsyncClient(
        follow_redirects=True, verify=tls_verify(profile), timeout=10
    ) as probe:
        try:
            response = await probe.get(profile.url)
        except httpx.HTTPError:
            return None  # the real check that follows says what is wrong
    if not response.history:
        return None
    final = response.url.copy_with(query=None, fragment=None)
    path = final.path
    for page in ("login", "securityRealm/commenceLogin"):
        path = path.removesuffix(page)
    candidate = normalize_url(str(final.copy_with(path=path)))
    return candidate if candidate != profile.url else None


def _read_secret(prompt: str) -> Secret:
    tty = sys.stdin.isatty()
    value = (getpass.getpass(prompt) if tty else sys.stdin.readline()).strip()
    if not value:
        raise CommandError("nothing on standard input", EXIT_USAGE)
    return Secret(value)


@command
def run_remove(args: argparse.Namespace) -> int:
    path = config_path(args.config)
    if args.name not in load(args).profiles:
        raise ConfigError(f"no profile named '{args.name}' in {path}")
    confirm(args, f"remove profile {args.name}?")
    remove_profile(path, args.name)
    print(f"removed profile {args.name}")
    return EXIT_OK


@command
def run_default(args: argparse.Namespace) -> int:
    set_default(config_path(args.config), args.name)
    print(f"default profile: {args.name}")
    return EXIT_OK
