"""The English edition's search: English texts analysed as English (stemmed, stop words dropped),
read only by the English pages' search; the Chinese search builds the queries it always built."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from gongkai.search import indexing
from gongkai.search.backend import EXAMPLE_DOC, EXAMPLE_ENGLISH_DOC, SearchQuery
from gongkai.search.engine import SchemaChanged, TantivyBackend, english_terms
from gongkai.search.models import OutboxEntry
from tests import factories as f

CHINESE_ONLY = dataclasses.replace(EXAMPLE_DOC, doc_id=3, index_no="113200000000001/2024-00010",
                                   title="关于开展消防演练的通知", summary="", doc_no="",
                                   body="各镇（街道）要组织消防演练。", url="/docs/3/")


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TantivyBackend]:
    engine = TantivyBackend(tmp_path_factory.mktemp("index"), writable=True, heap_bytes=20_000_000, threads=1)
    engine.upsert([EXAMPLE_DOC, EXAMPLE_ENGLISH_DOC, CHINESE_ONLY])
    engine.commit()
    yield engine
    engine.close()


def english(backend: TantivyBackend, text: str, **kw: object):
    return backend.search(SearchQuery(text=text, language="en", **kw))


def test_the_analyser_stems_and_drops_stop_words():
    assert english_terms("Meetings of the Budget") == ["meet", "budget"]
    assert english_terms("meeting") == english_terms("meetings") == ["meet"]
    assert english_terms("区政府") == ["区政府"]  # not English: no stem, and no English field holds it


@pytest.mark.parametrize("query", ["meeting", "meetings", "Meeting", "budget", "budgets", "the budget"])
def test_english_words_find_the_english_document(backend, query):
    found = english(backend, query)
    assert [h.doc_id for h in found.hits] == [2]
    hit = found.hits[0]
    assert hit.english and hit.title == EXAMPLE_ENGLISH_DOC.title_en


def test_english_hits_mark_every_form_of_the_word(backend):
    hit = english(backend, "meetings").hits[0]
    assert "<mark>Meeting</mark>" in hit.title_html
    assert "<mark>meeting</mark>" in hit.snippet_html
    assert "<mark>the</mark>" not in english(backend, "the meeting").hits[0].snippet_html


def test_an_english_phrase_and_a_title_prefix(backend):
    assert [h.doc_id for h in english(backend, '"executive meetings"').hits] == [2]
    assert [h.doc_id for h in english(backend, "title:minutes").hits] == [2]
    assert english(backend, '"budget meeting"').total == 0  # the words, but not in this order


def test_the_chinese_search_never_reads_the_english_fields(backend):
    assert backend.search(SearchQuery(text="meeting")).total == 0
    chinese = backend.search(SearchQuery(text="常务会议"))
    assert {h.doc_id for h in chinese.hits} == {1, 2}
    assert all(not h.english and "常务会议" in h.title for h in chinese.hits)


def test_chinese_words_on_the_english_pages_find_chinese_documents_shown_in_chinese(backend):
    found = {h.doc_id: h for h in english(backend, "消防演练").hits}
    assert set(found) == {3}
    assert not found[3].english and found[3].title == CHINESE_ONLY.title


# --- fed from the database: reindex and the outbox -------------------------------------------------


@pytest.fixture
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    indexing.reader.cache_clear()
    yield settings.SEARCH_INDEX_DIR
    indexing.reader.cache_clear()


@pytest.mark.django_db
def test_english_text_entered_by_staff_reaches_the_index_through_the_outbox(client, index_dir):
    from gongkai.catalog import actions
    from gongkai.search import service

    ag = f.agency("青禾区财政局", "111222333")
    doc = f.document(ag, "青禾区2025年区级预算编制方案", day=dt.date(2025, 1, 6))
    clerk = f.staff("clerk", ag)
    indexing.catch_up()
    assert service.run("budget", language="en").total == 0
    actions.update_document(clerk, doc, {"title_en": "Plan for Preparing the 2025 District Budget",
                                         "body_en": "<p>The <b>budgets</b> of the district for 2025.</p>"})
    assert OutboxEntry.objects.filter(document_id=doc.pk).exists()
    indexing.catch_up()
    hits = service.run("budgets", language="en").hits
    assert [h.title for h in hits] == ["Plan for Preparing the 2025 District Budget"]
    assert "<b>" not in hits[0].snippet_html  # markup of body_en is indexed and shown as text
    assert service.run("budgets").total == 0  # the Chinese search as before
    api = client.get("/api/search", {"q": "budgets"}).json()
    assert api["total"] == 0 and set(api) == {"query", "total", "mode", "offset", "limit", "elapsed_ms", "notices",
                                              "hits", "facets"}


@pytest.mark.django_db
def test_an_index_of_an_older_schema_is_rebuilt_from_the_database(index_dir, monkeypatch):
    ag = f.agency("青禾区财政局", "111222333")
    f.document(ag, "青禾区财政专项资金管理办法", title_en="Measures for Special Budget Funds")
    OutboxEntry.objects.all().delete()
    import tantivy

    old = tantivy.SchemaBuilder()
    old.add_unsigned_field("doc_id", stored=True, indexed=True, fast=True)
    index_dir.mkdir()
    tantivy.Index(old.build(), path=str(index_dir))
    with pytest.raises(SchemaChanged):
        indexing.open_backend()  # a reader never deletes an index
    backend = indexing.open_backend(writer=True)
    assert OutboxEntry.objects.count() == 1  # every published document queued again
    indexing.apply_outbox(backend)
    backend.close()
    from gongkai.search import service

    assert [h.title for h in service.run("fund", language="en").hits] == ["Measures for Special Budget Funds"]


@pytest.mark.django_db
def test_the_english_results_page_links_english_pages_and_marks_chinese_titles(client, index_dir):
    ag = f.agency("青禾区财政局", "111222333", name_en="Qinghe District Finance Bureau")
    english = f.document(ag, "青禾区2025年区级预算编制方案", title_en="Plan for Preparing the 2025 District Budget",
                         body_en="How the budget is prepared.")
    chinese = f.document(ag, "青禾区2025年预算执行情况", body_html="<p>预算执行情况良好。</p>")
    indexing.catch_up()
    html = client.get("/en/search/", {"q": "budget"}).content.decode()
    assert f'<a href="/en/xxgk/{english.pk}/">Plan for Preparing the 2025 District <mark>Budget</mark></a>' in html
    assert "Qinghe District Finance Bureau" in html
    html = client.get("/en/search/", {"q": "预算"}).content.decode()
    assert f'<h3 lang="zh-Hans"><a href="/en/xxgk/{chinese.pk}/">' in html and "(Chinese only)" in html
    chinese_page = client.get("/search/", {"q": "预算"}).content.decode()
    assert f'<a href="/xxgk/{chinese.pk}/">' in chinese_page and 'lang="zh-Hans"' not in chinese_page.split("<main")[1]
