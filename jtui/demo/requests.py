"""Every request the demo answered, for tests that count how often a client asks."""

from __future__ import annotations

import threading
from collections import Counter


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: Counter[tuple[str, str]] = Counter()

    def note(self, method: str, path: str) -> None:
        with self._lock:
            self._seen[(method, path)] += 1

    def count(self, path: str, method: str = "GET") -> int:
        """How many requests for exactly this path (below the context path, no query)."""
        with self._lock:
            return self._seen[(method, path)]

    def total(self) -> int:
        with self._lock:
            return sum(self._seen.values())
