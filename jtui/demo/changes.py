"""A demo build's changelog: Pipelines export `changeSets` (one per checkout), freestyle
builds a single `changeSet`, as Jenkins does. Builds of `platform/release-train` and
`testJob` carry two git commits each; the rest none."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .export import Record, record

if TYPE_CHECKING:
    from .model import Build

_WITH_CHANGES = ("platform/release-train", "testJob")
_COMMITS = (
    ("Alice Example", "Fix the flaky parser test", ["src/parser.py", "tests/test_parser.py"]),
    ("Bob Müller", "Windows: quote paths with spaces", ["build/win.ps1"]),
)


def _items(build: Build) -> list[Record]:
    if build.job.full_name not in _WITH_CHANGES:
        return []
    return [
        record(
            "hudson.plugins.git.GitChangeSet",
            999,
            commitId=hashlib.sha1(f"{build.job.full_name}#{build.number}/{n}".encode()).hexdigest(),
            timestamp=build.timestamp - 60_000 * (n + 1),
            msg=message,
            author=record("hudson.model.User", 999, fullName=author),
            affectedPaths=paths,
        )
        for n, (author, message, paths) in enumerate(_COMMITS)
    ]


def change_set(build: Build) -> Record:
    items = _items(build)
    if not items:
        return record("hudson.scm.EmptyChangeLogSet", items=[], kind=None)
    return record("hudson.plugins.git.GitChangeSetList", 999, items=items, kind="git")


def change_sets(build: Build) -> list[Record]:
    items = _items(build)
    return (
        [record("hudson.plugins.git.GitChangeSetList", 999, items=items, kind="git")]
        if items
        else []
    )
