"""A build's console answers: `consoleText` and `logText/progressiveText`."""

from __future__ import annotations

import re

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
