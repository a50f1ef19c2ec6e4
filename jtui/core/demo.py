"""The built-in demo Jenkins for `jtui --demo`: started in this process, with a profile that
is never written to the config."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config.profiles import Profile
from ..config.secrets import SourceKind, TokenSource
from ..secret import Secret
from .home import off_loop

if TYPE_CHECKING:  # the demo server (50 ms of imports) only when one starts
    from ..demo import DemoJenkins

FLEET = (  # (flavour, profile name, colour): prod is the full demo
    ("prod", "demo", "green"),
    ("staging", "demo-staging", "yellow"),
    ("legacy", "demo-legacy", "magenta"),
)


def demo_profile(demo: DemoJenkins, name: str = "demo", color: str = "green") -> Profile:
    return Profile(
        name,
        demo.url,
        demo.user,
        TokenSource(SourceKind.INLINE, "the built-in demo", Secret(demo.token)),
        label="DEMO",
        color=color,
        transient=True,
    )


@dataclass(frozen=True)
class DemoServer:
    """The demo's servers; `profile` is the full one's."""

    servers: tuple[DemoJenkins, ...]
    profiles: tuple[Profile, ...]

    @property
    def profile(self) -> Profile:
        return self.profiles[0]

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def _started(flavour: str) -> DemoJenkins:
    from ..demo import DemoJenkins

    return DemoJenkins(flavour=flavour).start()


async def launch_demo() -> DemoServer:
    """Three demo Jenkins side by side (prod, staging, legacy), started off the event loop."""
    servers = await asyncio.gather(*(off_loop(_started, flavour) for flavour, _, _ in FLEET))
    profiles = tuple(
        demo_profile(server, name, color)
        for server, (_, name, color) in zip(servers, FLEET, strict=True)
    )
    return DemoServer(tuple(servers), profiles)
