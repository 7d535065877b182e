"""意见征集 in a browser: staff open a consultation, a signed-in resident comments on one paragraph, staff
of the agency moderate it, close the consultation early with a reason, group the comments and publish
the 采纳情况反馈, which the resident then reads on the page and finds from the 个人中心."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.consultations.models import Comment, Consultation
from tests import factories as f
from tests.browser.conftest import ARTIFACTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "第一条 为规范本区公园管理,制定本办法。\n第二条 公园开放时间由管理单位公布。\n第三条 本办法自公布之日起施行。"


@pytest.fixture
def people(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Repeats and rate limits are remembered in the cache: a cache of this test's own.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"consultations-browser-{uuid.uuid4()}"}}
    agency = f.agency("青禾区园林局", code="777777777")
    resident = User.objects.create_user("walker@example.org", "walker@example.org", "pw")
    return {"publisher": f.staff("garden_pub", agency, role=Membership.PUBLISHER), "resident": resident}


def test_resident_comments_staff_moderate_close_and_publish_feedback(people, as_user, live_server):
    today = timezone.localdate()
    # 发起: the publisher opens a 30-day consultation on an uploaded draft.
    staff = as_user(people["publisher"])
    staff.goto(live_server.url + "/staff/consultations/new/")
    staff.select_option("#id_agency", label="青禾区园林局")
    staff.fill("#id_title", "青禾区公园管理办法(征求意见稿)")
    staff.select_option("#id_kind", value="regulation")
    staff.fill("#id_draft_text", DRAFT)
    staff.fill("#id_explanation", "为统一公园开放管理起草。")
    staff.fill("#id_starts_on", today.isoformat())
    staff.fill("#id_ends_on", (today + dt.timedelta(days=30)).isoformat())
    staff.fill("#id_contact_office", "青禾区园林局办公室")
    staff.click("#open-submit")
    assert "意见征集已发起" in staff.inner_text(".messagelist")
    consultation = Consultation.objects.get()

    # 评论: the resident picks the second paragraph and writes a comment.
    resident = as_user(people["resident"])
    resident.goto(live_server.url + consultation.get_absolute_url())
    assert "征集中" in resident.inner_text("#consultation-status")
    resident.click("a:has-text('对第2段提意见')")
    assert resident.input_value("#id_paragraph") == "2"
    resident.fill("#id_body", "建议夏季延长公园开放时间至晚上十点。")
    resident.click("#submit-comment")
    assert "经工作人员审核后公开" in resident.inner_text(".reader-messages")
    assert "1 条" in resident.inner_text("#comment-count")
    assert "延长公园开放时间" not in resident.inner_text("#comments")  # not before a person approved it
    ARTIFACTS.mkdir(exist_ok=True)
    resident.screenshot(path=str(ARTIFACTS / "consultation-commented.png"), full_page=True)
    assert axe_violations(resident) == []

    # 审核, 结束, 反馈: the agency's staff approve it, close early with a reason, group and answer.
    staff.goto(live_server.url + f"/staff/consultations/{consultation.pk}/")
    staff.click("#queue button.approve")
    assert "已公开该意见" in staff.inner_text(".messagelist")
    staff.fill("#close-reason", "上级要求提前完成")
    staff.click("#close")
    assert "征集已结束" in staff.inner_text(".messagelist")
    comment = Comment.objects.get()
    staff.fill("#id_summary", "关于开放时间的意见")
    staff.select_option("#id_decision", value="partly")
    staff.fill("#id_reason", "夏季开放时间延长至晚上九点,兼顾周边居民休息。")
    staff.check(f"#pick-{comment.pk}")
    staff.click("#add-group")
    assert "已添加一组采纳情况" in staff.inner_text(".messagelist")
    staff.fill("#intro", "共收到意见1条,采纳情况如下。")
    staff.click("#publish-feedback")
    assert "采纳情况反馈已发布" in staff.inner_text(".messagelist")

    # The resident sees the feedback on the page, and the way to it from the 个人中心.
    resident.goto(live_server.url + "/accounts/")
    mine = resident.inner_text("#my-comments")
    assert "青禾区公园管理办法" in mine and "已公开" in mine
    resident.click("#my-comments a:has-text('查看采纳情况')")
    feedback = resident.inner_text("#feedback")
    assert "部分采纳" in feedback and "兼顾周边居民休息" in feedback and "涉及意见 1 条" in feedback
    assert "延长公园开放时间" in resident.inner_text("#comments")
    assert "已反馈" in resident.inner_text("#consultation-status")
    assert axe_violations(resident) == []
    actions = set(AuditEntry.objects.filter(object_type__startswith="consultations.").values_list("action", flat=True))
    assert {"consultation.open", "consultation.comment", "consultation.approve", "consultation.close",
            "consultation.group", "consultation.feedback"} <= actions
