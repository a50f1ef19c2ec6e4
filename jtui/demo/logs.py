"""The console and stage answers of a build: `progressiveText` and Stage View's `describe`."""

from __future__ import annotations

import re
from typing import Any

from .instance import Clock
from .model import Build
from .protocol import Response, oops, text

CONSOLE_NOTE = re.compile(rb"\x1b\[8mha:[A-Za-z0-9+/=]*\x1b\[0m")


def console_text(build: Build) -> Response:
    """`consoleText`: the log so far, console notes removed, line ends as stored."""
    return text(CONSOLE_NOTE.sub(b"", bytes(build.full_log())))


def progressive_text(build: Build, raw_start: str | None) -> Response:
    """`logText/progressiveText` as Jenkins ≥ 2.509 serves it (see jenkins-api.md §9.2)."""
    try:
        start = int(raw_start or "0")
    except ValueError:
        return oops()
    log = bytes(build.full_log())
    size = len(log)
    if start > size:
        start = 0  # "text rolled over": the whole log again
    body = log[start:]
    headers = [("X-Text-Size", str(size))]
    if build.building:
        # Only complete lines (at most 10 000), yet X-Text-Size is the whole file's length.
        end = body.rfind(b"\n") + 1
        lines = body[:end].split(b"\n")
        if len(lines) > 10_001:
            end = len(b"\n".join(lines[:10_000])) + 1
        body = body[:end]
        headers.append(("X-More-Data", "true"))
    normalized = re.sub(rb"(?<!\r)\n", b"\r\n", body)
    return text(normalized, headers)


def describe(build: Build, now: int, clock: Clock) -> dict[str, Any]:
    """Pipeline Stage View's `wfapi/describe` (Jackson JSON: no `_class`)."""
    elapsed = (
        (now - build.timestamp) * clock.time_scale / 1000
        if build.building
        else build.duration * clock.time_scale / 1000
    )
    stages = []
    started = [stage for stage in build.job.stages() if stage.start <= elapsed]
    for index, stage in enumerate(started):
        last = index == len(started) - 1
        if not last or (not build.building and build.result == "SUCCESS"):
            status, seconds = "SUCCESS", stage.duration
        elif build.building:
            status, seconds = "IN_PROGRESS", elapsed - stage.start
        else:
            status = {"FAILURE": "FAILED", "UNSTABLE": "UNSTABLE"}.get(
                build.result or "", "ABORTED"
            )
            seconds = min(stage.duration, elapsed - stage.start)
        stages.append(
            {
                "_links": {
                    "self": {"href": f"/{build.url_path}execution/node/{index + 6}/wfapi/describe"}
                },
                "id": str(index + 6),
                "name": stage.name,
                "execNode": "",
                "status": status,
                "startTimeMillis": build.timestamp + clock.span(stage.start),
                "durationMillis": clock.span(seconds),
                "pauseDurationMillis": 0,
            }
        )
    run_status = (
        "IN_PROGRESS"
        if build.building
        else {"FAILURE": "FAILED"}.get(build.result or "", build.result or "NOT_EXECUTED")
    )
    return {
        "_links": {"self": {"href": f"/{build.url_path}wfapi/describe"}},
        "id": str(build.number),
        "name": f"#{build.number}",
        "status": run_status,
        "startTimeMillis": build.timestamp,
        "endTimeMillis": build.timestamp + build.duration,
        "durationMillis": build.duration if not build.building else now - build.timestamp,
        "queueDurationMillis": 0,
        "pauseDurationMillis": 0,
        "stages": stages,
    }
