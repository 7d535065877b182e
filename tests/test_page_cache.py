"""Published pages kept as files (gongkai.pages): the same bytes for every reader, nothing personal
kept, validators and 304s, and every change that alters a page makes it stale — on the node that
made the change at once, and on every other node when its indexer applies the page-change log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai.catalog import actions
from gongkai.catalog.models import SiteSettings, Term
from gongkai.minutes.actions import correct_meeting
from gongkai.minutes.models import MeetingRecord
from gongkai.pages import changes
from gongkai.pages.middleware import page_store
from gongkai.pages.models import PageChange
from gongkai.pages.store import PageKey, PageStore
from gongkai.readers import actions as reader_actions
from gongkai.readers.models import Reader, Visit
from tests import factories as f
from tests.test_minutes_records import publish_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def topic() -> Term:
    return Term.resolve(Term.TOPIC, "城乡建设")


@pytest.fixture
def doc(topic):
    return f.document(f.agency(), "关于青山县公共阅览室开放时间的通知", topic=topic)


@pytest.fixture
def citizen() -> User:
    user = User.objects.create_user("reader@example.cn", email="reader@example.cn", password="x")
    Reader.objects.create(user=user, confirmed_at=user.date_joined)
    return user


def kept(path: str) -> Path:
    return page_store().files / PageKey(path).relpath


def visit(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content


# --- kept and served ------------------------------------------------------------------------------


def test_a_published_page_is_kept_and_then_served_from_its_file(client, doc):
    first = visit(client, doc.get_absolute_url())
    assert kept(doc.get_absolute_url()).read_bytes() == first
    kept(doc.get_absolute_url()).write_bytes(first.replace("开放时间".encode(), "开放安排".encode()))
    assert "开放安排" in visit(client, doc.get_absolute_url()).decode()


@pytest.mark.parametrize("prefix, title", [("", "开放时间"), ("/zh-hant", "開放時間"), ("/en", "开放时间")])
def test_pages_are_kept_in_each_language(client, doc, prefix, title):
    for path in (f"{prefix}/", f"{prefix}/xxgk/", f"{prefix}/xxgk/{doc.pk}/", f"{prefix}/decisions/"):
        visit(client, path)
        assert kept(path).exists(), path
    assert title in kept(f"{prefix}/xxgk/{doc.pk}/").read_text(encoding="utf-8")


def test_validators_and_not_modified(client, doc):
    url = doc.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["Cache-Control"] == "no-cache" and response["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_signed_in_and_anonymous_readers_get_the_same_bytes(client, doc, citizen):
    reader = Client()
    reader.force_login(citizen)
    reader_actions.favourite(citizen, doc)
    signed_in_first = visit(reader, doc.get_absolute_url())  # the reader's visit renders and keeps it
    assert visit(client, doc.get_absolute_url()) == signed_in_first == kept(doc.get_absolute_url()).read_bytes()
    assert visit(reader, "/") == visit(client, "/")
    # The visit is still the reader's own 阅读记录, though the page came from its file.
    assert list(Visit.objects.filter(user=citizen).values_list("document_id", flat=True)) == [doc.pk]


def test_nothing_personal_is_kept(client, doc, citizen):
    reader = Client()
    reader.force_login(citizen)
    reader_actions.favourite(citizen, doc)
    for path in ("/", doc.get_absolute_url(), "/xxgk/", "/decisions/"):
        page = visit(reader, path).decode()
        for personal in ("reader@example.cn", "csrfmiddlewaretoken", ">个人中心<", 'aria-pressed="true" hidden'):
            assert personal not in page, (path, personal)
    # Pages that are personal or carry a form token are never kept.
    for path in ("/accounts/", "/accounts/login/", "/ask/", "/a11y/", "/reader/state.json"):
        reader.get(path)
        client.get(path)
        assert not kept(path).exists(), path


def test_the_personal_parts_come_from_the_reader_state(client, doc, citizen):
    anonymous = client.get(f"/reader/state.json?doc={doc.pk}")
    assert anonymous.json() == {"signed_in": False}
    assert anonymous["Cache-Control"] == "private, no-store"
    client.force_login(citizen)
    assert client.get(f"/reader/state.json?doc={doc.pk}").json()["favourite"] is False
    reader_actions.favourite(citizen, doc)
    state = client.get(f"/reader/state.json?doc={doc.pk}").json()
    assert state["signed_in"] and state["favourite"] and state["csrf"]


def test_display_settings_are_a_variant_of_their_own(client, doc):
    plain = visit(client, doc.get_absolute_url())
    client.cookies["a11y_contrast"] = "high"
    contrast = visit(client, doc.get_absolute_url())
    assert b"high-contrast" in contrast and b"high-contrast" not in plain
    assert kept(doc.get_absolute_url()).read_bytes() == plain


def test_query_strings_are_kept_only_with_the_views_own_parameters(client, doc, topic):
    visit(client, f"/xxgk/?topic={topic.pk}")
    assert page_store().files.joinpath("xxgk/_v").is_dir()
    visit(client, "/xxgk/?utm_source=robot")
    assert len(list(page_store().files.joinpath("xxgk/_v").iterdir())) == 1


# --- every change that alters a page makes it stale -----------------------------------------------


def test_editing_a_document_makes_its_page_and_the_lists_stale(client, doc):
    for path in (doc.get_absolute_url(), "/", "/xxgk/", "/en/xxgk/"):
        visit(client, path)
    actions.update_document(None, doc, {"title": "关于青山县公共阅览室延长开放时间的通知"}, system=True)
    for path in (doc.get_absolute_url(), "/", "/xxgk/", "/en/xxgk/"):
        assert not kept(path).exists(), path
    assert "延长开放时间" in visit(client, doc.get_absolute_url()).decode()


def test_publishing_makes_the_lists_stale_but_not_unrelated_pages(client, doc):
    other = f.document(f.agency("清河区教育局", code="222222222"), "关于清河区校园开放日的通知")
    visit(client, "/xxgk/")
    visit(client, other.get_absolute_url())
    visit(client, "/service/")
    draft = actions.create_document(None, doc.agency, {"title": "关于青山县新设阅览点的通知"}, system=True)
    actions.publish(None, draft, day=dt.date(2024, 3, 2), system=True)
    assert not kept("/xxgk/").exists()
    assert kept(other.get_absolute_url()).exists() and kept("/service/").exists()
    assert "新设阅览点" in visit(client, "/xxgk/").decode()


def test_withdrawing_makes_the_page_stale_and_it_says_so(client, doc):
    visit(client, doc.get_absolute_url())
    actions.withdraw(None, doc, reason="内容有误", system=True)
    assert not kept(doc.get_absolute_url()).exists()
    assert "内容有误" in visit(client, doc.get_absolute_url()).decode()


def test_abolishing_makes_the_page_stale(client, doc):
    visit(client, doc.get_absolute_url())
    actions.update_document(None, doc, {"abolished_date": dt.date(2024, 6, 1)}, system=True)
    assert not kept(doc.get_absolute_url()).exists()
    assert "本文件当前状态" in visit(client, doc.get_absolute_url()).decode()


def test_a_new_day_forgets_every_page(client, doc):
    """Every page shows the date, and a 废止日期 arriving at midnight changes a document's validity."""
    store = page_store()
    changes.check_day(store, today=dt.date(2030, 5, 1))
    actions.update_document(None, doc, {"abolished_date": dt.date(2030, 5, 2)}, system=True)
    visit(client, doc.get_absolute_url())
    assert not changes.check_day(store, today=dt.date(2030, 5, 1))
    assert kept(doc.get_absolute_url()).exists()
    assert changes.check_day(store, today=dt.date(2030, 5, 2))
    assert not kept(doc.get_absolute_url()).exists()


