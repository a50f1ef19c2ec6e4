"""`jtui build` and `jtui log`: trigger, follow the queue, stream the console, exit by result."""

from __future__ import annotations

import argparse
import asyncio
import codecs
import os
import re
import sys

from ..core.builds import parse_text_values, plan_build, trigger
from ..core.follow import Ended, Interrupted, Output, Queued, Started, follow_build
from ..core.jobs import find_build
from ..core.pipelines import failed_step_logs, stage_logs
from ..core.session import Session
from ..core.text import LogFilter, terminal_log
from ..jenkins.console import ConsoleCleaner, ConsoleReplace
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

SGR = re.compile(rb"\x1b\[[0-9;:]*m")


@command
async def run_build(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        plan = await plan_build(session, args.job)
        request = parse_text_values(plan.job.parameters, args.param, stdin=sys.stdin.readline)
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
                return await follow(session, name, ref=ref, colour=log_colours(args))
        except TimeoutError:
            raise CommandError(
                f"gave up after {args.timeout:g} s; the build goes on: {queue_url}"
            ) from None


@command
async def run_log(args: argparse.Namespace) -> int:
    async with open_session(args, job_url=args.job) as session:
        name, number = await find_build(session, args.job, args.number)
        if args.failed or args.stage:
            if args.follow:
                raise CommandError(
                    "--follow reads the whole console: not with --failed or --stage", 2
                )
            return await step_logs(session, name, number, args.stage, log_colours(args))
        if args.follow:
            return await follow(session, name, number=number, colour=log_colours(args))
        log, raw = LogWriter(log_colours(args)), ConsoleCleaner()
        async for chunk in session.client.console_bytes(name, number):  # never held whole
            log.write_bytes(raw.feed(chunk))
        log.write_bytes(raw.flush())
        log.end()
        return EXIT_OK


async def follow(
    session: Session,
    name: str,
    *,
    ref: QueueRef | None = None,
    number: int | None = None,
    colour: bool = True,
) -> int:
    """Say why the build waits, stream its console to stdout, exit by its result."""
    said, log = "", LogWriter(colour)
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
                log.write(piece.text)
        elif isinstance(event, Interrupted):
            warn(f"{event.reason}; trying again in {event.retry_in:.0f} s")
        elif isinstance(event, Ended):
            log.end()
            if event.build is None:
                say("jtui: cancelled in the queue", err=True)
                return EXIT_ABORTED
            result = event.build.result
            return EXIT_ERROR if result is None else RESULT_EXIT[result]
    return EXIT_ERROR


async def step_logs(
    session: Session, name: str, number: int, stage: str | None, colour: bool
) -> int:
    """Each failed step's log (or each step of `stage`), after a line naming stage and step."""
    logs = (
        await stage_logs(session, name, number, stage)
        if stage
        else await failed_step_logs(session, name, number)
    )
    if not logs and not stage:
        say(f"jtui: {terminal_log(name)} #{number}: no step failed", err=True)
    for log in logs:
        reason = f" — {log.reason}" if log.reason else ""
        say(f"=== {log.stage} › {log.step.name} ({log.step.state}){reason}")
        write_log(log.text if log.text.endswith("\n") or not log.text else log.text + "\n", colour)
    return EXIT_OK


def log_colours(args: argparse.Namespace) -> bool:
    """A build log keeps its own colours, piped too (as `kubectl logs` does), unless
    NO_COLOR is set or `--color never`; `--color always` keeps them even then."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    return not os.environ.get("NO_COLOR")


def write_log(text: str, colour: bool) -> None:
    log = LogWriter(colour)
    log.write(text)
    log.end()


class LogWriter:
    """A build log to stdout as it comes, through the log filter (which holds back an
    escape sequence or a character cut between two pieces), as UTF-8 bytes: a log is
    filtered without being decoded when it is ASCII."""

    def __init__(self, colour: bool) -> None:
        self._colour = colour
        self._filter = LogFilter()
        self._encoding = codecs.lookup(sys.stdout.encoding or "utf-8").name

    def write(self, text: str) -> None:
        self.write_bytes(text.encode("utf-8", "replace"))

    def write_bytes(self, data: bytes) -> None:
        self._emit(self._filter.feed(data))

    def end(self) -> None:
        self._emit(self._filter.flush())

    def _emit(self, shown: bytes) -> None:
        if not self._colour:
            shown = SGR.sub(b"", shown)
        if self._encoding != "utf-8":
            shown = shown.decode("utf-8").encode(self._encoding, "replace")
        sys.stdout.flush()  # what was written as text before goes out first
        sys.stdout.buffer.write(shown)
        sys.stdout.buffer.flush()
