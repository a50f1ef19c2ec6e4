"""What every command shares: exit codes, one-line errors, the session, confirmations."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from ..config.profiles import Config, Profile, select_profile
from ..core.errors import EXPECTED_ERRORS, InvalidInput
from ..core.home import Home
from ..core.session import Session
from ..core.text import printable
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
        except InvalidInput as error:
            return fail(str(error), EXIT_USAGE)
        except EXPECTED_ERRORS as error:
            return fail(str(error), EXIT_ERROR)
        except OSError as error:  # the environment: a file, a permission, the disk
            where = f"{error.filename}: " if error.filename else ""
            return fail(f"{where}{error.strerror or error}", EXIT_ERROR)

    return guarded


def say(text: str, *, err: bool = False, end: str = "\n") -> None:
    """Every line the command line prints (but a token and a build log): plain text only —
    whatever the server put in it, no escape sequence or control reaches the terminal."""
    print(printable(text, lines=True), end=end, file=sys.stderr if err else sys.stdout, flush=err)


def fail(message: str, code: int = EXIT_ERROR) -> int:
    say(f"jtui: {printable(message)}", err=True)
    return code


def warn(message: str) -> None:
    say(f"jtui: warning: {printable(message)}", err=True)


def home_of(args: argparse.Namespace) -> Home:
    return Home.default(args.config)


async def load(args: argparse.Namespace) -> Config:
    config = await home_of(args).config()
    if config.permission_warning:
        warn(config.permission_warning)
    return config


async def chosen_profile(args: argparse.Namespace) -> Profile:
    profile = select_profile(await load(args), args.profile)
    if not profile.verify_tls:
        warn(f"TLS certificates are NOT verified for profile {profile.name}")
    return profile


@contextlib.asynccontextmanager
async def open_session(args: argparse.Namespace) -> AsyncIterator[Session]:
    """The session of the profile `--profile` & co. choose, closed when the command ends."""
    profile = await chosen_profile(args)
    async with await Session.open(profile, home_of(args)) as session:
        yield session


async def confirm(args: argparse.Namespace, question: str) -> None:
    """Go on with `--yes`, or after a "y" on a terminal; refuse (exit 2) otherwise."""
    if getattr(args, "yes", False):
        return
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise CommandError(f"{question} — not on a terminal: add --yes to confirm", EXIT_USAGE)
    say(f"{question} [y/N] ", err=True, end="")
    answer = (await asyncio.to_thread(sys.stdin.readline)).strip().lower()
    if answer not in ("y", "yes"):
        raise CommandError("not confirmed", EXIT_USAGE)
