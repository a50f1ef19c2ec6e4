"""Time (and chance), as the live-data engine sees them: a real clock, and a fake one for tests.

Every wait of the engine goes through `Clock.wait`, so a test can move time forward by hand
and know when every watcher has gone back to sleep (`FakeClock.advance`). The jitter of
retries comes from `Clock.random`, so a fake clock makes that deterministic too.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol

SETTLE_TIMEOUT = 20.0  # real seconds a woken watcher may take to fetch and sleep again


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds, for intervals; never goes back."""

    def now(self) -> datetime:
        """The wall-clock time, for what people read ("updated 10:42")."""

    async def wait(self, wake: asyncio.Event, timeout: float | None) -> None:
        """Until `wake` is set or `timeout` seconds passed (None: only `wake`)."""

    def random(self) -> float:
        """A number in [0, 1), for jitter."""

    async def sleep(self, seconds: float) -> None:
        """Wait this long (a retry's pause)."""


class SystemClock:
    def random(self) -> float:
        return random.random()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def wait(self, wake: asyncio.Event, timeout: float | None) -> None:
        if timeout is not None and timeout <= 0:
            await asyncio.sleep(0)
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await wake.wait()


SYSTEM_CLOCK = SystemClock()


class FakeClock:
    """Time that moves only when a test says so.

    `advance(seconds)` wakes each waiter whose deadline falls within, in order, and waits (in
    real time) until every woken task has finished its work and is waiting again.
    """

    def __init__(self, start: datetime, chance: float = 0.0) -> None:
        self._start = start
        self._chance = chance
        self._elapsed = 0.0
        self._deadlines: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._waits: dict[asyncio.Task[object], tuple[asyncio.Event, asyncio.Future[None]]] = {}
        self._known: set[asyncio.Task[object]] = set()

    def monotonic(self) -> float:
        return self._elapsed

    def random(self) -> float:
        return self._chance

    async def sleep(self, seconds: float) -> None:
        await self.wait(asyncio.Event(), seconds)

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)

    async def wait(self, wake: asyncio.Event, timeout: float | None) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._known.add(task)
        if timeout is not None and timeout <= 0:
            await asyncio.sleep(0)
            return
        alarm: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if timeout is not None:
            due = self._elapsed + max(0.0, timeout)
            heapq.heappush(self._deadlines, (due, next(self._order), alarm))
        woken = asyncio.ensure_future(wake.wait())
        self._waits[task] = (wake, alarm)
        try:
            await asyncio.wait((alarm, woken), return_when=asyncio.FIRST_COMPLETED)
        finally:
            del self._waits[task]
            woken.cancel()
            if not alarm.done():
                alarm.cancel()

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking waiters deadline by deadline."""
        target = self._elapsed + seconds
        await self.settle()
        while self._deadlines and self._deadlines[0][0] <= target:
            deadline, _, alarm = heapq.heappop(self._deadlines)
            if alarm.done():
                continue  # woken early, or cancelled
            self._elapsed = max(self._elapsed, deadline)
            alarm.set_result(None)
            await self.settle()
        self._elapsed = target
        await self.settle()

    async def settle(self) -> None:
        """Until every task that ever waited here waits again with nothing to wake it, or ended."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while True:
            await asyncio.sleep(0)
            self._known = {task for task in self._known if not task.done()}
            if all(self._idle(task) for task in self._known):
                return
            if time.monotonic() > deadline:
                raise TimeoutError("a watcher did not go back to sleep")
            await asyncio.sleep(0.002)

    def _idle(self, task: asyncio.Task[object]) -> bool:
        waiting = self._waits.get(task)
        return waiting is not None and not waiting[0].is_set() and not waiting[1].done()
