"""Every request the demo answered, and the bytes of its answers: for tests that count how
often a client asks, and benchmarks that weigh what it costs."""

from __future__ import annotations

import threading
from collections import Counter


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: Counter[tuple[str, str]] = Counter()
        self._sent = 0  # bytes of response bodies and headers

    def note(self, method: str, path: str) -> None:
        with self._lock:
            self._seen[(method, path)] += 1

    def count(self, path: str, method: str = "GET") -> int:
        """How many requests for exactly this path (below the context path, no query)."""
        with self._lock:
            return self._seen[(method, path)]

    def sent(self, count: int) -> None:
        with self._lock:
            self._sent += count

    def bytes_sent(self) -> int:
        with self._lock:
            return self._sent

    def total(self) -> int:
        with self._lock:
            return sum(self._seen.values())
