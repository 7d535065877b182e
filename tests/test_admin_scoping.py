"""Staff editing in the admin is scoped by agency, and every save goes through the catalog actions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from gongkai.accounts.models import Membership
from gongkai.catalog.models import Document, Revision
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    office, finance = f.agency("青禾区人民政府办公室", "111111111"), f.agency("青禾区财政局", "222222222")
    return {
        "office": office, "finance": finance,
        "clerk": f.staff("clerk", office, Membership.CLERK),
        "publisher": f.staff("publisher", office, Membership.PUBLISHER),
        "outsider": f.staff("outsider", finance, Membership.CLERK),
        "own_draft": f.document(office, "办公室的草稿", publish=False),
        "other_draft": f.document(finance, "财政局的草稿", publish=False),
    }


def changelist(client) -> str:
    return client.get(reverse("admin:catalog_document_changelist")).content.decode()


def test_a_clerk_sees_only_the_drafts_of_their_own_agency(client, world):
    client.force_login(world["clerk"])
    html = changelist(client)
    assert "办公室的草稿" in html and "财政局的草稿" not in html


def test_a_clerk_cannot_open_or_change_another_agencys_document(client, world):
    client.force_login(world["clerk"])
    other = world["other_draft"]
    url = reverse("admin:catalog_document_change", args=[other.pk])
    assert client.get(url).status_code in (302, 404)
    client.post(url, {"title": "越权修改", "agency": world["finance"].pk})
    other.refresh_from_db()
    assert other.title == "财政局的草稿"


def test_a_clerk_can_only_create_documents_for_their_own_agency(client, world):
    client.force_login(world["clerk"])
    form = client.get(reverse("admin:catalog_document_add")).content.decode()
    assert "青禾区人民政府办公室" in form and "青禾区财政局" not in form


def test_editing_in_the_admin_writes_a_revision(client, world):
    client.force_login(world["clerk"])
    doc = world["own_draft"]
    url = reverse("admin:catalog_document_change", args=[doc.pk])
    data = {
        "title": "办公室的草稿(修订)", "agency": world["office"].pk, "keywords": "[]",
        "summary": "", "body_html": "<p>正文</p>", "disclosure_method": "主动公开", "disclosure_scope": "面向社会",
        "source_url": "", "title_en": "", "summary_en": "", "body_en": "", "doc_no": "",
        "declared_validity": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "1", "status_changes-INITIAL_FORMS": "1",
        "revisions-TOTAL_FORMS": "1", "revisions-INITIAL_FORMS": "1",
    }
    data["status_changes-0-id"] = doc.status_changes.first().pk
    data["status_changes-0-document"] = doc.pk
    data["revisions-0-id"] = doc.revisions.first().pk
    data["revisions-0-document"] = doc.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    doc.refresh_from_db()
    assert doc.title == "办公室的草稿(修订)"
    assert Revision.objects.filter(document=doc).count() == 2


def test_publishing_from_the_admin_needs_the_publisher_role(client, world):
    doc = world["own_draft"]
    action = {"action": "publish_selected", "_selected_action": [doc.pk]}
    client.force_login(world["clerk"])
    client.post(reverse("admin:catalog_document_changelist"), action)
    doc.refresh_from_db()
    assert doc.status == Document.DRAFT
    client.force_login(world["publisher"])
    client.post(reverse("admin:catalog_document_changelist"), action)
    doc.refresh_from_db()
    assert doc.status == Document.PUBLISHED and doc.index_no.startswith("111111111/")


def test_a_withdrawn_documents_page_says_when_and_why(client, world):
    doc = f.document(world["office"], "将撤回的通知")
    client.force_login(world["publisher"])
    client.post(reverse("admin:catalog_document_changelist"),
                {"action": "withdraw_selected", "_selected_action": [doc.pk]})
    doc.refresh_from_db()
    assert doc.status == Document.WITHDRAWN
    page = client.get(doc.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "撤回" in html and localtime(doc.withdrawn_at).strftime("%Y-%m-%d") in html


def test_documents_cannot_be_deleted_in_the_admin(client, world):
    client.force_login(world["publisher"])
    url = reverse("admin:catalog_document_delete", args=[world["own_draft"].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=world["own_draft"].pk).exists()


def test_drafts_are_not_public(client, world):
    assert client.get(world["own_draft"].get_absolute_url()).status_code == 404


def test_the_admin_speaks_chinese_whatever_the_browser_asks(client, world):
    client.force_login(world["publisher"])
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "欢迎" in html and "Welcome" not in html


def test_the_admin_index_leads_staff_to_their_desks(client, world):
    client.force_login(world["clerk"])
    html = client.get(reverse("admin:index")).content.decode()
    for name in ("applications:todo", "applications:staff_list", "review:index", "consultations_staff:index",
                 "mailbox:staff_list", "annualreport:index"):
        assert f'href="{reverse(name)}"' in html
    assert reverse("admin:catalog_document_changelist") in html  # the admin's own model list is still there
