"""Shared test fixtures. No test reads anything outside the checkout: the real development pages are
scored by `gongkai bench scores --set DIR`, not tested."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
# scripts/test.sh names a file here: the skipped groups go there, for the one line that ends `make test`.
SKIP_SUMMARY_FILE = "GONGKAI_SKIP_SUMMARY"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI a skip is a failure, whatever skipped: the run must prove every test, not most of them."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {report.longrepr}"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in 简体: a request under /en/ or /zh-hant/ activates its language for the thread,
    which would otherwise leak into the next test's reverse() and rendering."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def page_files(settings, tmp_path_factory):
    """Each test keeps published pages (gongkai.pages) in a folder of its own, so that no page kept by
    one test is served in another."""
    settings.PAGE_CACHE_DIR = tmp_path_factory.mktemp("pages")
    return settings.PAGE_CACHE_DIR


# --- what was skipped, and what enables it: one line at the end of the run ------------------------------

# A skip's reason → its group and what makes the group run. The first match wins: the browser fixture
# checks Chromium before axe-core, so the hint is always the next thing to install.
SKIP_GROUPS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"chromium", re.I), "browser test", "install Debian chromium: apt-get install chromium"),
    (re.compile(r"axe-core|axe\.min\.js"), "browser test",
     "install axe-core from package.json: npm ci, with npm from apt-get install npm"),
    (re.compile(r"nginx"), "nginx test", "apt-get install nginx"),
    (re.compile(r"pdftoppm|poppler"), "PDF image test", "apt-get install poppler-utils"),
    (re.compile(r"redis", re.I), "Redis test", "start Redis at 127.0.0.1:6379: redis-server --daemonize yes"),
)
OTHER = ("other test", "pytest -rs says why")


@dataclass(frozen=True)
class SkipGroup:
    name: str  # singular: "browser test"
    hint: str  # the command or step that makes the group run
    count: int

    def __str__(self) -> str:
        return f"{self.count} {self.name}{'' if self.count == 1 else 's'} ({self.hint})"


def skip_groups(reasons: Iterable[str]) -> list[SkipGroup]:
    """Skip reasons grouped by what enables them, largest group first."""
    counts: dict[tuple[str, str], int] = {}
    for reason in reasons:
        key = next(((name, hint) for pattern, name, hint in SKIP_GROUPS if pattern.search(reason)), OTHER)
        counts[key] = counts.get(key, 0) + 1
    return [SkipGroup(name, hint, n) for (name, hint), n in sorted(counts.items(), key=lambda kv: -kv[1])]


def skip_line(groups: Iterable[object]) -> str:
    parts = [str(g) for g in groups]
    return f"skipped: {'; '.join(parts)}" if parts else "nothing skipped"


def skip_reason(report: pytest.TestReport) -> str:
    """The reason a skip was given (pytest keeps it as (path, line, "Skipped: reason"))."""
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return text.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Never a silent skip: say which groups skipped and how to run them. Under scripts/test.sh the groups
    go to its file instead, and it prints them with the PostgreSQL pass in one line at the very end."""
    groups = skip_groups(skip_reason(r) for r in terminalreporter.stats.get("skipped", ()))
    target = os.environ.get(SKIP_SUMMARY_FILE)
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.writelines(f"{g}\n" for g in groups)
    elif groups:
        terminalreporter.write_line(skip_line(groups), yellow=True, bold=True)
