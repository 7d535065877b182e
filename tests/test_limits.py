"""Limits everywhere: numbers out of range are a 400 with a sentence (not a 500), text that no database
can hold is refused, an index-number form without a serial or with an absurd width is refused when saved,
the 繁體 cache is keyed by nothing a visitor invents, attachments and PDFs have a size and a time limit.
(A fictional 青禾区.)"""

from __future__ import annotations

import datetime as dt
import io
import time

import pypdf
import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import actions, attachments, indexno
from gongkai.catalog.models import Attachment, Document, SiteSettings
from gongkai.lib import params
from gongkai.portal import pdf
from tests import factories as f

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # 2**63: no 64-bit column holds it


@pytest.fixture
def published():
    return f.document(f.agency("青禾区教育局", code="246813579"), "青禾区教育局关于秋季开学的通知")


@pytest.mark.parametrize("url", [
    f"/xxgk/?page={HUGE}", "/xxgk/?year=10000", f"/xxgk/?year={HUGE}{HUGE}", f"/xxgk/?topic={HUGE}",
    f"/xxgk/?agency={HUGE}", f"/zh-hant/xxgk/?page={HUGE}", f"/en/news/?page={HUGE}",
    f"/search/?q=通知&page={HUGE}", "/xxgk/?page=" + "9" * 5000,
])
def test_a_page_number_or_year_out_of_range_is_a_400_naming_it(client, published, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "超出范围" in response.content.decode() or "超出範圍" in response.content.decode()


def test_numbers_that_are_no_numbers_are_still_ignored(client, published):
    assert client.get("/xxgk/?page=abc&year=二〇二四").status_code == 200
    assert client.get("/xxgk/?page=2&year=2024").status_code == 200


@pytest.mark.parametrize("url", [
    f"/api/documents?offset={HUGE}", f"/api/documents/{HUGE}",
    f"/api/decisions?offset={HUGE}", f"/api/decisions?dept={HUGE}", "/api/decisions?year=10000",
])
def test_the_api_answers_numbers_out_of_range_with_a_400_and_its_reason(client, published, url):
    response = client.get(url)
    assert response.status_code in (400, 422), response.content  # 422: the number is not even an int64
    if response.status_code == 400:
        assert response.json()["error"] == "bad_parameter" and "超出范围" in response.json()["reason"]


def test_the_api_offset_beyond_the_limit_is_400_not_500(client, published):
    response = client.get("/api/documents", {"offset": HUGE})
    assert response.status_code == 400 and response.json()["error"] == "bad_parameter"
    assert client.get("/api/documents", {"offset": 0}).json()[0]["title"] == published.title


@pytest.mark.parametrize("body", [
    '{"question": "\\ud800"}', '{"question": "青禾区\\udfff通知"}', '{"question": "通知\\u0000"}',
])
def test_ask_refuses_text_no_database_can_hold(client, published, body):
    response = client.post("/api/ask", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"] == "bad_question"
    assert "无效字符" in response.json()["reason"]
    history = '{"question": "通知是谁发的", "history": [{"question": "\\ud800", "answer": null}]}'
    assert client.post("/api/ask", history, content_type="application/json").status_code == 422  # by its schema


def test_questions_and_queries_are_bounded(client, published):
    assert client.post("/api/ask", {"question": "青" * 301}, content_type="application/json").status_code == 400
    assert client.get("/ask/", {"q": "青" * 301}).status_code == 400


def test_params_helper_bounds_and_keeps_defaults():
    assert params.integer({"page": "3"}, "page") == 3
    assert params.integer({"page": "x"}, "page", default=1) == 1
    with pytest.raises(params.BadParameter, match="page"):
        params.integer({"page": HUGE}, "page", maximum=params.PAGE_MAX)
    with pytest.raises(params.BadParameter):
        params.integer({"year": "0"}, "year", minimum=1, maximum=9999)
    assert params.text_problem("问题", "青禾\ud800") and params.text_problem("问题", "青" * 301)
    assert params.text_problem("问题", "青禾区") is None


# --- index-number forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "why"), [
    ("{prefix}/{year}", "{serial}"),
    ("{year}-{serial:05d}", "{prefix}"),
    ("{prefix}/{year}-{serial:999999999999d}", "宽度"),
    ("{prefix}/{year}-{serial:0>100}", "宽度"),
    ("{prefix}/{year}-{serial:05d}-{day}", "未知字段"),
    ("{prefix}/{year}-{serial:05d}" + "x" * 40, "超过 64"),
    ("{prefix}/{year}-{serial", "格式无效"),
])
def test_an_index_number_form_that_cannot_give_distinct_bounded_numbers_is_refused(form, why):
    settings_row = SiteSettings.get()
    settings_row.index_format = form
    with pytest.raises(ValidationError) as caught:
        settings_row.full_clean()
    assert why in str(caught.value.message_dict["index_format"])


def test_the_default_and_documented_forms_are_accepted():
    for form in ("{prefix}/{year}-{serial:05d}", "{prefix}-{year}-{serial:06d}", "{prefix}-{year}{month:02d}-{serial:06d}"):
        indexno.check_format(form)


