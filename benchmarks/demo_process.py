"""The demo Jenkins in a process of its own, so that what a benchmark measures is jtui's."""

from __future__ import annotations

import re
import subprocess
import sys


def start_demo(*options: str) -> tuple[subprocess.Popen[str], str, str]:
    """`jtui demo-server --port 0 OPTIONS…`: the process, its URL and its token."""
    server = subprocess.Popen(
        [sys.executable, "-m", "jtui", "demo-server", "--port", "0", *options],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    lines = [server.stdout.readline() for _ in range(3)]
    url = re.search(r"at (\S+)", lines[0])
    token = re.search(r"token:\s+(\S+)", lines[2])
    assert url and token, lines
    return server, url.group(1), token.group(1)
