"""Bulk downloads (gongkai.opendata.bulk, `gongkai export_bulk`): the catalog and the decision register
as CSV with a BOM, JSON Lines and SQLite, checksums that match, a run that skips when nothing changed,
the files served at /data/bulk/ and the data dictionary page."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import sqlite3

import pytest
from django.core.management import call_command

from gongkai.catalog import actions
from gongkai.opendata import bulk
from tests import factories as f
from tests.test_minutes_records import publish_minutes, qinghe

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(settings, tmp_path):
    settings.BULK_DIR = tmp_path / "bulk"
    return settings.BULK_DIR


@pytest.fixture
def catalog():
    ag = qinghe()
    minutes = publish_minutes(ag["office"])
    park = f.document(ag["office"], "关于试行公园预约入园的通告", summary='含逗号,引号"和\n换行的概述',
                      keywords=["公园", "预约"])
    old = f.document(ag["office"], "关于旧办法的通知", day=dt.date(2023, 1, 5), doc_no="青政发〔2023〕1号")
    actions.update_document(None, old, {"abolished_date": dt.date(2024, 1, 1)}, system=True)
    gone = f.document(ag["office"], "关于已撤回事项的通知")
    actions.withdraw(None, gone, reason="内容有误", system=True)
    f.document(ag["office"], "草稿", publish=False)
    return {"minutes": minutes, "park": park, "old": old, "office": ag["office"]}


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_bulk", *args, stdout=out)
    return out.getvalue()


def test_every_format_holds_the_published_catalog(folder, catalog):
    export()
    raw = (folder / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: a spreadsheet reads the Chinese text
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    lines = [json.loads(line) for line in (folder / "documents.jsonl").read_text("utf-8").splitlines()]
    db = sqlite3.connect(folder / "documents.sqlite")
    db.row_factory = sqlite3.Row
    table = [dict(r) for r in db.execute("SELECT * FROM documents ORDER BY id")]
    db.close()
    assert [r["title"] for r in rows] == [r["title"] for r in lines] == [r["title"] for r in table]
    assert {r["title"] for r in rows} == {catalog["minutes"].title, "关于试行公园预约入园的通告", "关于旧办法的通知"}
    park = next(r for r in lines if r["id"] == catalog["park"].pk)
    assert park["summary"] == '含逗号,引号"和\n换行的概述'
    assert park["keywords"] == "公园;预约" and park["index_no"] == catalog["park"].index_no
    assert park["url"].endswith(f"/xxgk/{catalog['park'].pk}/")
    assert next(r for r in rows if r["title"] == "关于旧办法的通知")["validity"] == "废止"
    assert next(r for r in table if r["id"] == catalog["old"].pk)["doc_no"] == "青政发〔2023〕1号"
    assert [c.name for c in bulk.DOCUMENT_COLUMNS] == list(rows[0]) == list(lines[0]) == list(table[0])


def test_the_decision_register_is_exported_item_by_item(folder, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # a few per chunk of items, none per item
        assert len(list(bulk.decision_rows())) >= 2
    export()
    lines = [json.loads(line) for line in (folder / "decisions.jsonl").read_text("utf-8").splitlines()]
    rows = list(csv.DictReader(io.StringIO((folder / "decisions.csv").read_text("utf-8-sig"))))
    db = sqlite3.connect(folder / "decisions.sqlite")
    count = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    db.close()
    assert len(lines) == len(rows) == count >= 2
    assert {r["document_id"] for r in lines} == {catalog["minutes"].pk}
    assert sorted(r["n"] for r in lines) == list(range(1, len(lines) + 1))
    assert all(r["title"] for r in rows)


def test_checksums_and_manifest_match_the_files(folder, catalog, client):
    export()
    sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == {f"{d}.{x}" for d in ("documents", "decisions") for x in ("csv", "jsonl", "sqlite")}
    manifest = json.loads((folder / "manifest.json").read_text())
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        assert manifest["files"][name]["sha256"] == digest
    assert manifest["files"]["documents.csv"]["rows"] == 3
    assert not list(folder.glob(".*partial"))


def test_a_second_run_skips_until_something_changes(folder, catalog):
    export()
    before = (folder / "documents.csv").stat().st_mtime_ns
    assert "没有变化" in export()
    assert (folder / "documents.csv").stat().st_mtime_ns == before
    f.document(catalog["office"], "关于新开放时间的通知")
    assert "没有变化" not in export()
    assert "关于新开放时间的通知" in (folder / "documents.csv").read_text("utf-8-sig")
    actions.withdraw(None, catalog["park"], reason="已过期", system=True)
    export()
    assert "关于试行公园预约入园的通告" not in (folder / "documents.jsonl").read_text("utf-8")
    assert "个文件已生成" in export("--force")


def test_the_files_are_served_with_their_checksum_as_etag(folder, catalog, client):
    export()
    response = client.get("/data/bulk/documents.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert response["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert client.get("/data/bulk/documents.csv", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get("/data/bulk/SHA256SUMS").status_code == 200
    assert client.get("/data/bulk/secret_key").status_code == 404
    assert client.get("/data/bulk/..%2Fsecret_key").status_code == 404
    assert client.post("/data/bulk/documents.csv").status_code == 405


def test_before_the_first_export_nothing_is_served_and_the_dictionary_says_so(folder, client):
    assert client.get("/data/bulk/documents.csv").status_code == 404
    page = client.get("/opendata/dictionary/")
    assert page.status_code == 200
    assert "尚未生成" in page.content.decode()


def test_the_dictionary_names_every_column_and_checksum(folder, catalog, client):
    export()
    html = client.get("/opendata/dictionary/").content.decode()
    for column in (*bulk.DOCUMENT_COLUMNS, *bulk.DECISION_COLUMNS):
        assert f"<code>{column.name}</code>" in html and column.label.split("“")[0] in html
    assert bulk.read_manifest(folder)["files"]["decisions.sqlite"]["sha256"] in html
    assert "/opendata/dictionary/" in client.get("/open-data/").content.decode()


def test_the_export_links_are_the_sites_own_addresses(catalog):
    from django.urls import reverse

    doc, dept = catalog["park"].pk, catalog["office"].pk
    names = [("portal:document", doc), ("portal:document_pdf", doc), ("minutes:department", dept)]
    site = [reverse(name, args=[pk]) for name, pk in names]
    with bulk.canonical_links():
        assert [reverse(name, args=[pk]) for name, pk in names] == site
        assert catalog["park"].get_absolute_url() == f"/xxgk/{doc}/"


def test_the_benchmark_catalog_exports_every_document_and_item(folder):
    from bench.export import format_report, generate, ExportReport, FormatRun

    items = generate(45)
    result = bulk.export_all(folder)
    rows = {w.name: w.rows for w in result.files}
    assert rows["documents.csv"] == rows["documents.sqlite"] == 45
    assert rows["decisions.jsonl"] == items > 0
    report = ExportReport(docs=45, decisions=items, generate_seconds=1.0,
                          runs=[FormatRun("documents", "csv", 45, 0.1, 0.1, 250.0)])
    assert "OVER the 200 MB limit" in format_report(report)


def test_a_staff_correction_of_minutes_makes_the_next_run_export(folder, catalog):
    from gongkai.accounts.audit import record

    export()
    assert "没有变化" in export()
    record(None, "minutes.correct", catalog["minutes"], "纠正议题")  # what every staff action writes
    assert "没有变化" not in export()
