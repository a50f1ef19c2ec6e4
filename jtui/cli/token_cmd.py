"""`jtui token generate | revoke | rotate | list`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from ..config.ledger import TokenLedger
from ..config.locations import config_path
from ..config.profiles import Profile
from ..config.secrets import SourceKind, TokenSource, resolve
from ..connect import client_for
from ..display import safe_text
from ..secret import Secret
from ..token_actions import (
    RotationError,
    default_token_name,
    generate,
    revoke,
    rotate,
    token_rows,
)
from .common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    chosen_profile,
    command,
    confirm,
    refuse_if_read_only,
)


@command
async def run_generate(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "token generate")
    async with client_for(profile) as jenkins:
        token = await generate(jenkins, profile, TokenLedger(), args.name, "generated")
    print(
        f"jtui: created token {safe_text(token.name)} ({token.uuid}); it is shown only once:",
        file=sys.stderr,
    )
    # The one command whose purpose is to print a token: stdout carries nothing else.
    print(token.value.reveal())
    return EXIT_OK


@command
async def run_revoke(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "token revoke")
    ledger = TokenLedger()
    current = ledger.find(profile.url, profile.user, resolve(profile.token_source, profile.user))
    if current is not None and current.uuid == args.uuid:
        if not args.current:
            raise CommandError(
                f"{args.uuid} is the token this profile uses: revoking it cuts jtui off "
                "(add --current if that is what you want)",
                EXIT_USAGE,
            )
        confirm(args, f"revoke the token profile {profile.name} uses? You will lose access")
    else:
        confirm(args, f"revoke token {args.uuid} of {profile.user} on {profile.name}?")
    async with client_for(profile) as jenkins:
        await revoke(jenkins, profile, ledger, args.uuid)
    print(f"revoked token {args.uuid}")
    return EXIT_OK


@command
async def run_rotate(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "token rotate")
    if not profile.token_source.can_store or profile.transient:
        raise CommandError(
            f"profile {profile.name} reads its token from {profile.token_source.describe()}: "
            "run `jtui token generate NAME`, put the token there, then "
            "`jtui token revoke OLD_UUID`"
        )
    current = resolve(profile.token_source, profile.user)
    name = args.name or default_token_name(profile)
    ledger = TokenLedger()
    async with client_for(profile) as jenkins:
        try:
            result = await rotate(jenkins, profile, current, config_path(args.config), ledger, name)
        except RotationError as error:
            raise CommandError(str(error)) from None
        print(result.message)
    if result.old_uuid is None:
        await _revoke_chosen_old(args, profile, ledger, result.new.value, result.new.uuid)
    return EXIT_OK


async def _revoke_chosen_old(
    args: argparse.Namespace, profile: Profile, ledger: TokenLedger, token: Secret, new_uuid: str
) -> None:
    """Jenkins never says which uuid the old token had: the user names it, or nothing goes."""
    with_new = replace(profile, token_source=TokenSource(SourceKind.INLINE, "", token))
    async with client_for(with_new) as jenkins:
        if args.revoke:
            if args.revoke == new_uuid:
                raise CommandError("that is the new token", EXIT_USAGE)
            await revoke(jenkins, profile, ledger, args.revoke)
            print(f"revoked the old token {args.revoke}")
            return
        listed = await jenkins.server_tokens(profile.user)
    others = tuple(t for t in listed or () if t.uuid != new_uuid)
    if not others:
        return
    print("the user's other tokens (most recently used first):")
    for row in token_rows(others, [], None):
        print(f"  {row.uuid}  {safe_text(row.name):<30} {safe_text(row.usage)}")
    print("revoke the old one with: jtui token revoke UUID")


@command
async def run_list(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    ledger = TokenLedger()
    current = resolve(profile.token_source, profile.user)
    async with client_for(profile) as jenkins:
        listed = await jenkins.server_tokens(profile.user)
    rows = token_rows(listed, ledger.entries(profile.url, profile.user), current)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "uuid": row.uuid,
                        "name": row.name,
                        "created": row.created.isoformat() if row.created else None,
                        "last_used": row.last_used.isoformat() if row.last_used else None,
                        "usage": row.usage,
                        "on_server": row.on_server,
                        "in_ledger": row.in_ledger,
                        "current": row.current,
                        "revoked": row.revoked,
                    }
                    for row in rows
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return EXIT_OK
    if listed is None:
        print(
            "jtui: the server's token list could not be read: showing jtui's ledger only",
            file=sys.stderr,
        )
    for row in rows:
        flags = ", ".join(
            flag
            for flag, wanted in (
                ("current", row.current),
                ("ledger only", row.in_ledger and row.on_server is False),
                ("revoked", row.revoked),
            )
            if wanted
        )
        created = f"{row.created:%Y-%m-%d}" if row.created else "-"
        print(
            f"{row.uuid or '-':<36}  {safe_text(row.name):<28} {created}  {safe_text(row.usage)}"
            + (f"  [{flags}]" if flags else "")
        )
    return EXIT_OK
