"""The staff review pages: highlighting, the steps through the forms, the 403 and the wrong method."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.accounts.models import Membership
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import Document
from gongkai.review import actions
from gongkai.review.models import ReviewChain, ReviewRequest
from tests import factories as f
from tests.test_sensitive import make_id

pytestmark = pytest.mark.django_db

FAKE_ID = make_id("99000019851231456")


@pytest.fixture
def team():
    ag = f.agency()
    chain = ReviewChain.objects.create(agency=ag, steps=3)
    clerk, reviewer = f.staff("clerk", ag), f.staff("reviewer", ag)
    publisher = f.staff("publisher", ag, Membership.PUBLISHER)
    chain.reviewers.add(reviewer)
    outsider = f.staff("outsider", f.agency("青禾区某局", code="987654321"), Membership.PUBLISHER)
    doc = catalog.create_document(clerk, ag, {"title": "关于补助发放的公示",
                                              "body_html": f"<p>领取人身份证号 {FAKE_ID}。</p>"})
    return doc, clerk, reviewer, publisher, outsider


def _as(client, user):
    client.force_login(user)
    return client


def test_the_reviewer_sees_found_spans_highlighted(client, team):
    doc, clerk, reviewer, *_ = team
    actions.submit(clerk, doc)
    page = _as(client, reviewer).get(reverse("review:document", args=[doc.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<mark class="finding finding-id_card" data-kind="id_card" title="身份证号">{FAKE_ID}</mark>' in html
    assert 'id="approve"' in html and 'id="send-back"' in html and 'id="publish"' not in html


def test_the_work_list_shows_what_waits_for_whom(client, team):
    doc, clerk, reviewer, publisher, _ = team
    assert doc.title in _as(client, clerk).get(reverse("review:index")).content.decode()  # a draft to submit
    actions.submit(clerk, doc)
    waiting = _as(client, reviewer).get(reverse("review:index")).content.decode()
    assert 'id="waiting"' in waiting and doc.title in waiting


def test_send_back_and_redact_through_the_forms(client, team):
    doc, clerk, reviewer, *_ = team
    actions.submit(clerk, doc)
    url = reverse("review:send_back", args=[doc.pk])
    assert _as(client, reviewer).post(url, {"comment": "请遮盖身份证号"}).status_code == 302
    assert ReviewRequest.objects.get(document=doc).status == ReviewRequest.SENT_BACK
    page = _as(client, clerk).get(reverse("review:document", args=[doc.pk])).content.decode()
    assert 'id="redact"' in page and 'id="sent-back-note"' in page
    keys = [s.key for s in actions.checks.spots_of(doc)]
    client.post(reverse("review:redact", args=[doc.pk]), {"spot": keys})
    doc.refresh_from_db()
    assert FAKE_ID not in doc.body_html and doc.current_revision.number == 2


def test_a_refused_step_is_a_message_not_an_error_page(client, team):
    doc, clerk, *_ = team
    actions.submit(clerk, doc)
    response = _as(client, clerk).post(reverse("review:approve", args=[doc.pk]), follow=True)
    assert response.status_code == 200
    assert "无权" in response.content.decode()
    assert ReviewRequest.objects.get(document=doc).stage == "review"


def test_an_empty_send_back_says_why(client, team):
    doc, clerk, reviewer, *_ = team
    actions.submit(clerk, doc)
    response = _as(client, reviewer).post(reverse("review:send_back", args=[doc.pk]), {"comment": ""}, follow=True)
    assert "退回须写明意见" in response.content.decode()
    assert ReviewRequest.objects.get(document=doc).status == ReviewRequest.IN_PROGRESS


def test_a_bad_publish_time_is_a_message(client, team):
    doc, clerk, reviewer, publisher, _ = team
    request = actions.submit(clerk, doc)
    actions.approve(reviewer, request)
    actions.accept(publisher, doc, "公示须列明领取人")
    response = _as(client, publisher).post(reverse("review:publish", args=[doc.pk]),
                                           {"publish_at": "明天上午"}, follow=True)
    assert "定时发布时间格式无效" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).status == Document.DRAFT


def test_another_agencys_document_is_403(client, team):
    doc, _, _, _, outsider = team
    client = _as(client, outsider)
    assert client.get(reverse("review:document", args=[doc.pk])).status_code == 403
    assert client.post(reverse("review:submit", args=[doc.pk])).status_code == 403
    assert not ReviewRequest.objects.exists()


def test_get_on_an_action_is_405_and_citizens_are_sent_to_sign_in(client, team):
    doc, clerk, *_ = team
    assert client.get(reverse("review:index")).status_code == 302
    assert client.post(reverse("review:submit", args=[doc.pk])).status_code == 302
    assert not ReviewRequest.objects.exists()
    assert _as(client, clerk).get(reverse("review:submit", args=[doc.pk])).status_code == 405
