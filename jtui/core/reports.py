"""A build's JUnit results, for both front ends (`jtui tests`, the build view)."""

from __future__ import annotations

from ..jenkins.results import TestReport
from .errors import CoreError
from .session import Session


class NoTestReport(CoreError):
    """The build recorded no JUnit results."""


async def test_report(session: Session, name: str, number: int) -> TestReport:
    report = await session.client.results.test_report(name, number)
    if report is None:
        raise NoTestReport(
            f"{name} #{number} has no test report on {session.profile.host} (it ran no "
            "JUnit step, or has not finished)"
        )
    return report
