"""意见征集: the period rules on the real calendar, the comment checks and queue, moderation scoped to the
agency, the feedback and the links around it. Personas: a publisher and a clerk of 青禾区司法局, a clerk
of another agency, a resident signed in and one writing with only an e-mail address."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog.models import Document
from gongkai.consultations import actions, listing, rules
from gongkai.consultations.models import Comment, Consultation, FeedbackGroup
from gongkai.lib import challenge
from tests import factories as f
from tests.test_sensitive import make_id

FAKE_ID = make_id("99000019850505123")  # a made-up region code; the check character computed
DRAFT = "第一条 为规范本区公共停车管理,制定本办法。\n第二条 本办法适用于本区行政区域内的公共停车场。\n第三条 收费标准另行公布。"


# --- period rules, on the official calendar -------------------------------------------------------

D = dt.date


def test_normative_documents_need_seven_working_days_across_national_day_2025():
    # 1–8 October 2025 are holidays and Saturday 11 October is a working day: seven working days after
    # 30 September end on 16 October, not on 9 October as weekdays alone would have it.
    assert rules.earliest_end(rules.NORMATIVE, D(2025, 9, 30)) == D(2025, 10, 16)
    assert rules.problems(rules.NORMATIVE, D(2025, 9, 30), D(2025, 10, 16), "") == {}
    short = rules.problems(rules.NORMATIVE, D(2025, 9, 30), D(2025, 10, 15), "")
    assert "7个工作日" in short["short_reason"] and "2025-10-16" in short["short_reason"]
    assert rules.period(rules.NORMATIVE, D(2025, 9, 30), D(2025, 10, 9)).working_days == 1  # only 9 October


def test_spring_festival_2026_and_its_make_up_saturday():
    # 15–23 February 2026 are holidays; Saturdays 14 and 28 February are working days.
    assert rules.earliest_end(rules.NORMATIVE, D(2026, 2, 12)) == D(2026, 2, 28)
    assert rules.problems(rules.NORMATIVE, D(2026, 2, 12), D(2026, 2, 27), "")


def test_regulations_major_decisions_and_business_drafts_need_thirty_days():
    for kind in (rules.REGULATION, rules.MAJOR, rules.NORMATIVE_BUSINESS):
        assert rules.earliest_end(kind, D(2026, 3, 1)) == D(2026, 3, 31)  # the first day is not counted
        assert rules.problems(kind, D(2026, 3, 1), D(2026, 3, 31), "") == {}
        assert "30日" in rules.problems(kind, D(2026, 3, 1), D(2026, 3, 30), "")["short_reason"]
        assert rules.problems(kind, D(2026, 3, 1), D(2026, 3, 10), "上级部署时限紧迫") == {}


def test_an_end_before_the_start_is_refused_whatever_the_reason():
    assert "ends_on" in rules.problems(rules.OTHER, D(2026, 3, 5), D(2026, 3, 5), "理由")
    assert rules.problems(rules.OTHER, D(2026, 3, 5), D(2026, 3, 6), "") == {}


# --- personas -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def own_cache(settings):
    """Rate limits, repeats and used challenges in a cache of this test's own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"consultations-{uuid.uuid4()}"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    justice, other = f.agency("青禾区司法局", code="555555555"), f.agency("青禾区文旅局", code="666666666")
    resident = User.objects.create_user("resident@example.org", "resident@example.org", "pw")
    return {"agency": justice, "publisher": f.staff("pub_j", justice, role=Membership.PUBLISHER),
            "clerk": f.staff("clerk_j", justice), "outsider": f.staff("clerk_w", other), "resident": resident}


def today() -> dt.date:
    return timezone.localdate()


def open_one(people, actor="publisher", **kw) -> Consultation:
    fields = {"title": "青禾区公共停车管理办法(征求意见稿)", "kind": rules.OTHER, "starts_on": today(),
              "ends_on": today() + dt.timedelta(days=40), "contact_office": "青禾区司法局法制科",
              "draft_text": DRAFT, "explanation": "为解决停车难问题起草本办法。", **kw}
    return actions.open_consultation(people[actor], people["agency"], actions.Draft(**fields))


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- opening ------------------------------------------------------------------------------------


