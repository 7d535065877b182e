"""Bulk downloads: the whole public catalog and the decision register as CSV (UTF-8 with a BOM, so
that a spreadsheet reads the Chinese text), JSON Lines and an SQLite file, with SHA-256 checksums.

Rows are streamed from the database (`.iterator(chunk_size=…)`) straight into the files, so memory
stays the same for a thousand documents or a million. Each file is written beside its final name and
renamed into place, so a download never sees half a file. `export_all` does nothing when nothing
that the files show changed since the last export (see `change_stamp`), so a timer may run it every
few minutes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max
from django.urls import get_urlconf, set_urlconf
from django.utils import timezone, translation

from gongkai.accounts.models import AuditEntry
from gongkai.catalog.addresses import address
from gongkai.catalog.models import Document
from gongkai.catalog.queries import public_documents
from gongkai.minutes.exports import decision_json, register_rows
from gongkai.minutes.models import AgendaItemRecord, DecisionFilter, MeetingRecord

CHUNK = 2000
FORMATS = ("csv", "jsonl", "sqlite")
MANIFEST, CHECKSUMS = "manifest.json", "SHA256SUMS"
EXPORT_URLCONF = "gongkai.opendata.export_urls"
Value = str | int | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "integer" or "date" (ISO 8601 text)
    label: str  # what the data dictionary says of it


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[tuple[Value, ...]]] = field(repr=False)

    def filename(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


def bulk_dir() -> Path:
    return Path(getattr(settings, "BULK_DIR", settings.DATA_DIR / "bulk"))


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- the public catalog ---------------------------------------------------------------------------

DOCUMENT_COLUMNS = (
    Column("id", "integer", "目录中的编号；页面地址为 /xxgk/{id}/"),
    Column("index_no", "text", "索引号"),
    Column("title", "text", "信息名称"),
    Column("doc_no", "text", "文件编号（文号）"),
    Column("agency", "text", "发布机构"),
    Column("agency_code", "text", "发布机构的机构代码"),
    Column("topic", "text", "主题分类"),
    Column("genre", "text", "体裁分类"),
    Column("combo", "text", "组配分类"),
    Column("created_date", "date", "产生日期（成文日期）"),
    Column("published_date", "date", "发布日期"),
    Column("validity", "text", "导出当日的有效性：有效、失效或废止"),
    Column("abolished_date", "date", "废止日期"),
    Column("expires_date", "date", "失效日期"),
    Column("summary", "text", "内容概述"),
    Column("keywords", "text", "关键词，以分号分隔"),
    Column("disclosure_method", "text", "公开方式"),
    Column("disclosure_scope", "text", "公开范围"),
    Column("attachment_count", "integer", "附件数"),
    Column("title_en", "text", "英文标题（无则为空）"),
    Column("url", "text", "页面地址"),
    Column("pdf_url", "text", "PDF 下载地址"),
    Column("updated_at", "text", "最后修改时间（ISO 8601）"),
    Column("body_text", "text", "正文纯文本"),
)
_DOCUMENT_VALUES = (
    "id", "index_no", "title", "doc_no", "agency__name", "agency__code", "topic__name", "genre__name",
    "combo__name", "created_date", "published_date", "declared_validity", "abolished_date", "expires_date",
    "summary", "keywords", "disclosure_method", "disclosure_scope", "attachment_count", "title_en",
    "updated_at", "body_text",
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def document_rows() -> Iterator[tuple[Value, ...]]:
    today = timezone.localdate()
    docs = public_documents().order_by("id").values_list(*_DOCUMENT_VALUES)
    for (pk, index_no, title, doc_no, agency, code, topic, genre, combo, created, published, declared,
         abolished, expires, summary, keywords, method, scope, attachments, title_en, updated,
         body) in docs.iterator(chunk_size=CHUNK):
        validity = Document(abolished_date=abolished, expires_date=expires,
                            declared_validity=declared).validity_on(today)
        yield (pk, index_no, title, doc_no, agency, code, topic, genre, combo, _iso(created), _iso(published),
               str(validity), _iso(abolished), _iso(expires), summary, ";".join(map(str, keywords or ())),
               method, scope, attachments, title_en, absolute(address("portal:document", pk)),
               absolute(address("portal:document_pdf", pk)), _iso(updated), body)


# --- the decision register ------------------------------------------------------------------------

DECISION_COLUMNS = (
    Column("meeting_date", "date", "会议日期（原文日期无法识别时为空，见 date_text）"),
    Column("date_text", "text", "会议日期（原文）"),
    Column("meeting_no", "text", "会议次数（原文）"),
    Column("document_id", "integer", "纪要在目录中的编号"),
    Column("document_title", "text", "纪要名称"),
    Column("document_url", "text", "纪要页面地址"),
    Column("n", "integer", "议题序号"),
    Column("actions", "text", "议事方式，以“+”分隔，如 听取+审议"),
    Column("title", "text", "议题"),
    Column("documents", "text", "审议文件，以“；”分隔"),
    Column("sponsors", "text", "提出单位，以“、”分隔"),
    Column("decision", "text", "会议决定"),
    Column("decision_kind", "text", "决定类别"),
    Column("follow_up", "text", "后续程序"),
    Column("remarks", "text", "会议指出、强调、要求，每行一条，形如 类别：内容"),
)


# What a register row joins of its minutes document but never shows: the page's text, most of its bytes.
_UNUSED = [f"meeting__document__{name}" for name in (
    "body_html", "body_text", "body_en", "summary", "summary_en", "extra", "stated_fields", "related",
    "related_ids", "keywords")]


def decision_rows() -> Iterator[tuple[Value, ...]]:
    rows = register_rows(DecisionFilter()).defer(*_UNUSED)
    for item in (decision_json(row, absolute) for row in rows.iterator(chunk_size=500)):
        remarks = "\n".join(f"{r['kind']}:{r['text']}" for r in item["remarks"])
        yield (item["meeting_date"], item["date_text"], item["meeting_no"], item["document_id"],
               item["document_title"], item["document_url"], item["n"], "+".join(item["actions"]), item["title"],
               "；".join(d["name"] for d in item["documents"]), "、".join(s["name"] for s in item["sponsors"]),
               item["decision"], item["decision_kind"], item["follow_up"], remarks)


DATASETS = (
    Dataset("documents", "政府信息公开目录", DOCUMENT_COLUMNS, document_rows),
    Dataset("decisions", "常务会议决定", DECISION_COLUMNS, decision_rows),
)


# --- writing --------------------------------------------------------------------------------------


def _write_csv(dataset: Dataset, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(c.name for c in dataset.columns)
        for row in dataset.rows():
            writer.writerow("" if v is None else v for v in row)
            n += 1
    return n


def _write_jsonl(dataset: Dataset, path: Path) -> int:
    names, n = [c.name for c in dataset.columns], 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in dataset.rows():
            out.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_sqlite(dataset: Dataset, path: Path) -> int:
    path.unlink(missing_ok=True)
    types = {"integer": "INTEGER", "text": "TEXT", "date": "TEXT"}
    columns = ", ".join(f'"{c.name}" {types[c.kind]}' for c in dataset.columns)
    marks = ", ".join("?" for _ in dataset.columns)
    db, n = sqlite3.connect(path), 0
    try:
        db.execute(f"CREATE TABLE {dataset.name} ({columns})")
        rows = dataset.rows()
        while batch := list(islice(rows, CHUNK)):
            db.executemany(f"INSERT INTO {dataset.name} VALUES ({marks})", batch)  # noqa: S608 (names are ours)
            n += len(batch)
        db.commit()
    finally:
        db.close()
    return n


WRITERS: dict[str, Callable[[Dataset, Path], int]] = {"csv": _write_csv, "jsonl": _write_jsonl,
                                                       "sqlite": _write_sqlite}


@dataclass(frozen=True)
class Written:
    name: str
    dataset: str
    format: str
    rows: int
    bytes: int
    sha256: str


@contextmanager
def canonical_links() -> Iterator[None]:
    """Links in the files are the 简体 addresses, reversed with export_urls (see there why)."""
    previous = get_urlconf()
    set_urlconf(EXPORT_URLCONF)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            yield
    finally:
        set_urlconf(previous)


def export_one(dataset: Dataset, fmt: str, folder: Path) -> Written:
    """One dataset in one format, renamed into place when complete."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / dataset.filename(fmt)
    partial = folder / f".{final.name}.partial"
    with canonical_links():
        rows = WRITERS[fmt](dataset, partial)
    digest = sha256_of(partial)
    os.replace(partial, final)
    return Written(final.name, dataset.name, fmt, rows, final.stat().st_size, digest)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def change_stamp() -> str:
    """What the files depend on, in a few aggregate queries: any document saved (publish, edit,
    withdraw all touch updated_at), any minutes parsed or items added, any staff action (the audit
    log: corrections of a minutes record), and the day (validity is the export day's)."""
    docs = Document.objects.aggregate(n=Count("id"), latest=Max("updated_at"))
    items = AgendaItemRecord.objects.aggregate(n=Count("id"), top=Max("id"))
    parsed = MeetingRecord.objects.aggregate(latest=Max("parsed_at"))["latest"]
    audited = AuditEntry.objects.aggregate(latest=Max("at"))["latest"]  # staff corrections, renamed agencies
    parts = [docs["n"], docs["latest"], items["n"], items["top"], parsed, audited, timezone.localdate()]
    return hashlib.sha256(repr([_iso(p) for p in parts]).encode()).hexdigest()[:32]


