"""Machine-translated English drafts: asked of the configured model (a fake one here), kept apart
from the document, reviewed and corrected by staff, and the document's English text only when a
staff member who may edit it accepts it — atomic, permission-checked, audited, never published
unreviewed."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog import actions
from gongkai.catalog.models import Document, TranslationDraft
from gongkai.search.models import OutboxEntry
from gongkai.translations import translate
from tests import factories as f

pytestmark = pytest.mark.django_db

REPLY = {"title": "Notice on Flood Control Drills in 2025",
         "summary": "Towns are to hold flood control drills before the rainy season.",
         "body": "Every town is to hold a flood control drill before June.\n\nReports are due by 30 June."}


class FakeModel(BaseHTTPRequestHandler):
    mode = "good"
    seen: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.seen.append(body)
        content = json.dumps(REPLY) if self.mode == "good" else "Sure! Here is the translation: …"
        payload = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
        self.send_response(200 if self.mode != "error" else 500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def model(settings) -> Iterator[type[FakeModel]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeModel.mode, FakeModel.seen = "good", []
    settings.LLM_URL, settings.LLM_MODEL = f"http://127.0.0.1:{server.server_address[1]}/v1", "test-model"
    try:
        yield FakeModel
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def world():
    office, finance = f.agency("青禾区应急管理局", "111111111"), f.agency("青禾区财政局", "222222222")
    doc = f.document(office, "关于2025年开展防汛演练的通知",
                     body_html="<p>各镇要在六月前组织一次防汛演练。</p><p>6月30日前报送总结。</p>")
    return {"doc": doc, "clerk": f.staff("clerk", office, Membership.CLERK),
            "outsider": f.staff("outsider", finance, Membership.CLERK)}


def test_a_draft_is_kept_apart_and_the_document_stays_as_it_was(model, world):
    doc, clerk = world["doc"], world["clerk"]
    draft = translate.request_translation(clerk, doc)
    assert draft.is_pending and draft.title_en == REPLY["title"] and draft.model_name == "test-model"
    assert draft.source_revision_id == doc.current_revision_id
    doc.refresh_from_db()
    assert (doc.title_en, doc.summary_en, doc.body_en) == ("", "", "")
    sent = model.seen[0]["messages"][1]["content"]
    assert "防汛演练" in sent  # the Chinese text was sent for translation
    assert AuditEntry.objects.filter(action="translation.draft", actor=clerk).count() == 1


def test_an_unreviewed_draft_never_reaches_the_english_page_or_the_index(client, model, world):
    draft = translate.request_translation(world["clerk"], world["doc"])
    OutboxEntry.objects.all().delete()
    page = client.get(f"/en/xxgk/{world['doc'].pk}/").content.decode()
    assert draft.title_en not in page
    assert "This document is available in Chinese only:" in page
    assert '<span lang="zh-Hans">关于2025年开展防汛演练的通知</span>' in page
    assert not OutboxEntry.objects.exists()


def test_accepting_a_corrected_draft_makes_it_the_english_text(client, model, world):
    doc, clerk = world["doc"], world["clerk"]
    draft = translate.request_translation(clerk, doc)
    actions.edit_translation_draft(clerk, draft, {"title_en": "Notice on Holding Flood Control Drills in 2025"})
    revisions = doc.revisions.count()
    OutboxEntry.objects.all().delete()
    actions.accept_translation(clerk, draft)
    doc.refresh_from_db()
    draft.refresh_from_db()
    assert doc.title_en == "Notice on Holding Flood Control Drills in 2025"
    assert doc.body_en == REPLY["body"]
    assert draft.status == TranslationDraft.ACCEPTED and draft.decided_by == clerk
    assert doc.revisions.count() == revisions + 1  # an ordinary revision, with who accepted it
    assert OutboxEntry.objects.filter(document_id=doc.pk).exists()  # the English index follows
    assert {"translation.edit", "translation.accept", "document.update"} <= set(
        AuditEntry.objects.filter(actor=clerk).values_list("action", flat=True))
    page = client.get(f"/en/xxgk/{doc.pk}/").content.decode()
    assert "Notice on Holding Flood Control Drills in 2025" in page and "Reports are due by 30 June." in page
    with pytest.raises(ValidationError):
        actions.accept_translation(clerk, draft)  # decided once


def test_a_rejected_draft_changes_nothing(model, world):
    draft = translate.request_translation(world["clerk"], world["doc"])
    actions.reject_translation(world["clerk"], draft)
    world["doc"].refresh_from_db()
    assert world["doc"].title_en == ""
    with pytest.raises(ValidationError):
        actions.edit_translation_draft(world["clerk"], draft, {"title_en": "Changed"})


def test_staff_of_another_agency_can_neither_ask_nor_accept(model, world):
    with pytest.raises(PermissionDenied):
        translate.request_translation(world["outsider"], world["doc"])
    assert model.seen == []  # the model was not asked
    draft = translate.request_translation(world["clerk"], world["doc"])
    with pytest.raises(PermissionDenied):
        actions.accept_translation(world["outsider"], draft)
    with pytest.raises(PermissionDenied):
        actions.accept_translation(None, draft)
    draft.refresh_from_db()
    assert draft.is_pending and Document.objects.get(pk=world["doc"].pk).title_en == ""


@pytest.mark.parametrize("mode", ["garbage", "error"])
def test_a_reply_off_the_protocol_leaves_no_draft(model, world, mode):
    model.mode = mode
    with pytest.raises(translate.TranslationUnavailable):
        translate.request_translation(world["clerk"], world["doc"])
    assert not TranslationDraft.objects.exists()


def test_the_reply_is_read_strictly():
    assert translate.parse(json.dumps(REPLY))["title_en"] == REPLY["title"]
    assert translate.parse("```json\n" + json.dumps(REPLY) + "\n```")["body_en"] == REPLY["body"]
    assert translate.parse(json.dumps({"title": "", "body": "x"})) is None
    assert translate.parse(json.dumps({"title": "T", "body": 3})) is None
    assert translate.parse("not json") is None


# --- the admin ----------------------------------------------------------------------------------


def test_without_a_model_the_button_says_why(client, settings, world):
    settings.LLM_URL = ""
    client.force_login(world["clerk"])
    page = client.get(reverse("admin:catalog_document_change", args=[world["doc"].pk])).content.decode()
    assert "请求机器翻译英文稿</button>" in page and "disabled" in page
    assert "未配置语言模型" in page
    response = client.post(reverse("admin:catalog_translationdraft_request", args=[world["doc"].pk]))
    assert response.status_code == 302 and not TranslationDraft.objects.exists()


def test_staff_ask_review_and_accept_in_the_admin(client, model, world):
    doc = world["doc"]
    client.force_login(world["clerk"])
    page = client.get(reverse("admin:catalog_document_change", args=[doc.pk])).content.decode()
    assert 'form="translation-request"' in page and "未配置语言模型" not in page
    assert client.get(reverse("admin:catalog_translationdraft_request", args=[doc.pk])).status_code == 405
    response = client.post(reverse("admin:catalog_translationdraft_request", args=[doc.pk]))
    draft = TranslationDraft.objects.get()
    assert response["Location"] == reverse("admin:catalog_translationdraft_change", args=[draft.pk])
    review = client.get(response["Location"]).content.decode()
    assert "各镇要在六月前组织一次防汛演练" in review and "采用为英文版" in review  # the Chinese beside it
    client.post(response["Location"], {"title_en": "Flood Control Drills in 2025", "summary_en": REPLY["summary"],
                                       "body_en": REPLY["body"], "_accept": "1"})
    doc.refresh_from_db()
    assert doc.title_en == "Flood Control Drills in 2025"
    assert TranslationDraft.objects.get().status == TranslationDraft.ACCEPTED


def test_staff_of_another_agency_see_no_draft_in_the_admin(client, model, world):
    draft = translate.request_translation(world["clerk"], world["doc"])
    client.force_login(world["outsider"])
    assert client.get(reverse("admin:catalog_translationdraft_change", args=[draft.pk])).status_code in (302, 403, 404)
    client.post(reverse("admin:catalog_translationdraft_change", args=[draft.pk]),
                {"title_en": "x", "_accept": "1"})
    assert client.post(reverse("admin:catalog_translationdraft_request", args=[world["doc"].pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.is_pending and draft.title_en == REPLY["title"]
