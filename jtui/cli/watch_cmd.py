"""`jtui watch JOB [NUMBER] [--notify]`: wait for a build to end (default: the job's last),
say how it ended, and exit by its result as `build --follow` does. `--notify` also sends
the terminal's notification (BEL, OSC 9, OSC 777; through tmux) to `/dev/tty`, so it
reaches the desktop even with stdout piped."""

from __future__ import annotations

import argparse
import os

from ..core.home import off_loop
from ..core.jobs import find_build
from ..core.live import Fresh
from ..core.notify import mode_for, notification, to_tty
from ..core.text import printable
from ..core.watching import WATCH_EVERY
from ..jenkins.models import Build
from .common import EXIT_ERROR, RESULT_EXIT, command, load, open_session, say


@command
async def run_watch(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        say(f"jtui: watching {printable(name)} #{number}", err=True)
        ended: Build | None = None
        watch = session.watch(
            lambda: session.client.build(name, number),
            min(WATCH_EVERY, session.profile.refresh_seconds),
            until=lambda build: not build.is_running,
        )
        async for update in watch:
            if isinstance(update, Fresh) and not update.value.is_running:
                ended = update.value
        profile = session.profile
    result = ended.result.value if ended is not None and ended.result else "UNKNOWN"
    words = f"{printable(name)} #{number} on {printable(profile.name)}: {result.lower()}"
    say(f"{printable(name)} #{number}: {result}")
    if args.notify:
        mode = mode_for(profile, await load(args))
        await off_loop(to_tty, notification("jtui", words, mode, os.environ))
    if ended is None or ended.result is None:
        return EXIT_ERROR
    return RESULT_EXIT[ended.result]
