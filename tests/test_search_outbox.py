"""The index follows the database through the outbox: nothing lost, nothing phantom, rebuildable."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from gongkai.catalog import actions
from gongkai.search import indexing
from gongkai.search.backend import SearchQuery
from gongkai.search.models import OutboxEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    indexing.reader.cache_clear()
    yield settings.SEARCH_INDEX_DIR
    indexing.reader.cache_clear()


def titles(text: str) -> list[str]:
    return [h.title for h in indexing.reader().search(SearchQuery(text=text)).hits]


def test_published_documents_are_found_after_the_outbox_is_applied():
    ag = f.agency()
    f.document(ag, "青禾区粮食安全保障行动方案", body_html="<p>粮食生产</p>")
    assert titles("粮食") == []  # nothing indexed until the outbox is applied
    assert indexing.catch_up() > 0
    assert titles("粮食") == ["青禾区粮食安全保障行动方案"]
    assert not OutboxEntry.objects.exists()


def test_a_rolled_back_change_leaves_no_outbox_row_and_no_index_entry():
    ag = f.agency()
    with pytest.raises(RuntimeError), transaction.atomic():
        f.document(ag, "不该出现的草稿文件")
        raise RuntimeError("the request failed after the change")
    assert not OutboxEntry.objects.exists()
    indexing.catch_up()
    assert titles("草稿文件") == []


def test_withdrawn_and_draft_documents_leave_the_index():
    ag = f.agency()
    doc = f.document(ag, "将被撤回的通知")
    f.document(ag, "尚未发布的草稿通知", publish=False)
    indexing.catch_up()
    assert titles("通知") == ["将被撤回的通知"]
    actions.withdraw(None, doc, reason="内容有误", system=True)
    indexing.catch_up()
    assert titles("通知") == []


def test_an_indexer_killed_before_deleting_its_rows_applies_them_again(monkeypatch):
    ag = f.agency()
    f.document(ag, "第一份水利规划")
    backend = indexing.open_backend(writer=True)

    def crash(*args, **kwargs):
        raise SystemExit("killed after the index commit, before the outbox rows were deleted")

    monkeypatch.setattr(indexing.OutboxEntry.objects, "filter", crash)
    with pytest.raises(SystemExit):
        indexing.apply_outbox(backend)
    backend.close()
    monkeypatch.undo()
    f.document(ag, "第二份水利规划")
    assert OutboxEntry.objects.count() >= 2  # the crashed run's rows are still there
    indexing.catch_up()
    assert sorted(titles("水利规划")) == ["第一份水利规划", "第二份水利规划"]
    assert not OutboxEntry.objects.exists()


def test_reindex_rebuilds_the_same_index_from_the_database(index_dir):
    ag = f.agency()
    for i, topic in enumerate(["教育", "卫生", "交通"]):
        f.document(ag, f"青禾区{topic}工作要点", day=dt.date(2024, 1, i + 1), body_html=f"<p>{topic}工作</p>")
    indexing.catch_up()
    before = titles("工作要点")
    import shutil

    indexing.reader.cache_clear()
    shutil.rmtree(index_dir)
    out = StringIO()
    call_command("reindex", stdout=out)
    assert "indexed 3 documents" in out.getvalue()
    indexing.reader.cache_clear()
    assert sorted(titles("工作要点")) == sorted(before) and len(before) == 3


def test_search_command_json_lists_hits_with_the_contract_keys():
    f.document(f.agency(code="014133058"), "区政府第3次常务会议纪要", day=dt.date(2024, 1, 25))
    out = StringIO()
    call_command("search", "常务会议", "--json", "--limit", "3", stdout=out)
    payload = json.loads(out.getvalue())
    hit = payload["hits"][0]
    assert {"index_no", "title", "url", "score", "snippet"} <= set(hit)
    assert hit["index_no"] == "014133058/2024-00001"
