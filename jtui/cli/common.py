"""What every command shares: exit codes, one-line errors, profiles, confirmations."""

from __future__ import annotations

import argparse
import asyncio
import functools
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from ..config.files import ConfigError
from ..config.locations import config_path
from ..config.profiles import Config, Profile, load_config, select_profile
from ..config.secrets import SecretError
from ..display import safe_text
from ..jenkins.errors import JenkinsError
from ..jenkins.models import BuildResult

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_UNSTABLE = 3
EXIT_ABORTED = 4
EXIT_ERROR = 5

RESULT_EXIT = {
    BuildResult.SUCCESS: EXIT_OK,
    BuildResult.FAILURE: EXIT_FAILURE,
    BuildResult.UNSTABLE: EXIT_UNSTABLE,
    BuildResult.ABORTED: EXIT_ABORTED,
    BuildResult.NOT_BUILT: EXIT_ABORTED,
}


class CommandError(Exception):
    """Stop the command with this one-line message and exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


Runner = Callable[[argparse.Namespace], int | Coroutine[Any, Any, int]]


def command(run: Runner) -> Callable[[argparse.Namespace], int]:
    """Run a command (sync or async); every expected failure becomes one line on stderr."""

    @functools.wraps(run)
    def guarded(args: argparse.Namespace) -> int:
        try:
            outcome = run(args)
            if isinstance(outcome, int):
                return outcome
            return asyncio.run(outcome)
        except CommandError as error:
            return fail(str(error), error.code)
        except (JenkinsError, ConfigError, SecretError) as error:
            return fail(str(error), EXIT_ERROR)

    return guarded


def fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"jtui: {safe_text(message)}", file=sys.stderr)
    return code


def warn(message: str) -> None:
    print(f"jtui: warning: {safe_text(message)}", file=sys.stderr)


def load(args: argparse.Namespace) -> Config:
    config = load_config(config_path(args.config))
    if config.permission_warning:
        warn(config.permission_warning)
    return config


def chosen_profile(args: argparse.Namespace) -> Profile:
    profile = select_profile(load(args), args.profile)
    if not profile.verify_tls:
        warn(f"TLS certificates are NOT verified for profile {profile.name}")
    return profile


def refuse_if_read_only(profile: Profile, action: str) -> None:
    if profile.read_only:
        raise CommandError(f"profile {profile.name} is read-only: {action} refused")


def confirm(args: argparse.Namespace, question: str) -> None:
    """Go on with `--yes`, or after a "y" on a terminal; refuse (exit 2) otherwise."""
    if getattr(args, "yes", False):
        return
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise CommandError(f"{question} — not on a terminal: add --yes to confirm", EXIT_USAGE)
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    if answer not in ("y", "yes"):
        raise CommandError("not confirmed", EXIT_USAGE)
