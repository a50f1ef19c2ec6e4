"""The argument parser: built for the command asked only, it must parse as the whole one."""

from __future__ import annotations

import argparse

import pytest

from jtui.cli.parser import build_parser

pytestmark = pytest.mark.unit

LINES = [
    ["jobs", "--json"],
    ["--profile", "prod", "log", "folder/app", "7", "--follow"],
    ["--color", "never", "build", "app", "-p", "A=1", "--yes"],
    ["token", "revoke", "ci-token", "--yes"],
    ["node", "offline", "agent-1", "--message", "disk"],
    [
        "profile",
        "add",
        "ci",
        "--url",
        "https://ci.example/",
        "--user",
        "me",
        "--token-env",
        "CI_TOKEN",
    ],
    ["input", "app", "3", "--proceed", "-p", "ENV=prod"],
    ["check"],
]


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    return [a.dest for a in parser._subparsers._group_actions[0]._choices_actions]  # type: ignore[union-attr]


def _parsed(parser: argparse.ArgumentParser, argv: list[str]) -> dict[str, object]:
    values = vars(parser.parse_args(argv))
    handler = values.pop("handler")
    module, function = (cell.cell_contents for cell in handler.__closure__)
    return values | {"handler": (module, function)}


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_the_parser_of_one_command_parses_as_the_whole_one(argv: list[str]) -> None:
    whole, one = build_parser(None), build_parser(argv)
    assert len(_commands(whole)) > 20 and len(_commands(one)) == 1
    assert _parsed(one, argv) == _parsed(whole, argv)


def test_a_word_that_is_no_command_gets_the_whole_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser(["jbos"]).parse_args(["jbos"])
    assert "choose from 'profile', 'check'" in capsys.readouterr().err
