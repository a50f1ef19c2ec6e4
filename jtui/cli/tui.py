"""`jtui` with no command: the terminal UI."""

from __future__ import annotations

import argparse

from ..config.errors import ProfileError
from ..config.profiles import Profile, load_config, select_profile
from ..core.home import Home
from .common import EXIT_OK, command


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
    from ..ui.app import JtuiApp

    app = JtuiApp(home, profile, keys=config.keys, theme=config.theme, demo=args.demo)
    app.run()
    return app.return_code or EXIT_OK