def test_opening_publishes_a_notice_in_the_catalog_under_yijian_zhengji(people):
    c = open_one(people)
    notice = Document.objects.get(pk=c.notice_id)
    assert notice.status == Document.PUBLISHED and notice.combo.name == "意见征集"
    assert c.title in notice.title and "第二条" in notice.body_text
    assert AuditEntry.objects.filter(action="consultation.open", object_id=str(c.pk)).exists()
    assert listing.open_consultations(5) == [c] and listing.open_consultations(5)[0].comment_count == 0
    feed = Client().get(f"/xxgk/feed/combo/{notice.combo_id}/").content.decode()  # the 意见征集 Atom feed
    assert notice.title in feed


def test_a_clerk_who_may_not_publish_still_opens_it_with_the_notice_left_for_review(people):
    c = open_one(people, actor="clerk")
    assert c.status == Consultation.OPEN and c.notice.status == Document.DRAFT


def test_a_short_period_without_a_reason_is_a_form_error_and_nothing_is_created(people):
    page = as_user(people["publisher"]).post("/staff/consultations/new/", {
        "agency": people["agency"].pk, "title": "某规章草案", "kind": rules.REGULATION, "draft_text": DRAFT,
        "starts_on": "2026-03-01", "ends_on": "2026-03-20", "contact_office": "法制科", "show_comments": "on"})
    assert page.status_code == 400 and "缩短期限须说明理由" in page.content.decode()
    assert not Consultation.objects.exists()


def test_staff_open_one_through_the_form_with_a_stated_reason(people):
    page = as_user(people["publisher"]).post("/staff/consultations/new/", {
        "agency": people["agency"].pk, "title": "某规章草案", "kind": rules.REGULATION, "draft_text": DRAFT,
        "starts_on": today().isoformat(), "ends_on": (today() + dt.timedelta(days=10)).isoformat(),
        "short_reason": "落实上级紧急部署", "contact_office": "法制科", "show_comments": "on"})
    c = Consultation.objects.get()
    assert page.status_code == 302 and c.short_reason == "落实上级紧急部署"


def test_staff_cannot_open_one_for_another_agency(people):
    with pytest.raises(PermissionDenied):
        open_one(people, actor="outsider")
    page = as_user(people["outsider"]).post("/staff/consultations/new/", {
        "agency": people["agency"].pk, "title": "x", "kind": rules.OTHER, "draft_text": DRAFT,
        "starts_on": "2026-03-01", "ends_on": "2026-03-20", "contact_office": "x"})
    assert page.status_code == 400 and not Consultation.objects.exists()


# --- comments and moderation --------------------------------------------------------------------


def test_a_residents_comment_waits_for_approval_and_then_appears(people):
    c = open_one(people)
    resident = as_user(people["resident"])
    sent = resident.post(c.get_absolute_url(), {"paragraph": "2", "body": "建议明确夜间停车的收费时段。"})
    assert sent.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.PENDING and comment.paragraph == 2 and comment.user == people["resident"]
    page = Client().get(c.get_absolute_url()).content.decode()
    assert "建议明确夜间停车" not in page and "1 条" in page
    actions.moderate(people["clerk"], comment, approve=True)
    page = Client().get(c.get_absolute_url()).content.decode()
    assert "建议明确夜间停车" in page and "针对第2段" in page
    assert "建议明确夜间停车" in resident.get("/accounts/").content.decode()  # 个人中心: 我的意见


def test_a_comment_with_an_id_number_is_held_flagged_and_masked_when_approved(people):
    c = open_one(people)
    as_user(people["resident"]).post(c.get_absolute_url(), {"body": f"本人身份证号{FAKE_ID},建议增加车位。"})
    comment = Comment.objects.get()
    assert comment.status == Comment.HELD and comment.flags == ["个人信息：身份证号"]
    assert FAKE_ID not in Client().get(c.get_absolute_url()).content.decode()
    desk = as_user(people["clerk"]).get(f"/staff/consultations/{c.pk}/").content.decode()
    assert "已标记：个人信息：身份证号" in desk
    actions.moderate(people["clerk"], comment, approve=True)
    page = Client().get(c.get_absolute_url()).content.decode()
    assert "建议增加车位" in page and FAKE_ID not in page


