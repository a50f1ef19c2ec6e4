"""What a build left behind, as live data for the build's Tests, Artifacts and Changes views:
fetched once for a finished build (it cannot change), polled while the build runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TypeVar

from ..jenkins.results import Artifact, Change, TestReport
from .live import Watch
from .session import Session

T = TypeVar("T")


def watch_tests(
    session: Session, name: str, number: int, finished: bool
) -> Watch[TestReport | None]:
    """None while (or if) the build has recorded no JUnit results."""
    fetch = partial(session.client.results.test_report, name, number)
    return _watch(session, fetch, ("tests", name, number), finished)


def watch_artifacts(
    session: Session, name: str, number: int, finished: bool
) -> Watch[tuple[Artifact, ...]]:
    fetch = partial(session.client.results.artifacts, name, number)
    return _watch(session, fetch, ("artifacts", name, number), finished)


def watch_changes(
    session: Session, name: str, number: int, finished: bool
) -> Watch[tuple[Change, ...]]:
    fetch = partial(session.client.results.changes, name, number)
    return _watch(session, fetch, ("changes", name, number), finished)


def _watch(
    session: Session, fetch: Callable[[], Awaitable[T]], key: tuple[str, str, int], done: bool
) -> Watch[T]:
    return session.watch(fetch, key=key, until=lambda _value: done)
