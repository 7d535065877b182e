"""Shared test fixtures. No test reads anything outside the checkout: the real development pages are
scored by `gongkai bench scores --set DIR`, not tested."""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


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
