"""The fuzzy matcher behind `/`."""

from __future__ import annotations

import random

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


def reference_search(names: list[str], query: str) -> list[int]:
    """The matcher's rules, one name at a time: what the fast passes must agree with."""
    if not query.split():
        return list(range(len(names)))
    ranked: list[tuple[int, int]] = []
    for index, name in enumerate(name.casefold() for name in names):
        total = len(name) * 10
        for term in query.casefold().split():
            position = name.find(term)
            if position != -1:
                total += position - 5000 - (1000 if starts_word(name, position) else 0)
                continue
            start = end = name.find(term[0])
            for char in term[1:]:
                end = -1 if end == -1 else name.find(char, end + 1)
            if start == -1 or end == -1:
                break
            total += (end + 1 - start) * 200 - (1000 if starts_word(name, start) else 0)
        else:
            ranked.append((total, index))
    return [index for _, index in sorted(ranked)]


def starts_word(name: str, position: int) -> bool:
    return position == 0 or name[position - 1] in "/-_. %"


def test_the_fast_passes_rank_as_the_rules_say() -> None:
    rng = random.Random(13)
    alphabet = "abcde-/_. %[]^\\\n\u0130ß"
    names = ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(400)]
    index = FuzzyIndex(names)
    for _ in range(300):
        query = "".join(rng.choices(alphabet.replace("\n", "") + "  ", k=rng.randint(1, 5)))
        for typed in (query[:cut] for cut in range(1, len(query) + 1)):  # narrowing, as typed
            assert index.search(typed) == reference_search(names, typed), repr(typed)
