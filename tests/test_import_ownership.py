"""`gongkai import` never overwrites what it does not own, and one bad value is one line naming its file:
a page of another portal whose 索引号 equals a local document's is a conflict, over-long fields, an
impossible serial, a 100,000-deep JSON page or a lone surrogate stop only their own file, on SQLite and on
PostgreSQL. (A fictional 青禾区's pages.)"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document, IndexSerial, Revision
from tests import factories as f

pytestmark = pytest.mark.django_db

INDEX_NO = "246813579/2025-00031"


def page(title: str = "青禾区教育局关于做好秋季学期开学工作的通知", *, index_no: str = INDEX_NO,
         publisher: str = "区教育局", doc_no: str = "青教发〔2025〕9号", url: str | None = None) -> dict[str, str]:
    text = (f"信息名称: {title}\n索 引 号: {index_no}\n文件编号: {doc_no} 发布机构: {publisher}\n"
            f"发布日期: 2025-08-22\n{title}\n各中小学、幼儿园:\n为做好秋季学期开学工作，现就有关事项通知如下。\n"
            "一、做好校舍安全排查。\n青禾区教育局\n2025年8月20日\n")
    return {"url": url, "text": text} if url else {"text": text}


def write(folder: Path, name: str, content: dict | str | bytes) -> Path:
    path = folder / name
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def run_import(*paths: Path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", *map(str, paths), stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()


def good(tmp_path: Path) -> Path:
    return write(tmp_path, "good.json", page("青禾区关于开展秋季防火检查的通知", index_no="246813579/2025-00032"))


# --- ownership --------------------------------------------------------------------------------------


def test_another_portals_page_with_a_local_index_number_is_a_conflict_and_writes_nothing(tmp_path):
    local = f.document(f.agency("青禾区财政局", code="246813579"), "青禾区财政局2025年预算公开说明")
    Document.objects.filter(pk=local.pk).update(index_no=INDEX_NO)
    before = (Agency.objects.count(), Revision.objects.count())
    code, _, err = run_import(write(tmp_path, "other.json", page(url="https://other.example.gov.cn/a.html")),
                              good(tmp_path))
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith(str(tmp_path / "other.json")) and "conflict" in line and INDEX_NO in line
    local.refresh_from_db()
    assert local.title == "青禾区财政局2025年预算公开说明" and local.agency.name == "青禾区财政局"
    assert local.revisions.count() == 1
    assert Agency.objects.count() == before[0] + 1  # only the good page's publisher, not the conflicting one's
    assert Document.objects.filter(title="青禾区关于开展秋季防火检查的通知").exists()


def test_same_index_number_same_publisher_but_another_title_is_a_conflict(tmp_path):
    run_import(write(tmp_path, "a.json", page()))
    code, _, err = run_import(write(tmp_path, "b.json", page("青禾区教育局关于寒假安全工作的通知")))
    assert code == 1 and "conflict" in err
    assert Document.objects.get().title == "青禾区教育局关于做好秋季学期开学工作的通知"


def test_same_index_number_publisher_and_title_from_a_new_address_updates(tmp_path):
    run_import(write(tmp_path, "a.json", page(url="https://old.example.gov.cn/1.html")))
    moved = page(doc_no="青教发〔2025〕10号", url="https://new.example.gov.cn/1.html")
    code, out, err = run_import(write(tmp_path, "b.json", moved))
    assert code == 0, err and out.startswith("updated")
    doc = Document.objects.get()
    assert doc.doc_no == "青教发〔2025〕10号" and doc.revisions.count() == 2


def test_the_same_source_updates_whatever_it_now_says(tmp_path):
    url = "https://qinghe.example.gov.cn/xxgk/9.html"
    run_import(write(tmp_path, "a.json", page(url=url)))
    code, _, err = run_import(write(tmp_path, "a.json", page("青禾区教育局关于做好秋季学期开学工作的通知(修订)", url=url)))
    assert code == 0, err
    assert Document.objects.get().title.endswith("(修订)")


# --- every field checked before writing -------------------------------------------------------------

LONG = "很" * 600


@pytest.mark.parametrize(("content", "reason"), [
    (page("通知" + LONG), "title too long"),
    (page(doc_no="青教发〔2025〕" + "9" * 120 + "号"), "文号 too long"),
    (page(publisher="青禾区" + "教育" * 120 + "局"), "publisher too long"),
    (page(url="https://qinghe.example.gov.cn/" + "a" * 1100), "url too long"),
    (page(index_no="246813579/2025-99999999999"), "serial beyond"),
    ('{"text": "信息名称: 青禾区通知\\n主题分类: ' + "教育" * 60 + '\\n正文第一句。"}', "主题分类 too long"),
    (page(index_no="246813579/2025-" + "9" * 5000), "索引号 too long"),
    ('{"url": "https://qinghe.example.gov.cn/1.html", "text": "通知", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply"),
    ("[" * 100_000 + "]", "nested too deeply"),
    ('{"text": "信息名称: \\ud800青禾区通知\\n正文第一句。"}', "lone surrogate"),
    ('{"text": "信息名称: 青禾区通知\\n正文\\u0000第一句。"}', "NUL"),
], ids=["title", "doc_no", "publisher", "url", "serial", "topic", "index_no", "deep-string", "deep-json", "surrogate", "nul"])
def test_a_value_the_catalog_cannot_hold_is_one_line_and_the_other_files_import(tmp_path, content, reason):
    bad = write(tmp_path, "bad.json", content)
    code, _, err = run_import(bad, good(tmp_path))
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith(str(bad)) and reason in line, line
    assert list(Document.objects.values_list("title", flat=True)) == ["青禾区关于开展秋季防火检查的通知"]
    assert not Agency.objects.filter(name__startswith="青禾区教育").exists()


def test_an_accepted_serial_keeps_the_counter_ahead_and_never_overflows_it(tmp_path):
    code, _, err = run_import(write(tmp_path, "a.json", page(index_no="246813579/2025-02147483647")))
    assert code == 0, err
    assert IndexSerial.objects.get(prefix="246813579", period="2025").last == 2_147_483_647


def test_a_database_error_while_saving_is_one_line_and_the_next_file_has_its_own_transaction(tmp_path, monkeypatch):
    from django.db import DataError

    from gongkai.importer import load

    real = load._attachments

    def fail_once(document, record):
        if "开学" in document.title:
            raise DataError("value too long for type character varying(300)")
        return real(document, record)

    monkeypatch.setattr(load, "_attachments", fail_once)
    code, _, err = run_import(write(tmp_path, "a.json", page()), good(tmp_path))
    assert code == 1 and err.startswith(str(tmp_path / "a.json")) and "cannot be saved" in err
    assert list(Document.objects.values_list("title", flat=True)) == ["青禾区关于开展秋季防火检查的通知"]
    assert Revision.objects.count() == 1 and not Document.objects.filter(title__contains="开学").exists()


def test_a_page_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.MAX_PAGE_BYTES = 2048
    big = write(tmp_path, "big.json", page() | {"html": "<p>" + "青禾区" * 2000 + "</p>"})
    code, _, err = run_import(big, good(tmp_path))
    assert code == 1 and err.startswith(str(big)) and "too large" in err and "GONGKAI_MAX_PAGE_MB" in err
    assert Document.objects.count() == 1
