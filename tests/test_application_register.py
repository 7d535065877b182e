"""申请公开登记: answered applications, anonymised, only where the site opts in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import register
from gongkai.applications.models import Application
from tests import factories as f

pytestmark = pytest.mark.django_db

# Made up; the ID number carries a valid GB 11643 check character so that it looks real to the scanner.
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def answered() -> Application:
    agency = f.agency(name="青禾区住房和城乡建设局", code="111111111")
    return Application.objects.create(
        number="2025-0007", agency=agency, applicant_name="林小禾", id_number=ID_NUMBER,
        phone="13912345678", email="lin@example.com", address="青禾区枫林路12号3单元402室",
        description=f"本人林小禾（身份证号{ID_NUMBER}，电话13912345678）申请公开青禾区口袋公园建设项目的立项批复",
        channel="online", received_on=dt.date(2025, 9, 22), clock_start=dt.date(2025, 9, 22),
        due_on=dt.date(2025, 10, 28), status="answered", outcome="withhold_process",
        answered_on=dt.date(2025, 10, 20),
    )


def test_the_register_does_not_exist_unless_the_site_opts_in(client, settings, answered):
    settings.APPLICATIONS_PUBLIC_REGISTER = False
    assert client.get(reverse("applications:register")).status_code == 404
    del settings.APPLICATIONS_PUBLIC_REGISTER
    assert client.get(reverse("applications:register")).status_code == 404  # default: off


def test_the_register_shows_request_and_outcome_but_nobody(client, settings, answered):
    settings.APPLICATIONS_PUBLIC_REGISTER = True
    Application.objects.create(
        number="2025-0008", agency=answered.agency, applicant_name="林小禾", id_number="000000",
        description="尚在办理的申请", channel="online", received_on=dt.date(2025, 10, 8),
        clock_start=dt.date(2025, 10, 8), due_on=dt.date(2025, 11, 5),
    )
    response = client.get(reverse("applications:register"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "青禾区口袋公园建设项目的立项批复" in page and "青禾区住房和城乡建设局" in page
    assert "不予公开（属于四类过程性信息）" in page and "2025-10-20" in page
    for private in ("林小禾", ID_NUMBER, "13912345678", "lin@example.com", "枫林路"):
        assert private not in page
    assert "尚在办理的申请" not in page
    assert '<link rel="stylesheet"' in page  # the portal's frame, like other public pages


def test_anonymise_masks_the_applicants_details_and_personal_data():
    own = {"applicant_name": "林小禾", "organisation_name": "", "id_number": "", "phone": "", "email": "",
           "address": ""}
    text = register.anonymise("林小禾的邻居王大明，手机13800001111，邮箱wang@example.com", own)
    assert "林小禾" not in text and "13800001111" not in text and "wang@example.com" not in text
    assert text.endswith("＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊") and "的邻居" in text


def test_markup_in_a_description_is_shown_as_text(client, settings, answered):
    settings.APPLICATIONS_PUBLIC_REGISTER = True
    Application.objects.filter(pk=answered.pk).update(description="<script>alert(1)</script>规划图")
    page = client.get(reverse("applications:register")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_outcome_labels_read_as_sentences():
    assert register.outcome_label("disclose") == "予以公开"
    assert register.outcome_label("partial") == "部分公开"
    assert register.outcome_label("reject_repeat") == "不予处理（重复申请）"
    assert register.outcome_label("") == ""
