"""Full names ↔ URL paths and `tree=` queries."""

from __future__ import annotations

import pytest

from jtui.demo.model import url_segment
from jtui.jenkins.paths import (
    build_path,
    context_path_of,
    full_name_from_path,
    job_path,
    raw_encode,
    relative_path,
    split_full_name,
    tree_query,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("my job", "my%20job"),
        ("é", "%C3%A9"),
        ("feature%2Fx", "feature%252Fx"),
        ("a+b=c@d_e.f-g", "a+b=c@d_e.f-g"),
        ("!$&'()*,", "!$&'()*,"),
        ('"#%/:;<>?[\\]^`{|}~', "%22%23%25%2F%3A%3B%3C%3E%3F%5B%5C%5D%5E%60%7B%7C%7D%7E"),
        ("データ", "%E3%83%87%E3%83%BC%E3%82%BF"),
    ],
)
def test_raw_encode_matches_jenkins(name: str, encoded: str) -> None:
    assert raw_encode(name) == encoded
    assert url_segment(name) == encoded  # the demo's own, independent implementation


def test_job_and_build_paths() -> None:
    assert job_path("a/b c/feature%2Fx") == "job/a/job/b%20c/job/feature%252Fx/"
    assert build_path("a", 7) == "job/a/7/"
    assert build_path("a", "lastBuild") == "job/a/lastBuild/"
    with pytest.raises(ValueError, match="empty"):
        split_full_name("/")


def test_relative_path_ignores_host_and_context() -> None:
    context = context_path_of("https://ci.example.com/jenkins")
    assert context == "/jenkins/"
    assert relative_path("http://wrong:1/jenkins/job/a/3/", context) == "job/a/3/"
    assert relative_path("http://wrong:1/job/a/3/", context) == "job/a/3/"
    assert relative_path("queue/item/5/", "/") == "queue/item/5/"


@pytest.mark.parametrize(
    ("path", "full_name"),
    [
        ("job/a/job/feature%252Fx/", "a/feature%2Fx"),
        ("view/all/job/a/job/b/7/", "a/b"),
        ("job/my%20job/api/json", "my job"),
        ("queue/item/3/", None),
        ("", None),
    ],
)
def test_full_name_from_path(path: str, full_name: str | None) -> None:
    assert full_name_from_path(path) == full_name


def test_tree_query_nests_and_ends_with_bare_children() -> None:
    assert tree_query(["name"], "jobs", 0) == "jobs[name,jobs]"
    assert tree_query(["name", "color"], "jobs", 1) == "jobs[name,color,jobs[name,color,jobs]]"
    assert tree_query(["a", "b"]) == "a,b"
