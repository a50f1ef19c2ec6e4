"""`jtui` with no command: the terminal UI."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from ..config.errors import ProfileError
from ..config.profiles import Config, Profile, load_config, select_profile
from ..core.home import Home
from .common import EXIT_OK, command


def starts_on_dashboard(
    config: Config, flag: str | None, demo: bool, environ: Mapping[str, str]
) -> bool:
    """Several servers and none named (`--profile`, `JTUI_PROFILE`): every one of them first."""
    named = flag or environ.get("JTUI_PROFILE")
    return not demo and not named and len(config.profiles) >= 2


@command
def run(args: argparse.Namespace) -> int:
    home = Home.default(args.config)
    config = load_config(home.config_path)  # before the app starts: nothing else waits yet
    profile: Profile | None = None
    if not args.demo:
        try:
            profile = select_profile(config, args.profile)
        except ProfileError:
            if args.profile:
                raise
            # First run, or several profiles and no default: start on the Servers screen.
    overview = starts_on_dashboard(config, args.profile, args.demo, os.environ)
    from ..ui.app import JtuiApp

    app = JtuiApp(
        home, profile, keys=config.keys, theme=config.theme, demo=args.demo, overview=overview
    )
    app.run()
    return app.return_code or EXIT_OK
