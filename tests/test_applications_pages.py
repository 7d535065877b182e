"""依申请公开 pages: the citizen applies and follows; staff list and handle; nobody else sees anything."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import actions
from gongkai.applications.actions import Step
from gongkai.applications.models import Application
from tests.applications_personas import (  # noqa: F401 (fixtures)
    PDF, agency_a, agency_b, another, citizen, clerk_a, clerk_b, intake, office, private_dir, proof,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(citizen, agency_a) -> Application:
    """The citizen's application received today (pages compute the clock on the real date)."""
    return actions.receive(citizen, agency_a, intake(), channel="online", received_on=timezone.localdate(),
                           applicant_user=citizen, id_proof=proof())


def form_data(agency, **over):
    data = {**intake(), "agency": agency.pk, "promise": "on"}
    data.update(over)
    return data


def test_signing_in_comes_before_applying(client):
    response = client.get(reverse("applications:apply"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_citizen_applies_online_and_sees_the_receipt_and_clock(client, citizen, agency_a):
    client.force_login(citizen)
    page = client.get(reverse("applications:apply")).content.decode()
    assert "第二十九条" in page and "青禾区自然资源局" in page
    upload = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("applications:apply"), {**form_data(agency_a), "id_proof": upload})
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("applications:status", args=[app.number])
    page = client.get(response["Location"]).content.decode()
    assert app.number in page and app.access_key in page and "答复期限" in page and "还剩" in page
    assert "接收回执" in page and "收到申请" in page
    assert client.get(reverse("applications:mine")).content.decode().count(app.number) >= 1


def test_a_bad_application_is_explained_and_nothing_is_stored(client, citizen, agency_a):
    client.force_login(citizen)
    fake = SimpleUploadedFile("id.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(reverse("applications:apply"),
                           {**form_data(agency_a, phone="", email="", address="", description=""), "id_proof": fake})
    page = response.content.decode()
    assert response.status_code == 200 and "请至少填写一种联系方式" in page and "PDF、JPG 或 PNG" in page
    assert "所需信息的名称、文号或内容描述" in page
    assert not Application.objects.exists()


def test_an_applicant_cannot_see_anothers_application(client, another, mine):
    client.force_login(another)
    for name in ("status", "proof"):
        assert client.get(reverse(f"applications:{name}", args=[mine.number])).status_code == 404
    assert mine.number not in client.get(reverse("applications:mine")).content.decode()
    client.logout()
    assert client.get(reverse("applications:status", args=[mine.number])).status_code == 404


def test_the_number_and_access_key_open_the_status_page(client, mine):
    url = reverse("applications:lookup")
    response = client.post(url, {"number": mine.number, "access_key": "wrong"})
    assert "不正确" in response.content.decode()
    response = client.post(url, {"number": mine.number, "access_key": mine.access_key})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("applications:proof", args=[mine.number])).status_code == 200


