"""下载PDF: a document as an A4 PDF, stamped with the day it was printed and its validity on that day.

A printed page leaves the site, so the PDF carries what a reader needs to check it later: the
canonical address (also as a QR code), the print date and the validity on that date. WeasyPrint
renders it with the Noto CJK fonts; without them every Chinese glyph silently becomes a box, so the
first render checks the fonts really embedded and logs one warning when they are not.

PDFs are cached as files under DATA_DIR/pdf, named by everything they depend on (revision, status,
validity, print day, language, attachments), so a change to the document is a new name and the
stale file of that document is removed when the new one is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import mimetypes
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pypdf
import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import get_template, render_to_string
from django.utils.translation import get_language
from weasyprint.urls import URLFetcherResponse

from gongkai.catalog.models import Document, SiteSettings

logger = logging.getLogger(__name__)

# The families fonts-noto-cjk installs under these names; fontconfig resolves them by name.
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
TEMPLATES = ("portal/document_pdf.html", "portal/_metadata.html")
# Characters that Windows and macOS refuse in file names, and control characters.
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


class _AsOf:
    """The document as the metadata table shows it on the print day: `validity` is that day's."""

    def __init__(self, document: Document, day: dt.date) -> None:
        self._document = document
        self.validity = document.validity_on(day)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._document, name)


def canonical_url(doc: Document) -> str:
    return settings.SITE_URL + doc.get_absolute_url()


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data URI: drawn locally, nothing is fetched."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_document_pdf(doc: Document, *, base_url: str, today: dt.date) -> bytes:
    """The PDF of `doc` as printed on `today`, rendered now (no cache)."""
    cjk_fonts_available()
    url = canonical_url(doc)
    html = render_to_string(TEMPLATES[0], {
        "doc": _AsOf(doc, today), "printed_on": today, "validity": doc.validity_on(today),
        "canonical_url": url, "qr": qr_data_uri(url), "site": SiteSettings.get(),
        "attachments": list(doc.attachments.all()), "lang": get_language() or settings.LANGUAGE_CODE,
    })
    fetcher = LocalFetcher(_origins(base_url))
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def cache_key(doc: Document, today: dt.date) -> str:
    """The cache file's name: every input of the rendering that can change without a new revision."""
    extra = repr((settings.SITE_URL, SiteSettings.get().site_name, _layout_digest(),
                  list(doc.attachments.order_by("pk").values_list("pk", "name"))))
    digest = hashlib.sha256(extra.encode()).hexdigest()[:12]
    validity = {"有效": "valid", "失效": "expired", "废止": "abolished"}[doc.validity_on(today)]
    state = f"r{doc.current_revision_id or 0}-{doc.status}-{validity}-{today:%Y%m%d}-{digest}"
    return f"{_prefix(doc)}{state}"


def _prefix(doc: Document) -> str:
    # Per language, so that readers of two languages do not evict each other's copy.
    return f"{doc.pk}-{get_language() or settings.LANGUAGE_CODE}-"


@functools.cache
def _layout_digest() -> str:
    """Changes when the templates do, so that a deployment never serves PDFs of the old layout."""
    sources = (get_template(name).template.source for name in TEMPLATES)
    return hashlib.sha256("".join(sources).encode()).hexdigest()[:12]


def document_pdf_bytes(doc: Document, *, base_url: str, today: dt.date) -> bytes:
    """The PDF of `doc` printed on `today`, from the cache when nothing it shows has changed."""
    folder = Path(settings.DATA_DIR) / "pdf"
    path = folder / f"{cache_key(doc, today)}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render_document_pdf(doc, base_url=base_url, today=today)
    _write_atomically(path, data)
    _remove_stale(folder, doc, keep=path)
    return data


def _write_atomically(path: Path, data: bytes) -> None:
    # Two workers may render the same PDF at once: each writes its own temporary file, and the
    # rename makes a reader see either no file or a whole one.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _remove_stale(folder: Path, doc: Document, *, keep: Path) -> None:
    for old in folder.glob(f"{_prefix(doc)}*.pdf"):
        if old != keep:
            old.unlink(missing_ok=True)


def pdf_filename(doc: Document) -> str:
    """A file name from the title, without characters that file systems refuse."""
    name = _UNSAFE_FILENAME.sub(" ", doc.title).strip(" .")[:80].strip() or f"document-{doc.pk}"
    return f"{name}.pdf"


def content_disposition(filename: str, fallback: str) -> str:
    """`attachment` with an ASCII name for old clients and the UTF-8 name per RFC 5987/6266."""
    if filename.isascii():
        fallback = filename
    ascii_name = fallback.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def pdf_response(doc: Document, *, base_url: str, today: dt.date) -> HttpResponse:
    data = document_pdf_bytes(doc, base_url=base_url, today=today)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(pdf_filename(doc), f"document-{doc.pk}.pdf")
    # The PDF states its print day's validity: kept briefly by the reader's browser, never by a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- resources: images of the body are read from disk, never over the network --------------------


def _origins(base_url: str) -> tuple[str, ...]:
    return tuple({_origin(base_url), _origin(settings.SITE_URL)} - {""})


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


class LocalFetcher(weasyprint.URLFetcher):
    """Data URIs, and this site's /static/ and /media/ files; anything else is skipped (WeasyPrint
    logs it and leaves the image out), so rendering never waits on another server or on itself."""

    def __init__(self, origins: tuple[str, ...]) -> None:
        super().__init__(allowed_protocols=("data",))
        self.origins = origins

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        local = _local_file(url, self.origins)
        if local is None:
            raise ValueError(f"not fetched while rendering a PDF: {url[:200]}")
        kind = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, local.open("rb"), {"Content-Type": kind})


def _local_file(url: str, origins: tuple[str, ...]) -> Path | None:
    origin = _origin(url)
    if origin not in origins:
        return None
    path = unquote(urlsplit(url).path)  # file names of attachments and images are often Chinese
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL):])
        return Path(found) if isinstance(found, str) else None
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(settings.MEDIA_URL):]).resolve()
        return candidate if candidate.is_relative_to(root) and candidate.is_file() else None
    return None


# --- fonts ----------------------------------------------------------------------------------------


@functools.cache
def cjk_fonts_available() -> bool:
    """Whether WeasyPrint really embeds the Noto CJK families; checked once per process.

    Fontconfig silently substitutes a missing family, so this renders a probe and reads the names of
    the fonts embedded in it rather than trusting a lookup by name.
    """
    missing = [family for family in CJK_FAMILIES if not _embeds(family)]
    if missing:
        logger.warning(
            "PDF fonts missing: %s. Chinese text in PDFs will print as empty boxes; "
            "install the Debian package fonts-noto-cjk.", ", ".join(missing),
        )
    return not missing


def _embeds(family: str) -> bool:
    probe = f'<p lang="zh-Hans" style="font-family: \'{family}\'">政务公开</p>'
    reader = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=probe).write_pdf()))
    fonts = reader.pages[0]["/Resources"].get("/Font", {})
    wanted = family.replace(" ", "").lower()
    names = [str(font.get_object().get("/BaseFont", "")) for font in fonts.values()]
    return any(wanted in name.replace("-", "").lower() for name in names)
