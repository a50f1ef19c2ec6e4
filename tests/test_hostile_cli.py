"""Every command against a hostile Jenkins: plain output holds no escape sequence, control or
bidi override; `--json` is pure ASCII; a build log keeps its colours and nothing else."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from jtui.demo import DemoJenkins

from .cli_support import Jtui

pytestmark = pytest.mark.e2e
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NOT_COLOUR = re.compile(r"\x1b(?!\[[0-9;:]*m)")  # an escape that starts anything but a colour


@pytest.fixture
def demo() -> Iterator[DemoJenkins]:
    with DemoJenkins(time_scale=50, hostile=True) as jenkins:
        yield jenkins


@pytest.fixture
def added(tmp_path: Path, demo: DemoJenkins) -> Jtui:
    jtui = Jtui(tmp_path)
    result = jtui.add_profile("demo", demo.url, demo.user, "--token-stdin", stdin=demo.token)
    assert result.returncode == 0, result.stderr
    return jtui


EVIL = "hostile/evil\u202ejob\x1b[2J"
PLAIN = [
    ["check"],
    ["profile", "list"],
    ["jobs", "--folders"],
    ["queue"],
    ["nodes"],
    ["token", "list"],
    ["build", EVIL, "--follow"],
    ["build", "hostile/stuck", "-p", "CHOICE=nope"],
    ["log", "hostile/nope"],
]
JSON = [
    ["jobs", "--json", "--folders"],
    ["queue", "--json"],
    ["nodes", "--json"],
    ["token", "list", "--json"],
]


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_plain_output_is_plain(added: Jtui, args: list[str]) -> None:
    result = added(*args)
    for stream in (result.stdout, result.stderr):
        if args[0] == "build":  # the build log's colours are its own
            assert not NOT_COLOUR.search(stream), stream[:2000]
            stream = re.sub(r"\x1b\[[0-9;:]*m", "", stream)
        assert not RAW.search(stream.replace("\n", "").replace("\t", "")), stream[:2000]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", JSON, ids=" ".join)
def test_json_output_is_ascii(added: Jtui, args: list[str]) -> None:
    result = added(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert json.loads(result.stdout)
