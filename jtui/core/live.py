"""The one live-data engine: every view that shows something from a server polls through it.

    watch = Watch(fetch, every=5.0, clock=clock)
    async for update in watch:        # Fresh(value) or Stale(since, reason, last value)
        show(update)

and, from the view: `watch.hide()` / `watch.show()` (no requests while nothing shows it),
`watch.refresh()` (now; presses made while a request runs add one request, not one each).
A failure is retried with exponential backoff and jitter, up to a minute, honouring a
server's Retry-After, and the watch recovers on its own. A watch may stop by itself once a
value says so (`until`), start from a cached value (`cache`), and report every outcome to a
server-wide `Health`. Many watches run side by side with `merged`, each with its own backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from ..config.errors import ConfigError, SecretError
from ..jenkins.errors import (
    AuthenticationFailed,
    JenkinsError,
    NotJenkins,
    RequestTimeout,
    ServerError,
    TlsVerificationFailed,
    Unreachable,
)
from .clock import SYSTEM_CLOCK, Clock

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
U = TypeVar("U")

# What a fetch may fail with and still be worth asking again. Anything else is a bug: it
# propagates instead of being retried for ever.
RETRIED = (JenkinsError, ConfigError, SecretError, OSError)
# Failures that say the server as a whole is not answering (not "this job is gone").
SERVER_DOWN = (
    Unreachable,
    RequestTimeout,
    ServerError,
    NotJenkins,
    TlsVerificationFailed,
    AuthenticationFailed,
)


@dataclass(frozen=True, slots=True)
class Fresh(Generic[T]):
    """A value just fetched, or (`cached`) the last one known, shown before the first fetch."""

    value: T
    at: datetime
    cached: bool = False


@dataclass(frozen=True, slots=True)
class Stale(Generic[T]):
    """The latest fetch failed: what is shown dates from before `since`."""

    since: datetime
    reason: str
    retry_in: float
    last: T | None
    error: Exception


Update = Fresh[T] | Stale[T]


@dataclass(frozen=True, slots=True)
class Backoff:
    """After the n-th failure in a row (n from 0), wait `first × factor^n`, at most `cap`
    seconds, made up to `jitter` shorter at random so that many clients do not retry in
    step. `first` is the polling interval, or `start` if that is shorter: a slow poll (the
    index, every minute) still retries soon after one failure."""

    start: float = 5.0
    cap: float = 60.0
    factor: float = 2.0
    jitter: float = 0.2

    def delay(self, every: float, failures: int, retry_after: float | None, draw: float) -> float:
        base = min(self.cap, min(every, self.start) * self.factor**failures)
        wait = base * (1.0 - self.jitter * draw)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait


POLLING = Backoff()


@dataclass(frozen=True, slots=True)
class Cached(Generic[T]):
    value: T
    at: datetime


class Cache:
    """Last values by key, so a view opened again shows something at once."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Cached[object]] = {}

    def get(self, key: Hashable) -> Cached[object] | None:
        return self._values.get(key)

    def put(self, key: Hashable, value: object, at: datetime) -> None:
        self._values[key] = Cached(value, at)


