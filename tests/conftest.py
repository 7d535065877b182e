"""Shared test fixtures: the development pages beside the project, when they are there."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# The project's checkout sits beside `shared/`; tests that read it skip cleanly elsewhere, but in
# CI its absence is an error, so that no test silently skips there.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path.name} is missing beside the project, and CI must not skip")
        pytest.skip(f"{'/'.join(parts)} is not beside the project")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI a skip is a failure, whatever skipped: the run must prove every test, not most of them."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may skip: {report.longrepr}"


@pytest.fixture
def real_pages() -> dict[str, dict]:
    """The development pages, keyed by their three-digit number."""
    folder = shared_path("samples", "real", "pages")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


@pytest.fixture
def gold() -> callable:
    def load(name: str):
        return json.loads(shared_path("samples", "real", name).read_text(encoding="utf-8"))

    return load


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seed", "000_ed79df4deace7843.txt")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in 简体: a request under /en/ or /zh-hant/ activates its language for the thread,
    which would otherwise leak into the next test's reverse() and rendering."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()
