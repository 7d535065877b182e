"""The subscription digest (matching, once only, concurrent workers) and the personal Atom feed."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from gongkai.catalog.models import Term
from gongkai.readers import actions, digest
from gongkai.readers.models import Digest, Reader, Subscription
from tests import factories as f

ATOM = "{http://www.w3.org/2005/Atom}"


def make_reader(email: str, confirmed: bool = True, active: bool = True) -> User:
    user = User.objects.create_user(email, email=email, password="x", is_active=active)
    Reader.objects.create(user=user, confirmed_at=timezone.now() if confirmed else None)
    return user


def term(kind: str, name: str, parent: Term | None = None) -> Term:
    return Term.objects.get_or_create(kind=kind, parent=parent, name=name)[0]


def today_doc(ag, title: str, **fields):
    return f.document(ag, title, day=timezone.localdate(), **fields)


@pytest.fixture
def world(db):
    """A citizen who follows a topic (with a sub-topic) and an agency; another citizen who follows a genre."""
    culture = term("topic", "公共文化")
    libraries = term("topic", "图书馆", parent=culture)
    notice = term("genre", "通知")
    office, bureau = f.agency("青禾区人民政府办公室"), f.agency("青禾区文化局", code="987654321")
    citizen, another = make_reader("citizen@example.cn"), make_reader("another@example.cn")
    actions.subscribe(citizen, culture)
    actions.subscribe(citizen, bureau)
    actions.subscribe(another, notice)
    return {"citizen": citizen, "another": another, "office": office, "bureau": bureau,
            "libraries": libraries, "notice": notice}


@pytest.mark.django_db
def test_a_digest_carries_only_matching_new_documents(world, mailoutbox, settings):
    settings.SITE_URL = "https://gov.example.cn"
    w = world
    by_topic = today_doc(w["office"], "关于延长街道图书馆开放时间的通知", topic=w["libraries"])
    by_agency = today_doc(w["bureau"], "青禾区文化局2024年工作要点")
    unrelated = today_doc(w["office"], "关于做好防汛工作的意见")
    archive = f.document(w["bureau"], "十年前的旧文件", day=timezone.localdate() - dt.timedelta(days=3650))
    result = digest.send_digests()
    assert (result.sent, result.failed) == (1, 0)  # `another` follows 通知, and nothing was filed as one
    [message] = mailoutbox
    assert message.to == ["citizen@example.cn"]
    for d in (by_topic, by_agency):
        assert d.title in message.body and d.index_no in message.body
        assert f"https://gov.example.cn/xxgk/{d.pk}/" in message.body
    assert unrelated.title not in message.body and archive.title not in message.body
    sent = Digest.objects.get(user=w["citizen"])
    assert sent.sent_at is not None
    assert set(sent.documents.values_list("pk", flat=True)) == {by_topic.pk, by_agency.pk}


@pytest.mark.django_db
def test_running_again_sends_nothing_twice(world, mailoutbox):
    first = today_doc(world["bureau"], "第一份")
    digest.send_digests()
    assert digest.send_digests().sent == 0
    second = today_doc(world["bureau"], "第二份")
    digest.send_digests()
    assert len(mailoutbox) == 2
    assert second.title in mailoutbox[1].body and first.title not in mailoutbox[1].body
    assert Digest.objects.filter(user=world["citizen"]).count() == 2


@pytest.mark.django_db
def test_a_publication_committed_late_still_arrives_once(world, mailoutbox):
    """A document whose publication time falls before a run, but which that run did not see."""
    Subscription.objects.update(created_at=timezone.now() - dt.timedelta(days=1))
    earlier = timezone.now() - dt.timedelta(minutes=5)
    today_doc(world["bureau"], "先到的文件")
    digest.send_digests(now=timezone.now())
    late = today_doc(world["bureau"], "晚提交的文件")
    type(late).objects.filter(pk=late.pk).update(published_at=earlier)
    digest.send_digests()
    digest.send_digests()
    assert [("晚提交的文件" in m.body) for m in mailoutbox] == [False, True]


@pytest.mark.django_db
def test_unconfirmed_inactive_and_unsubscribed_readers_get_nothing(world, mailoutbox):
    for email, confirmed, active in (("new@example.cn", False, False), ("off@example.cn", True, False)):
        actions.subscribe(make_reader(email, confirmed, active), world["bureau"])
    make_reader("idle@example.cn")
    today_doc(world["bureau"], "文件")
    digest.send_digests()
    assert [m.to for m in mailoutbox] == [["citizen@example.cn"]]


@pytest.mark.django_db
def test_a_reader_claimed_by_another_worker_is_left_alone(world, mailoutbox):
    today_doc(world["bureau"], "文件")
    reader = world["citizen"].reader
    assert digest.claim(reader.pk, timezone.now()) is not None
    result = digest.send_digests()
    assert (result.sent, result.claimed_elsewhere) == (0, 1) and mailoutbox == []


@pytest.mark.django_db
def test_a_failed_send_is_retried_next_time(world, mailoutbox, monkeypatch):
    doc = today_doc(world["bureau"], "文件")

    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    assert digest.send_digests().failed == 1
    assert not Digest.objects.exists()
    monkeypatch.undo()
    assert digest.send_digests().sent == 1 and doc.title in mailoutbox[0].body
    assert Reader.objects.get(pk=world["citizen"].reader.pk).digest_claimed_until is None


@pytest.mark.django_db
def test_the_command_reports_what_it_did(world, mailoutbox):
    today_doc(world["bureau"], "文件")
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "sent 1" in out.getvalue() and len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_once(mailoutbox):
    bureau = f.agency("青禾区文化局", code="987654321")
    readers = [make_reader(f"reader{i}@example.cn") for i in range(6)]
    for user in readers:
        actions.subscribe(user, bureau)
    today_doc(bureau, "并发测试文件")
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            digest.send_digests()
        except BaseException as exc:  # a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in readers)
    assert Digest.objects.count() == len(readers)


def feed(client, token: str):
    return client.get(reverse("accounts:feed", args=[token]))


@pytest.mark.django_db
def test_the_feed_is_atom_with_only_matching_documents(client, world):
    matching = today_doc(world["bureau"], "文化局的文件")
    by_topic = today_doc(world["office"], "图书馆的文件", topic=world["libraries"])
    other = today_doc(world["office"], "无关的文件")
    draft = f.document(world["bureau"], "文化局的草稿", publish=False)
    response = feed(client, world["citizen"].reader.feed_token)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert response["X-Robots-Tag"] == "noindex"
    root = etree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = {e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")}
    assert titles == {matching.title, by_topic.title}
    assert other.title not in titles and draft.title not in titles
    links = {e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")}
    assert f"http://testserver/xxgk/{matching.pk}/" in links


@pytest.mark.django_db
def test_a_bad_or_revoked_feed_token_is_not_found(client, world):
    reader = world["citizen"].reader
    old = reader.feed_token
    assert feed(client, "not-a-token").status_code == 404
    actions.rotate_feed_token(world["citizen"])
    assert feed(client, old).status_code == 404
    reader.refresh_from_db()
    assert feed(client, reader.feed_token).status_code == 200
    User.objects.filter(pk=world["citizen"].pk).update(is_active=False)
    assert feed(client, reader.feed_token).status_code == 404
