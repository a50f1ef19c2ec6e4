"""The root's listing kept between sessions: shown at once, marked cached until the server
answers (Pilot against the demo), and the file itself (0600, replaced when unreadable)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jtui.config.listings import ListingCache
from jtui.demo import DemoJenkins
from jtui.ui.plain import Static
from jtui.ui.screens.jobs import JobsScreen

from .ui_support import current, keys_of, make_app, wait_until


def _crumbs(app: object) -> str:
    return str(current(app, JobsScreen).query_one("#crumbs", Static).render())  # type: ignore[arg-type]


@pytest.mark.tui
async def test_the_last_sessions_jobs_show_before_the_server_answers(
    tmp_path: Path, demo: DemoJenkins
) -> None:
    first = make_app(tmp_path, demo)
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(first))
    demo.faults.update(latency_ms=3000)  # the next session's server is slow to answer
    second = make_app(tmp_path, demo)
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "testJob" in keys_of(second), timeout=2.5)
        assert "↻ cached <1m ago — refreshing…" in _crumbs(second)
        demo.faults.update(latency_ms=0)
        await wait_until(pilot, lambda: "cached" not in _crumbs(second), timeout=15)
        assert "testJob" in keys_of(second)


@pytest.mark.unit
def test_the_cache_file_is_private_and_an_unreadable_one_is_ignored(tmp_path: Path) -> None:
    cache = ListingCache(tmp_path / "listings")
    answer = {"jobs": [{"name": "a", "_class": "hudson.model.FreeStyleProject"}]}
    cache.save("prod", "https://ci/", answer, 1700000000.0)
    path = cache.path("prod", "https://ci/")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ListingCache(tmp_path / "listings").load("prod", "https://ci/") == (answer, 1.7e9)
    assert cache.load("prod", "https://other/") is None  # another server, another file
    path.write_text("{not json")
    assert ListingCache(tmp_path / "listings").load("prod", "https://ci/") is None
    ListingCache(tmp_path / "listings").save("prod", "https://ci/", answer, 1.0)
    assert cache.load("prod", "https://ci/") == (answer, 1.0)


@pytest.mark.unit
def test_an_unchanged_answer_is_written_again_only_after_a_while(tmp_path: Path) -> None:
    cache = ListingCache(tmp_path / "listings")
    answer = {"jobs": [{"name": "a"}]}
    cache.save("prod", "https://ci/", answer, 1000.0)
    cache.save("prod", "https://ci/", answer, 1010.0)  # the next poll: not written
    assert ListingCache(tmp_path / "listings").load("prod", "https://ci/") == (answer, 1000.0)
    cache.save("prod", "https://ci/", answer, 1400.0)  # minutes later: "cached" stays true
    assert ListingCache(tmp_path / "listings").load("prod", "https://ci/") == (answer, 1400.0)