def test_a_form_saved_around_the_admin_fails_the_publication_with_its_reason_not_a_duplicate(published):
    SiteSettings.objects.filter(pk=1).update(index_format="{prefix}/{year}")
    draft = actions.create_document(None, published.agency, {"title": "青禾区第二份通知"}, system=True)
    with pytest.raises(ValidationError, match="serial"):
        actions.publish(None, draft, day=dt.date(2024, 3, 2), system=True)
    assert Document.objects.get(pk=draft.pk).status == Document.DRAFT


def test_the_admin_form_shows_the_reason(admin_client):
    SiteSettings.get()
    page = admin_client.post("/admin/catalog/sitesettings/1/change/", {
        "site_name": "青禾区人民政府", "site_name_en": "Qinghe", "index_format": "{prefix}/{year}",
        "sponsor": "青禾区人民政府办公室", "address": "青禾区", "postcode": "100000"})
    assert page.status_code == 200 and "格式须包含 {serial}" in page.content.decode()
    assert SiteSettings.get().index_format == "{prefix}/{year}-{serial:05d}"


# --- the 繁體 cache --------------------------------------------------------------------------------


@pytest.fixture
def memory_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"}}
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def test_traditional_pages_with_invented_parameters_add_nothing_to_the_cache(client, published, memory_cache, settings):
    settings.PAGE_CACHE = False
    def conversions() -> int:
        return sum(":hant:" in key for key in memory_cache._cache)

    client.get(f"/zh-hant/xxgk/{published.pk}/")
    assert conversions() == 1
    for n in range(3):
        assert client.get(f"/zh-hant/xxgk/{published.pk}/", {"x": n}).status_code == 200
        assert client.get("/zh-hant/search/", {"q": f"通知{n}"}).status_code == 200
    assert conversions() == 1


# --- sizes and time -------------------------------------------------------------------------------


def test_an_attachment_beyond_the_limit_is_refused_and_nothing_is_stored(published, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024
    upload = SimpleUploadedFile("青禾区附件.txt", "青禾区".encode() * 200, content_type="text/plain")
    with pytest.raises(ValidationError, match="附件过大"):
        attachments.add_attachment(None, published, upload, system=True)
    assert not Attachment.objects.exists()
    small = SimpleUploadedFile("青禾区附件.txt", "青禾区".encode(), content_type="text/plain")
    assert attachments.add_attachment(None, published, small, system=True).size == 9


def test_the_admin_refuses_an_attachment_beyond_the_limit(published, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024
    formset_class = attachments.AttachmentFormSet
    from django.forms import inlineformset_factory

    FormSet = inlineformset_factory(Document, Attachment, formset=formset_class, fields=("name", "file"), extra=1)
    data = {"attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0", "attachments-0-name": "附件"}
    files = {"attachments-0-file": SimpleUploadedFile("a.txt", b"x" * 2048)}
    formset = FormSet(data, files, instance=published, prefix="attachments")
    assert not formset.is_valid() and "附件过大" in str(formset.errors)


def test_a_very_long_body_prints_its_beginning_and_a_note(published, settings):
    settings.PDF_MAX_CHARS = 1000
    body = "".join(f"<p>第{i}条 青禾区秋季开学工作安排。</p>" for i in range(400))
    doc = actions.update_document(None, published, {"body_html": body}, system=True)
    data = pdf.render_document_pdf(doc, base_url="http://testserver/", today=dt.date(2026, 1, 5))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    text = "".join(text.split())  # the note may wrap anywhere: a longer address on another database
    assert "本PDF仅收录前1,000字" in text and "第10条" in text and "第399条" not in text


def test_a_rendering_that_outlives_its_deadline_is_a_503_with_a_sentence(client, published, settings, monkeypatch):
    settings.PDF_TIMEOUT = 1

    class Slow:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self):
            time.sleep(30)

    monkeypatch.setattr(pdf.weasyprint, "HTML", Slow)
    pdf.cjk_fonts_available.cache_clear()
    monkeypatch.setattr(pdf, "cjk_fonts_available", lambda: True)
    started = time.monotonic()
    response = client.get(f"/xxgk/{published.pk}/pdf/")
    assert response.status_code == 503 and "秒内生成" in response.content.decode()
    assert time.monotonic() - started < 10


def test_a_rendering_beyond_its_memory_is_a_503(client, published, settings, monkeypatch):
    settings.PDF_MEMORY_BYTES = 64 * 2**20

    class Greedy:
        def __init__(self, **kwargs):
            pass

        def write_pdf(self):
            return bytes(512 * 2**20)

    monkeypatch.setattr(pdf.weasyprint, "HTML", Greedy)
    monkeypatch.setattr(pdf, "cjk_fonts_available", lambda: True)
    response = client.get(f"/xxgk/{published.pk}/pdf/")
    assert response.status_code == 503 and "未能生成" in response.content.decode()


def test_question_answering_reads_a_bounded_part_of_a_huge_body(published, monkeypatch):
    from gongkai.qa import retrieval

    monkeypatch.setattr(retrieval, "BODY_CHARS", 50)
    doc = actions.update_document(None, published, {"body_html": "<p>" + "青禾区秋季开学安排。" * 100 + "</p>"}, system=True)
    assert len(retrieval.source_doc(doc).body) == 50 and len(doc.body_text) == 1000
