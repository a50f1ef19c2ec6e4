"""Where a profile's API token comes from, and getting it without hanging or leaking.

Sources: `token` (inline in the 0600 config), `token_env` (an environment variable),
`token_command` (a program such as `pass show jenkins/prod`, split like a shell would but run
without one, with a timeout) and, as an optional extra, `keyring` (imported lazily, bounded by
a timeout so a locked or absent keyring on a headless host never blocks).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..secret import Secret
from .errors import SecretError

COMMAND_TIMEOUT = 15.0
KEYRING_TIMEOUT = 3.0


class SourceKind(StrEnum):
    INLINE = "token"
    ENV = "token_env"
    COMMAND = "token_command"
    KEYRING = "keyring"


@dataclass(frozen=True, slots=True)
class TokenSource:
    kind: SourceKind
    detail: str  # the variable, the command or the keyring service; "" for inline
    inline: Secret | None = None

    def describe(self) -> str:
        if self.kind is SourceKind.INLINE:
            return self.detail or "config file (token)"
        if self.kind is SourceKind.ENV:
            return f"environment variable {self.detail}"
        if self.kind is SourceKind.COMMAND:
            return f"command `{self.detail}`"
        return f"keyring service {self.detail}"

    @property
    def can_store(self) -> bool:
        """Whether jtui itself can save a new token here (only into the config file)."""
        return self.kind is SourceKind.INLINE


def resolve(source: TokenSource, user: str, environ: Mapping[str, str] | None = None) -> Secret:
    if source.kind is SourceKind.INLINE:
        if not source.inline:
            raise SecretError("the profile's token is empty")
        return source.inline
    if source.kind is SourceKind.ENV:
        value = (os.environ if environ is None else environ).get(source.detail, "").strip()
        if not value:
            raise SecretError(f"environment variable {source.detail} is not set")
        return Secret(value)
    if source.kind is SourceKind.COMMAND:
        return _from_command(source.detail)
    return _from_keyring(source.detail, user)


def _from_command(command: str) -> Secret:
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise SecretError(f"token_command cannot be split: {error}") from None
    if not argv:
        raise SecretError("token_command is empty")
    try:
        result = subprocess.run(
            argv,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
            # No controlling terminal: a command that would prompt (a pinentry on /dev/tty)
            # fails at once instead of drawing over the app or waiting for the timeout.
            start_new_session=True,
            check=False,
        )
    except FileNotFoundError:
        raise SecretError(f"token_command: {argv[0]} not found") from None
    except OSError as error:  # not executable, a directory, …
        raise SecretError(f"token_command: {argv[0]} cannot be run: {error.strerror}") from None
    except subprocess.TimeoutExpired:
        raise SecretError(
            f"token_command `{argv[0]}` did not finish within {COMMAND_TIMEOUT:g} s"
        ) from None
    if result.returncode != 0:
        raise SecretError(f"token_command `{argv[0]}` failed with exit status {result.returncode}")
    lines = result.stdout.decode("utf-8", "replace").strip().splitlines()
    if not lines or not lines[0].strip():
        raise SecretError(f"token_command `{argv[0]}` printed nothing")
    return Secret(lines[0].strip())  # like `pass`, the first line is the secret


def _from_keyring(service: str, user: str) -> Secret:
    found: list[str | None] = []
    failure: list[str] = []

    def look_up() -> None:
        try:
            import keyring  # type: ignore[import-not-found, unused-ignore]

            found.append(keyring.get_password(service, user))
        except ImportError:
            failure.append("the keyring extra is not installed (pip install 'jtui[keyring]')")
        except Exception as error:  # any backend failure: locked, no D-Bus, …
            failure.append(f"keyring failed: {type(error).__name__}")

    worker = threading.Thread(target=look_up, name="keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT)
    if worker.is_alive():
        raise SecretError(f"the keyring did not answer within {KEYRING_TIMEOUT:g} s")
    if failure:
        raise SecretError(failure[0])
    if not found or not found[0]:
        raise SecretError(f"no token in the keyring for service {service}, user {user}")
    return Secret(found[0])
