"""What a build left behind: its JUnit results (`client.results`).

The counts come from the build's `TestResultAction` (cheap: stored with the build); the cases
from `testReport/api/json` with a `tree=` (a bare report carries every case's output). A
failure of age 1 is a regression: junit ≥ 1363 no longer says REGRESSION itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import NotFound
from .paths import build_path

if TYPE_CHECKING:
    from .client import JenkinsClient

TEST_ACTION = "hudson.tasks.junit.TestResultAction"
CASES_TREE = "suites[name,cases[className,name,status,age,failedSince,errorDetails]]"
FAILING = frozenset({"FAILED", "REGRESSION"})


@dataclass(frozen=True, slots=True)
class TestCase:
    class_name: str
    name: str
    status: str  # PASSED, FAILED, SKIPPED (older junit: also REGRESSION, FIXED)
    age: int  # builds it has failed in a row (0 when it passes)
    error: str | None

    @property
    def failed(self) -> bool:
        return self.status in FAILING

    @property
    def regression(self) -> bool:
        """It failed for the first time in this build."""
        return self.failed and (self.age == 1 or self.status == "REGRESSION")


@dataclass(frozen=True, slots=True)
class TestReport:
    total: int
    failed: int
    skipped: int
    cases: tuple[TestCase, ...]

    @property
    def passed(self) -> int:
        return self.total - self.failed - self.skipped


class ResultsApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def test_report(self, full_name: str, number: int) -> TestReport | None:
        """The build's JUnit results, failed cases first; None when it has none."""
        run = build_path(full_name, number)
        raw = await self._client.http.get_json(
            run + "api/json", {"tree": "actions[_class,failCount,skipCount,totalCount]"}
        )
        actions = raw.get("actions") if isinstance(raw, dict) else None
        summary = next((a for a in _dicts(actions) if a.get("_class") == TEST_ACTION), None)
        if summary is None:
            return None
        try:
            report = await self._client.http.get_json(
                run + "testReport/api/json", {"tree": CASES_TREE}
            )
        except NotFound:
            return None
        cases = [
            _case(case)
            for suite in _dicts(report.get("suites") if isinstance(report, dict) else None)
            for case in _dicts(suite.get("cases"))
        ]
        cases.sort(key=lambda case: (not case.failed, not case.regression))
        return TestReport(
            total=_count(summary, "totalCount", len(cases)),
            failed=_count(summary, "failCount", sum(case.failed for case in cases)),
            skipped=_count(summary, "skipCount", 0),
            cases=tuple(cases),
        )


def _case(raw: dict[str, Any]) -> TestCase:
    age = raw.get("age")
    error = raw.get("errorDetails")
    return TestCase(
        class_name=str(raw.get("className", "")),
        name=str(raw.get("name", "")),
        status=str(raw.get("status", "")).upper(),
        age=age if isinstance(age, int) and not isinstance(age, bool) else 0,
        error=str(error) if error else None,
    )


def _count(raw: dict[str, Any], key: str, default: int) -> int:
    value = raw.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _dicts(raw: Any) -> list[dict[str, Any]]:
    return [item for item in raw if isinstance(item, dict)] if isinstance(raw, list) else []
