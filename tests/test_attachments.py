"""Attachments: text from PDF, DOCX and plain files; the add_attachment action; the admin's upload hook."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import docx
import pytest
import weasyprint
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import inlineformset_factory

from gongkai.accounts.models import AuditEntry
from gongkai.catalog import attachments
from gongkai.catalog.models import Attachment, Document
from gongkai.search.models import OutboxEntry
from tests import factories as f

PDF_LINE = "附件一:青禾区口袋公园建设任务分解表"
DOCX_TYPE = attachments.DOCX_TYPE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_pdf() -> bytes:
    html = f'<p lang="zh-Hans" style="font-family: \'Noto Sans CJK SC\'">{PDF_LINE}</p><p>第二段 2024年</p>'
    return weasyprint.HTML(string=html).write_pdf()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("青禾区2024年为民办实事项目安排")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "项目清单"
    for column, value in enumerate(["社区食堂", "区民政局", "年底前"]):
        table.cell(1, column).text = value
    document.add_paragraph("表后说明文字")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- extract_text ---------------------------------------------------------------------------------


def test_pdf_text_is_extracted_without_spaces_between_chinese_characters(tmp_path):
    path = tmp_path / "任务分解表.pdf"
    path.write_bytes(make_pdf())
    assert PDF_LINE in attachments.extract_text(path, "application/pdf")
    assert PDF_LINE in attachments.extract_text(io.BytesIO(path.read_bytes()), "任务分解表.pdf")
    assert "第二段 2024年" in attachments.extract_text(str(path))


def test_docx_text_has_paragraphs_and_table_cells_in_reading_order():
    text = attachments.extract_text(io.BytesIO(make_docx()), DOCX_TYPE)
    assert text.split("\n") == ["青禾区2024年为民办实事项目安排", "项目清单", "社区食堂\t区民政局\t年底前", "表后说明文字"]


def test_format_is_sniffed_when_the_upload_says_octet_stream():
    assert "社区食堂" in attachments.extract_text(io.BytesIO(make_docx()), "application/octet-stream")
    assert PDF_LINE in attachments.extract_text(io.BytesIO(make_pdf()), "")
    assert "社区食堂" in attachments.extract_text(io.BytesIO(make_docx()), "application/pdf")  # mislabelled


def test_plain_text_in_utf8_or_gb18030():
    assert attachments.extract_text(io.BytesIO("公示名单\n张三".encode("gb18030")), "名单.txt") == "公示名单\n张三"
    assert attachments.extract_text(io.BytesIO("\ufeff公示名单".encode()), "text/plain; charset=utf-8") == "公示名单"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n1 0 obj broken beyond repair", "application/pdf"),
    (b"PK\x03\x04 not really a zip", DOCX_TYPE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "application/msword"),  # an old .doc
    (b"", "报表.xlsx"),
])
def test_unreadable_files_give_empty_text_and_a_warning(data, kind, caplog):
    with caplog.at_level(logging.WARNING, logger="gongkai.catalog.attachments"):
        assert attachments.extract_text(io.BytesIO(data), kind) == ""
    assert any("attachment" in r.getMessage() for r in caplog.records)


def test_a_missing_path_gives_empty_text(tmp_path):
    assert attachments.extract_text(tmp_path / "gone.pdf", "application/pdf") == ""


# --- add_attachment -------------------------------------------------------------------------------


@pytest.fixture
def office():
    return f.agency(name="青禾区人民政府办公室", code="014133058")


@pytest.fixture
def notice(office) -> Document:
    return f.document(office, "关于印发为民办实事项目的通知")


@pytest.mark.django_db
def test_clerk_adds_an_attachment_with_its_text_an_audit_row_and_an_outbox_row(office, notice, media_root):
    clerk = f.staff("clerk", office)
    OutboxEntry.objects.all().delete()
    content = make_docx()  # once: a .docx written in another second has other zip timestamps
    upload = SimpleUploadedFile("项目安排.docx", content, content_type="application/octet-stream")
    att = attachments.add_attachment(clerk, notice, upload)
    att.refresh_from_db()
    assert att.name == "项目安排.docx" and att.document_id == notice.pk
    assert att.content_type == DOCX_TYPE and att.size == len(content)
    assert "社区食堂" in att.text and "项目清单" in att.text
    stored = Path(att.file.path)
    assert stored.is_relative_to(media_root) and stored.read_bytes() == content
    entry = AuditEntry.objects.get(action="attachment.add")
    assert entry.actor == clerk and entry.object_id == str(notice.pk) and entry.detail["attachment"] == att.pk
    assert list(OutboxEntry.objects.values_list("document_id", flat=True)) == [notice.pk]


@pytest.mark.django_db
def test_a_broken_upload_is_kept_with_empty_text(notice):
    upload = SimpleUploadedFile("扫描件.pdf", b"%PDF-1.4 truncated", content_type="application/pdf")
    att = attachments.add_attachment(None, notice, upload, system=True)
    assert att.text == "" and att.size == 18 and att.file


@pytest.mark.django_db
def test_clerk_of_another_agency_is_refused_and_nothing_is_stored(notice, media_root):
    outsider = f.staff("outsider", f.agency(name="青禾区财政局", code="014133066"))
    upload = SimpleUploadedFile("a.txt", "内容".encode(), content_type="text/plain")
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(outsider, notice, upload)
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(None, notice, upload)
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="attachment.add").exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_admin_inline_upload_is_described_audited_and_reindexed(office, notice):
    clerk = f.staff("clerk", office)
    OutboxEntry.objects.all().delete()
    FormSet = inlineformset_factory(Document, Attachment, fields=("name", "file", "source_href"), extra=1)
    prefix = FormSet.get_default_prefix()
    data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-0-name": "任务分解表"}
    files = {f"{prefix}-0-file": SimpleUploadedFile("任务分解表.pdf", make_pdf(), content_type="application/pdf")}
    formset = FormSet(data, files, instance=notice, prefix=prefix)
    assert formset.is_valid(), formset.errors
    formset.save()
    attachments.after_inline_save(clerk, formset)
    att = Attachment.objects.get()
    assert PDF_LINE in att.text and att.content_type == "application/pdf" and att.size > 0
    assert AuditEntry.objects.filter(action="attachment.add", actor=clerk).count() == 1
    assert list(OutboxEntry.objects.values_list("document_id", flat=True)) == [notice.pk]
