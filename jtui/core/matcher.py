"""Fuzzy matching over thousands of job names, fast enough to run on every keystroke.

A query matches a name when its characters appear in order (case-insensitive); words in the
query must each match. Results rank contiguous matches, matches at a word start and short
names first. Narrowing a query only searches the previous matches.
"""

from __future__ import annotations

from collections.abc import Sequence

_WORD_START = frozenset("/-_. %")


class FuzzyIndex:
    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self._folded = [name.casefold() for name in self.names]
        self._last_query = ""
        self._last_hits: list[int] = list(range(len(self.names)))

    def search(self, query: str, limit: int | None = None) -> list[int]:
        """Indices of matching names, best first."""
        terms = query.casefold().split()
        if not terms:
            return list(range(len(self.names)))[:limit]
        narrowing = self._last_query and query.casefold().startswith(self._last_query)
        pool = self._last_hits if narrowing else range(len(self.names))
        scored: list[tuple[float, int]] = []
        folded = self._folded
        for index in pool:
            name = folded[index]
            total = 0.0
            for term in terms:
                position = name.find(term)
                if position != -1:
                    total += position * 0.01 - 50 - (10 if _starts_word(name, position) else 0)
                    continue
                span = _subsequence(term, name)
                if span is None:
                    break
                start, end = span
                total += (end - start) * 2 - (10 if _starts_word(name, start) else 0)
            else:
                scored.append((total + len(name) * 0.1, index))
        scored.sort()
        hits = [index for _, index in scored]
        self._last_query, self._last_hits = query.casefold(), hits
        return hits[:limit]


def _subsequence(term: str, name: str) -> tuple[int, int] | None:
    """Where `term`'s characters first appear in order in `name` (start, end), if they do."""
    start = position = name.find(term[0])
    if position == -1:
        return None
    for char in term[1:]:
        position = name.find(char, position + 1)
        if position == -1:
            return None
    return start, position + 1


def _starts_word(name: str, position: int) -> bool:
    return position == 0 or name[position - 1] in _WORD_START
