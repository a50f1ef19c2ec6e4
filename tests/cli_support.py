"""Running `jtui` as a user would: a subprocess with its own config and state directories."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

SCRUBBED = ("JTUI_CONFIG", "JTUI_PROFILE", "JENKINS_URL", "JENKINS_USER_ID", "JENKINS_API_TOKEN")


@dataclass
class Jtui:
    home: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.home / "config" / "jtui" / "config.toml"

    def env(self, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
        env.update(
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_STATE_HOME=str(self.home / "state"),
            XDG_CACHE_HOME=str(self.home / "cache"),
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        env.update(overrides or {})
        return env

    def __call__(
        self,
        *args: str,
        stdin: str | None = None,
        timeout: float = 60,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jtui", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=self.env(env),
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )

    def add_profile(
        self,
        name: str,
        url: str,
        user: str,
        *options: str,
        stdin: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """`jtui profile add NAME --url URL --user USER OPTIONS…`"""
        return self(
            "profile", "add", name, "--url", url, "--user", user, *options, stdin=stdin, env=env
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "jtui", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**self.env(), "PYTHONFAULTHANDLER": "1"},  # a hang can be asked where it is
        )

    def written_files(self) -> list[Path]:
        return [p for p in self.home.rglob("*") if p.is_file()]


@contextlib.contextmanager
def demo_server(*options: str) -> Iterator[tuple[str, str, str]]:
    """`jtui demo-server` in a process of its own: its URL, user and token, from its banner."""
    process = subprocess.Popen(
        [sys.executable, "-m", "jtui", "demo-server", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    banner = [process.stdout.readline() for _ in range(3)]
    url = re.search(r"at (http://\S+)", banner[0])
    user = re.search(r"user:\s+(\S+)", banner[1])
    token = re.search(r"token:\s+(\S+)", banner[2])
    assert url and user and token, banner
    try:
        yield url.group(1), user.group(1), token.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)
