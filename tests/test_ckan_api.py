"""The CKAN Action API read by the real `ckanapi` command (from PyPI) against a live server: a fictional
青禾区's catalog of two agencies is listed, paged, filtered and shown; drafts and withdrawn documents
never appear; errors come in CKAN's envelope with its status codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import actions, attachments
from gongkai.catalog.models import Term
from gongkai.search import indexing
from tests import factories as f

CKANAPI = Path(sys.executable).parent / "ckanapi"


@pytest.fixture
def district(live_server, transactional_db, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_RATE_LIMIT = 0
    indexing.reader.cache_clear()
    finance = f.agency("青禾区财政局", code="014133066")
    schools = f.agency("青禾区教育局", code="014133074")
    money, learning = (Term.objects.create(kind=Term.TOPIC, name=n) for n in ("财政", "教育"))
    notice, rule = (Term.objects.create(kind=Term.GENRE, name=n) for n in ("通知", "规范性文件"))
    docs = {
        "subsidy": f.document(finance, "青禾区小微企业贷款贴息办法", topic=money, genre=rule, doc_no="青财发〔2024〕3号",
                              summary="贴息比例与申请程序。", day=dt.date(2024, 3, 5)),
        "budget": f.document(finance, "关于编制2025年部门预算的通知", topic=money, genre=notice, day=dt.date(2024, 6, 1)),
        "old": f.document(finance, "青禾区财政专项资金管理暂行办法", topic=money, genre=rule,
                          abolished_date=dt.date(2023, 12, 31), day=dt.date(2021, 2, 1)),
        "enrol": f.document(schools, "青禾区义务教育招生入学工作的通知", topic=learning, genre=notice,
                            day=dt.date(2024, 5, 2)),
        "lunch": f.document(schools, "关于学生午餐补助发放的通知", topic=learning, genre=notice, day=dt.date(2024, 9, 9)),
    }
    upload = SimpleUploadedFile("贴息申请表.txt", "申请表".encode(), content_type="text/plain")
    attachments.add_attachment(None, docs["subsidy"], upload, system=True)
    f.document(finance, "未发布的草稿文件", publish=False)
    gone = f.document(schools, "已撤回的旧通知", day=dt.date(2024, 1, 8))
    actions.withdraw(None, gone, reason="内容有误", system=True)
    indexing.catch_up()
    yield {"url": live_server.url, "docs": docs, "finance": finance, "schools": schools, "money": money,
           "gone": gone}
    indexing.reader.cache_clear()


def ckan(site: dict, action: str, *args: str, ok: bool = True) -> object:
    """`ckanapi action ACTION -r URL KEY=VALUE…`, the result it prints (JSON)."""
    done = subprocess.run([str(CKANAPI), "action", action, "-r", site["url"], *args],
                          capture_output=True, text=True, timeout=60)
    if not ok:
        assert done.returncode != 0, done.stdout
        return done.stderr
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def name_of(doc) -> str:
    return doc.index_no.lower().replace("/", "-")


def test_package_search_lists_every_published_document_and_nothing_else(district):
    found = ckan(district, "package_search", "rows=50")
    assert found["count"] == 5
    titles = {p["title"] for p in found["results"]}
    assert titles == {d.title for d in district["docs"].values()}
    assert {p["name"] for p in found["results"]} == {name_of(d) for d in district["docs"].values()}
    assert ckan(district, "package_list") == sorted(name_of(d) for d in district["docs"].values())


def test_rows_and_start_page_through_the_catalog(district):
    pages = [ckan(district, "package_search", "rows=2", f"start={start}", "sort=name asc")
             for start in (0, 2, 4)]
    assert [len(p["results"]) for p in pages] == [2, 2, 1] and {p["count"] for p in pages} == {5}
    names = [r["name"] for p in pages for r in p["results"]]
    assert names == sorted(name_of(d) for d in district["docs"].values())


def test_fq_filters_on_organization_group_and_tags(district):
    org = f"agency-{district['finance'].pk}"
    by_org = ckan(district, "package_search", f"fq=organization:{org}", "rows=20")
    assert by_org["count"] == 3 and {p["organization"]["name"] for p in by_org["results"]} == {org}
    assert by_org["search_facets"]["organization"]["items"][0]["display_name"] == "青禾区财政局"
    by_group = ckan(district, "package_search", f"fq=groups:topic-{district['money'].pk} tags:通知")
    assert [p["title"] for p in by_group["results"]] == ["关于编制2025年部门预算的通知"]
    abolished = ckan(district, "package_search", "fq=tags:废止")
    assert [p["title"] for p in abolished["results"]] == ["青禾区财政专项资金管理暂行办法"]
    words = ckan(district, "package_search", "q=贴息", f"fq=organization:{org}")
    assert [p["title"] for p in words["results"]] == ["青禾区小微企业贷款贴息办法"]
    elsewhere = ckan(district, "package_search", "q=贴息", f"fq=organization:agency-{district['schools'].pk}")
    assert elsewhere["count"] == 0


def test_package_show_returns_the_resources_and_the_metadata(district):
    subsidy = district["docs"]["subsidy"]
    package = ckan(district, "package_show", f"id={name_of(subsidy)}")
    assert package["title"] == subsidy.title and package["notes"] == "贴息比例与申请程序。"
    assert package["organization"]["title"] == "青禾区财政局" and package["groups"][0]["title"] == "财政"
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["索引号"] == subsidy.index_no and extras["文件编号"] == "青财发〔2024〕3号"
    assert extras["发布日期"] == "2024-03-05" and extras["有效性"] == "有效"
    assert {t["name"] for t in package["tags"]} == {"规范性文件", "有效"}
    formats = {r["format"]: r for r in package["resources"]}
    assert set(formats) == {"HTML", "PDF", "TXT"} and formats["TXT"]["name"] == "贴息申请表.txt"
    assert formats["HTML"]["url"] == district["url"] + subsidy.get_absolute_url()
    assert formats["PDF"]["url"] == f"{district['url']}/xxgk/{subsidy.pk}/pdf/"
    assert formats["PDF"]["mimetype"] == "application/pdf"
    # …and by its 索引号 as written on the page.
    assert ckan(district, "package_show", f"id={subsidy.index_no}")["name"] == package["name"]


def test_organizations_groups_tags_and_status(district):
    orgs = ckan(district, "organization_list", "all_fields=true")
    assert {(o["title"], o["package_count"]) for o in orgs} == {("青禾区财政局", 3), ("青禾区教育局", 2)}
    shown = ckan(district, "organization_show", f"id=agency-{district['schools'].pk}")
    assert shown["title"] == "青禾区教育局" and shown["is_organization"]
    groups = ckan(district, "group_list", "all_fields=true")
    assert {(g["title"], g["package_count"]) for g in groups if g["package_count"]} == {("财政", 3), ("教育", 2)}
    assert f"topic-{district['money'].pk}" in ckan(district, "group_list")
    assert {"通知", "规范性文件", "废止"} <= set(ckan(district, "tag_list"))
    assert ckan(district, "status_show")["ckan_version"].startswith("2.")


def _raw(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_unknown_and_unpublished_packages_are_not_found_in_ckans_envelope(district):
    assert "NotFound" in ckan(district, "package_show", "id=no-such-package", ok=False)
    assert "NotFound" in ckan(district, "package_show", f"id={district['gone'].index_no}", ok=False)
    status, body = _raw(district["url"] + "/api/3/action/package_show?id=no-such-package")
    assert status == 404 and body["success"] is False and body["error"]["__type"] == "Not Found Error"
    assert body["help"].endswith("help_show?name=package_show")
    status, body = _raw(district["url"] + "/api/action/organization_show?id=agency-999999")
    assert status == 404 and body["error"]["__type"] == "Not Found Error"


def test_bad_requests_are_ckans_409_and_400_not_a_server_error(district):
    status, body = _raw(district["url"] + "/api/3/action/package_search?rows=many")
    assert status == 409 and body["error"]["__type"] == "Validation Error" and "rows" in body["error"]
    status, body = _raw(district["url"] + "/api/3/action/package_search?fq=author:someone")
    assert status == 409 and body["error"]["__type"] == "Search Query Error"
    status, body = _raw(district["url"] + "/api/3/action/package_create")
    assert status == 400 and "Action name not known" in body["error"]["message"]
    assert "ValidationError" in ckan(district, "package_search", "rows=-1", ok=False)


def test_a_harvester_asks_for_what_changed_since_its_last_run(district):
    from gongkai.catalog.models import Document

    budget = district["docs"]["budget"]
    Document.objects.filter(pk=budget.pk).update(updated_at=dt.datetime(2030, 1, 2, tzinfo=dt.UTC))
    since = ckan(district, "package_search", "sort=id asc",
                 "fq=metadata_modified:[2029-12-31T00:00:00Z TO *] +dataset_type:dataset")
    assert [p["title"] for p in since["results"]] == [budget.title]
    assert since["results"][0]["metadata_modified"] == "2030-01-02T00:00:00"
    query = "fq=metadata_modified:%5Byesterday%20TO%20*%5D"
    status, body = _raw(district["url"] + "/api/3/action/package_search?" + query)
    assert status == 409 and body["error"]["__type"] == "Search Query Error"


def test_help_and_the_search_engines_page_size(district):
    assert "package_search" in ckan(district, "help_show", "name=package_search")
    status, body = _raw(district["url"] + "/api/3/action/package_search?q=%E8%B4%B4%E6%81%AF&rows=500")
    assert status == 409 and "rows" in body["error"]