def test_a_new_day_requeues_for_search_the_documents_it_abolished(doc, settings, tmp_path, monkeypatch):
    """The search index shows 有效性 too: a 废止日期 or 失效日期 arriving at midnight queues the
    document again, once, and the indexer's next round writes its new validity."""
    from django.utils import timezone

    from gongkai.search import indexing
    from gongkai.search.backend import SearchQuery

    settings.SEARCH_INDEX_DIR, settings.SEARCH_BACKEND = tmp_path / "index", "tantivy"
    indexing.reader.cache_clear()
    expiring = f.document(doc.agency, "关于公共阅览室临时闭馆的通告")
    actions.update_document(None, doc, {"abolished_date": dt.date(2030, 5, 2)}, system=True)
    actions.update_document(None, expiring, {"expires_date": dt.date(2030, 5, 3)}, system=True)
    today = [dt.date(2030, 5, 1)]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today[0])

    def validity() -> dict[str, str]:
        return {h.title: h.validity for h in indexing.reader().search(SearchQuery(text="阅览室")).hits}

    def indexer_round() -> None:
        backend = indexing.open_backend(writer=True)
        try:
            indexing.index_round(backend)
        finally:
            backend.close()
        indexing.reader().reload()

    indexer_round()
    assert validity() == {doc.title: "有效", expiring.title: "有效"}
    today[0] = dt.date(2030, 5, 2)
    assert indexing.check_day() == 1 and indexing.check_day() == 0  # queued once, not on every round
    indexer_round()
    assert validity() == {doc.title: "废止", expiring.title: "有效"}
    today[0] = dt.date(2030, 5, 4)  # the indexer was down on the 3rd: what came meanwhile is queued too
    indexer_round()
    assert validity() == {doc.title: "废止", expiring.title: "失效"}
    indexing.reader.cache_clear()