def read_manifest(folder: Path | None = None) -> dict[str, Any] | None:
    try:
        return json.loads(((folder or bulk_dir()) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Result:
    skipped: bool
    files: Sequence[Written] = ()


def export_all(folder: Path | None = None, force: bool = False,
               datasets: Sequence[Dataset] = DATASETS, formats: Sequence[str] = FORMATS) -> Result:
    folder = folder or bulk_dir()
    stamp = change_stamp()
    previous = read_manifest(folder)
    if not force and previous and previous.get("stamp") == stamp:
        return Result(skipped=True)
    written = [export_one(ds, fmt, folder) for ds in datasets for fmt in formats]
    _write_index(folder, stamp, written)
    return Result(skipped=False, files=written)


def _write_index(folder: Path, stamp: str, written: Sequence[Written]) -> None:
    sums = "".join(f"{w.sha256}  {w.name}\n" for w in written)
    (folder / f".{CHECKSUMS}.partial").write_text(sums, encoding="utf-8")
    os.replace(folder / f".{CHECKSUMS}.partial", folder / CHECKSUMS)
    manifest = {"generated_at": timezone.now().isoformat(timespec="seconds"), "stamp": stamp,
                "files": {w.name: {"dataset": w.dataset, "format": w.format, "rows": w.rows, "bytes": w.bytes,
                                   "sha256": w.sha256} for w in written}}
    (folder / f".{MANIFEST}.partial").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    os.replace(folder / f".{MANIFEST}.partial", folder / MANIFEST)