def test_the_lookup_is_rate_limited(client, mine, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = reverse("applications:lookup")
    for _ in range(10):
        client.post(url, {"number": mine.number, "access_key": "wrong"})
    response = client.post(url, {"number": mine.number, "access_key": mine.access_key})
    assert "次数过多" in response.content.decode()


def test_identity_proof_only_for_the_applicant_and_the_handling_staff(client, mine, citizen, clerk_a, clerk_b, office,
                                                                      settings):
    url = reverse("applications:proof", args=[mine.number])
    for user, code in ((citizen, 200), (clerk_a, 200), (office, 200), (clerk_b, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == code, user
        if code == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert "no-store" in response["Cache-Control"]
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))  # nothing public


def test_staff_lists_show_only_their_agencies(client, mine, clerk_a, clerk_b, office):
    for user, sees in ((clerk_a, True), (office, True), (clerk_b, False)):
        client.force_login(user)
        page = client.get(reverse("applications:staff_list")).content.decode()
        assert (mine.number in page) is sees, user
    client.force_login(clerk_b)
    assert client.get(reverse("applications:staff_detail", args=[mine.number])).status_code == 404
    response = client.post(reverse("applications:staff_step", args=[mine.number, "start_consultation"]),
                           {"on": timezone.localdate().isoformat(), "kind": "consult_third_party", "party": "x"})
    assert response.status_code == 404
    assert client.get(reverse("applications:staff_reply", args=[mine.number]) + "?outcome=disclose").status_code == 404
    assert list(mine.events.values_list("kind", flat=True)) == ["received"]


def test_a_citizen_is_not_staff(client, citizen, mine):
    client.force_login(citizen)
    response = client.get(reverse("applications:staff_detail", args=[mine.number]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_handle_every_step_from_the_detail_page(client, mine, clerk_a, office):
    client.force_login(clerk_a)
    detail = reverse("applications:staff_detail", args=[mine.number])
    page = client.get(detail).content.decode()
    assert "发出补正通知" in page and "延期答复" not in page  # extension is the office's
    today = timezone.localdate().isoformat()
    step = lambda verb, **data: client.post(reverse("applications:staff_step", args=[mine.number, verb]),
                                            {"on": today, **data})
    assert step("start_consultation", kind="consult_third_party", party="青禾示例公司").status_code == 302
    assert Application.objects.get(pk=mine.pk).status == "consulting"
    assert "征求意见书" in client.get(detail).content.decode()  # the letter to the third party: staff only
    client.force_login(mine.applicant_user)
    page = client.get(reverse("applications:status", args=[mine.number])).content.decode()
    assert "征求意见" in page and "青禾示例公司" not in page and "('" not in page
    client.force_login(clerk_a)
    step("end_consultation", opinion="无意见")
    response = step("extend", days=10, reason="需要调档")
    assert "政务公开办" in client.get(detail).content.decode()  # the refusal, as a message
    client.force_login(office)
    step("extend", days=10, reason="需要调档")
    app = Application.objects.get(pk=mine.pk)
    assert (app.status, app.extension_days) == ("extended", 10)
    client.force_login(clerk_a)
    draft = client.get(reverse("applications:staff_reply", args=[mine.number]) + "?outcome=partial")
    assert draft.status_code == 200 and "部分公开" in draft.content.decode()
    form = draft.context["form"]
    send = lambda body: client.post(reverse("applications:staff_reply", args=[mine.number]),
                                    {"on": today, "outcome": "partial", "title": form.initial["title"],
                                     "body_html": body, "links": ""})
    refused = send(form.initial["body_html"])  # the reasons were left to write
    assert refused.status_code == 200 and "待填写】的内容" in refused.content.decode()
    assert Application.objects.get(pk=mine.pk).status == "extended"
    response = send(re.sub(r"【待填写[^】]*】", "另附说明。", form.initial["body_html"]))
    assert response.status_code == 302
    app = Application.objects.get(pk=mine.pk)
    assert (app.status, app.outcome) == ("answered", "partial")
    reply = app.replies.get()
    assert "另附说明" in reply.body_html
    pdf = client.get(reverse("applications:reply_pdf", args=[mine.number, reply.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    step("record_delivery", reply_id=reply.pk, delivery="email", record="已发送")
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds == ["received", "consultation_start", "consultation_end", "extended", "answered", "delivered"]


def test_a_refused_step_says_why_and_changes_nothing(client, mine, clerk_a):
    client.force_login(clerk_a)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    client.post(reverse("applications:staff_step", args=[mine.number, "start_consultation"]),
                {"on": tomorrow, "kind": "consult_third_party", "party": "x"})
    page = client.get(reverse("applications:staff_detail", args=[mine.number])).content.decode()
    assert "日期不能晚于今天" in page
    assert Application.objects.get(pk=mine.pk).status == "received"
    assert client.get(reverse("applications:staff_step", args=[mine.number, "extend"])).status_code == 405
    assert client.post(reverse("applications:staff_step", args=[mine.number, "nonsense"])).status_code == 404


def test_staff_enter_a_letter_for_their_agency_only(client, clerk_a, agency_a, agency_b):
    client.force_login(clerk_a)
    url = reverse("applications:staff_new")
    page = client.get(url).content.decode()
    assert "青禾区自然资源局" in page and "青禾区卫生健康局" not in page
    data = {**form_data(agency_a, email="", phone="", address="青禾区示例路2号"), "channel": "letter",
            "received_on": "2025-09-19"}
    response = client.post(url, data)
    app = Application.objects.get()
    assert response.status_code == 302 and app.channel == "letter" and app.received_on == dt.date(2025, 9, 19)
    assert app.entered_by == clerk_a and app.applicant_user is None
    assert client.post(url, {**data, "agency": agency_b.pk}).status_code == 200  # not a choice
    assert Application.objects.count() == 1


def test_the_applicant_corrects_online(client, citizen, mine, clerk_a):
    actions.issue_correction(clerk_a, mine, items="写明年份", period_days=10, step=Step(timezone.localdate()))
    client.force_login(citizen)
    status = reverse("applications:status", args=[mine.number])
    page = client.get(status).content.decode()
    assert "补正申请" in page and "写明年份" in page and "补正期限" in page
    client.post(reverse("applications:correct", args=[mine.number]),
                {"description": "2024年示例公园改造工程批复", "doc_no": "", "form_wanted": "electronic",
                 "delivery": "email", "phone": "010-00000000", "email": "citizen@example.cn", "address": ""})
    app = Application.objects.get(pk=mine.pk)
    assert app.status == "received" and app.description == "2024年示例公园改造工程批复"
    assert "申请人补正" in client.get(status).content.decode()


def test_a_deadline_in_a_year_without_a_holiday_calendar_is_flagged_loudly(client, mine, clerk_a, citizen):
    Application.objects.filter(pk=mine.pk).update(due_on=dt.date(2099, 3, 2))
    client.force_login(clerk_a)
    page = client.get(reverse("applications:staff_list")).content.decode()
    assert "年份未知" in page and 'class="app-warning" role="alert"' in page
    client.force_login(citizen)
    page = client.get(reverse("applications:status", args=[mine.number])).content.decode()
    assert "2099年的法定节假日安排尚未载入" in page


def test_a_closed_application_says_when_it_was_answered(client, mine, clerk_a, citizen):
    actions.reply(clerk_a, mine, outcome="disclose", title="政府信息公开告知书", body_html="<p>予以公开。</p>",
                  step=Step(timezone.localdate()))
    client.force_login(citizen)
    page = client.get(reverse("applications:status", args=[mine.number])).content.decode()
    assert "办结" in page and "还剩" not in page and "予以公开。" in page and "下载答复（PDF）" in page


def test_the_admin_shows_applications_scoped_and_read_only(client, mine, agency_b, citizen):
    other = actions.receive(citizen, agency_b, intake(), channel="online", received_on=timezone.localdate(),
                            applicant_user=citizen)
    from django.contrib.auth.models import Permission

    from tests import factories as f

    clerk = f.staff("clerk_admin", mine.agency)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="applications"))
    client.force_login(clerk)
    page = client.get(reverse("admin:applications_application_changelist")).content.decode()
    assert mine.number in page and other.number not in page
    page = client.get(reverse("admin:applications_application_change", args=[mine.pk])).content.decode()
    assert mine.number in page and mine.access_key not in page
    assert client.get(reverse("admin:applications_application_change", args=[other.pk])).status_code == 302


def test_a_reply_carries_attachments_only_its_applicant_may_download(client, mine, clerk_a, citizen, another):
    client.force_login(clerk_a)
    files = [SimpleUploadedFile("示例公园批复.pdf", PDF), SimpleUploadedFile("page.html", b"<script>alert(1)</script>")]
    response = client.post(reverse("applications:staff_reply", args=[mine.number]),
                           {"on": timezone.localdate().isoformat(), "outcome": "disclose", "title": "政府信息公开告知书",
                            "body_html": "<p>予以公开，见附件。</p>", "links": "", "attachments": files})
    assert response.status_code == 302
    first, second = mine.replies.get().attachments.all()
    assert first.name == "示例公园批复.pdf" and "批复" not in first.file.name
    client.force_login(citizen)
    page = client.get(reverse("applications:status", args=[mine.number])).content.decode()
    assert "示例公园批复.pdf" in page
    download = client.get(reverse("applications:attachment", args=[mine.number, second.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(another)
    assert client.get(reverse("applications:attachment", args=[mine.number, first.pk])).status_code == 404


def test_a_reply_points_to_documents_already_published(client, mine, clerk_a):
    from tests import factories as f

    published = f.document(mine.agency, "关于青禾区示例公园改造工程的批复")
    draft = f.document(mine.agency, "关于示例草稿的通知", publish=False)
    client.force_login(clerk_a)
    response = client.get(reverse("applications:staff_reply", args=[mine.number]),
                          {"outcome": "disclose", "documents": f"{published.pk}，{draft.pk}, x"})
    initial = response.context["form"].initial
    assert "关于青禾区示例公园改造工程的批复" in initial["body_html"] and "示例草稿" not in initial["body_html"]
    assert initial["links"] == published.get_absolute_url()
