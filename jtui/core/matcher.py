"""Fuzzy matching over thousands of job names, fast enough to run on every keystroke.

A query matches a name when its characters appear in order (case-insensitive); words in the
query must each match. Results rank contiguous matches, matches at a word start and short
names first. Narrowing a query only searches the previous matches.

Each term is looked for in every name by C-level loops (`map` over `str.find`, then over a
possessive pattern for the names without it), and scores are integers sorted once: at 50,000
names a keystroke has tens of milliseconds, and one Python loop doing it all per name took
over a microsecond each on the benchmark machine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, repeat

_WORD_START = "/-_. %"
# Scores, in hundredths so that they stay integers: lower is better.
_CONTIGUOUS = -5000  # a contiguous match, plus its position
_AT_WORD_START = -1000
_PER_SPANNED_CHARACTER = 200  # a subsequence match, by how far it spreads
_PER_NAME_CHARACTER = 10


class FuzzyIndex:
    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self._folded = [name.casefold() for name in self.names]
        self._last_query = ""
        self._last_matched: list[int] = []

    def search(self, query: str, limit: int | None = None) -> list[int]:
        """Indices of matching names, best first."""
        folded_query = query.casefold()
        terms = folded_query.split()
        if not terms:
            return list(range(len(self.names)))[:limit]
        narrowing = self._last_query and folded_query.startswith(self._last_query)
        pool: Sequence[int] = self._last_matched if narrowing else range(len(self.names))
        folded = [self._folded[i] for i in pool] if narrowing else self._folded
        # A key per name: its score times the count of names, plus its index, so that one
        # sort of integers orders by score, then by index. A term adds its score times count.
        count = len(self.names)
        keys = [
            len(name) * _PER_NAME_CHARACTER * count + index
            for index, name in zip(pool, folded, strict=True)
        ]
        matched, keys = self._narrow(pool, folded, keys, terms[0])
        for term in terms[1:]:
            matched, keys = self._narrow(matched, [self._folded[i] for i in matched], keys, term)
        keys.sort()
        hits = list(map(count.__rmod__, keys))  # key % count
        self._last_query, self._last_matched = folded_query, matched
        return hits[:limit]

    def _narrow(
        self, pool: Sequence[int], folded: list[str], keys: list[int], term: str
    ) -> tuple[list[int], list[int]]:
        """The names of `pool` (`folded`, with their `keys`) that match `term`, and their keys
        with its score added."""
        count = len(self.names)
        positions = list(map(str.find, folded, repeat(term)))
        kept_pool = list(compress(pool, map((-1).__lt__, positions)))  # position >= 0
        kept_keys = [
            key
            + (
                _CONTIGUOUS
                + position
                + (_AT_WORD_START if not position or name[position - 1] in _WORD_START else 0)
            )
            * count
            for key, name, position in zip(keys, folded, positions, strict=True)
            if position >= 0
        ]
        if len(kept_pool) == len(positions) or len(term) == 1:
            return kept_pool, kept_keys  # one character is found contiguously or not at all
        missed = [position < 0 for position in positions]
        missed_names = list(compress(folded, missed))
        spans = map(_subsequence_pattern(term).match, missed_names)
        for index, key, name, span in zip(
            compress(pool, missed), compress(keys, missed), missed_names, spans, strict=True
        ):
            if span is None:
                continue
            start, end = span.span(1)
            kept_pool.append(index)
            kept_keys.append(
                key
                + (
                    (end - start) * _PER_SPANNED_CHARACTER
                    + (_AT_WORD_START if not start or name[start - 1] in _WORD_START else 0)
                )
                * count
            )
        return kept_pool, kept_keys


def _subsequence_pattern(term: str) -> re.Pattern[str]:
    """`term`'s characters in order (group 1), each at its first occurrence after the one
    before: if any occurrence of the first character starts a match, its first one does.
    Possessive runs of "anything but the next character" make it one pass, never backtracking."""
    first, *rest = (re.escape(char) for char in term)
    runs = "".join(f"[^{char}]*+{char}" for char in rest)
    return re.compile(f"[^{first}]*+({first}{runs})")
