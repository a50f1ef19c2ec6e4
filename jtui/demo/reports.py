"""A demo build's JUnit results, as the junit plugin exports them.

The counts ride in the build's `TestResultAction` (no `passCount` there); the cases are at
`<run>/testReport/api/json`, which exists only when the action does. Every build of a job
with `tests` has one regression (failing since this build: age 1), one failure that has
lasted since build 2, a skipped case, and passes. Statuses are junit ≥ 1363's: PASSED,
FAILED, SKIPPED only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .export import Record, record

if TYPE_CHECKING:
    from .model import Build

_STACK = "\n\tat app.{cls}.{name}({cls}.java:42)\n\tat java.base/jdk.internal.reflect.Method.invoke"
SUITES = ("ParserTest", "NetTest", "UiTest")


@dataclass(frozen=True, slots=True)
class DemoCase:
    cls: str
    name: str
    status: str  # PASSED, FAILED, SKIPPED
    since: int  # the build its failures began with (failures only)
    error: str | None = None

    def record(self, number: int) -> Record:
        failed = self.status == "FAILED"
        trace = _STACK.format(cls=self.cls, name=self.name)
        return Record(
            "hudson.tasks.junit.CaseResult",
            (
                ("className", f"app.{self.cls}", 1),
                ("name", self.name, 1),
                ("status", self.status, 1),
                ("skipped", self.status == "SKIPPED", 1),
                ("age", number - self.since + 1 if failed else 0, 1),
                ("failedSince", self.since if failed else 0, 1),
                ("duration", 0.013, 1),
                ("errorDetails", self.error, 1),
                (
                    "errorStackTrace",
                    f"java.lang.AssertionError: {self.error}{trace}" if failed else None,
                    1,
                ),
                ("stdout", "a line of output\n" * 200, 1),  # what a bare testReport drags along
            ),
        )


def cases(build: Build) -> list[DemoCase]:
    n = build.number
    return [
        DemoCase("ParserTest", "testEmpty", "FAILED", n, "expected:<1> but was:<0>"),
        DemoCase("ParserTest", "testBig", "PASSED", 0),
        DemoCase("NetTest", "testTimeout", "FAILED", min(2, n), "timed out after 5000 ms"),
        DemoCase("NetTest", "testRetry", "PASSED", 0),
        DemoCase("UiTest", "testRender", "SKIPPED", 0),
        DemoCase("UiTest", "testLayout", "PASSED", 0),
    ]


def has_report(build: Build) -> bool:
    return build.job.settings.tests and not build.building


def _counts(build: Build) -> tuple[int, int, int]:
    found = cases(build)
    failed = sum(1 for case in found if case.status == "FAILED")
    skipped = sum(1 for case in found if case.status == "SKIPPED")
    return len(found), failed, skipped


def summary_action(build: Build) -> Record:
    total, failed, skipped = _counts(build)
    return record(
        "hudson.tasks.junit.TestResultAction",
        2,
        failCount=failed,
        skipCount=skipped,
        totalCount=total,
        urlName="testReport",
    )


def test_report(build: Build) -> Record:
    total, failed, skipped = _counts(build)
    suites = [  # suites and cases are `inline`: a plain testReport/api/json has them all
        _inline(
            record(
                "hudson.tasks.junit.SuiteResult",
                name=f"app.{cls}",
                nodeId="9",
                enclosingBlockNames=["windows", "Test"],
                cases=[case.record(build.number) for case in cases(build) if case.cls == cls],
            ),
            "cases",
        )
        for cls in SUITES
    ]
    report = record(
        "hudson.tasks.junit.TestResult",
        duration=0.2,
        empty=False,
        failCount=failed,
        passCount=total - failed - skipped,
        skipCount=skipped,
        suites=suites,
    )
    return _inline(report, "suites")


def _inline(found: Record, *names: str) -> Record:
    return Record(found.class_name, found.fields, frozenset(names))
