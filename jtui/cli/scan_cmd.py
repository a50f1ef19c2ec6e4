"""`jtui scan JOB [--follow]`: scan a multibranch project for branches (and follow the
scan's log)."""

from __future__ import annotations

import argparse

from ..core.scans import follow_scan, scan
from ..core.text import printable
from ..jenkins.console import ConsoleAppend
from .build import log_colours, write_log
from .common import EXIT_OK, command, open_session, say


@command
async def run_scan(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, organization = await scan(session, args.job)
        say(f"jtui: scanning {printable(name)}", err=True)
        if args.follow:
            colour = log_colours(args)
            async for event in follow_scan(session, name, organization):
                if isinstance(event, ConsoleAppend):
                    write_log(event.text, colour)
    return EXIT_OK