def test_sensitive_words_hold_a_comment_and_a_repeat_is_refused(people):
    c = open_one(people)
    resident = as_user(people["resident"])
    resident.post(c.get_absolute_url(), {"body": "专业代开发票,联系我们"})
    assert Comment.objects.get().status == Comment.HELD
    again = resident.post(c.get_absolute_url(), {"body": "专业 代开发票,联系我们!"})
    assert again.status_code == 400 and "请勿重复提交" in again.content.decode()
    assert Comment.objects.count() == 1


def test_rejecting_needs_a_reason_and_a_decided_comment_is_not_decided_again(people):
    c = open_one(people)
    comment = actions.comment(c, "建议取消收费。", user=people["resident"])
    with pytest.raises(ValidationError):
        actions.moderate(people["clerk"], comment, approve=False)
    actions.moderate(people["clerk"], comment, approve=False, reason="与草案无关")
    with pytest.raises(ValidationError):
        actions.moderate(people["clerk"], comment, approve=True)
    assert Comment.objects.get().status == Comment.REJECTED


def test_another_agencys_staff_cannot_see_or_moderate_the_queue(people):
    c = open_one(people)
    comment = actions.comment(c, "建议延长免费时段。", user=people["resident"])
    with pytest.raises(PermissionDenied):
        actions.moderate(people["outsider"], comment, approve=True)
    outsider = as_user(people["outsider"])
    assert outsider.get(f"/staff/consultations/{c.pk}/").status_code == 404
    posted = outsider.post(f"/staff/consultations/{c.pk}/comments/{comment.pk}/", {"decision": "approve"})
    assert posted.status_code == 404
    assert c.title not in outsider.get("/staff/consultations/").content.decode()
    assert Comment.objects.get().status == Comment.PENDING


def test_moderation_is_post_only(people):
    c = open_one(people)
    comment = actions.comment(c, "建议。", user=people["resident"])
    assert as_user(people["clerk"]).get(f"/staff/consultations/{c.pk}/comments/{comment.pk}/").status_code == 405