class Health:
    """How one server answers, across every watch on it: last success, stale since, why."""

    def __init__(self) -> None:
        self.refreshed_at: datetime | None = None
        self.stale_since: datetime | None = None
        self.reason: str | None = None
        self._listeners: list[Callable[[], None]] = []

    def listen(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after every change; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def succeeded(self, at: datetime) -> None:
        self.refreshed_at, self.stale_since, self.reason = at, None, None
        self._changed()

    def failed(self, at: datetime, reason: str) -> None:
        self.stale_since = self.stale_since or at
        self.reason = reason
        self._changed()

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()


class Watch(Generic[T]):
    """Poll `fetch` every `every` seconds while visible; iterate it once for its updates."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[T]],
        every: float,
        *,
        clock: Clock = SYSTEM_CLOCK,
        backoff: Backoff = POLLING,
        visible: bool = True,
        until: Callable[[T], bool] | None = None,
        cache: tuple[Cache, Hashable] | None = None,
        health: Health | None = None,
        fatal: tuple[type[Exception], ...] = (),
    ) -> None:
        self._fetch = fetch
        self.every = every
        self._clock = clock
        self._backoff = backoff
        self._visible = visible
        self._until = until
        self._cache = cache
        self._health = health
        self._fatal = fatal
        self._wake = asyncio.Event()
        self._asked = False
        self.fetches = 0

    @property
    def visible(self) -> bool:
        return self._visible

    def show(self) -> None:
        """Something shows the data again: fetch now if an update is due, then keep polling."""
        self._visible = True
        self._wake.set()

    def hide(self) -> None:
        """Nothing shows the data: no request until `show`."""
        self._visible = False

    def refresh(self) -> None:
        """Fetch now (once, however often this is called while a fetch runs)."""
        self._asked = True
        self._wake.set()

    def __aiter__(self) -> AsyncIterator[Update[T]]:
        return self._run()

    async def _run(self) -> AsyncIterator[Update[T]]:
        clock = self._clock
        last: T | None = None
        if self._cache is not None:
            cache, key = self._cache
            known = cache.get(key)
            if known is not None:
                last = known.value  # type: ignore[assignment]
                yield Fresh(known.value, known.at, cached=True)  # type: ignore[arg-type]
        failures = 0
        stale_since: datetime | None = None
        due = clock.monotonic()
        while True:
            await self._until_due(due)
            self.fetches += 1
            try:
                value = await self._fetch()
            except self._fatal:
                raise
            except RETRIED as error:
                now = clock.now()
                stale_since = stale_since or now
                retry_in = self._backoff.delay(
                    self.every, failures, _retry_after(error), clock.random()
                )
                failures += 1
                due = clock.monotonic() + retry_in
                if self._health is not None and isinstance(error, SERVER_DOWN):
                    self._health.failed(now, str(error))
                yield Stale(stale_since, str(error) or type(error).__name__, retry_in, last, error)
                continue
            now = clock.now()
            failures, stale_since, last = 0, None, value
            due = clock.monotonic() + self.every
            if self._cache is not None:
                self._cache[0].put(self._cache[1], value, now)
            if self._health is not None:
                self._health.succeeded(now)
            yield Fresh(value, now)
            if self._until is not None and self._until(value):
                return

    async def _until_due(self, due: float) -> None:
        """Until a fetch is due: waits always go through the clock (for a turn, at least)."""
        clock = self._clock
        while True:
            remaining = max(0.0, due - clock.monotonic())
            await clock.wait(self._wake, remaining if self._visible else None)
            if self._wake.is_set():
                self._wake.clear()
                if self._asked:
                    self._asked = False
                    due = clock.monotonic()  # now, or as soon as something shows it
            if self._visible and clock.monotonic() >= due:
                return


def _retry_after(error: Exception) -> float | None:
    return error.retry_after if isinstance(error, ServerError) else None


async def merged(sources: Mapping[K, AsyncIterable[U]]) -> AsyncIterator[tuple[K, U]]:
    """The updates of several watches as they come, each source running on its own."""
    queue: asyncio.Queue[tuple[K, U] | BaseException | None] = asyncio.Queue()

    async def pump(key: K, source: AsyncIterable[U]) -> None:
        try:
            async for update in source:
                await queue.put((key, update))
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # a fatal failure ends the whole iteration
            await queue.put(error)
            return
        await queue.put(None)

    tasks = [asyncio.create_task(pump(key, source)) for key, source in sources.items()]
    running = len(tasks)
    try:
        while running:
            item = await queue.get()
            if item is None:
                running -= 1
            elif isinstance(item, BaseException):
                raise item
            else:
                yield item
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
