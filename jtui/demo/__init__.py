"""The demo Jenkins: a simulated Jenkins on loopback for tests, `jtui --demo` and benchmarks.

Seed data (`seed`), behaviour over time (`simulator`), the HTTP surface (`routes`, with
`logs` and `tokens` for their answers, `server`) and fault control (`faults`) are kept apart so
each can grow on its own.
"""

from .server import DemoJenkins

__all__ = ["DemoJenkins"]
