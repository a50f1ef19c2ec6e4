"""`jtui check`: can this profile reach Jenkins, as whom, and is anything off?"""

from __future__ import annotations

import argparse

from ..config.profiles import select_profile
from ..core.servers import check, config_warnings
from ..core.session import Session
from .common import EXIT_OK, CommandError, command, home_of, load, say


def _is_colour(name: str) -> bool:
    from rich.color import Color, ColorParseError

    try:
        Color.parse(name)
    except ColorParseError:
        return False
    return True


@command
async def run(args: argparse.Namespace) -> int:
    config = await load(args)
    profile = select_profile(config, args.profile)
    where = "" if profile.transient else " (config)"
    say(f"profile   {profile.name}{where}")
    say(f"token     from {profile.token_source.describe()}")
    async with await Session.open(profile, home_of(args)) as session:
        result = await check(session)
    say(f"server    {profile.url}  Jenkins {result.identity.version or '(unknown version)'}")
    say(f"latency   {result.latency_ms:.0f} ms")
    if result.identity.anonymous:
        raise CommandError("Jenkins treats this token as anonymous: it was not accepted")
    say(f"user      {result.identity.user}")
    if not profile.verify_tls:
        say("tls       NOT VERIFIED (verify_tls = false in this profile)")
    warnings = config_warnings(config) + [
        f"profile {p.name}: color '{p.color}' is not a colour (e.g. red, #ff8800)"
        for p in config.profiles.values()
        if p.color and not _is_colour(p.color)
    ]
    say(f"warnings  {'none' if not warnings else warnings[0]}")
    for warning in warnings[1:]:
        say(f"          {warning}")
    return EXIT_OK
