"""`jtui token generate | revoke | rotate | list`."""

from __future__ import annotations

import argparse

from ..core import tokens
from ..core.session import Session
from ..core.text import json_dumps, printable
from ..jenkins.tokens import NewToken
from .common import EXIT_OK, EXIT_USAGE, CommandError, command, confirm, open_session, say, warn


@command
async def run_generate(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        made = await tokens.generate(session, args.name)
    token = made.token
    say(
        f"jtui: created token {printable(token.name)} ({printable(token.uuid)}); "
        "it is shown only once:",
        err=True,
    )
    print(token.value.reveal())  # the one print of a token: stdout carries nothing else
    if made.unrecorded:
        warn(made.unrecorded)
    return EXIT_OK


@command
async def run_revoke(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        profile = session.profile
        if await tokens.plan_revoke(session, args.uuid):
            if not args.current:
                raise CommandError(
                    f"{args.uuid} is the token this profile uses: revoking it cuts jtui off "
                    "(add --current if that is what you want)",
                    EXIT_USAGE,
                )
            await confirm(
                args, f"revoke the token profile {profile.name} uses? You will lose access"
            )
        else:
            await confirm(args, f"revoke token {args.uuid} of {profile.user} on {profile.name}?")
        await tokens.revoke(session, args.uuid)
    say(f"revoked token {args.uuid}")
    return EXIT_OK


@command
async def run_rotate(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        name = args.name or tokens.plan_rotate(session)
        profile = session.profile
        if not tokens.can_store(profile):
            raise CommandError(
                f"profile {profile.name} reads its token from {profile.token_source.describe()}: "
                "run `jtui token generate NAME`, put the token there, then "
                "`jtui token revoke OLD_UUID`"
            )
        result = await tokens.rotate(session, name)
        say(result.message)
        if result.old_uuid is None:
            await _revoke_chosen_old(args, session, result.new)
    return EXIT_OK


async def _revoke_chosen_old(args: argparse.Namespace, session: Session, new: NewToken) -> None:
    """Jenkins never says which uuid the old token had: the user names it, or nothing goes."""
    if args.revoke:
        if args.revoke == new.uuid:
            raise CommandError("that is the new token", EXIT_USAGE)
        await tokens.revoke(session, args.revoke)
        say(f"revoked the old token {args.revoke}")
        return
    others = await tokens.other_tokens(session, new.uuid)
    if not others:
        return
    say("the user's other tokens (most recently used first):")
    for row in others:
        say(f"  {printable(row.uuid or '-')}  {printable(row.name):<30} {printable(row.usage)}")
    say("revoke the old one with: jtui token revoke UUID")


@command
async def run_list(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        listing = await tokens.list_tokens(session)
    if args.json:
        say(
            json_dumps(
                args.pretty,
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
                    for row in listing.rows
                ],
            )
        )
        return EXIT_OK
    if not listing.server_listed:
        say(
            "jtui: the server's token list could not be read: showing jtui's ledger only",
            err=True,
        )
    for row in listing.rows:
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
        say(
            f"{printable(row.uuid or '-'):<36}  {printable(row.name):<28} {created}  "
            f"{printable(row.usage)}" + (f"  [{flags}]" if flags else "")
        )
    return EXIT_OK
