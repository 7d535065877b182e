"""个人中心: favourites, reading history and subscriptions, for a citizen, another citizen and an outsider."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from gongkai.accounts.models import AuditEntry
from gongkai.catalog.models import Term
from gongkai.readers import actions
from gongkai.readers.models import Favourite, Reader, Subscription, Visit
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_reader(email: str) -> User:
    user = User.objects.create_user(email, email=email, password="x")
    Reader.objects.create(user=user, confirmed_at=user.date_joined)
    return user


@pytest.fixture
def citizen(client):
    user = make_reader("citizen@example.cn")
    client.force_login(user)
    return user


@pytest.fixture
def another():
    return make_reader("another@example.cn")


@pytest.fixture
def doc():
    return f.document(f.agency(), "关于青禾区公共阅览室开放时间的通知")


def fav_url(name: str, document) -> str:
    return reverse(f"accounts:{name}", args=[document.pk])


def test_the_center_shows_the_account_and_the_feed_address(client, citizen):
    page = client.get(reverse("accounts:center")).content.decode()
    assert "citizen@example.cn" in page and "已确认" in page
    assert reverse("accounts:feed", args=[citizen.reader.feed_token]) in page
    assert '<label for="feed-url">' in page and '<label for="id_target">' in page


def test_an_outsider_is_sent_to_sign_in(client, doc):
    response = client.get(reverse("accounts:center"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=%2Faccounts%2F"
    # A POST from the document page comes back to that page after signing in, not to the POST URL.
    response = client.post(fav_url("favourite_add", doc), {"next": doc.get_absolute_url()})
    assert response.status_code == 302 and response["Location"].endswith(f"next=%2Fxxgk%2F{doc.pk}%2F")
    assert not Favourite.objects.exists()


@pytest.mark.parametrize("name, args", [
    ("favourite_add", [1]), ("favourite_remove", [1]), ("history_clear", []), ("subscription_add", []),
    ("subscription_remove", [1]), ("feed_rotate", []), ("logout", []), ("confirm_resend", []),
])
def test_post_endpoints_refuse_get(client, citizen, name, args):
    assert client.get(reverse(f"accounts:{name}", args=args)).status_code == 405


def test_the_document_page_favourites_and_records_the_visit(client, citizen, doc):
    page = client.get(doc.get_absolute_url()).content.decode()
    assert fav_url("favourite_add", doc) in page
    assert list(Visit.objects.filter(user=citizen).values_list("document_id", flat=True)) == [doc.pk]
    response = client.post(fav_url("favourite_add", doc), {"next": doc.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()
    client.post(fav_url("favourite_add", doc))  # twice is once
    assert Favourite.objects.filter(user=citizen, document=doc).count() == 1
    assert AuditEntry.objects.filter(action="reader.favourite", actor=citizen).count() == 1
    assert fav_url("favourite_remove", doc) in client.get(doc.get_absolute_url()).content.decode()
    assert doc.title in client.get(reverse("accounts:center")).content.decode()
    client.post(fav_url("favourite_remove", doc))
    assert not Favourite.objects.exists()
    assert AuditEntry.objects.filter(action="reader.unfavourite").count() == 1


def test_an_outsider_visit_leaves_no_history_and_offers_sign_in(client, doc):
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "登录后收藏" in page and not Visit.objects.exists()


def test_a_draft_cannot_be_favourited(client, citizen):
    draft = f.document(f.agency(), "未发布的草稿", publish=False)
    assert client.post(fav_url("favourite_add", draft)).status_code == 404
    assert not Favourite.objects.exists()


def test_a_reader_cannot_touch_another_readers_favourites_or_history(client, citizen, another, doc):
    actions.favourite(another, doc)
    actions.record_visit(another, doc)
    client.post(fav_url("favourite_remove", doc))
    client.post(reverse("accounts:history_clear"))
    assert Favourite.objects.filter(user=another).count() == 1
    assert Visit.objects.filter(user=another).count() == 1
    assert doc.title not in client.get(reverse("accounts:center")).content.decode()


def test_history_keeps_the_newest_distinct_documents_first(citizen, monkeypatch):
    monkeypatch.setattr(actions, "HISTORY_SIZE", 3)
    ag = f.agency()
    docs = [f.document(ag, f"文件{i}") for i in range(5)]
    for d in [*docs, docs[1]]:
        actions.record_visit(citizen, d)
    assert list(Visit.objects.filter(user=citizen).values_list("document_id", flat=True)) == [
        docs[1].pk, docs[4].pk, docs[3].pk]


def test_clearing_history(client, citizen, doc):
    actions.record_visit(citizen, doc)
    assert doc.title in client.get(reverse("accounts:center")).content.decode()
    assert client.post(reverse("accounts:history_clear")).status_code == 302
    assert not Visit.objects.filter(user=citizen).exists()
    assert AuditEntry.objects.filter(action="reader.clear_history", actor=citizen).count() == 1


def term(kind: str, name: str) -> Term:
    return Term.objects.get_or_create(kind=kind, parent=None, name=name)[0]


def test_subscribing_to_a_topic_a_genre_and_an_agency(client, citizen):
    topic, genre, ag = term("topic", "公共文化"), term("genre", "通知"), f.agency("青禾区文化局", code="")
    for value in (f"term:{topic.pk}", f"term:{genre.pk}", f"agency:{ag.pk}"):
        response = client.post(reverse("accounts:subscription_add"), {"target": value})
        assert response.status_code == 302
    subs = Subscription.objects.filter(user=citizen)
    assert {s.target for s in subs} == {topic, genre, ag}
    assert AuditEntry.objects.filter(action="reader.subscribe").count() == 3
    page = client.get(reverse("accounts:center")).content.decode()
    assert f'value="term:{topic.pk}"' not in page  # already chosen ones leave the list
    sub = subs.get(term=topic)
    client.post(reverse("accounts:subscription_remove", args=[sub.pk]))
    assert not Subscription.objects.filter(pk=sub.pk).exists()


def test_a_bad_subscription_choice_is_refused_in_the_form(client, citizen):
    combo = term("combo", "行政许可")
    for value in (f"term:{combo.pk}", "agency:999999", "term:x"):
        response = client.post(reverse("accounts:subscription_add"), {"target": value})
        assert response.status_code == 400 and 'id="id_target_error"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_reader_cannot_remove_another_readers_subscription(client, citizen, another):
    theirs = actions.subscribe(another, term("genre", "公告"))
    assert client.post(reverse("accounts:subscription_remove", args=[theirs.pk])).status_code == 404
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def test_rotating_the_feed_token_replaces_it(client, citizen):
    old = citizen.reader.feed_token
    client.post(reverse("accounts:feed_rotate"))
    citizen.reader.refresh_from_db()
    assert citizen.reader.feed_token != old
    assert AuditEntry.objects.filter(action="reader.rotate_feed").count() == 1
