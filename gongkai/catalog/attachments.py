"""Attachments: storing an uploaded file and the text that search and question answering read from it.

Government attachments are mostly PDF and Word files, often scanned, sometimes broken or in old
formats (.doc, .wps, .et). Extraction therefore never fails the upload: a file it cannot read gets
an empty text and a log line, and stays downloadable.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import docx
import pypdf
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.forms.models import BaseInlineFormSet

from gongkai.accounts import access, audit
from gongkai.catalog.models import Attachment, Document
from gongkai.catalog.signals import document_changed

logger = logging.getLogger(__name__)

PDF, DOCX, TEXT = "pdf", "docx", "text"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TYPES = {"application/pdf": PDF, DOCX_TYPE: DOCX, "text/plain": TEXT, "text/csv": TEXT}
_SUFFIXES = {".pdf": PDF, ".docx": DOCX, ".txt": TEXT, ".csv": TEXT}
# Enough for any real document; keeps a 2,000-page scan dump from filling the search index.
MAX_CHARS = 1_000_000
# pypdf puts a space or line break between CJK glyphs that were placed one by one.
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")

Source = str | os.PathLike[str] | IO[bytes]


def extract_text(source: Source, kind: str = "") -> str:
    """The text of a PDF, DOCX or plain-text file; "" (and a warning) for anything else or a broken file.

    The first bytes decide when they are a PDF or a DOCX, since uploads are often mislabelled;
    otherwise `kind` (a content type or a file name) or the source's own name does.
    """
    label = _name_of(source) or kind
    try:
        data = _read(source)
        fmt = _sniff(data) or _hinted(kind) or _hinted(_name_of(source))
        if fmt is None:
            logger.warning("attachment %s: no text extracted from this format", label)
            return ""
        return _EXTRACTORS[fmt](data)[:MAX_CHARS]
    except Exception as exc:  # noqa: BLE001 -- parsers of foreign files raise anything; the upload must survive
        logger.warning("attachment %s: text extraction failed: %s: %s", label, type(exc).__name__, exc)
        return ""


def _read(source: Source) -> bytes:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def _name_of(source: Source) -> str:
    name = source if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "")
    return os.fspath(name) if name else ""


def _hinted(kind: str) -> str | None:
    hint = kind.split(";")[0].strip().lower()
    return _TYPES.get(hint) or _SUFFIXES.get(Path(hint).suffix)


def _sniff(data: bytes) -> str | None:
    """The format the bytes announce, whatever the upload was labelled."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return DOCX if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    return None


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        text = _SPACE_BETWEEN_CJK.sub("", page.extract_text() or "").strip()
        pages.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n\n".join(p for p in pages if p)


def _docx_text(data: bytes) -> str:
    return "\n".join(line for line in _docx_blocks(docx.Document(io.BytesIO(data))) if line.strip())


def _docx_blocks(container: Any) -> Iterator[str]:
    """Paragraphs and table cells in reading order; nested tables are read inside their cell."""
    for block in container.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                yield "\t".join(" ".join(_docx_blocks(cell)) for cell in _distinct(row.cells))
        else:
            yield block.text


def _distinct(cells: Iterable[Any]) -> Iterator[Any]:
    # python-docx repeats a merged cell once per grid column it spans; its text should appear once.
    seen: set[int] = set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def _plain_text(data: bytes) -> str:
    # Chinese government text files are UTF-8 or GB-encoded; GB18030 decodes both GBK and GB2312.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


_EXTRACTORS = {PDF: _pdf_text, DOCX: _docx_text, TEXT: _plain_text}


def content_type_of(names: Iterable[str], declared: str = "") -> str:
    """From the file names first: the browser's declared type is only a fallback, it varies by client."""
    for name in names:
        guessed, _ = mimetypes.guess_type(name)
        if guessed:
            return guessed
    return declared or "application/octet-stream"


def describe(attachment: Attachment, declared_type: str = "") -> None:
    """Fill size, content type and text from the attachment's stored file (not saved here)."""
    attachment.size = attachment.file.size
    attachment.content_type = content_type_of([attachment.file.name, attachment.name], declared_type)
    with attachment.file.open("rb") as fh:
        attachment.text = extract_text(fh, attachment.content_type)


def size_problem(size: int) -> str | None:
    """Why a file of `size` bytes is refused as an attachment (GONGKAI_MAX_ATTACHMENT_MB); None if it is not."""
    limit = settings.MAX_ATTACHMENT_BYTES
    if size <= limit:
        return None
    return f"附件过大（{size / 2**20:.1f} MB），上限为 {limit / 2**20:g} MB。"


class AttachmentFormSet(BaseInlineFormSet):
    """The admin's attachment rows: a file beyond the limit is a form error, nothing is stored."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            upload = (getattr(form, "cleaned_data", None) or {}).get("file")
            problem = size_problem(getattr(upload, "size", 0) or 0) if "file" in form.changed_data else None
            if problem:
                form.add_error("file", problem)


@transaction.atomic
def add_attachment(
    actor: Any, document: Document, uploaded_file: IO[bytes], *, name: str = "", system: bool = False
) -> Attachment:
    """Store an uploaded file under MEDIA_ROOT as an attachment of `document`, with its text.

    The text reaches the search index through `document_changed` and the outbox, like every other change.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not system:
        if actor is None:
            raise PermissionDenied("需要登录")
        access.require_edit(actor, document)
    name = (name or Path(getattr(uploaded_file, "name", "") or "附件").name)[:300]
    problem = size_problem(_size_of(uploaded_file))
    if problem:
        raise ValidationError(problem)
    attachment = Attachment(document=document, name=name)
    attachment.file.save(name, _as_file(uploaded_file, name), save=False)
    try:
        describe(attachment, getattr(uploaded_file, "content_type", "") or "")
        attachment.save()
        audit.record(actor, "attachment.add", document, name, attachment=attachment.pk, size=attachment.size,
                     content_type=attachment.content_type, text_chars=len(attachment.text))
        document_changed.send(sender=Document, document_id=document.pk)
    except BaseException:
        attachment.file.delete(save=False)  # a failed upload leaves no orphan file behind
        raise
    return attachment


def _size_of(uploaded_file: IO[bytes]) -> int:
    size = getattr(uploaded_file, "size", None)
    if isinstance(size, int):
        return size
    position = uploaded_file.tell()
    uploaded_file.seek(0, os.SEEK_END)
    size = uploaded_file.tell()
    uploaded_file.seek(position)
    return size


def _as_file(uploaded_file: IO[bytes], name: str) -> File:
    if isinstance(uploaded_file, File):
        return uploaded_file
    return File(uploaded_file, name=name)


def after_inline_save(actor: Any, formset: BaseInlineFormSet) -> None:
    """The admin's inline forms saved attachments themselves: describe uploaded files, audit, reindex."""
    uploaded = [*formset.new_objects, *(obj for obj, fields in formset.changed_objects if "file" in fields)]
    for attachment in uploaded:
        if attachment.file:
            describe(attachment)
            attachment.save(update_fields=["size", "content_type", "text"])
        audit.record(actor, "attachment.add", attachment.document, attachment.name, attachment=attachment.pk,
                     size=attachment.size, content_type=attachment.content_type, text_chars=len(attachment.text))
    for attachment in formset.deleted_objects:
        audit.record(actor, "attachment.delete", formset.instance, attachment.name, attachment=attachment.pk)
    if uploaded or formset.changed_objects or formset.deleted_objects:
        document_changed.send(sender=Document, document_id=formset.instance.pk)
