"""The live-data engine on a fake clock: cadence, refresh on demand, pausing, backoff, recovery,
caches, and many watches side by side."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterable, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from jtui.core.clock import FakeClock
from jtui.core.live import Backoff, Cache, Fresh, Health, Stale, Watch, merged
from jtui.jenkins.errors import NotFound, ServerError, Unreachable

pytestmark = pytest.mark.unit
START = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


class Source:
    """A fetch that counts its calls and fails while told to."""

    def __init__(self) -> None:
        self.calls = 0
        self.failure: Exception | None = None
        self.gate: asyncio.Event | None = None  # set: the fetch waits for it

    async def __call__(self) -> int:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.failure is not None:
            raise self.failure
        return self.calls


class Consumer:
    """Iterates a watch in a task of its own, keeping every update."""

    def __init__(self, source: AsyncIterable[Any]) -> None:
        self.updates: list[Any] = []
        self.task = asyncio.create_task(self._run(source))

    async def _run(self, source: AsyncIterable[Any]) -> None:
        async for update in source:
            self.updates.append(update)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


def watch(source: Callable[[], Awaitable[int]], clock: FakeClock, **options: object) -> Watch[int]:
    return Watch(source, 5.0, clock=clock, **options)  # type: ignore[arg-type]


async def turns_until(check: Callable[[], bool]) -> None:
    """Let the other tasks run until `check` holds (no time passes)."""
    for _ in range(1000):
        if check():
            return
        await asyncio.sleep(0)
    raise AssertionError("never got there")


async def started(clock: FakeClock, source: Source) -> None:
    """Until the watch has made its first request and sleeps."""
    await turns_until(lambda: source.calls >= 1)
    await clock.settle()


async def test_a_visible_watch_polls_at_its_interval() -> None:
    clock, source = FakeClock(START), Source()
    consumer = Consumer(watch(source, clock))
    await started(clock, source)
    assert source.calls == 1
    await clock.advance(10)
    assert source.calls == 3  # two polls per 10 s at every = 5
    await clock.advance(4.9)
    assert source.calls == 3
    assert [u.value for u in consumer.updates if isinstance(u, Fresh)] == [1, 2, 3]
    assert consumer.updates[-1].at == START + timedelta(seconds=10)
    await consumer.stop()


async def test_refresh_adds_one_request_per_press_and_never_stacks() -> None:
    clock, source = FakeClock(START), Source()
    live = watch(source, clock)
    consumer = Consumer(live)
    await started(clock, source)
    for _ in range(5):
        live.refresh()
        await clock.settle()
    assert source.calls == 6  # five presses, five more requests
    source.gate = asyncio.Event()  # the next request is slow
    live.refresh()
    await turns_until(lambda: source.calls == 7)
    for _ in range(5):
        live.refresh()  # pressed while the request runs
    source.gate.set()
    await clock.settle()
    assert source.calls == 8  # those five presses made one request
    await clock.advance(4.9)
    assert source.calls == 8  # and the interval starts again after it
    await clock.advance(0.1)
    assert source.calls == 9
    await consumer.stop()


async def test_a_hidden_watch_makes_no_request_and_catches_up_when_shown() -> None:
    clock, source = FakeClock(START), Source()
    live = watch(source, clock)
    consumer = Consumer(live)
    await started(clock, source)
    live.hide()
    await clock.advance(60)
    assert source.calls == 1
    live.refresh()  # asked while hidden: nothing now, at once when shown
    await clock.settle()
    assert source.calls == 1
    live.show()
    await clock.settle()
    assert source.calls == 2
    await clock.advance(5)
    assert source.calls == 3
    await consumer.stop()


async def test_shown_again_before_the_next_poll_is_due_waits_for_it() -> None:
    clock, source = FakeClock(START), Source()
    live = watch(source, clock)
    consumer = Consumer(live)
    await started(clock, source)
    live.hide()
    await clock.advance(2)
    live.show()
    await clock.settle()
    assert source.calls == 1
    await clock.advance(3)
    assert source.calls == 2
    await consumer.stop()


async def test_a_hidden_watch_from_the_start_waits_to_be_shown() -> None:
    clock, source = FakeClock(START), Source()
    live = watch(source, clock, visible=False)
    consumer = Consumer(live)
    await asyncio.sleep(0)
    await clock.advance(30)
    assert source.calls == 0
    live.show()
    await clock.settle()
    assert source.calls == 1
    await consumer.stop()


async def test_failures_back_off_exponentially_up_to_a_minute_then_recover() -> None:
    clock, source = FakeClock(START), Source()
    source.failure = Unreachable("cannot connect to ci:443")
    health = Health()
    consumer = Consumer(watch(source, clock, health=health))
    await started(clock, source)
    times = [clock.monotonic()]
    for _ in range(7):
        before = source.calls
        while source.calls == before:
            await clock.advance(1)
        times.append(clock.monotonic())
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps == [5, 10, 20, 40, 60, 60, 60]
    stale = consumer.updates[-1]
    assert isinstance(stale, Stale)
    assert stale.since == START and stale.reason == "cannot connect to ci:443"
    assert stale.retry_in == 60 and stale.last is None
    assert health.stale_since == START and health.reason == "cannot connect to ci:443"
    source.failure = None
    await clock.advance(60)
    fresh = consumer.updates[-1]
    assert isinstance(fresh, Fresh)
    assert health.stale_since is None and health.refreshed_at == fresh.at
    recovered = source.calls
    await clock.advance(5)
    assert source.calls == recovered + 1  # back to the interval
    await consumer.stop()


async def test_jitter_makes_retries_up_to_a_fifth_sooner() -> None:
    backoff = Backoff()
    assert backoff.delay(5, 0, None, draw=0.0) == 5
    assert backoff.delay(5, 0, None, draw=1.0) == 4
    assert backoff.delay(5, 9, None, draw=0.5) == 54  # the cap, made shorter
    assert backoff.delay(60, 0, None, draw=0.0) == 5  # a slow poll still retries soon
    assert backoff.delay(1, 2, None, draw=0.0) == 4


async def test_retry_after_is_honoured() -> None:
    clock, source = FakeClock(START), Source()
    source.failure = ServerError("ci failed with HTTP 503", 503, retry_after=30)
    consumer = Consumer(watch(source, clock))
    await started(clock, source)
    await clock.advance(29)
    assert source.calls == 1
    await clock.advance(1)
    assert source.calls == 2
    await consumer.stop()


async def test_stale_updates_keep_the_last_value_and_the_first_failure_time() -> None:
    clock, source = FakeClock(START), Source()
    consumer = Consumer(watch(source, clock))
    await started(clock, source)
    source.failure = Unreachable("down")
    await clock.advance(5)
    await clock.advance(5)
    first, second = consumer.updates[1:3]
    assert isinstance(first, Stale) and isinstance(second, Stale)
    assert first.last == second.last == 1
    assert first.since == second.since == START + timedelta(seconds=5)
    await consumer.stop()


async def test_a_missing_item_is_not_a_server_outage() -> None:
    clock, source = FakeClock(START), Source()
    source.failure = NotFound("GET /job/gone/api/json: not found")
    health = Health()
    consumer = Consumer(watch(source, clock, health=health))
    await started(clock, source)
    assert isinstance(consumer.updates[-1], Stale)
    assert health.stale_since is None
    await consumer.stop()


async def test_a_cached_value_comes_first_and_the_fetch_refreshes_it() -> None:
    clock, source = FakeClock(START), Source()
    cache = Cache()
    cache.put("queue", 41, START - timedelta(minutes=3))
    consumer = Consumer(watch(source, clock, cache=(cache, "queue")))
    await started(clock, source)
    cached, fresh = consumer.updates
    assert isinstance(cached, Fresh) and cached.cached and cached.value == 41
    assert isinstance(fresh, Fresh) and not fresh.cached and fresh.value == 1
    stored = cache.get("queue")
    assert stored is not None and stored.value == 1
    await consumer.stop()


async def test_until_ends_the_watch() -> None:
    clock, source = FakeClock(START), Source()
    consumer = Consumer(watch(source, clock, until=lambda value: value >= 2))
    await started(clock, source)
    await clock.advance(5)
    await consumer.task
    await clock.advance(60)
    assert source.calls == 2


async def test_bugs_are_not_retried_and_fatal_errors_end_the_watch() -> None:
    clock = FakeClock(START)

    async def broken() -> int:
        raise TypeError("a bug")

    with pytest.raises(TypeError):
        async for _ in watch(broken, clock):
            pass
    source = Source()
    source.failure = NotFound("gone")
    with pytest.raises(NotFound):
        async for _ in watch(source, clock, fatal=(NotFound,)):
            pass


async def test_many_servers_each_with_its_own_backoff() -> None:
    clock = FakeClock(START)
    healthy, dead = Source(), Source()
    dead.failure = Unreachable("no route to host")
    consumer = Consumer(merged({"prod": watch(healthy, clock), "legacy": watch(dead, clock)}))
    await started(clock, healthy)
    await started(clock, dead)
    await clock.advance(60)
    assert healthy.calls == 13  # every 5 s, undisturbed
    assert dead.calls == 4  # 5, 10, 20, then 40 s later: t = 5, 15, 35, (75)
    await consumer.stop()


async def test_a_watch_that_never_pauses_keeps_polling() -> None:
    clock, source = FakeClock(START), Source()
    consumer = Consumer(watch(source, clock))
    await started(clock, source)
    await clock.advance(300)
    assert source.calls == 61
    await consumer.stop()
