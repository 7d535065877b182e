"""Personas and a fixed calendar day for the 依申请公开 tests: a citizen, another citizen, a clerk of
agency A, a clerk of agency B and the disclosure office. All names are made up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.accounts.models import Agency, Membership
from gongkai.applications import actions
from gongkai.applications.models import Application
from tests import factories as f

PDF = b"%PDF-1.4\n% made-up identity proof\n"


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_DIR = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.APPLICATIONS_PRIVATE_DIR


class Today:
    """The date actions believe it is; tests move it forward."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def today(monkeypatch):
    clock = Today(dt.date(2025, 9, 22))
    monkeypatch.setattr(actions, "today", clock)
    return clock


@pytest.fixture
def agency_a(db) -> Agency:
    return f.agency("青禾区自然资源局", code="111111111")


@pytest.fixture
def agency_b(db) -> Agency:
    return f.agency("青禾区卫生健康局", code="222222222")


@pytest.fixture
def citizen(db) -> User:
    return User.objects.create_user("citizen@example.cn", email="citizen@example.cn", password="x")


@pytest.fixture
def another(db) -> User:
    return User.objects.create_user("another@example.cn", email="another@example.cn", password="x")


@pytest.fixture
def clerk_a(agency_a) -> User:
    return f.staff("clerk_a", agency_a)


@pytest.fixture
def clerk_b(agency_b) -> User:
    return f.staff("clerk_b", agency_b)


@pytest.fixture
def office(db) -> User:
    main = f.agency("青禾区人民政府办公室", code="333333333")
    return f.staff("office", main, role=Membership.OFFICE)


def intake(**over: Any) -> dict[str, Any]:
    data = {
        "applicant_type": "natural", "applicant_name": "林小禾", "organisation_name": "",
        "id_kind": "resident_id", "id_number": "110101199001011234", "phone": "010-00000000",
        "email": "citizen@example.cn", "address": "青禾区示例路1号", "postcode": "100000",
        "description": "2024年青禾区示例公园改造工程的批复文件", "doc_no": "", "form_wanted": "electronic",
        "delivery": "email",
    }
    data.update(over)
    return data


def proof() -> SimpleUploadedFile:
    return SimpleUploadedFile("我的身份证.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def online(today, citizen, agency_a) -> Application:
    """The citizen's online application to agency A, received 2025-09-22 (a Monday)."""
    return actions.receive(citizen, agency_a, intake(), channel="online", received_on=today.day,
                           applicant_user=citizen, id_proof=proof())
