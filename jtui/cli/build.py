"""`jtui build` and `jtui log`: trigger, follow the queue, stream the console, exit by result."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys

from ..core.builds import parse_text_values, plan_build, trigger
from ..core.follow import Ended, Interrupted, Output, Queued, Started, follow_build
from ..core.jobs import find_job
from ..core.session import Session
from ..core.text import terminal_log
from ..jenkins.console import ConsoleReplace, clean_console
from ..jenkins.models import QueueRef
from .common import (
    EXIT_ABORTED,
    EXIT_ERROR,
    EXIT_OK,
    RESULT_EXIT,
    CommandError,
    command,
    confirm,
    open_session,
    say,
    warn,
)


@command
async def run_build(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        plan = await plan_build(session, args.job)
        request = parse_text_values(plan.job.parameters, args.param)
        name = plan.job.item.full_name
        if plan.needs_confirmation(session, used_form=False):
            await confirm(args, f"build {name} on {session.profile.name}?")
        ref = await trigger(session, plan.job, request)
        queue_url = session.queue_url(ref.id)
        if not args.follow:
            say(queue_url)
            return EXIT_OK
        say(f"jtui: queued {name}: {queue_url}", err=True)
        try:
            async with asyncio.timeout(args.timeout):
                return await follow(session, name, ref=ref)
        except TimeoutError:
            raise CommandError(
                f"gave up after {args.timeout:g} s; the build goes on: {queue_url}"
            ) from None


@command
async def run_log(args: argparse.Namespace) -> int:
    async with open_session(args) as session:
        name = (await find_job(session, args.job)).item.full_name
        number = args.number or (await session.client.build(name, "lastBuild")).number
        if args.follow:
            return await follow(session, name, number=number)
        _write(clean_console(await session.client.console_text(name, number)))
        return EXIT_OK


async def follow(
    session: Session, name: str, *, ref: QueueRef | None = None, number: int | None = None
) -> int:
    """Say why the build waits, stream its console to stdout, exit by its result."""
    said = ""
    async for event in follow_build(session, name, ref=ref, number=number):
        if isinstance(event, Queued):
            why = event.item.why or ""
            gist = re.sub(r"[\d.]+", "…", why)
            if gist and gist != said:
                say(f"jtui: waiting: {terminal_log(why)}", err=True)
                said = gist
        elif isinstance(event, Started):
            url = session.build_url(name, event.number)
            say(f"jtui: {terminal_log(name)} #{event.number}: {url}", err=True)
        elif isinstance(event, Output):
            for piece in event.events:
                if isinstance(piece, ConsoleReplace):
                    warn("the console changed while it was read; here it is again, whole")
                _write(piece.text)
        elif isinstance(event, Interrupted):
            warn(f"{event.reason}; trying again in {event.retry_in:.0f} s")
        elif isinstance(event, Ended):
            if event.build is None:
                say("jtui: cancelled in the queue", err=True)
                return EXIT_ABORTED
            result = event.build.result
            return EXIT_ERROR if result is None else RESULT_EXIT[result]
    return EXIT_ERROR


def _write(text: str) -> None:
    sys.stdout.write(terminal_log(text))
    sys.stdout.flush()
