"""What every command shares: exit codes, one-line errors, the session, confirmations."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import signal
import sys
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import Any
from urllib.parse import urlsplit

from ..config.errors import ProfileError
from ..config.profiles import Config, Profile, select_profile
from ..core.errors import EXPECTED_ERRORS, InvalidInput
from ..core.home import Home
from ..core.jobs import on_server, profiles_for
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
            with _interrupt_at_once():
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


@contextlib.contextmanager
def _interrupt_at_once() -> Iterator[None]:
    """^C raises where the program is, as it would without asyncio: asyncio's own handler
    only cancels the main task, which never happens while a write to a full pipe (a reader
    that stopped reading) blocks."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


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


@contextlib.asynccontextmanager
async def open_session(
    args: argparse.Namespace, job_url: str | None = None
) -> AsyncIterator[Session]:
    """The session of the profile `--profile` & co. choose, closed when the command ends.

    A job's URL on another server than that profile's picks the one profile of that server
    (and says so) — unless a profile was named: then it is a usage error.
    """
    config = await load(args)
    by_url = job_url is not None and job_url.startswith(("http://", "https://"))
    try:
        profile: Profile | None = select_profile(config, args.profile)
    except ProfileError:
        if not by_url or args.profile:
            raise
        profile = None  # several profiles, no default: the URL may say which
    if by_url:
        assert job_url is not None
        profile = _profile_of_url(args, config, profile, job_url)
    assert profile is not None
    if not profile.verify_tls:
        warn(f"TLS certificates are NOT verified for profile {profile.name}")
    async with await Session.open(profile, home_of(args)) as session:
        yield session


def _profile_of_url(
    args: argparse.Namespace, config: Config, chosen: Profile | None, url: str
) -> Profile:
    if chosen is not None and on_server(url, chosen):
        return chosen
    named = args.profile or os.environ.get("JTUI_PROFILE")
    where = urlsplit(url).netloc
    if named and chosen is not None:
        raise CommandError(
            f"{url} is on {where}, not on {chosen.host} (profile {chosen.name})", EXIT_USAGE
        )
    matching = profiles_for(url, config.profiles.values())
    if len(matching) != 1:
        many = (
            f"profiles {', '.join(p.name for p in matching)} are" if matching else "no profile is"
        )
        raise CommandError(f"{url} is on {where}: {many} for that server", EXIT_USAGE)
    say(f"jtui: {where} is profile {matching[0].name}'s server: using it", err=True)
    return matching[0]


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
