"""The built-in demo Jenkins for `jtui --demo`: started in this process, with a profile that
is never written to the config."""

from __future__ import annotations

from dataclasses import dataclass

from ..config.profiles import Profile
from ..config.secrets import SourceKind, TokenSource
from ..demo import DemoJenkins
from ..secret import Secret
from .home import off_loop


def demo_profile(demo: DemoJenkins) -> Profile:
    return Profile(
        "demo",
        demo.url,
        demo.user,
        TokenSource(SourceKind.INLINE, "the built-in demo", Secret(demo.token)),
        label="DEMO",
        color="green",
        transient=True,
    )


@dataclass(frozen=True)
class DemoServer:
    jenkins: DemoJenkins
    profile: Profile

    def stop(self) -> None:
        self.jenkins.stop()


async def launch_demo() -> DemoServer:
    jenkins = await off_loop(lambda: DemoJenkins().start())
    return DemoServer(jenkins, demo_profile(jenkins))