def test_a_page_written_before_today_is_not_served(client, doc, monkeypatch):
    import os

    visit(client, doc.get_absolute_url())
    path = kept(doc.get_absolute_url())
    path.write_bytes(b"<p>yesterday</p>")
    yesterday = dt.datetime.now().timestamp() - 2 * 86400
    os.utime(path, (yesterday, yesterday))
    assert b"yesterday" not in visit(client, doc.get_absolute_url())


def test_a_minutes_correction_makes_its_document_and_the_register_stale(client):
    minutes = publish_minutes(f.agency("青山县人民政府办公室", code="333333333"))
    record = MeetingRecord.objects.get(document=minutes)
    visit(client, minutes.get_absolute_url())
    visit(client, "/decisions/")
    correct_meeting(None, record, {"chair": "县长王一明"}, system=True)
    assert not kept(minutes.get_absolute_url()).exists() and not kept("/decisions/").exists()


def test_a_change_of_related_reading_makes_the_page_stale(client, doc, topic):
    """A new document of the same class may enter the 相关阅读 of every page of that class."""
    visit(client, doc.get_absolute_url())
    assert kept(doc.get_absolute_url()).exists()
    newcomer = f.document(f.agency("清河区文化局", code="444444444"), "关于清河区图书馆夜间开放的通知", topic=topic)
    assert not kept(doc.get_absolute_url()).exists()
    assert "图书馆夜间开放" in visit(client, doc.get_absolute_url()).decode()
    actions.update_document(None, newcomer, {"title": "关于清河区图书馆延时开放的通知"}, system=True)
    assert "图书馆延时开放" in visit(client, doc.get_absolute_url()).decode()


def test_a_site_settings_change_forgets_every_page(client, doc):
    visit(client, doc.get_absolute_url())
    visit(client, "/about/")
    site = SiteSettings.get()
    site.address = "青山县新华路2号"
    site.save()
    assert page_store().count() == 0 and not kept("/about/").exists()


# --- every node --------------------------------------------------------------------------------------


def other_node(tmp_path: Path, client: Client, doc) -> PageStore:
    """A second application node: its own page files, kept while it served the document."""
    node = PageStore(tmp_path / "node-2")
    changes.apply_changes(node)  # a new node starts afresh from the log's end
    key = PageKey(doc.get_absolute_url())
    node.write(key, visit(client, doc.get_absolute_url()), [f"doc:{doc.pk}", "list"], node.epoch())
    return node


def test_another_nodes_indexer_applies_the_change(client, doc, tmp_path):
    node = other_node(tmp_path, client, doc)
    actions.update_document(None, doc, {"title": "关于青山县阅览室改造的通知"}, system=True)
    assert node.read(PageKey(doc.get_absolute_url())) is not None  # nothing told it yet
    assert changes.apply_changes(node) == 1
    assert node.read(PageKey(doc.get_absolute_url())) is None
    assert changes.apply_changes(node) == 0  # applied once


def test_a_row_committed_late_is_still_applied(client, doc, tmp_path):
    node = other_node(tmp_path, client, doc)
    later = PageChange.objects.create(kind=PageChange.DOCUMENT, document_id=doc.pk)
    PageChange.objects.create(kind=PageChange.SITE)
    node.mark_applied([later.id + 1])  # as if the higher id had committed and been applied first
    changes.apply_changes(node)
    assert node.read(PageKey(doc.get_absolute_url())) is None


def test_a_node_that_missed_pruned_rows_starts_afresh(client, doc, tmp_path):
    node = other_node(tmp_path, client, doc)
    old = PageChange.objects.create(kind=PageChange.DOCUMENT, document_id=doc.pk)
    PageChange.objects.create(kind=PageChange.DOCUMENT, document_id=doc.pk)
    PageChange.objects.filter(pk=old.pk).delete()  # pruned before this node applied it
    changes.apply_changes(node)
    assert node.count() == 0


def test_a_page_rendered_across_an_invalidation_is_not_kept(doc, tmp_path):
    store = PageStore(tmp_path / "race")
    epoch = store.epoch()  # the render starts
    store.invalidate([f"doc:{doc.pk}"])  # a change is applied meanwhile
    assert store.write(PageKey("/xxgk/1/"), b"old", [f"doc:{doc.pk}"], epoch) is None
    assert store.read(PageKey("/xxgk/1/")) is None


def test_variants_stop_being_kept_at_the_limit(client, doc, monkeypatch):
    from gongkai.pages import store

    monkeypatch.setattr(store, "MAX_VARIANTS", 2)
    for page in (1, 2, 3):
        visit(client, f"/xxgk/?page={page}")
    assert len(list(page_store().files.joinpath("xxgk/_v").iterdir())) == 2
    visit(client, "/xxgk/")  # the page itself is always kept
    assert kept("/xxgk/").exists()


def test_pages_are_kept_when_staff_must_give_a_second_factor(client, doc, settings):
    # The second-factor guard looks at the path before the user: a public page's session stays unread.
    settings.STAFF_OTP_REQUIRED = True
    visit(client, doc.get_absolute_url())
    assert kept(doc.get_absolute_url()).exists()
