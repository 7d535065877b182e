"""Reading a saved page of an existing portal (.html, .txt or .json) into a RawPage.

Portals serve UTF-8, GBK/GB2312 and now and then UTF-16; saved copies may carry a BOM, a
<meta charset>, both or neither. GB18030 is the superset of GBK and GB2312, so it stands in for
any of them.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.lib.params import storable


class PageError(Exception):
    """A page that cannot be imported, with one reason a clerk can act on."""


@dataclass(frozen=True)
class RawPage:
    source: str  # the path as given
    url: str | None
    text: str | None  # plain text as a reader copies it
    html: str | None


HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".jhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of things that are not pages: PDF, ZIP/Office, images, archives.
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0",
                 b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"BM")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"})
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def read_page(path: Path, max_bytes: int | None = None) -> RawPage:
    """The page stored at `path`; PageError when it is empty, too large, binary, undecodable or malformed.

    `max_bytes` defaults to settings.MAX_PAGE_BYTES (GONGKAI_MAX_PAGE_MB): a page beyond it is refused
    before it is read, since extracting a 50 MB page takes gigabytes.
    """
    limit = max_bytes if max_bytes is not None else _max_page_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise PageError(f"file too large: {size / 2**20:.1f} MB, at most {limit / 2**20:g} MB (GONGKAI_MAX_PAGE_MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise PageError("empty file")
    if _looks_binary(data):
        raise PageError("binary file, not a page")
    kind = _kind(path, data)
    if kind == "json":
        return _json_page(str(path), data)
    if kind == "html":
        return RawPage(source=str(path), url=None, text=None, html=decode_html(data))
    return RawPage(source=str(path), url=None, text=decode_text(data), html=None)


def _max_page_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_PAGE_BYTES", 10 * 2**20))


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    # A file without a telling name: sniff its first character.
    head = data.lstrip(codecs.BOM_UTF8)[:512].lstrip().lower()
    if head.startswith(b"{"):
        return "json"
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<meta")):
        return "html"
    return "text"


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, codec in _BOMS if codec == "utf-16"):
        return False  # UTF-16 text is full of NUL bytes
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > len(sample) // 20


def _bom_decode(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise PageError(f"cannot decode as {codec.upper()} despite its byte-order mark") from exc
    return None


def decode_text(data: bytes) -> str:
    """Bytes of a text file: by BOM, else UTF-8, else GB18030."""
    text = _bom_decode(data)
    if text is not None:
        return text
    return _utf8_or_gb18030(data)


def decode_html(data: bytes) -> str:
    """Bytes of an HTML file: by BOM, else UTF-8, else its <meta charset>, else GB18030.

    Valid UTF-8 is tried before the declared charset because pages often keep a stale
    "gb2312" declaration after being re-encoded, while GBK bytes almost never form valid UTF-8.
    """
    text = _bom_decode(data)
    if text is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a declaration that does not fit the bytes; GB18030 is the usual truth
    return _utf8_or_gb18030(data)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return "gb18030" if name in _GB_FAMILY else name


def _utf8_or_gb18030(data: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise PageError("cannot decode as UTF-8/GB18030")


def _json_page(source: str, data: bytes) -> RawPage:
    try:
        obj = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        raise PageError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except RecursionError:
        raise PageError("JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise PageError("JSON page must be an object with url and text or html")
    url, text, html = obj.get("url"), obj.get("text"), obj.get("html")
    if not _filled(text) and not _filled(html):
        raise PageError("JSON page has neither text nor html")
    if url is not None and not isinstance(url, str):
        raise PageError("JSON page's url is not a string")
    if not all(storable(value) for value in (url, text, html) if isinstance(value, str)):
        raise PageError("JSON page contains a lone surrogate or NUL character, which cannot be stored")
    return RawPage(
        source=source,
        url=(url.strip() or None) if isinstance(url, str) else None,
        text=text if _filled(text) else None,
        html=html if _filled(html) else None,
    )


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
