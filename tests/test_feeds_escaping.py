"""Atom feeds put HTML into <summary type="html">: plain text (an agency's name, a title, a summary)
must arrive there escaped, so that markup in it is shown as text by feed readers, never run."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from gongkai.readers.models import Subscription, reader_of
from tests import factories as f

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP_NAME = '青禾区<img src=x onerror="alert(1)">试点办'
MARKUP_SUMMARY = "摘要<script>alert(2)</script>结束 & 其他"


@pytest.fixture
def agency():
    return f.agency(MARKUP_NAME, "987654321")


@pytest.fixture
def doc(agency):
    return f.document(agency, "关于<b>加粗</b>标题的通知", summary=MARKUP_SUMMARY)


def summary_html(content: bytes) -> str:
    """What a feed reader renders: the summary's text, parsed as HTML."""
    root = ET.fromstring(content)
    entries = list(root.iter(f"{ATOM}entry"))
    assert entries
    node = entries[0].find(f"{ATOM}summary")
    assert node is not None and node.get("type") == "html"
    return node.text or ""


def assert_no_live_markup(fragment: str) -> None:
    """Parsed as a feed reader parses it: only line breaks as elements, the rest visible as text."""
    tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert {el.tag for el in tree.iter()} == {"div", "br"}
    text = tree.text_content()
    assert MARKUP_NAME in text and MARKUP_SUMMARY in text


def test_the_public_feed_escapes_an_agencys_name(client, doc):
    response = client.get(reverse("portal:feed"))
    assert response.status_code == 200
    assert_no_live_markup(summary_html(response.content))


def test_a_class_feed_escapes_too(client, doc, agency):
    response = client.get(reverse("portal:class_feed", args=["agency", agency.pk]))
    assert response.status_code == 200
    assert_no_live_markup(summary_html(response.content))
    # The feed's own title is Atom text (no type): it carries the name as it is, once escaped for XML.
    assert MARKUP_NAME in ET.fromstring(response.content).findtext(f"{ATOM}title")


def test_a_readers_personal_feed_escapes_too(client, doc, agency):
    user = User.objects.create_user("reader@example.cn", "reader@example.cn", "correct horse battery")
    Subscription.objects.create(user=user, agency=agency)
    reader = reader_of(user)
    response = client.get(reverse("accounts:feed", args=[reader.feed_token]))
    assert response.status_code == 200
    assert_no_live_markup(summary_html(response.content))


def test_the_summary_keeps_its_parts_on_separate_lines(client, doc):
    fragment = summary_html(client.get(reverse("portal:feed")).content)
    assert fragment.count("<br>") == 2 and fragment.startswith("索引号: ")
