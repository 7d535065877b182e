"""The public Atom feeds of newly published documents (gongkai.portal.feeds): what they list, that
the catalog links them, and that they are kept pages made stale by every change of a document."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from gongkai.catalog import actions
from gongkai.catalog.models import Term
from gongkai.pages.middleware import page_store
from gongkai.pages.store import PageKey
from tests import factories as f
from tests.test_serving_nginx import front  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def topic() -> Term:
    return Term.resolve(Term.TOPIC, "城乡建设")


@pytest.fixture
def library(topic):
    return f.document(f.agency(), "关于青山县图书馆夜间开放的通知", topic=topic)


def titles(client: Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_lists_published_documents_newest_first(client, library):
    f.document(library.agency, "关于清河区公园开放时间调整的通知")
    f.document(library.agency, "青山县道路养护计划(草稿)", publish=False)
    assert titles(client, "/xxgk/feed/") == ["关于清河区公园开放时间调整的通知", "关于青山县图书馆夜间开放的通知"]


def test_a_class_feed_lists_only_that_class(client, library, topic):
    other = f.agency("清河区文化局", code="444444444")
    f.document(other, "清河区文化局工作动态")
    assert titles(client, f"/xxgk/feed/topic/{topic.pk}/") == ["关于青山县图书馆夜间开放的通知"]
    assert titles(client, f"/xxgk/feed/agency/{other.pk}/") == ["清河区文化局工作动态"]


def test_unknown_classes_are_not_found(client, topic):
    assert client.get("/xxgk/feed/colour/1/").status_code == 404
    assert client.get(f"/xxgk/feed/genre/{topic.pk}/").status_code == 404  # a 主题 is no 体裁


def test_links_name_the_site_not_the_requests_host(client, library, settings):
    settings.SITE_URL = "https://gov.qingshan.example"
    body = client.get("/xxgk/feed/", HTTP_HOST="localhost").content.decode()
    assert f"https://gov.qingshan.example/xxgk/{library.pk}/" in body and "localhost" not in body


def test_the_catalog_links_its_feeds(client, library, topic):
    page = client.get("/xxgk/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="/xxgk/feed/"' in page
    filtered = client.get(f"/xxgk/?topic={topic.pk}").content.decode()
    assert f'href="/xxgk/feed/topic/{topic.pk}/"' in filtered


def kept(path: str) -> bool:
    return (page_store().files / PageKey(path).relpath).exists()


@pytest.mark.parametrize("change", ["publish", "edit", "withdraw"])
def test_feeds_are_kept_and_every_change_of_a_document_makes_them_stale(client, library, topic, change):
    class_feed = f"/xxgk/feed/topic/{topic.pk}/"
    for path in ("/xxgk/feed/", class_feed):
        first = client.get(path)
        assert kept(path)
        again = client.get(path)
        assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
        assert client.get(path, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    if change == "publish":
        f.document(library.agency, "关于青山县图书馆新增自习座位的通知", topic=topic)
        expected = ["关于青山县图书馆新增自习座位的通知", "关于青山县图书馆夜间开放的通知"]
    elif change == "edit":
        actions.update_document(None, library, {"title": "关于青山县图书馆延时开放的通知"}, system=True)
        expected = ["关于青山县图书馆延时开放的通知"]
    else:
        actions.withdraw(None, library, reason="内容有误", system=True)
        expected = []
    assert not kept("/xxgk/feed/") and not kept(class_feed)
    assert titles(client, "/xxgk/feed/") == expected == titles(client, class_feed)


def test_nginx_serves_a_kept_feed_as_atom(front, topic):
    from tests.test_serving_nginx import from_django, get

    doc = f.document(f.agency(), "关于青山县图书馆夜间开放的通知", topic=topic)
    status, headers, first = get(f"{front}/xxgk/feed/")
    assert status == 200 and from_django(headers)  # rendered and kept
    status, headers, again = get(f"{front}/xxgk/feed/")
    assert status == 200 and not from_django(headers) and again == first  # the file, by nginx
    assert headers["Content-Type"].startswith("application/atom+xml")
    actions.update_document(None, doc, {"title": "关于青山县图书馆延时开放的通知"}, system=True)
    assert "延时开放" in get(f"{front}/xxgk/feed/")[2]