def test_a_guest_answers_the_question_and_confirms_by_e_mail(people, mailoutbox, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    c = open_one(people)
    guest = Client()
    form = guest.get(c.get_absolute_url()).content.decode()
    assert "等于几" in form  # the question is text in the page, read out like any label
    monkeypatch.setattr(challenge, "verify", lambda request, token, answer: answer == "8")
    wrong = guest.post(c.get_absolute_url(), {"email": "a@example.org", "body": "建议。", "token": "t", "answer": "7"})
    assert wrong.status_code == 400 and not Comment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = guest.post(c.get_absolute_url(), {"email": "A@example.org", "body": "建议增设充电桩。",
                                                 "token": "t", "answer": "8"})
    assert sent.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.UNCONFIRMED and comment.email == "a@example.org"
    assert "0 条" in Client().get(c.get_absolute_url()).content.decode()  # not received until confirmed
    link = next(line for line in mailoutbox[0].body.splitlines() if "/consultations/confirm/" in line)
    path = link[link.index("/consultations/confirm/"):]
    assert guest.get(path).status_code == 200 and Comment.objects.get().status == Comment.UNCONFIRMED
    assert guest.post(path).status_code == 302
    assert Comment.objects.get().status == Comment.PENDING
    assert guest.post("/consultations/confirm/forged/").status_code == 404
    late = actions.comment(c, "另一条意见。", email="a@example.org")
    actions.close(people["clerk"], c, reason="提前结束")
    assert guest.post(f"/consultations/confirm/{actions.confirmation_token(late)}/").status_code == 404
    assert Comment.objects.get(pk=late.pk).status == Comment.UNCONFIRMED
    assert guest.put(c.get_absolute_url()).status_code == 405


def test_guests_are_rate_limited(people, settings, monkeypatch):
    settings.ABUSE_PER_NETWORK = 2
    c = open_one(people)
    monkeypatch.setattr(challenge, "verify", lambda request, token, answer: True)
    codes = [Client().post(c.get_absolute_url(), {"email": "b@example.org", "body": f"意见{i}",
                                                  "token": "t", "answer": "1"}).status_code for i in range(3)]
    assert codes == [302, 302, 429] and Comment.objects.count() == 2


def test_no_comments_outside_the_period(people):
    c = open_one(people, starts_on=today() - dt.timedelta(days=40), ends_on=today() - dt.timedelta(days=1))
    page = as_user(people["resident"]).post(c.get_absolute_url(), {"body": "迟到的意见"})
    assert page.status_code == 400 and not Comment.objects.exists()


# --- closing, feedback, final version -----------------------------------------------------------


def test_close_group_publish_feedback_and_link_the_final_version(people, django_capture_on_commit_callbacks):
    c = open_one(people)
    first = actions.comment(c, "建议明确收费时段。", user=people["resident"])
    second = actions.comment(c, "建议公布收费标准。", user=people["resident"])
    for m in (first, second):
        actions.moderate(people["clerk"], m, approve=True)
    with pytest.raises(ValidationError):  # the period is not over: closing early needs a reason
        actions.close(people["clerk"], c)
    with pytest.raises(ValidationError):
        actions.publish_feedback(people["clerk"], c)
    actions.close(people["clerk"], c, reason="草案已按上级要求调整")
    with pytest.raises(PermissionDenied):
        actions.add_group(people["outsider"], c, summary="s", decision="adopted", reason="r", comment_ids=[])
    actions.add_group(people["clerk"], c, summary="关于收费的意见", decision=FeedbackGroup.PARTLY,
                      reason="收费时段已明确,标准由价格主管部门公布", comment_ids=[first.pk, second.pk])
    actions.publish_feedback(people["clerk"], c, intro="共收到意见2条。")
    c.refresh_from_db()
    assert c.status == Consultation.ANSWERED
    page = Client().get(c.get_absolute_url()).content.decode()
    assert "意见采纳情况反馈" in page and "部分采纳" in page and "涉及意见 2 条" in page
    assert "收费时段已明确" in Document.objects.get(pk=c.notice_id).body_text  # searchable with the notice
    final = f.document(people["agency"], "青禾区公共停车管理办法")
    assert "曾公开征求意见" not in Client().get(final.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        actions.link_final_version(people["clerk"], c, final)
    doc_page = Client().get(final.get_absolute_url()).content.decode()
    assert "本文件的草案曾公开征求意见" in doc_page and c.get_absolute_url() in doc_page
    assert "青禾区公共停车管理办法" in Client().get(c.get_absolute_url()).content.decode()


# --- API ----------------------------------------------------------------------------------------


def test_api_lists_open_consultations_and_one_with_its_comments(people):
    c = open_one(people)
    actions.moderate(people["clerk"], actions.comment(c, "建议。", user=people["resident"]), approve=True)
    items = Client().get("/api/consultations").json()
    assert [(i["id"], i["comment_count"]) for i in items] == [(c.pk, 1)]
    one = Client().get(f"/api/consultations/{c.pk}").json()
    assert one["draft"][0].startswith("第一条") and one["comments"][0]["text"] == "建议。"
    assert Client().get("/api/consultations/999999").status_code == 404


def test_a_catalog_draft_is_consulted_as_it_stood_and_another_agencys_is_refused(people):
    mine = f.document(people["agency"], "青禾区法律援助办法(草稿)", publish=False,
                      body_html="<p>第一条 为做好法律援助工作。</p><p>第二条 申请条件。</p>")
    theirs = f.document(f.agency("青禾区教育局", code="888888888"), "某草稿", publish=False)
    c = open_one(people, draft_text="", document=mine)
    assert c.draft == mine and c.paragraphs()[1] == "第二条 申请条件。"
    with pytest.raises(PermissionDenied):
        open_one(people, draft_text="", document=theirs)
    page = as_user(people["publisher"]).post("/staff/consultations/new/", {
        "agency": people["agency"].pk, "title": "x", "kind": rules.OTHER, "document": theirs.pk,
        "starts_on": today().isoformat(), "ends_on": (today() + dt.timedelta(days=9)).isoformat(),
        "contact_office": "x"})
    assert page.status_code == 400 and "无权使用" in page.content.decode()


def test_the_openapi_document_describes_the_consultation_endpoints(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {"/api/consultations", "/api/consultations/{consultation_id}"} <= set(paths)
