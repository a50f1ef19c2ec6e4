"""Scanning a multibranch project (or an organization folder) for branches, for both front
ends: only such a project can be scanned, a read-only profile refuses, and the scan's log
is followed until Jenkins says it is done."""

from __future__ import annotations

from collections.abc import AsyncIterator

from ..jenkins.client import follow_stream
from ..jenkins.console import ConsoleEvent
from ..jenkins.models import ItemKind
from .errors import InvalidInput
from .jobs import find_job
from .session import Session

SCANNABLE = (ItemKind.MULTIBRANCH, ItemKind.ORGANIZATION)
POLL_EVERY = 1.0


async def scan(session: Session, argument: str) -> tuple[str, bool]:
    """Start the scan; the project's full name, and whether it is an organization folder."""
    session.require_writable("scan")
    job = await find_job(session, argument, builds=0)
    name, kind = job.item.full_name, job.item.kind
    if kind not in SCANNABLE:
        raise InvalidInput(f"'{name}' is a {kind.value}, not a multibranch project: build it")
    await session.client.scan(name)
    return name, kind is ItemKind.ORGANIZATION


async def follow_scan(
    session: Session, name: str, organization: bool
) -> AsyncIterator[ConsoleEvent]:
    """The scan's log as it grows, until it ends."""
    stream = session.client.scan_log(name, organization)
    async for event in follow_stream(stream, POLL_EVERY, session.clock.sleep):
        yield event
