"""The fuzzy matcher behind `/`."""

from __future__ import annotations

import pytest

from jtui.core.matcher import FuzzyIndex

pytestmark = pytest.mark.unit

NAMES = [
    "platform/backend/api-server",
    "platform/backend/worker",
    "webapp/feature%2Flogin",
    "teams/team-01/api/api-service-003",
    "deploy-service",
    "Release Notes",
]


def found(index: FuzzyIndex, query: str) -> list[str]:
    return [index.names[i] for i in index.search(query)]


def test_subsequence_and_ranking() -> None:
    index = FuzzyIndex(NAMES)
    assert found(index, "deploy")[0] == "deploy-service"
    assert found(index, "bkwrk") == ["platform/backend/worker"]
    assert found(index, "LOGIN") == ["webapp/feature%2Flogin"]
    assert found(index, "release notes") == ["Release Notes"]
    assert found(index, "zzz") == []
    assert found(index, "") == NAMES


def test_narrowing_and_widening_give_the_same_as_fresh_searches() -> None:
    index = FuzzyIndex(NAMES)
    for query in ("a", "ap", "api", "ap", "", "se", "ser", "serv"):
        assert found(index, query) == found(FuzzyIndex(NAMES), query)
