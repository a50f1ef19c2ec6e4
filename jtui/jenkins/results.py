"""What a build left behind: JUnit results, artifacts, its changes (`client.results`).

The counts come from the build's `TestResultAction` (cheap: stored with the build); the cases
from `testReport/api/json` with a `tree=` (a bare report carries every case's output). A
failure of age 1 is a regression: junit ≥ 1363 no longer says REGRESSION itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .errors import NotFound
from .paths import build_path, raw_encode
from .shapes import dicts, integer

if TYPE_CHECKING:
    from .client import JenkinsClient

TEST_ACTION = "hudson.tasks.junit.TestResultAction"
CASES_TREE = (
    "suites[name,cases[className,name,status,age,failedSince,errorDetails,errorStackTrace]]"
)
FAILING = frozenset({"FAILED", "REGRESSION"})


@dataclass(frozen=True, slots=True)
class TestCase:
    class_name: str
    name: str
    status: str  # PASSED, FAILED, SKIPPED (older junit: also REGRESSION, FIXED)
    age: int  # builds it has failed in a row (0 when it passes)
    error: str | None
    stack_trace: str | None = None

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


@dataclass(frozen=True, slots=True)
class Artifact:
    path: str  # relative to the build's artifact root: dist/app.tar.gz
    name: str  # the file's name
    url: str  # where a browser downloads it


@dataclass(frozen=True, slots=True)
class Download:
    """An artifact's bytes as they arrive; `start` is where they begin (a resumed download
    gets the rest of the file, `start` > 0), `size` the whole file's length if known."""

    response: httpx.Response
    start: int
    size: int | None


@dataclass(frozen=True, slots=True)
class Change:
    commit: str | None
    author: str
    message: str
    paths: tuple[str, ...] = ()  # the files it touched


CHANGES_TREE = "items[commitId,msg,author[fullName],affectedPaths]"


class ResultsApi:
    def __init__(self, client: JenkinsClient) -> None:
        self._client = client

    async def artifacts(self, full_name: str, number: int) -> tuple[Artifact, ...]:
        run = build_path(full_name, number)
        raw = await self._client.http.get_json(
            run + "api/json", {"tree": "artifacts[relativePath,fileName]"}
        )
        found = raw.get("artifacts") if isinstance(raw, dict) else None
        return tuple(
            Artifact(
                path=str(item["relativePath"]),
                name=str(item.get("fileName") or str(item["relativePath"]).rpartition("/")[2]),
                url=self._client.url_for(run + "artifact/" + _encoded(str(item["relativePath"]))),
            )
            for item in dicts(found)
            if isinstance(item.get("relativePath"), str)
        )

    async def changes(self, full_name: str, number: int) -> tuple[Change, ...]:
        """The commits a build was the first to include: Pipelines list `changeSets`,
        freestyle builds one `changeSet`; both are read."""
        tree = f"changeSets[{CHANGES_TREE}],changeSet[{CHANGES_TREE}]"
        raw = await self._client.http.get_json(
            build_path(full_name, number) + "api/json", {"tree": tree}
        )
        sets = dicts(raw.get("changeSets")) if isinstance(raw, dict) else []
        single = raw.get("changeSet") if isinstance(raw, dict) else None
        if isinstance(single, dict):
            sets.append(single)
        found = []
        for item in (item for change_set in sets for item in dicts(change_set.get("items"))):
            author = item.get("author")
            name = author.get("fullName") if isinstance(author, dict) else None
            commit = item.get("commitId")
            found.append(
                Change(
                    commit=str(commit) if commit else None,
                    author=str(name or "unknown"),
                    message=str(item.get("msg") or ""),
                    paths=tuple(str(path) for path in _list(item.get("affectedPaths")) if path),
                )
            )
        return tuple(found)

    @contextlib.asynccontextmanager
    async def download(
        self, full_name: str, number: int, path: str, start: int = 0
    ) -> AsyncIterator[Download]:
        """Stream one artifact, from byte `start` on (`Range`) when resuming."""
        run = build_path(full_name, number)
        headers = {"Range": f"bytes={start}-"} if start else {}
        async with self._client.http.stream(
            run + "artifact/" + _encoded(path), headers, what=f"GET artifact {path}"
        ) as response:
            ranged = response.status_code == 206
            size = _whole_size(response, ranged)
            yield Download(response, start if ranged else 0, size)

    async def test_report(self, full_name: str, number: int) -> TestReport | None:
        """The build's JUnit results, failed cases first; None when it has none."""
        run = build_path(full_name, number)
        raw = await self._client.http.get_json(
            run + "api/json", {"tree": "actions[_class,failCount,skipCount,totalCount]"}
        )
        actions = raw.get("actions") if isinstance(raw, dict) else None
        summary = next((a for a in dicts(actions) if a.get("_class") == TEST_ACTION), None)
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
            for suite in dicts(report.get("suites") if isinstance(report, dict) else None)
            for case in dicts(suite.get("cases"))
        ]
        cases.sort(key=lambda case: (not case.failed, not case.regression))
        return TestReport(
            total=_count(summary, "totalCount", len(cases)),
            failed=_count(summary, "failCount", sum(case.failed for case in cases)),
            skipped=_count(summary, "skipCount", 0),
            cases=tuple(cases),
        )


def _encoded(path: str) -> str:
    return "/".join(raw_encode(segment) for segment in path.split("/"))


def _whole_size(response: httpx.Response, ranged: bool) -> int | None:
    if ranged:  # Content-Range: bytes 100-999/1000
        total = response.headers.get("content-range", "").rpartition("/")[2]
        return int(total) if total.isdigit() else None
    length = response.headers.get("content-length", "")
    return int(length) if length.isdigit() else None


def _case(raw: dict[str, Any]) -> TestCase:
    age = raw.get("age")
    error = raw.get("errorDetails")
    return TestCase(
        class_name=str(raw.get("className", "")),
        name=str(raw.get("name", "")),
        status=str(raw.get("status", "")).upper(),
        age=integer(age) or 0,
        error=str(error) if error else None,
        stack_trace=str(stack) if (stack := raw.get("errorStackTrace")) else None,
    )


def _list(raw: Any) -> list[Any]:
    return raw if isinstance(raw, list) else []


def _count(raw: dict[str, Any], key: str, default: int) -> int:
    found = integer(raw.get(key))
    return default if found is None else found
