"""`jtui profile list | add | remove | default`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from ..config.errors import ConfigError
from ..config.profiles import Profile
from ..config.secrets import SourceKind
from ..core import servers
from ..core.text import json_dumps
from .common import EXIT_OK, EXIT_USAGE, CommandError, command, confirm, home_of, load, say


@command
async def run_list(args: argparse.Namespace) -> int:
    config = await load(args)
    profiles = await servers.every_profile(home_of(args))
    if args.json:
        say(json_dumps(args.pretty, [_summary(p, config.default_profile) for p in profiles]))
        return EXIT_OK
    if not profiles:
        say(f"no profiles yet (config: {config.path})")
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
        say(
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
    home = home_of(args)
    await servers.check_new_name(home, args.name)
    if args.token_stdin or args.password_stdin:
        kind = SourceKind.INLINE
        prompt = "Password: " if args.password_stdin else "API token: "
        detail = await asyncio.to_thread(_read_secret, prompt)
    elif args.token_env:
        kind, detail = SourceKind.ENV, args.token_env
    else:
        kind, detail = SourceKind.COMMAND, args.token_command
    new = servers.draft(
        args.name,
        args.url,
        args.user,
        kind,
        detail,
        verify_tls=not args.no_verify_tls,
        ca_bundle=args.ca_bundle,
        read_only=args.read_only,
        password=args.password_stdin,
    )
    moved = await servers.redirected_url(new)
    if moved:
        await confirm(args, f"{new.url} redirects to {moved} — use {moved}?")
        new = servers.with_url(new, moved)
    added = await servers.add_server(home, new)
    me = added.identity
    said = f"added profile {added.profile}: Jenkins {me.version} at {new.url}, as {me.user}"
    if added.token_name:
        said += f", with a new API token {added.token_name} (the password was not stored)"
    say(said)
    return EXIT_OK


@command
async def run_edit(args: argparse.Namespace) -> int:
    home = home_of(args)
    old = (await load(args)).profiles.get(args.name)
    if old is None:
        raise ConfigError(f"no profile named '{args.name}' in {home.config_path}")
    kind: SourceKind | None = None
    detail = ""
    if args.token_stdin:
        kind, detail = SourceKind.INLINE, await asyncio.to_thread(_read_secret, "API token: ")
    elif args.token_env:
        kind, detail = SourceKind.ENV, args.token_env
    elif args.token_command:
        kind, detail = SourceKind.COMMAND, args.token_command
    changed = servers.draft(
        old.name,
        args.url or old.url,
        args.user or old.user,
        kind,
        detail,
        verify_tls=old.verify_tls,
        ca_bundle=old.ca_bundle,
        read_only=old.read_only if args.read_only is None else args.read_only,
    )
    me = await servers.edit_server(home, old, changed)
    say(f"changed profile {old.name}: Jenkins {me.version} at {changed.url}, as {me.user}")
    return EXIT_OK


def _read_secret(prompt: str) -> str:
    tty = sys.stdin.isatty()
    value = (getpass.getpass(prompt) if tty else sys.stdin.readline()).strip()
    if not value:
        raise CommandError("nothing on standard input", EXIT_USAGE)
    return value


@command
async def run_remove(args: argparse.Namespace) -> int:
    home = home_of(args)
    if args.name not in (await load(args)).profiles:
        raise ConfigError(f"no profile named '{args.name}' in {home.config_path}")
    await confirm(args, f"remove profile {args.name}?")
    await servers.remove_server(home, args.name)
    say(f"removed profile {args.name}")
    return EXIT_OK


@command
async def run_default(args: argparse.Namespace) -> int:
    await servers.make_default(home_of(args), args.name)
    say(f"default profile: {args.name}")
    return EXIT_OK
