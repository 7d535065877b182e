"""`gongkai import`: pages of existing portals into the catalog, all of a page or nothing of it."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document, Revision

pytestmark = pytest.mark.django_db

GOOD_TXT = """首页 政务公开 信息公开目录
信息名称: 青禾区教育局关于做好秋季学期开学工作的通知
索 引 号: 246813579/2025-00031
主题分类: 教育 体裁分类: 通知 组配分类: 政策文件
文件编号: 青教发〔2025〕9号 发布机构: 区教育局
产生日期: 2025-08-20 发布日期: 2025-08-22 废止日期:有效
内容概述: 部署秋季学期开学准备工作
青禾区教育局关于做好秋季学期开学工作的通知
各中小学、幼儿园:
为做好秋季学期开学工作,现就有关事项通知如下。
一、做好校舍安全排查。
二、做好教材发放。
青禾区教育局
2025年8月20日
打印 关闭
主办单位:青禾区人民政府办公室 网站标识码:0000000000
"""


def run_import(*paths: Path, dry: bool = False) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    args = [str(p) for p in paths] + (["--dry-run", "--json"] if dry else [])
    try:
        call_command("import", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_a_page_becomes_a_published_document_with_its_own_index_number(tmp_path):
    code, out, err = run_import(write(tmp_path, "notice.txt", GOOD_TXT))
    assert code == 0, err
    doc = Document.objects.get()
    assert doc.index_no == "246813579/2025-00031"
    assert doc.status == Document.PUBLISHED
    assert (doc.topic.name, doc.genre.name, doc.combo.name) == ("教育", "通知", "政策文件")
    assert doc.doc_no == "青教发〔2025〕9号"
    assert doc.agency.name == "区教育局" and doc.agency.code == "246813579"
    assert "校舍安全排查" in doc.body_text
    assert "主办单位" not in doc.body_text and "打印" not in doc.body_text


def test_importing_the_same_page_again_updates_instead_of_duplicating(tmp_path):
    page = write(tmp_path, "notice.txt", GOOD_TXT)
    run_import(page)
    run_import(page)
    assert Document.objects.count() == 1 and Revision.objects.count() == 1
    write(tmp_path, "notice.txt", GOOD_TXT.replace("部署秋季学期开学准备工作", "部署秋季学期开学工作"))
    code, out, _ = run_import(page)
    assert code == 0 and out.startswith("updated")
    assert Document.objects.get().summary == "部署秋季学期开学工作"
    assert Revision.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.html", b"   \n\t ", "empty"),
        ("binary.html", bytes(range(256)) * 4, "binary"),
        ("notitle.json", json.dumps({"url": "https://example.org/a", "text": ""}), ""),
        ("baddate.txt", GOOD_TXT.replace("2025-08-22", "2025-02-30"), "2025-02-30"),
        ("latin1.txt", "信息名称: 标题\n".encode("utf-16"), ""),
        ("list.json", "[1, 2]", ""),
        ("broken.json", "{not json", ""),
    ],
)
def test_bad_input_gets_one_line_and_writes_nothing_while_the_others_import(tmp_path, name, content, reason):
    bad = write(tmp_path, name, content)
    good = write(tmp_path, "good.txt", GOOD_TXT)
    code, out, err = run_import(bad, good)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(str(bad)) and reason in lines[0]
    assert "Traceback" not in err
    assert list(Document.objects.values_list("title", flat=True)) == ["青禾区教育局关于做好秋季学期开学工作的通知"]


def test_a_missing_file_is_reported_not_raised(tmp_path):
    code, _, err = run_import(tmp_path / "nope.html")
    assert code == 1 and "nope.html" in err


def test_a_failure_while_saving_rolls_back_everything_of_that_page(tmp_path, monkeypatch):
    from gongkai.importer import load

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_attachments", explode)
    with pytest.raises(RuntimeError):
        run_import(write(tmp_path, "notice.txt", GOOD_TXT))
    assert not Document.objects.exists() and not Agency.objects.exists()


def test_dry_run_json_has_exactly_the_contract_keys_and_writes_nothing(tmp_path):
    code, out, _ = run_import(write(tmp_path, "notice.txt", GOOD_TXT), dry=True)
    record = json.loads(out.strip().splitlines()[0])
    assert set(record) == {"source", "title", "index_no", "topic", "genre", "combo_category", "doc_no",
                           "publisher", "created", "published", "abolished_or_validity", "summary", "body"}
    assert record["published"] == "2025-08-22" and record["abolished_or_validity"] == "有效"
    assert not Document.objects.exists()


def test_folders_are_walked(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    write(folder, "a.txt", GOOD_TXT)
    write(folder, "b.txt", GOOD_TXT.replace("246813579/2025-00031", "246813579/2025-00032").replace("秋季", "春季"))
    code, _, _ = run_import(folder)
    assert code == 0 and Document.objects.count() == 2


def test_a_page_in_the_seed_form_imports_with_every_field_of_its_metadata_block(client):
    code, _, err = run_import(Path(__file__).resolve().parent / "fixtures" / "pages" / "seed_form.txt")
    assert code == 0, err
    doc = Document.objects.get()
    page = client.get(doc.get_absolute_url()).content.decode()
    for shown in ("000000003/2024-00007", "机关事务", "会议纪要", "政府会议", "区政府办", "2024-03-12", "2024-03-15",
                  "有效", "青禾区政府第7次常务会议纪要", "林知远", "此件公开发布", "一、会议审议了"):
        assert shown in page, shown
    for chrome in ("登录个人中心", "相关阅读", "CopyRight", "下载本信息公开文件", "网站标识码"):
        assert chrome not in doc.body_text, chrome
