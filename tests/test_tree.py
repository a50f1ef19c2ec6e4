"""The demo's `tree=` parser and visibility pruning (Stapler semantics)."""

from __future__ import annotations

import pytest

from jtui.demo.export import Context, Record, export
from jtui.demo.tree import MalformedTree, Pruner, parse_tree

pytestmark = pytest.mark.unit


def test_parse_nested_names_and_ranges() -> None:
    tree = parse_tree("jobs[name,builds[number]{0,5}]{2,},views{1}")
    jobs = tree.children["jobs"]
    assert (jobs.start, jobs.stop) == (2, None)
    builds = jobs.children["builds"]
    assert (builds.start, builds.stop) == (0, 5)
    assert set(builds.children) == {"number"}
    views = tree.children["views"]
    assert (views.start, views.stop) == (1, 2)
    assert parse_tree("a{,3}").children["a"].stop == 3


@pytest.mark.parametrize("bad", ["", "jobs[", "jobs[]", "a,,b", "a]", "a{x}", "a{1,2"])
def test_malformed(bad: str) -> None:
    with pytest.raises(MalformedTree):
        parse_tree(bad)


def test_wildcard_and_ranges_in_export() -> None:
    inner = Record("x.Inner", (("number", 1, 999), ("secret", 2, 1)))
    outer = Record("x.Outer", (("items", [inner, inner, inner], 1), ("name", "n", 1)))
    ctx = Context("http://h/")
    assert export(outer, Pruner.by_tree(parse_tree("items[*]{1,}")), ctx) == {
        "_class": "x.Outer",
        "items": [{"_class": "x.Inner", "number": 1, "secret": 2}] * 2,
    }


def test_depth_visibility() -> None:
    inner = Record("x.Inner", (("number", 1, 999), ("detail", 2, 1), ("color", "blue", 2)))
    final = Record(None, (("score", 80, 2),))
    outer = Record("x.Outer", (("child", inner, 1), ("health", [final], 1)))
    ctx = Context("http://h/")
    assert export(outer, Pruner.by_depth(0), ctx) == {
        "_class": "x.Outer",
        "child": {"_class": "x.Inner", "number": 1, "color": "blue"},
        "health": [{"score": 80}],
    }
    deeper = export(outer, Pruner.by_depth(1), ctx)
    assert deeper["child"] == {"_class": "x.Inner", "number": 1, "detail": 2, "color": "blue"}


def test_hidden_unless_named() -> None:
    outer = Record("x.Outer", (("allBuilds", [1, 2], -2), ("name", "n", 1)))
    ctx = Context("http://h/")
    assert "allBuilds" not in export(outer, Pruner.by_depth(5), ctx)
    assert export(outer, Pruner.by_tree(parse_tree("allBuilds")), ctx)["allBuilds"] == [1, 2]
