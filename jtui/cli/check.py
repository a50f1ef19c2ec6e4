"""`jtui check`: can this profile reach Jenkins, as whom, and is anything off?"""

from __future__ import annotations

import argparse
import time

from ..config.profiles import Profile, select_profile
from ..connect import client_for
from .common import EXIT_OK, CommandError, command, load


@command
async def run(args: argparse.Namespace) -> int:
    config = load(args)
    profile = select_profile(config, args.profile)
    code = await _check(profile)
    warnings = config.warnings()
    print(f"warnings  {'none' if not warnings else warnings[0]}")
    for warning in warnings[1:]:
        print(f"          {warning}")
    return code


async def _check(profile: Profile) -> int:
    where = "" if profile.transient else " (config)"
    print(f"profile   {profile.name}{where}")
    print(f"token     from {profile.token_source.describe()}")
    async with client_for(profile) as jenkins:
        started = time.perf_counter()
        me = await jenkins.who_am_i()
        elapsed = time.perf_counter() - started
        version = jenkins.http.version or "unknown version"
    print(f"server    {profile.url}  Jenkins {version}")
    print(f"latency   {elapsed * 1000:.0f} ms")
    if me.anonymous:
        raise CommandError("Jenkins treats this token as anonymous: it was not accepted")
    print(f"user      {me.name}")
    if not profile.verify_tls:
        print("tls       NOT VERIFIED (verify_tls = false in this profile)")
    return EXIT_OK
