"""下载PDF: a document as an A4 PDF, stamped with the day it was printed and its validity on that day.

A printed page leaves the site, so the PDF carries what a reader needs to check it later: the
canonical address (also as a QR code), the print date and the validity on that date. WeasyPrint
renders it with the Noto CJK fonts; without them every Chinese glyph silently becomes a box, so the
first render checks the fonts really embedded and logs one warning when they are not.

PDFs are cached as files under DATA_DIR/pdf, named by everything they depend on (revision, status,
validity, print day, language, attachments), so a change to the document is a new name and the
stale file of that document is removed when the new one is written.

Rendering is bounded: a body beyond GONGKAI_PDF_MAX_CHARS is printed up to there, as plain paragraphs,
with a note giving the length and the page's address; WeasyPrint runs in a child process with an
address-space limit (GONGKAI_PDF_MEMORY_MB) and a deadline (GONGKAI_PDF_SECONDS), so that a document
nobody foresaw costs a 503 with a sentence, never the worker (docs/adr/0010-import-ownership-and-limits.md).
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
import resource
import signal
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pypdf
import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
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


class PdfUnavailable(Exception):
    """The PDF could not be rendered within its time or memory; `message` is for the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _AsOf:
    """The document as the metadata table shows it on the print day: `validity` is that day's, and a
    body beyond PDF_MAX_CHARS is its beginning as plain paragraphs with a note."""

    def __init__(self, document: Document, day: dt.date) -> None:
        self._document = document
        self.validity = document.validity_on(day)
        limit = settings.PDF_MAX_CHARS
        if len(document.body_text) > limit or len(document.body_html) > 4 * limit:
            self.body_html = _shortened(document, limit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._document, name)


def _shortened(doc: Document, limit: int) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in doc.body_text[:limit].splitlines() if line.strip())
    note = (f"全文共 {len(doc.body_text):,} 字，本 PDF 仅收录前 {limit:,} 字；全文请见 {escape(canonical_url(doc))}")
    return mark_safe(f'{paragraphs}<p class="notice" role="note">{note}</p>')


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
    return _bounded(lambda: weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf())


def _bounded(render: Any) -> bytes:
    """`render()` in a forked child with a memory limit and a deadline; PdfUnavailable when it fails."""
    folder = Path(settings.DATA_DIR) / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    fd, out = tempfile.mkstemp(dir=folder, suffix=".rendering")
    os.close(fd)
    try:
        pid = os.fork()
        if pid == 0:  # the child: never returns, never runs the parent's exit handlers
            os._exit(_render_child(render, Path(out)))
        status = _wait(pid, settings.PDF_TIMEOUT)
        if status is None:
            raise PdfUnavailable(f"文件过大，PDF 未能在 {settings.PDF_TIMEOUT} 秒内生成，请稍后再试或阅读网页版。")
        if status != 0:
            raise PdfUnavailable("文件过大，PDF 未能生成，请阅读网页版或联系网站。")
        return Path(out).read_bytes()
    finally:
        Path(out).unlink(missing_ok=True)


def _render_child(render: Any, out: Path) -> int:
    try:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # whatever the server installed: the alarm kills
        signal.alarm(settings.PDF_TIMEOUT + 1)  # a second guard, should the parent be gone
        in_use = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = in_use + settings.PDF_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        out.write_bytes(render())
        return 0
    except BaseException:  # noqa: BLE001 -- MemoryError or anything WeasyPrint raises: the parent reports it
        logger.exception("PDF rendering failed in its child process")
        return 1


def _wait(pid: int, seconds: float) -> int | None:
    """The child's exit status, or None (and the child killed) when it outlives `seconds`."""
    deadline = time.monotonic() + seconds
    delay = 0.005
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


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
    try:
        data = document_pdf_bytes(doc, base_url=base_url, today=today)
    except PdfUnavailable as exc:
        response = HttpResponse(exc.message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "600"
        return response
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
