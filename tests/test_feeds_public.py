"""The public feeds as a feed reader sees them (feedparser): Atom and RSS 2.0 of the newest documents,
per 主题, 体裁, 组配 (column) and 发布机构, the decision register's feed, conditional GET, and the
<link rel="alternate"> and <link rel="search"> that pages carry. (tests/test_public_feeds.py covers
what the Atom feeds list and how they are kept.)"""

from __future__ import annotations

import feedparser
import pytest

from gongkai.catalog.models import Term
from tests import factories as f
from tests.test_minutes_records import publish_minutes, qinghe

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    ag = qinghe()
    topic, combo = Term.resolve(Term.TOPIC, "城乡建设"), Term.resolve(Term.COMBO, "政策文件")
    genre = Term.resolve(Term.GENRE, "通告")
    park = f.document(ag["housing"], "关于试行公园预约入园的通告", topic=topic, combo=combo, genre=genre)
    library = f.document(ag["office"], "关于图书馆夜间开放的通知")
    minutes = publish_minutes(ag["office"])
    return {**ag, "topic": topic, "combo": combo, "genre": genre, "park": park, "library": library,
            "minutes": minutes}


def parse(client, path: str, version: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


@pytest.mark.parametrize(("suffix", "version"), [("", "atom10"), ("rss/", "rss20")])
def test_the_newest_documents_in_atom_and_rss(client, catalog, suffix, version):
    feed = parse(client, f"/xxgk/feed/{suffix}", version)
    assert {e.title for e in feed.entries} == {"关于试行公园预约入园的通告", "关于图书馆夜间开放的通知",
                                               catalog["minutes"].title}
    park = next(e for e in feed.entries if e.title == "关于试行公园预约入园的通告")
    assert park.link.endswith(f"/xxgk/{catalog['park'].pk}/")
    assert catalog["park"].index_no in park.summary
    assert feed.feed.title.endswith("最新公开")


@pytest.mark.parametrize("kind", ["topic", "genre", "combo", "agency"])
@pytest.mark.parametrize(("suffix", "version"), [("", "atom10"), ("rss/", "rss20")])
def test_a_feed_per_class_lists_only_that_class(client, catalog, kind, suffix, version):
    pk = catalog["housing"].pk if kind == "agency" else catalog[kind].pk
    feed = parse(client, f"/xxgk/feed/{kind}/{pk}/{suffix}", version)
    assert [e.title for e in feed.entries] == ["关于试行公园预约入园的通告"]


@pytest.mark.parametrize(("suffix", "version"), [("", "atom10"), ("rss/", "rss20")])
def test_the_decisions_feed_has_an_entry_per_agenda_item(client, catalog, suffix, version):
    feed = parse(client, f"/xxgk/feed/decisions/{suffix}", version)
    assert len(feed.entries) >= 2
    assert all(e.link.endswith(f"/xxgk/{catalog['minutes'].pk}/") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert feed.feed.title.endswith("常务会议决定")


@pytest.mark.parametrize("path", ["/xxgk/feed/rss/", "/xxgk/feed/decisions/", "/xxgk/feed/decisions/rss/",
                                  "/xxgk/feed/"])
def test_feeds_answer_conditional_gets(client, catalog, settings, path):
    settings.PAGE_CACHE = False  # Django's own answer, not the kept page's
    first = client.get(path)
    assert first.status_code == 200 and first["Last-Modified"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_an_unknown_class_is_not_found(client, catalog):
    assert client.get("/xxgk/feed/colour/1/rss/").status_code == 404
    assert client.get(f"/xxgk/feed/genre/{catalog['topic'].pk}/rss/").status_code == 404


def test_pages_name_the_feeds_and_the_site_search(client, catalog):
    for path in ("/", f"/xxgk/{catalog['park'].pk}/", "/decisions/", "/en/"):
        html = client.get(path).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html, path
        assert 'type="application/opensearchdescription+xml"' in html and 'href="/opensearch.xml"' in html
    assert 'href="/en/xxgk/feed/decisions/"' in client.get("/en/").content.decode()
    filtered = client.get(f"/xxgk/?combo={catalog['combo'].pk}").content.decode()
    assert f'href="/xxgk/feed/combo/{catalog["combo"].pk}/"' in filtered
