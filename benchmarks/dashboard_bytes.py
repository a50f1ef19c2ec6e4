"""What one dashboard poll costs each server (issue: measure bytes per poll per server):
the activity poll (every `refresh_seconds`) and the recent-failures poll (every minute),
against the three demo servers of `jtui --demo`, and against a demo with ~2,000 jobs.
Bytes are what the server sent: status line, headers and body.
Run: python benchmarks/dashboard_bytes.py"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from jtui.config.ledger import TokenLedger
from jtui.config.state import StateStore
from jtui.core.dashboard import activity, recent_failures
from jtui.core.demo import demo_profile
from jtui.core.home import Home
from jtui.core.session import Session
from jtui.demo import DemoJenkins

ROUNDS = 5


async def weigh(demo: DemoJenkins, home: Home) -> tuple[int, int, int, int]:
    """(bytes, requests) of an activity poll, then of a failures poll: medians of ROUNDS."""
    async with await Session.open(demo_profile(demo), home) as session:
        await session.identify()  # the crumb-less token session, as in the app
        figures: list[tuple[int, int, int, int]] = []
        for _ in range(ROUNDS):
            sent, asked = demo.requests.bytes_sent(), demo.requests.total()
            await activity(session)
            mid_sent, mid_asked = demo.requests.bytes_sent(), demo.requests.total()
            await recent_failures(session)
            figures.append(
                (
                    mid_sent - sent,
                    mid_asked - asked,
                    demo.requests.bytes_sent() - mid_sent,
                    demo.requests.total() - mid_asked,
                )
            )
    return sorted(figures)[ROUNDS // 2]


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        home = Home(root / "config.toml", StateStore(root / "s.toml"), TokenLedger(root / "t"))
        servers = [
            ("prod (the full demo)", DemoJenkins(flavour="prod")),
            ("staging", DemoJenkins(flavour="staging")),
            ("legacy", DemoJenkins(flavour="legacy")),
            ("prod with ~2,000 jobs", DemoJenkins(jobs=2000)),
        ]
        for name, demo in servers:
            with demo:
                live, live_requests, index, index_requests = asyncio.run(weigh(demo, home))
            print(
                f"{name:<24} activity poll {live:>7,} B in {live_requests} requests · "
                f"failures poll {index:>9,} B in {index_requests} requests"
            )


if __name__ == "__main__":
    main()
