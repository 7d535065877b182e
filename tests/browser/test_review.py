"""审核发布 in a browser: a clerk drafts a document with an ID number in it, the reviewer sees it
highlighted and sends it back, the clerk redacts, the reviewer approves, a publisher publishes; each
step by another account, and all of them in the document's audit log."""

from __future__ import annotations

import pytest

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog.models import Document
from gongkai.review.models import ReviewChain
from tests import factories as f
from tests.browser.conftest import ARTIFACTS
from tests.test_sensitive import make_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAKE_ID = make_id("99000019770707321")  # a made-up region code; the check character computed


@pytest.fixture
def people(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = f.agency("青禾区民政局", code="444444444")
    chain = ReviewChain.objects.create(agency=agency, steps=3)
    people = {"clerk": f.staff("clerk_b", agency), "reviewer": f.staff("reviewer_b", agency),
              "publisher": f.staff("publisher_b", agency, role=Membership.PUBLISHER)}
    chain.reviewers.add(people["reviewer"])
    return people


def test_draft_review_send_back_redact_approve_publish(people, as_user, live_server):
    # 起草: the clerk writes the draft in the admin, then submits it from the review list.
    clerk = as_user(people["clerk"])
    clerk.goto(live_server.url + "/admin/catalog/document/add/")
    clerk.fill("#id_title", "关于临时救助金发放情况的公示")
    clerk.select_option("#id_agency", label="青禾区民政局")
    clerk.fill("#id_body_html", f"<p>经审核,申请人赵小禾(身份证号:{FAKE_ID})符合临时救助条件。</p>")
    clerk.click("input[name=_save]")
    clerk.wait_for_load_state()
    doc = Document.objects.get(title="关于临时救助金发放情况的公示")
    clerk.goto(live_server.url + "/review/")
    clerk.click(f"#drafts a:has-text('{doc.title}')")
    clerk.fill("#submit-comment", "请审核")
    clerk.click("#submit")
    assert "已提交审核" in clerk.inner_text(".messagelist")

    # 审核: the reviewer finds it waiting, sees the ID number highlighted and sends the draft back.
    reviewer = as_user(people["reviewer"])
    reviewer.goto(live_server.url + "/review/")
    reviewer.click(f"#waiting a:has-text('{doc.title}')")
    marked = reviewer.locator(".review-text mark.finding-id_card")
    assert marked.inner_text() == FAKE_ID
    assert marked.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "身份证号" in reviewer.inner_text(".review-findings")
    ARTIFACTS.mkdir(exist_ok=True)
    reviewer.screenshot(path=str(ARTIFACTS / "review-highlighted.png"), full_page=True)
    reviewer.fill("#decision-comment", "请遮盖申请人的身份证号")
    reviewer.click("#send-back")
    assert "已退回" in reviewer.inner_text(".messagelist")

    # The clerk reads why, masks what was found (a new revision) and submits again.
    clerk.goto(live_server.url + f"/review/{doc.pk}/")
    assert clerk.locator("#sent-back-note").is_visible()
    assert "请遮盖申请人的身份证号" in clerk.inner_text("#history")
    clerk.click("#redact")
    assert "生成新版本" in clerk.inner_text(".messagelist")
    assert clerk.locator(".review-text mark").count() == 0
    clerk.click("#submit")

    # 审核 again: nothing highlighted now; the reviewer approves.
    reviewer.goto(live_server.url + f"/review/{doc.pk}/")
    assert reviewer.locator(".review-text mark").count() == 0
    assert FAKE_ID not in reviewer.inner_text("#content-main")
    reviewer.fill("#decision-comment", "同意")
    reviewer.click("#approve")
    assert "审核通过" in reviewer.inner_text(".messagelist")

    # 审批/发布 by a third account.
    publisher = as_user(people["publisher"])
    publisher.goto(live_server.url + f"/review/{doc.pk}/")
    publisher.fill("#decision-comment", "同意发布")
    publisher.click("#publish")
    assert "已发布" in publisher.inner_text(".messagelist")
    assert publisher.inner_text("#doc-status") == "已发布"

    doc.refresh_from_db()
    assert doc.status == Document.PUBLISHED and FAKE_ID not in doc.body_html
    assert doc.revisions.count() == 2 and FAKE_ID in doc.revisions.get(number=1).content["body_html"]
    trail = list(AuditEntry.objects.filter(object_type="catalog.document", object_id=str(doc.pk))
                 .order_by("at", "id").values_list("action", "actor__username"))
    assert trail == [
        ("document.create", "clerk_b"), ("review.submit", "clerk_b"), ("review.send_back", "reviewer_b"),
        ("document.update", "clerk_b"), ("review.redact", "clerk_b"), ("review.submit", "clerk_b"),
        ("review.approve", "reviewer_b"), ("review.publish", "publisher_b"), ("document.publish", "publisher_b"),
    ]
    shown = publisher.inner_text("#audit")
    for action, who in trail:
        assert action in shown and who in shown
