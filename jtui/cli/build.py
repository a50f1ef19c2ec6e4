"""`jtui build` and `jtui log`: trigger, follow the queue, stream the console, exit by result."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from pathlib import Path

from ..connect import client_for
from ..display import terminal_safe
from ..jenkins import JenkinsClient
from ..jenkins.console import ConsoleReplace, clean_console
from ..jenkins.models import QueueRef
from ..jenkins.parameters import (
    AnyParameter,
    BooleanParameter,
    ChoiceParameter,
    FileParameter,
)
from ..jenkins.paths import build_path
from .common import (
    EXIT_ABORTED,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    RESULT_EXIT,
    CommandError,
    chosen_profile,
    command,
    confirm,
    refuse_if_read_only,
    warn,
)
from .target import find_job

POLL_SECONDS = 1.0
Uploads = dict[str, tuple[str, bytes]]


@command
async def run_build(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    refuse_if_read_only(profile, "build")
    async with client_for(profile) as jenkins:
        job = await find_job(args.job, jenkins)
        name = job.item.full_name
        values, uploads = parse_parameters(args.param, job.parameters)
        if profile.confirm:
            confirm(args, f"build {name} on {profile.name}?")
        ref = await jenkins.trigger(name, values if job.parameters else None, uploads)
        queue_url = jenkins.url_for(f"queue/item/{ref.id}/")
        if not args.follow:
            print(queue_url)
            return EXIT_OK
        print(f"jtui: queued {name}: {queue_url}", file=sys.stderr)
        try:
            async with asyncio.timeout(args.timeout):
                number = await _wait_for_build(jenkins, ref)
                if number is None:
                    return EXIT_ABORTED
                return await follow_build(jenkins, name, number)
        except TimeoutError:
            raise CommandError(
                f"gave up after {args.timeout:g} s; the build goes on: {queue_url}"
            ) from None


@command
async def run_log(args: argparse.Namespace) -> int:
    profile = chosen_profile(args)
    async with client_for(profile) as jenkins:
        name = (await find_job(args.job, jenkins)).item.full_name
        number = args.number or (await jenkins.build(name, "lastBuild")).number
        if args.follow:
            return await follow_build(jenkins, name, number)
        _write(clean_console(await jenkins.console_text(name, number)))
        return EXIT_OK


def parse_parameters(
    given: list[str], definitions: tuple[AnyParameter, ...]
) -> tuple[dict[str, str | bool], Uploads]:
    """`-p KEY=VALUE` pairs checked against the job's definitions (`-p FILE=@path` uploads)."""
    if given and not definitions:
        raise CommandError("this job takes no parameters", EXIT_USAGE)
    by_name = {d.name: d for d in definitions}
    values: dict[str, str | bool] = {}
    uploads: Uploads = {}
    for pair in given:
        key, sep, value = pair.partition("=")
        if not sep:
            raise CommandError(f"-p {pair}: use -p NAME=VALUE", EXIT_USAGE)
        definition = by_name.get(key)
        if definition is None:
            known = ", ".join(by_name)
            raise CommandError(f"unknown parameter {key} (this job takes: {known})", EXIT_USAGE)
        if isinstance(definition, FileParameter):
            uploads[key] = _upload(key, value)
        elif isinstance(definition, BooleanParameter):
            if value.lower() not in ("true", "false"):
                raise CommandError(f"{key} takes true or false", EXIT_USAGE)
            values[key] = value.lower() == "true"
        elif isinstance(definition, ChoiceParameter) and value not in definition.choices:
            options = ", ".join(definition.choices)
            raise CommandError(f"{key} must be one of: {options}", EXIT_USAGE)
        else:
            values[key] = value
    return values, uploads


def _upload(key: str, value: str) -> tuple[str, bytes]:
    if not value.startswith("@"):
        raise CommandError(f"{key} is a file parameter: use -p {key}=@PATH", EXIT_USAGE)
    path = Path(value[1:]).expanduser()
    try:
        return path.name, path.read_bytes()
    except OSError as error:
        raise CommandError(f"{key}: cannot read {path}: {error.strerror}", EXIT_USAGE) from None


async def _wait_for_build(jenkins: JenkinsClient, ref: QueueRef) -> int | None:
    """The build number once the item leaves the queue; None if it was cancelled."""
    said = ""
    async for item in jenkins.follow_queue(ref, POLL_SECONDS):
        gist = re.sub(r"[\d.]+", "…", item.why or "")
        if gist and gist != said:
            print(f"jtui: waiting: {terminal_safe(item.why or '')}", file=sys.stderr)
            said = gist
        if item.cancelled:
            print("jtui: cancelled in the queue", file=sys.stderr)
            return None
        if item.executable is not None:
            return item.executable.number
    return None


async def follow_build(jenkins: JenkinsClient, name: str, number: int) -> int:
    """Stream the console to stdout until the build ends; exit by its result."""
    url = jenkins.url_for(build_path(name, number))
    print(f"jtui: {terminal_safe(name)} #{number}: {url}", file=sys.stderr)
    async for event in jenkins.stream_console(name, number, POLL_SECONDS):
        if isinstance(event, ConsoleReplace):
            warn("the console changed while it was read; here it is again, whole")
        _write(event.text)
    for _ in range(50):
        build = await jenkins.build(name, number)
        if not build.is_running:
            break
        await asyncio.sleep(0.2)
    if build.result is None:
        return EXIT_ERROR
    return RESULT_EXIT[build.result]


def _write(text: str) -> None:
    sys.stdout.write(terminal_safe(text))
    sys.stdout.flush()
