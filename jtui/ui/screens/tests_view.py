"""A build's JUnit results: failed cases first, regressions (failing since this build) marked
NEW; Enter shows a case's error and stack trace."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text

from ...core.build_results import watch_tests
from ...core.display import status_of_case
from ...core.live import Watch
from ...core.session import Session
from ...jenkins.results import TestCase, TestReport
from ..keys import bindings
from ..plain import Words, line
from ..roles import role, status
from ..widgets.table import Cell, Column
from .build_part import BuildPartScreen
from .reader import ReaderScreen

COLUMNS = [
    Column("Status", 10),
    Column("Since", 9, right=True),
    Column("Test", minimum=20),
    Column("Class", minimum=12, drop=1),
]


class TestsScreen(BuildPartScreen[TestReport | None]):
    HELP_TITLE = "Tests"
    BINDINGS = bindings("tests")
    PART = "Tests"
    COLUMNS = COLUMNS

    def watch_of(self, session: Session) -> Watch[TestReport | None]:
        return watch_tests(session, self.full_name, self.number, self.finished)

    def rows_of(self, value: TestReport | None) -> tuple[list[Sequence[Cell]], list[Hashable]]:
        cases = value.cases if value is not None else ()
        return [_row(case) for case in cases], list(range(len(cases)))

    def summary_of(self, value: TestReport | None) -> Words:
        if value is None:
            return ""
        text = Text(f"{value.total} tests: ")
        text.append_text(role(f"✘ {value.failed} failed", "failure" if value.failed else "muted"))
        new = sum(case.regression for case in value.cases)
        if new:
            text.append(f" ({new} new)")
        text.append(f" · ◌ {value.skipped} skipped · ✔ {value.passed} passed")
        return text

    def empty_text(self, value: TestReport | None) -> str:
        if value is None:
            return "no test report: the build ran no JUnit step, or has not finished"
        return "the report has no test cases"

    def _case(self, key: Hashable) -> TestCase | None:
        cases = self.value.cases if self.value is not None else ()
        return cases[key] if isinstance(key, int) and 0 <= key < len(cases) else None

    def detail_of(self, key: Hashable) -> Words:
        case = self._case(key)
        if case is None:
            return ""
        text = Text()
        text.append(f"{line(case.class_name)}\n{line(case.name)}", style="bold")
        text.append("\n\n")
        text.append_text(status(*status_of_case(case.status)))
        text.append(f"  {_since(case)}\n\n")
        text.append(line(case.error or "") if case.failed else "")
        return text

    def detail_line(self, key: Hashable) -> Words:
        case = self._case(key)
        return Text(line(case.error or "")) if case is not None and case.failed else ""

    def open(self, key: Hashable) -> None:
        case = self._case(key)
        if case is None:
            return
        title = Text(f"{line(case.class_name)}.{line(case.name)}", style="bold")
        title.append(f"  {_since(case)}")
        body = "\n\n".join(p for p in (case.error, case.stack_trace) if p) or "(no error text)"
        self.app.push_screen(ReaderScreen(title, body))


def _row(case: TestCase) -> list[Cell]:
    return [
        status(*status_of_case(case.status)),
        role("NEW", "warning") if case.regression else _since(case),
        line(case.name),
        line(case.class_name),
    ]


def _since(case: TestCase) -> str:
    if not case.failed:
        return ""
    return "NEW" if case.regression else f"{case.age} builds"
