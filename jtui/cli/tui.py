"""`jtui` with no command: the terminal UI."""

from __future__ import annotations

import argparse

from ..config.locations import config_path
from ..config.profiles import Profile, ProfileError, load_config, select_profile
from .common import EXIT_OK, command


@command
def run(args: argparse.Namespace) -> int:
    path = config_path(args.config)
    profile: Profile | None = None
    if not args.demo:
        try:
            profile = select_profile(load_config(path), args.profile)
        except ProfileError:
            if args.profile:
                raise
            # First run, or several profiles and no default: start on the Servers screen.
    from ..ui.app import JtuiApp

    app = JtuiApp(path, profile, demo=args.demo)
    app.run()
    return app.return_code or EXIT_OK
